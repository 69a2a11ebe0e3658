"""Binary FBX 7.4 documents from mesh parts: one Model + Geometry + Material per part, the
texture embedded (Video ``Content``), triangles or quad-dominant polygons.

Axes: Y up, front +Z, right-handed; data in metres with UnitScaleFactor 100 (FBX counts in
centimetres), so importers show real-world size. Normals and UVs are stored per polygon
vertex; material values map to the classic FBX Phong properties (no PBR in FBX 7.4):
DiffuseColor/Opacity from the base colour, ShininessExponent from roughness, and
ReflectionFactor from metallic.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from meshforge.assets.fbx_binary import FILE_ID, VERSION, Node, Typed, encode_document
from meshforge.assets.parts import MeshPart
from meshforge.assets.quads import pair_triangles


@dataclass(frozen=True)
class FbxResult:
    data: bytes
    triangles: int
    vertices: int


@dataclass(frozen=True)
class _Polygons:
    corners: NDArray[np.int64]  # vertex index per polygon corner, polygons back to back
    sizes: NDArray[np.int64]  # corner count per polygon
    triangles: int


def write_fbx(parts: list[MeshPart], *, quad: bool) -> FbxResult:
    ids = itertools.count(1_000_000)
    objects = Node("Objects")
    connections = Node("Connections")
    triangles = 0
    counts = {"Model": 0, "Geometry": 0, "Material": 0, "Texture": 0, "Video": 0}
    for index, part in enumerate(parts):
        polygons = _polygons(part, quad)
        triangles += polygons.triangles
        for kind in _add_part(objects, connections, ids, index, part, polygons):
            counts[kind] += 1
    nodes = _preamble() + [_definitions(counts), objects, connections, Node("Takes")]
    nodes[-1].add("Current", "")
    data = encode_document(nodes)
    return FbxResult(data, triangles, sum(len(part.vertices) for part in parts))


def _polygons(part: MeshPart, quad: bool) -> _Polygons:
    if not quad:
        sizes = np.full(len(part.faces), 3, dtype=np.int64)
        return _Polygons(part.faces.ravel(), sizes, len(part.faces))
    pairs = pair_triangles(part.vertices, part.faces)
    corners = np.concatenate([pairs.quads.ravel(), pairs.triangles.ravel()])
    sizes = np.concatenate([np.full(len(pairs.quads), 4), np.full(len(pairs.triangles), 3)])
    return _Polygons(corners.astype(np.int64), sizes.astype(np.int64), pairs.triangle_count)


def _add_part(
    objects: Node,
    connections: Node,
    ids: itertools.count[int],
    index: int,
    part: MeshPart,
    polygons: _Polygons,
) -> list[str]:
    """Add the part's objects and connections; return the object kinds added."""
    model_id, geometry_id, material_id = next(ids), next(ids), next(ids)
    objects.children.append(_geometry(geometry_id, part, polygons))
    objects.children.append(_model(model_id, part.name))
    objects.children.append(_material(material_id, index, part))
    connections.add("C", "OO", model_id, 0)
    connections.add("C", "OO", geometry_id, model_id)
    connections.add("C", "OO", material_id, model_id)
    kinds = ["Model", "Geometry", "Material"]
    if part.textured:
        texture_id, video_id = next(ids), next(ids)
        objects.children += _texture_and_video(texture_id, video_id, index, part)
        connections.add("C", "OP", texture_id, material_id, "DiffuseColor")
        connections.add("C", "OO", video_id, texture_id)
        kinds += ["Texture", "Video"]
    return kinds


def _preamble() -> list[Node]:
    header = Node("FBXHeaderExtension")
    header.add("FBXHeaderVersion", Typed("I", 1003))
    header.add("FBXVersion", Typed("I", VERSION))
    header.add("EncryptionType", Typed("I", 0))
    stamp = header.add("CreationTimeStamp")
    stamp.add("Version", Typed("I", 1000))
    for field, value in zip(
        ("Year", "Month", "Day", "Hour", "Minute", "Second", "Millisecond"),
        (1970, 1, 1, 10, 0, 0, 0),
        strict=True,
    ):
        stamp.add(field, Typed("I", value))
    header.add("Creator", "meshforge")
    settings = Node("GlobalSettings")
    settings.add("Version", Typed("I", 1000))
    props = settings.add("Properties70")
    for name, value in (("UpAxis", 1), ("UpAxisSign", 1), ("FrontAxis", 2), ("FrontAxisSign", 1),
                        ("CoordAxis", 0), ("CoordAxisSign", 1), ("OriginalUpAxis", 1),
                        ("OriginalUpAxisSign", 1)):  # fmt: skip
        props.add("P", name, "int", "Integer", "", Typed("I", value))
    for name in ("UnitScaleFactor", "OriginalUnitScaleFactor"):
        props.add("P", name, "double", "Number", "", 100.0)
    documents = Node("Documents")
    documents.add("Count", Typed("I", 1))
    document = documents.add("Document", 1, "", "Scene")
    document.add("Properties70")
    document.add("RootNode", 0)
    return [
        header,
        Node("FileId", [FILE_ID]),
        Node("CreationTime", ["1970-01-01 10:00:00:000"]),
        Node("Creator", ["meshforge"]),
        settings,
        documents,
        Node("References"),
    ]


def _definitions(counts: dict[str, int]) -> Node:
    definitions = Node("Definitions")
    definitions.add("Version", Typed("I", 100))
    used = {kind: count for kind, count in counts.items() if count}
    definitions.add("Count", Typed("I", sum(used.values()) + 1))
    definitions.add("ObjectType", "GlobalSettings").add("Count", Typed("I", 1))
    for kind, count in used.items():
        definitions.add("ObjectType", kind).add("Count", Typed("I", count))
    return definitions


def _geometry(node_id: int, part: MeshPart, polygons: _Polygons) -> Node:
    geometry = Node("Geometry", [node_id, f"{part.name}\x00\x01Geometry", "Mesh"])
    geometry.add("Properties70")
    geometry.add("GeometryVersion", Typed("I", 124))
    geometry.add("Vertices", part.vertices.astype(np.float64).ravel())
    last_corner = np.cumsum(polygons.sizes) - 1
    encoded = polygons.corners.copy()
    encoded[last_corner] = -encoded[last_corner] - 1  # FBX marks a polygon's end as ~index
    geometry.add("PolygonVertexIndex", encoded.astype(np.int32))
    layer_types = ["LayerElementNormal"]
    normals = _layer_element(geometry, "LayerElementNormal", "ByPolygonVertex", "Direct")
    normals.add("Normals", part.normals[polygons.corners].astype(np.float64).ravel())
    if part.uv is not None:
        uv = _layer_element(geometry, "LayerElementUV", "ByPolygonVertex", "IndexToDirect", "UVMap")
        uv.add("UV", part.uv.astype(np.float64).ravel())
        uv.add("UVIndex", polygons.corners.astype(np.int32))
        layer_types.append("LayerElementUV")
    if part.colors is not None and not part.textured:
        colours = _layer_element(geometry, "LayerElementColor", "ByPolygonVertex", "IndexToDirect")
        colours.add("Colors", (part.colors.astype(np.float64) / 255.0).ravel())
        colours.add("ColorIndex", polygons.corners.astype(np.int32))
        layer_types.append("LayerElementColor")
    material = _layer_element(geometry, "LayerElementMaterial", "AllSame", "IndexToDirect")
    material.add("Materials", np.zeros(1, dtype=np.int32))
    layer_types.append("LayerElementMaterial")
    layer = geometry.add("Layer", Typed("I", 0))
    layer.add("Version", Typed("I", 100))
    for layer_type in layer_types:
        entry = layer.add("LayerElement")
        entry.add("Type", layer_type)
        entry.add("TypedIndex", Typed("I", 0))
    return geometry


def _layer_element(parent: Node, name: str, mapping: str, reference: str, label: str = "") -> Node:
    element = parent.add(name, Typed("I", 0))
    element.add("Version", Typed("I", 101))
    element.add("Name", label)
    element.add("MappingInformationType", mapping)
    element.add("ReferenceInformationType", reference)
    return element


def _model(node_id: int, name: str) -> Node:
    model = Node("Model", [node_id, f"{name}\x00\x01Model", "Mesh"])
    model.add("Version", Typed("I", 232))
    props = model.add("Properties70")
    props.add("P", "DefaultAttributeIndex", "int", "Integer", "", Typed("I", 0))
    model.add("Shading", True)
    model.add("Culling", "CullingOff")
    return model


def _material(node_id: int, index: int, part: MeshPart) -> Node:
    material = Node("Material", [node_id, f"material_{index}\x00\x01Material", ""])
    material.add("Version", Typed("I", 102))
    material.add("ShadingModel", "phong")
    material.add("MultiLayer", Typed("I", 0))
    props = material.add("Properties70")
    r, g, b, a = part.base_color
    props.add("P", "DiffuseColor", "Color", "", "A", float(r), float(g), float(b))
    props.add("P", "DiffuseFactor", "Number", "", "A", 1.0)
    props.add("P", "Opacity", "Number", "", "A", float(a))
    shininess = 2.0 / max(part.roughness, 0.05) ** 4 - 2.0  # Blinn-Phong equivalent
    props.add("P", "ShininessExponent", "Number", "", "A", float(min(shininess, 1024.0)))
    props.add("P", "ReflectionFactor", "Number", "", "A", float(part.metallic))
    return material


def _texture_and_video(texture_id: int, video_id: int, index: int, part: MeshPart) -> list[Node]:
    file_name = f"texture_{index}.png"
    video = Node("Video", [video_id, f"texture_{index}\x00\x01Video", "Clip"])
    video.add("Type", "Clip")
    video.add("Properties70").add("P", "Path", "KString", "XRefUrl", "", file_name)
    video.add("UseMipMap", Typed("I", 0))
    video.add("Filename", file_name)
    video.add("RelativeFilename", file_name)
    video.add("Content", part.texture_png)
    texture = Node("Texture", [texture_id, f"texture_{index}\x00\x01Texture", ""])
    texture.add("Type", "TextureVideoClip")
    texture.add("Version", Typed("I", 202))
    texture.add("TextureName", f"texture_{index}\x00\x01Texture")
    texture_props = texture.add("Properties70")
    texture_props.add("P", "UVSet", "KString", "", "", "UVMap")
    texture_props.add("P", "UseMaterial", "bool", "", "", Typed("I", 1))
    texture.add("Media", f"texture_{index}\x00\x01Video")
    texture.add("FileName", file_name)
    texture.add("RelativeFilename", file_name)
    texture.add("ModelUVTranslation", 0.0, 0.0)
    texture.add("ModelUVScaling", 1.0, 1.0)
    texture.add("Texture_Alpha_Source", "None")
    texture.add("Cropping", Typed("I", 0), Typed("I", 0), Typed("I", 0), Typed("I", 0))
    return [texture, video]
