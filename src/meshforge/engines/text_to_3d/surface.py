"""Material groups -> meshes with PBR materials (assets.texture helpers) and, for
patterned materials when textures are on, a tiling procedural texture."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import trimesh
from PIL import Image
from trimesh.visual.material import PBRMaterial

from meshforge.assets.texture import apply_texture, make_material
from meshforge.engines.text_to_3d.assemble import MaterialGroup
from meshforge.engines.text_to_3d.tiling import TILE_METRES, box_uv, pattern_image

# Small parts (books, hinges) do not need the full texture size: side length follows
# the square root of the part's share of the largest part's surface, down to this.
MIN_TEXTURE = 256
# Pattern strength on a surface painted in a colour other than the material's own.
PAINTED_CONTRAST = 0.45


@dataclass(frozen=True)
class SurfaceOptions:
    texture: bool
    pbr: bool
    texture_size: int
    seed: int


def dress(groups: list[MaterialGroup], options: SurfaceOptions) -> list[trimesh.Trimesh]:
    """One mesh per group with its material; patterned materials get a texture."""
    areas = [float(g.mesh.area) for g in groups]
    largest = max(areas, default=1.0)
    dressed = []
    for index, (group, area) in enumerate(zip(groups, areas, strict=True)):
        pattern = group.preset.pattern
        if options.texture and pattern is not None:
            size = _texture_size(options.texture_size, area / largest)
            image = pattern_image(
                pattern, group.colour, size, options.seed + index, _contrast(group)
            )
            with_uv = box_uv(group.mesh, TILE_METRES[pattern], int(np.argmax(group.mesh.extents)))
            mesh = apply_texture(with_uv, image, _material(group, image, options.pbr))
        else:
            mesh = group.mesh.copy()
            mesh.visual = trimesh.visual.TextureVisuals(  # type: ignore[no-untyped-call]
                material=_material(group, None, options.pbr)
            )
        mesh.metadata["name"] = group.name
        dressed.append(mesh)
    return dressed


def _contrast(group: MaterialGroup) -> float:
    """Full pattern in the material's own colour; a softer one when painted another."""
    return 1.0 if group.colour == group.preset.colour else PAINTED_CONTRAST


def _texture_size(full: int, area_share: float) -> int:
    wanted = full * float(np.sqrt(max(area_share, 0.0)))
    power = 2 ** int(np.ceil(np.log2(max(wanted, MIN_TEXTURE))))
    return int(min(full, power))


def _material(group: MaterialGroup, image: Image.Image | None, pbr: bool) -> PBRMaterial:
    preset = group.preset
    colour = (1.0, 1.0, 1.0) if image is not None else group.colour
    material = make_material(
        None, (*colour, preset.alpha), preset.metallic, preset.roughness, pbr=pbr
    )
    if preset.alpha < 1.0:
        material.alphaMode = "BLEND"
    if preset.emissive:
        material.emissiveFactor = np.asarray(group.colour, dtype=np.float64)
    material.name = group.name
    return material
