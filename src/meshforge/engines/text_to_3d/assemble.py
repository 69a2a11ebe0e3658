"""Generator parts -> closed meshes, one per material, within the face budget.

All parts of one material are unioned by manifold3d into a single watertight solid, so
every geometry in the output is closed; the face budget is met by rebuilding with
coarser circles before falling back to decimation (which may open tiny holes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import trimesh

from meshforge.assets.mesh_ops import decimate
from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.materials import PRESETS, RGB, Preset
from meshforge.engines.text_to_3d.parts import Part
from meshforge.engines.text_to_3d.shapes import detail, union

# Circle resolutions tried from finest to coarsest until the object fits face_limit.
SEGMENT_LADDER = (48, 32, 24, 16, 12, 8, 6)


@dataclass(frozen=True)
class MaterialGroup:
    """One output geometry: a closed mesh and what it is made of."""

    name: str
    mesh: trimesh.Trimesh
    preset: Preset
    colour: RGB


@dataclass(frozen=True)
class MainMaterial:
    """The object's own material after the prompt has had its say, plus the colours and
    materials it gave to named parts ("a red roof")."""

    preset_name: str
    colour: RGB
    part_colours: dict[str, RGB] = field(default_factory=dict)
    part_materials: dict[str, str] = field(default_factory=dict)

    def resolve(self, part: Part) -> tuple[str, RGB]:
        """(preset name, colour) of one part."""
        if part.material is None:
            name, colour = self.preset_name, self.colour
        else:
            name, colour = part.material, part.colour or PRESETS[part.material].colour
        if part.role in self.part_materials:
            name = self.part_materials[part.role]
            colour = PRESETS[name].colour
        if part.role in self.part_colours:
            colour = self.part_colours[part.role]
        return name, colour


def main_material(
    attrs: Attributes, default_material: str, default_colour: RGB | None
) -> MainMaterial:
    preset_name = attrs.material or default_material
    if attrs.colour is not None:
        colour = attrs.colour
    elif attrs.material is None and default_colour is not None:
        colour = default_colour
    else:
        colour = PRESETS[preset_name].colour
    return MainMaterial(preset_name, colour, attrs.part_colours, attrs.part_materials)


def build_groups(
    build: Callable[[], list[Part]],
    main: MainMaterial,
    face_limit: int,
    finest: int,
) -> list[MaterialGroup]:
    """Run the generator at the finest circle resolution that fits face_limit."""
    ladder = [s for s in SEGMENT_LADDER if s <= finest] or [SEGMENT_LADDER[-1]]
    groups: list[MaterialGroup] = []
    for segments in ladder:
        with detail(segments):
            groups = _group_parts(build(), main)
        if sum(len(g.mesh.faces) for g in groups) <= face_limit:
            return groups
    return _decimate_groups(groups, face_limit)


def _group_parts(parts: list[Part], main: MainMaterial) -> list[MaterialGroup]:
    keyed: dict[tuple[str, RGB], list[Part]] = {}
    for part in parts:
        name, colour = main.resolve(part)
        keyed.setdefault((name, colour), []).append(part)
    groups = []
    for index, ((name, colour), members) in enumerate(keyed.items()):
        mesh = _to_trimesh(union([p.solid for p in members]))
        if len(mesh.faces):
            groups.append(MaterialGroup(f"{index:02d}_{name}", mesh, PRESETS[name], colour))
    return groups


def _to_trimesh(solid: object) -> trimesh.Trimesh:
    mesh = solid.to_mesh()  # type: ignore[attr-defined]
    vertices = np.asarray(mesh.vert_properties)[:, :3].astype(np.float64)
    faces = np.asarray(mesh.tri_verts).astype(np.int64)
    return trimesh.Trimesh(vertices, faces, process=False)


def _decimate_groups(groups: list[MaterialGroup], face_limit: int) -> list[MaterialGroup]:
    """Share the budget by triangle count; groups too small to keep are dropped."""
    total = sum(len(g.mesh.faces) for g in groups)
    kept = []
    for group in groups:
        share = int(len(group.mesh.faces) * face_limit / total)
        if share >= 4:
            kept.append(
                MaterialGroup(group.name, decimate(group.mesh, share), group.preset, group.colour)
            )
    return kept


def transform_groups(groups: list[MaterialGroup], matrix: np.ndarray) -> list[MaterialGroup]:
    out = []
    for group in groups:
        mesh = group.mesh.copy()
        mesh.apply_transform(matrix)
        out.append(MaterialGroup(group.name, mesh, group.preset, group.colour))
    return out
