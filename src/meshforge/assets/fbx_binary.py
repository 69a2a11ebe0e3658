"""Encoder for the binary FBX 7.4 container: a tree of named nodes with typed properties.

Layout (little endian), as documented by Blender's "FBX binary file format specification":
27-byte header; each node is ``end_offset u32, property_count u32, property_bytes u32,
name_len u8, name, properties, children, 13-zero-byte sentinel``; the top level ends with a
sentinel and a footer. Arrays are zlib-compressed (encoding 1).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

VERSION = 7400
HEADER = b"Kaydara FBX Binary  \x00\x1a\x00" + struct.pack("<I", VERSION)
SENTINEL = b"\x00" * 13
# Fixed FileId / footer id pair as written by several third-party exporters; readers ignore it.
FILE_ID = bytes.fromhex("28b32aebb624ccc2bfc8b02aa92bfcf1")
FOOTER_ID = bytes.fromhex("fabcab09d0c8d466b176fb831cf7267e")
FOOTER_MAGIC = bytes.fromhex("f85a8c6adef5d97eece90ce3758f290b")


@dataclass(frozen=True)
class Typed:
    """A scalar with an explicit FBX type code: I (int32), L (int64), D (double), F (float),
    C (bool), Y (int16)."""

    code: str
    value: int | float | bool


Property = bool | int | float | str | bytes | NDArray[np.generic] | Typed


@dataclass
class Node:
    name: str
    properties: list[Property] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def add(self, name: str, *properties: Property) -> Node:
        """Append and return a child node."""
        child = Node(name, list(properties))
        self.children.append(child)
        return child


def encode_document(nodes: list[Node]) -> bytes:
    """A complete .fbx file from its top-level nodes."""
    body = bytearray(HEADER)
    for node in nodes:
        body += _encode_node(node, len(body))
    body += SENTINEL
    body += FOOTER_ID
    body += b"\x00" * ((16 - len(body) % 16) % 16 or 16)
    body += b"\x00" * 4 + struct.pack("<I", VERSION) + b"\x00" * 120 + FOOTER_MAGIC
    return bytes(body)


def _encode_node(node: Node, offset: int) -> bytes:
    properties = b"".join(_encode_property(value) for value in node.properties)
    name = node.name.encode()
    head_size = 13 + len(name)
    nested = bytearray()
    start = offset + head_size + len(properties)
    for child in node.children:
        nested += _encode_node(child, start + len(nested))
    if node.children or not node.properties:
        nested += SENTINEL
    end = offset + head_size + len(properties) + len(nested)
    head = struct.pack("<III", end, len(node.properties), len(properties))
    return head + bytes([len(name)]) + name + properties + bytes(nested)


def _encode_property(value: Property) -> bytes:
    if isinstance(value, Typed):
        return _encode_typed(value)
    if isinstance(value, np.ndarray):
        return _encode_array(value)
    if isinstance(value, bool):
        return b"C" + bytes([1 if value else 0])
    if isinstance(value, int):
        return b"L" + struct.pack("<q", value)
    if isinstance(value, float):
        return b"D" + struct.pack("<d", value)
    if isinstance(value, str):
        data = value.encode()
        return b"S" + struct.pack("<I", len(data)) + data
    return b"R" + struct.pack("<I", len(value)) + value


def _encode_typed(value: Typed) -> bytes:
    formats = {"I": "<i", "L": "<q", "D": "<d", "F": "<f", "C": "<?", "Y": "<h"}
    return value.code.encode() + struct.pack(formats[value.code], value.value)


def _encode_array(array: NDArray[np.generic]) -> bytes:
    """d (float64), i (int32) or l (int64) array, zlib-compressed."""
    if array.dtype.kind == "f":
        code, data = "d", array.astype("<f8")
    elif array.dtype == np.int64 and np.abs(array).max(initial=0) >= 2**31:
        code, data = "l", array.astype("<i8")
    else:
        code, data = "i", array.astype("<i4")
    raw = np.ascontiguousarray(data).tobytes()
    packed = zlib.compress(raw, 6)
    return code.encode() + struct.pack("<III", array.size, 1, len(packed)) + packed
