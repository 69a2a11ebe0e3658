"""A scene plan -> the placement step of every object copy, in an order where what an
object relates to is placed first, and the finished trimesh scene: one node per object,
holding that object's meshes (one per material)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import trimesh
from manifold3d import Manifold, Mesh, OpType

from meshforge.engines.text_to_3d.layout import Layout, Pose, Step
from meshforge.engines.text_to_3d.scene_plan import (
    AROUND,
    BETWEEN,
    IN,
    ON,
    UNDER,
    WITH,
    ScenePlan,
)
from meshforge.engines.text_to_3d.vocabulary import Category

# Kinds people sit on: they turn to face the table, desk or piano they stand with.
SEATS = frozenset({"chair", "stool", "armchair", "office_chair", "rocking_chair", "sofa", "bench"})


@dataclass(frozen=True)
class Item:
    id: int  # position in the plan's list of copies (objects in order, copies in order)
    obj: int  # index of the plan object
    copy: int  # which copy of it
    step: Step  # its target is another item's id


def items_of(plan: ScenePlan, categories: Sequence[Category]) -> list[Item]:
    """Every copy of every object with the step that places it, targets first."""
    ids: list[list[int]] = []
    for obj in plan.objects:
        start = sum(len(i) for i in ids)
        ids.append(list(range(start, start + obj.copies)))
    steps: dict[int, Step] = {}
    owner = {item: (o, k) for o, group in enumerate(ids) for k, item in enumerate(group)}
    for o in range(len(plan.objects)):
        steps.update(_steps_of(plan, categories, ids, o))
    _between(plan, ids, steps)
    order = _targets_first(steps)
    return [Item(i, owner[i][0], owner[i][1], steps[i]) for i in order]


def _steps_of(
    plan: ScenePlan, categories: Sequence[Category], ids: list[list[int]], o: int
) -> dict[int, Step]:
    obj, items = plan.objects[o], ids[o]
    chain = [Step("on" if obj.arrangement == "stack" else "beside", p) for p in items[:-1]]
    if obj.placement is None or not obj.placement.targets:
        return dict(zip(items, [Step("root"), *chain], strict=True))
    target_obj = obj.placement.targets[0]
    target = ids[target_obj][0]
    relation = obj.placement.relation
    seat = categories[obj.category].name in SEATS
    if relation == WITH:
        holder = categories[plan.objects[target_obj].category]
        small = categories[obj.category].place == "small"
        relation = ON if small and holder.holds else AROUND if seat else "beside"
    if relation in (ON, IN) and obj.arrangement != "stack" or relation == AROUND:
        n = len(items)
        return {item: Step(relation, target, k, n, seat) for k, item in enumerate(items)}
    first = Step(relation if relation != BETWEEN else "beside", target, 0, 1, seat)
    if relation == UNDER:
        first = Step("under", target)
    return dict(zip(items, [first, *chain], strict=True))


def _between(plan: ScenePlan, ids: list[list[int]], steps: dict[int, Step]) -> None:
    """ "A between B and C": B, then A beside it, then C beside A."""
    for o, obj in enumerate(plan.objects):
        if obj.placement is None or obj.placement.relation != BETWEEN:
            continue
        targets = obj.placement.targets
        second = ids[targets[1]][0] if len(targets) > 1 else None
        if second is None and len(ids[targets[0]]) > 1:
            second = ids[targets[0]][1]
        if second is not None:
            steps[second] = Step("beside", ids[o][0])


def _targets_first(steps: dict[int, Step]) -> list[int]:
    """Item ids ordered so that every target comes before the items placed by it."""
    order: list[int] = []
    waiting = sorted(steps)
    while waiting:
        ready = [i for i in waiting if steps[i].target is None or steps[i].target in order]
        if not ready:  # a cycle: place the first waiting item on its own
            steps[waiting[0]] = Step("root")
            ready = [waiting[0]]
        order.extend(ready)
        waiting = [i for i in waiting if i not in ready]
    return order


def lay_out(items: list[Item], solids: list[Manifold]) -> list[Pose]:
    """The pose of every item, by item id; `solids[id]` is that item at its origin."""
    layout = Layout(solids)
    for item in items:
        layout.place(item.id, item.step)
    return [layout.poses[i] for i in range(len(solids))]


def solid_of(meshes: Sequence[trimesh.Trimesh]) -> Manifold:
    """One collision solid for an object: the union of its closed (undressed) meshes."""
    solids = [
        Manifold(
            Mesh(
                vert_properties=np.asarray(m.vertices, dtype=np.float32),
                tri_verts=np.asarray(m.faces, dtype=np.uint32),
            )
        )
        for m in meshes
    ]
    return Manifold.batch_boolean(solids, OpType.Add)


def assemble(
    names: list[str], meshes: list[list[trimesh.Trimesh]], poses: list[Pose]
) -> trimesh.Scene:
    """A scene with one node per object, named after it, holding its meshes."""
    scene = trimesh.Scene()
    base = scene.graph.base_frame
    for name, group, pose in zip(names, meshes, poses, strict=True):
        scene.graph.update(frame_from=base, frame_to=name, matrix=pose.matrix())  # type: ignore[no-untyped-call]
        for mesh in group:
            part = f"{name}/{mesh.metadata['name']}"
            scene.add_geometry(mesh, node_name=part, geom_name=part, parent_node_name=name)
    return scene


def centred(scene: trimesh.Scene) -> trimesh.Scene:
    """Move the whole scene so it stands on y = 0 centred on x and z (as one object does)."""
    low, high = scene.bounds
    shift = np.eye(4)
    shift[:3, 3] = [-(low[0] + high[0]) / 2, -low[1], -(low[2] + high[2]) / 2]
    scene.apply_transform(shift)  # type: ignore[no-untyped-call]
    return scene
