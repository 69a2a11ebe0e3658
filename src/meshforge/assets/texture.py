"""UV atlases (xatlas), texture baking and glTF materials shared by all engines.

UV convention: trimesh's (OpenGL) one, u to the right and v *up*, so texel row
``r`` of a ``size``-pixel image covers v in ``[1 - (r + 1) / size, 1 - r / size]``. trimesh
flips v when it writes glTF, so images are stored top row first, as PIL holds them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import trimesh
import xatlas
from numpy.typing import NDArray
from PIL import Image
from trimesh.visual.material import PBRMaterial

from meshforge.assets.uv_raster import GUTTER_TEXELS, dilate_islands, rasterize_uv

FloatArray = NDArray[np.float64]
ColorFn = Callable[[FloatArray, FloatArray], FloatArray]
"""color_fn(points (N,3), normals (N,3)) -> rgb (N,3) floats in 0..1."""

RGBA = tuple[float, float, float, float]


# Capping chart size makes xatlas ~20x faster on dense meshes (charts of ~100 triangles
# parametrise quickly) at the cost of more seams, which the bake gutter hides.
FACES_PER_CHART = 100
MIN_CHARTS = 64


def unwrap(
    mesh: trimesh.Trimesh, *, resolution: int = 1024, padding: int = GUTTER_TEXELS
) -> trimesh.Trimesh:
    """A copy of the mesh with an xatlas UV atlas packed for a resolution-texel image.

    Vertices are split along chart seams (vertex remap applied), so the result has more
    vertices than the input; positions and smooth vertex normals come from the input
    vertex each new vertex maps to. A chart covers at most the area of FACES_PER_CHART
    average faces (and 1/MIN_CHARTS of the surface); about ``padding`` texels separate
    charts, leaving room for the gutter that ``bake_texture`` paints. Takes ~1.3 s for
    50k triangles on one core.
    """
    normals = np.asarray(mesh.vertex_normals, dtype=np.float32)
    atlas = xatlas.Atlas()
    atlas.add_mesh(_jittered_positions(mesh), np.asarray(mesh.faces, dtype=np.uint32), normals)
    charts = xatlas.ChartOptions()
    charts.max_iterations = 1
    charts.max_chart_area = float(mesh.area) / max(MIN_CHARTS, len(mesh.faces) / FACES_PER_CHART)
    pack = xatlas.PackOptions()
    pack.resolution = resolution
    pack.padding = padding
    pack.bilinear = True
    atlas.generate(chart_options=charts, pack_options=pack)
    if atlas.atlas_count != 1:  # UVs of several atlas pages would overlap in one image
        raise RuntimeError(f"xatlas produced {atlas.atlas_count} atlas pages, expected 1")
    vmapping, indices, uvs = atlas[0]
    return trimesh.Trimesh(
        vertices=np.asarray(mesh.vertices)[vmapping],
        faces=indices.astype(np.int64),
        vertex_normals=normals[vmapping],
        visual=trimesh.visual.TextureVisuals(uv=uvs.astype(np.float64)),  # type: ignore[no-untyped-call]
        process=False,
    )


def _jittered_positions(mesh: trimesh.Trimesh) -> NDArray[np.float32]:
    """Positions moved by ~1% of an edge, deterministically. xatlas' chart growth stalls
    for minutes on perfectly regular meshes (e.g. an 82k-face icosphere: >200 s, 1.1 s
    jittered); the UVs barely change and the output keeps the original positions."""
    vertices = np.asarray(mesh.vertices, dtype=np.float64)
    edge = float(np.asarray(mesh.edges_unique_length).mean()) if len(mesh.faces) else 0.0
    noise = np.random.default_rng(0).normal(0.0, 0.01 * edge, vertices.shape)
    return (vertices + noise).astype(np.float32)


def mesh_uv(mesh: trimesh.Trimesh) -> FloatArray:
    """The mesh's per-vertex UVs; ValueError if it has none."""
    uv = getattr(mesh.visual, "uv", None)
    if uv is None or len(uv) != len(mesh.vertices):
        raise ValueError("mesh has no per-vertex UVs: call texture.unwrap first")
    return np.asarray(uv, dtype=np.float64)


def bake_texture(mesh_with_uv: trimesh.Trimesh, color_fn: ColorFn, size: int) -> Image.Image:
    """An RGB size x size texture: color_fn evaluated at the surface point under every
    texel centre covered by a UV triangle (one batched call), islands then grown by a
    gutter of GUTTER_TEXELS texels and the rest filled with the mean colour, so bilinear
    sampling and mipmaps never bleed black into the model.
    """
    uv = mesh_uv(mesh_with_uv)
    faces = np.asarray(mesh_with_uv.faces, dtype=np.int64)
    hit = rasterize_uv(uv, faces, size)
    corners = faces[hit.face]
    weights = hit.barycentric
    points = np.einsum("nkj,nk->nj", np.asarray(mesh_with_uv.vertices)[corners], weights)
    normals = np.einsum("nkj,nk->nj", np.asarray(mesh_with_uv.vertex_normals)[corners], weights)
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
    colors = np.clip(np.asarray(color_fn(points, normals), dtype=np.float64), 0.0, 1.0)
    if colors.shape != (len(points), 3):
        raise ValueError(f"color_fn returned shape {colors.shape}, expected {(len(points), 3)}")
    image = np.zeros((size, size, 3), dtype=np.float32)
    image[hit.row, hit.col] = colors
    covered = np.zeros((size, size), dtype=bool)
    covered[hit.row, hit.col] = True
    filled = dilate_islands(image, covered, GUTTER_TEXELS)
    return Image.fromarray((filled * 255 + 0.5).astype(np.uint8), mode="RGB")


def make_material(
    texture: Image.Image | None,
    base_color: RGBA = (1.0, 1.0, 1.0, 1.0),
    metallic: float = 0.0,
    roughness: float = 0.5,
    pbr: bool = True,
) -> PBRMaterial:
    """A glTF metallic-roughness material; base_color is RGBA in 0..1.

    pbr=False gives the "plain" material the contract asks for: the same PBRMaterial
    type (so every exporter handles one kind) with metallic 0 and roughness 1, i.e. a
    purely diffuse surface, whatever metallic/roughness were passed. A base colour alpha
    below 1 selects glTF alphaMode BLEND.
    """
    factor = np.round(np.clip(np.asarray(base_color, dtype=np.float64), 0, 1) * 255)
    return PBRMaterial(  # type: ignore[no-untyped-call]
        name="material",
        baseColorTexture=texture,
        baseColorFactor=factor.astype(np.uint8),
        metallicFactor=float(metallic) if pbr else 0.0,
        roughnessFactor=float(roughness) if pbr else 1.0,
        doubleSided=False,
        alphaMode="BLEND" if factor[3] < 255 else None,
    )


def apply_texture(
    mesh_with_uv: trimesh.Trimesh, image: Image.Image | None, material: PBRMaterial
) -> trimesh.Trimesh:
    """A copy of the mesh with TextureVisuals(uv, material); image (if given) becomes the
    material's base colour texture. A mesh without UVs may take an untextured material
    (image None and no texture on the material); ValueError otherwise."""
    material = material.copy()  # type: ignore[no-untyped-call]
    if image is not None:
        material.baseColorTexture = image
    has_uv = getattr(mesh_with_uv.visual, "uv", None) is not None
    if not has_uv and material.baseColorTexture is not None:
        raise ValueError("a textured material needs per-vertex UVs: call texture.unwrap first")
    textured = mesh_with_uv.copy()
    uv = mesh_uv(mesh_with_uv) if has_uv else None
    textured.visual = trimesh.visual.TextureVisuals(uv=uv, material=material)  # type: ignore[no-untyped-call]
    return textured


def sample_texture(image: Image.Image, uv: FloatArray) -> NDArray[np.uint8]:
    """Bilinear RGBA samples (N,4) uint8 of image at uv (N,2), wrapping like glTF REPEAT."""
    pixels = np.asarray(image.convert("RGBA"), dtype=np.float64)
    height, width = pixels.shape[:2]
    x = (uv[:, 0] % 1.0) * width - 0.5
    y = (1.0 - uv[:, 1] % 1.0) * height - 0.5
    x0, y0 = np.floor(x).astype(np.int64), np.floor(y).astype(np.int64)
    fx, fy = (x - x0)[:, None], (y - y0)[:, None]
    x1, y1 = (x0 + 1) % width, (y0 + 1) % height
    x0, y0 = x0 % width, y0 % height
    top = pixels[y0, x0] * (1 - fx) + pixels[y0, x1] * fx
    bottom = pixels[y1, x0] * (1 - fx) + pixels[y1, x1] * fx
    samples: NDArray[np.uint8] = np.round(top * (1 - fy) + bottom * fy).astype(np.uint8)
    return samples
