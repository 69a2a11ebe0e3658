"""Where each object of a scene goes: on the ground side by side, around or beside
another, or dropped onto or into another until it touches.

Every placement is checked against the solids already placed with exact manifold
booleans, so two objects never intersect, and everything rests either on the ground
(y = 0) or on what it was dropped onto: the drop stops at the first contact.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.shapes import union

GAP = 0.06  # metres left between neighbours on the ground
_CLEARANCE = 0.0008  # lift above a contact, so touching is not intersecting
_OVERLAP = 1e-9  # m^3 of intersection that still counts as touching


@dataclass(frozen=True)
class Pose:
    x: float
    y: float
    z: float
    turn: float = 0.0  # degrees about +Y

    def matrix(self) -> np.ndarray:
        c, s = math.cos(math.radians(self.turn)), math.sin(math.radians(self.turn))
        return np.array(
            [[c, 0.0, s, self.x], [0.0, 1.0, 0.0, self.y], [-s, 0.0, c, self.z], [0, 0, 0, 1.0]]
        )


@dataclass(frozen=True)
class Step:
    """How one item is placed: a relation to an item placed before it (or the ground)."""

    relation: str  # "root", "beside", "front", "behind", "around", "on", "in", "under"
    target: int | None = None
    slot: int = 0  # its place among the items sharing this relation to the target
    slots: int = 1
    faces: bool = False  # turn to face the target (chairs around a table)


class Layout:
    """Places items one after another; `solids[i]` is item i at its own origin, resting
    on y = 0 and centred on x and z."""

    def __init__(self, solids: list[Manifold]) -> None:
        self._local = solids
        self.poses: dict[int, Pose] = {}
        self._world: dict[int, Manifold] = {}
        self._on: dict[int, int] = {}  # item -> the item it was dropped onto

    def place(self, item: int, step: Step) -> Pose:
        if step.target is None or step.target not in self.poses:
            pose = self._beside_all(item)
        elif step.relation in ("on", "in"):
            pose = self._onto(item, step) or self._toward(item, step.target, 0.0, False)
        elif step.relation == "under":
            pose = self._under(item, step.target) or self._toward(item, step.target, 0.0, False)
        else:
            pose = self._on_ground(item, step)
        self.poses[item] = pose
        self._world[item] = self._at(item, pose)
        return pose

    # -- on the ground -------------------------------------------------------------

    def _on_ground(self, item: int, step: Step) -> Pose:
        assert step.target is not None
        if step.relation == "around":
            angle = math.pi / 2 + 2 * math.pi * step.slot / max(step.slots, 1)
            return self._toward(item, step.target, angle, step.faces)
        angle = {"front": math.pi / 2, "behind": -math.pi / 2}.get(step.relation, 0.0)
        return self._toward(item, step.target, angle, step.faces)

    def _toward(self, item: int, target: int, angle: float, faces: bool) -> Pose:
        """On the ground in direction `angle` (radians in XZ, 0 = +X) from the target,
        as close as it goes without touching anything."""
        tx, tz = self.poses[target].x, self.poses[target].z
        dx, dz = math.cos(angle), math.sin(angle)
        turn = math.degrees(math.atan2(-dx, -dz)) if faces else 0.0
        reach = self._radius(target, dx, dz) + self._radius_local(item, turn, -dx, -dz) + GAP
        for _ in range(80):
            pose = Pose(tx + dx * reach, 0.0, tz + dz * reach, turn)
            if not self._collides(self._at(item, pose)):
                return pose
            reach += GAP
        return self._beside_all(item)

    def _beside_all(self, item: int) -> Pose:
        """A new object with nothing to relate to: to the right of everything placed."""
        if not self._world:
            return Pose(0.0, 0.0, 0.0)
        right = max(float(s.bounding_box()[3]) for s in self._world.values())
        low, high = _bounds(self._local[item])
        return Pose(right + GAP - float(low[0]), 0.0, 0.0)

    # -- onto and into -------------------------------------------------------------

    def _onto(self, item: int, step: Step) -> Pose | None:
        """Dropped onto (or into) the target at its slot or the nearest spot where it
        touches the target itself; failing that, onto what already rests on it."""
        assert step.target is not None
        spots = self._spots(item, step)
        siblings = [i for i, on in self._on.items() if on == step.target]
        for supports in ([step.target], siblings):
            for x, z in spots if supports else []:
                pose = Pose(x, self._drop(item, x, z), z)
                solid = self._at(item, pose)
                if pose.y > 0.0 and any(self._touches(solid, self._world[s]) for s in supports):
                    self._on[item] = step.target
                    return pose
        return None

    def _spots(self, item: int, step: Step) -> list[tuple[float, float]]:
        """Candidate (x, z) on the target: its slot first, then a grid nearest to it."""
        assert step.target is not None
        low, high = _bounds(self._world[step.target])
        half = (_bounds(self._local[item])[1] - _bounds(self._local[item])[0]) / 2
        fit = 0.0 if step.relation == "in" else 1.0  # contents may lean on the rim
        lo_x, hi_x = _inside(low[0], high[0], half[0] * fit)
        lo_z, hi_z = _inside(low[2], high[2], half[2] * fit)
        centre = ((low[0] + high[0]) / 2, (low[2] + high[2]) / 2)
        if step.relation == "in" or step.slots <= 1:
            slot = centre
        elif high[0] - low[0] >= high[2] - low[2]:
            slot = (_spread(lo_x, hi_x, step.slot, step.slots), centre[1])
        else:
            slot = (centre[0], _spread(lo_z, hi_z, step.slot, step.slots))
        xs = np.linspace(min(lo_x, centre[0]), max(hi_x, centre[0]), 7)
        zs = np.linspace(min(lo_z, centre[1]), max(hi_z, centre[1]), 7)
        grid = [(float(x), float(z)) for x in xs for z in zs]
        grid.sort(key=lambda p: (p[0] - slot[0]) ** 2 + (p[1] - slot[1]) ** 2)
        return [slot, *grid[:24]]

    def _drop(self, item: int, x: float, z: float) -> float:
        """The height at which the item, lowered at (x, z), first touches what is placed."""
        obstacles = union(list(self._world.values()))
        low, high = _bounds(self._local[item])
        y = float(obstacles.bounding_box()[4]) + 0.001
        step = min(0.02, max(0.002, float(high[1] - low[1]) / 4))
        while y > 0.0:
            lower = max(0.0, y - step)
            if self._hits(item, x, lower, z, obstacles):
                return _bisect(lambda h: self._hits(item, x, h, z, obstacles), lower, y)
            y = lower
        return 0.0

    def _under(self, item: int, target: int) -> Pose | None:
        """Under the middle of the target (a box under a table), if it fits there."""
        pose = Pose(self.poses[target].x, 0.0, self.poses[target].z)
        return None if self._collides(self._at(item, pose)) else pose

    # -- geometry helpers ----------------------------------------------------------

    def _at(self, item: int, pose: Pose) -> Manifold:
        return self._local[item].rotate((0.0, pose.turn, 0.0)).translate((pose.x, pose.y, pose.z))

    def _hits(self, item: int, x: float, y: float, z: float, obstacles: Manifold) -> bool:
        return _overlap(self._local[item].translate((x, y, z)), obstacles)

    def _collides(self, solid: Manifold) -> bool:
        return any(_overlap(solid, other) for other in self._world.values())

    def _touches(self, solid: Manifold, support: Manifold) -> bool:
        return _overlap(solid.translate((0.0, -3 * _CLEARANCE, 0.0)), support)

    def _radius(self, item: int, dx: float, dz: float) -> float:
        """How far the placed item reaches from its centre in direction (dx, dz)."""
        low, high = _bounds(self._world[item])
        pose = self.poses[item]
        return _reach(low[0] - pose.x, high[0] - pose.x, low[2] - pose.z, high[2] - pose.z, dx, dz)

    def _radius_local(self, item: int, turn: float, dx: float, dz: float) -> float:
        low, high = _bounds(self._local[item].rotate((0.0, turn, 0.0)))
        return _reach(low[0], high[0], low[2], high[2], dx, dz)


def _reach(x0: float, x1: float, z0: float, z1: float, dx: float, dz: float) -> float:
    """Distance from the origin to the edge of the box [x0, x1] x [z0, z1] along (dx, dz)."""
    tx = (x1 if dx > 0 else -x0) / abs(dx) if abs(dx) > 1e-9 else math.inf
    tz = (z1 if dz > 0 else -z0) / abs(dz) if abs(dz) > 1e-9 else math.inf
    return max(0.0, min(tx, tz))


def _inside(low: float, high: float, half: float) -> tuple[float, float]:
    """Where a centre can go so that something `half` wide stays over [low, high]; the
    whole range when it is too wide for that (apples in a small bowl)."""
    return (low + half, high - half) if high - low > 2 * half else (low, high)


def _spread(low: float, high: float, slot: int, slots: int) -> float:
    if high <= low:
        return (low + high) / 2
    return low + (high - low) * (slot + 0.5) / slots


def _bisect(collides: Callable[[float], bool], low: float, high: float) -> float:
    """Highest free height between `low` (colliding) and `high` (free), plus clearance."""
    for _ in range(9):
        mid = (low + high) / 2
        if collides(mid):
            low = mid
        else:
            high = mid
    return high + _CLEARANCE


def _overlap(a: Manifold, b: Manifold) -> bool:
    return bool((a ^ b).volume() > _OVERLAP)


def _bounds(solid: Manifold) -> tuple[np.ndarray, np.ndarray]:
    box = np.asarray(solid.bounding_box(), dtype=np.float64)
    return box[:3], box[3:]
