"""The marching-cubes case tables of Shap-E's mesh decoder, built from first principles.

diffusers' `MeshDecoder` keeps its lookup tables (`cases`: 256 x 5 triangles of cube-edge
indices, `masks`: which of the 5 are used) as buffers that it creates as zeros and expects
the weight file to fill. Some published weight files lack them, so after loading they are
all zeros and every mesh comes out empty. We build the tables here instead of copying a
256-row table: they must use the decoder's own edge numbering, which no library table
does, and deriving them takes a few lines.

Per corner configuration: the cube edges whose two corners differ are cut; on each face
the cuts are joined into segments (on a face whose diagonal corners agree, each inside
corner is cut off on its own, so two neighbouring cubes always agree on their shared
face and the surface is closed); the segments form loops, each fanned into triangles
wound counter-clockwise seen from outside (normals point to where the field is <= 0).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import NDArray

MAX_TRIANGLES = 5  # per cube, the decoder's table width

# Corner c of a cube sits at (c & 1, c >> 1 & 1, c >> 2 & 1): bit i of a case is corner i.
_CORNERS = np.array([(c & 1, c >> 1 & 1, c >> 2 & 1) for c in range(8)], dtype=np.float64)


def _corner(x: int, y: int, z: int) -> int:
    return x + 2 * y + 4 * z


def _edges() -> list[tuple[int, int]]:
    """The decoder's 12 edges as corner pairs: the x edges at (y, z) = (0,0), (1,0),
    (0,1), (1,1), then the y edges at (x, z), then the z edges at (x, y), likewise."""
    edges = []
    for axis in range(3):
        for second in (0, 1):
            for first in (0, 1):
                low = [0, 0, 0]
                others = [i for i in range(3) if i != axis]
                low[others[0]], low[others[1]] = first, second
                high = list(low)
                high[axis] = 1
                edges.append((_corner(*low), _corner(*high)))
    return edges


EDGES = _edges()


def _faces() -> list[list[int]]:
    """Each cube face as its four corners in cyclic order."""
    faces = []
    for axis in range(3):
        u, v = [i for i in range(3) if i != axis]
        for side in (0, 1):
            ring = []
            for a, b in ((0, 0), (1, 0), (1, 1), (0, 1)):
                point = [0, 0, 0]
                point[axis], point[u], point[v] = side, a, b
                ring.append(_corner(*point))
            faces.append(ring)
    return faces


def _edge_index(a: int, b: int) -> int:
    return EDGES.index((min(a, b), max(a, b)))


def _face_segments(case: int, ring: list[int]) -> list[tuple[int, int]]:
    """The cut edges of one face joined in pairs; each inside corner of an ambiguous face
    is cut off on its own."""
    inside = [bool(case >> corner & 1) for corner in ring]
    sides = [(ring[i], ring[(i + 1) % 4]) for i in range(4)]
    cut = [i for i in range(4) if inside[i] != inside[(i + 1) % 4]]
    if len(cut) == 2:
        return [(_edge_index(*sides[cut[0]]), _edge_index(*sides[cut[1]]))]
    if len(cut) == 4:  # diagonal corners agree: pair the two sides of each inside corner
        return [
            (_edge_index(*sides[(i - 1) % 4]), _edge_index(*sides[i]))
            for i in range(4)
            if inside[i]
        ]
    return []


def _loops(case: int) -> list[list[int]]:
    """The closed loops of cut edges of one case."""
    neighbours: dict[int, list[int]] = {}
    for ring in _faces():
        for a, b in _face_segments(case, ring):
            neighbours.setdefault(a, []).append(b)
            neighbours.setdefault(b, []).append(a)
    loops, seen = [], set()
    for start in sorted(neighbours):
        if start in seen:
            continue
        loop, previous, current = [start], None, start
        seen.add(start)
        while True:
            following = [n for n in neighbours[current] if n != previous] or neighbours[current]
            previous, current = current, following[0]
            if current == start:
                break
            loop.append(current)
            seen.add(current)
        loops.append(loop)
    return loops


def _midpoint(edge: int) -> NDArray[np.float64]:
    a, b = EDGES[edge]
    midpoint: NDArray[np.float64] = (_CORNERS[a] + _CORNERS[b]) / 2
    return midpoint


def _outward(case: int, edge: int) -> NDArray[np.float64]:
    """The direction from the edge's inside corner to its outside corner."""
    a, b = EDGES[edge]
    inside, outside = (a, b) if case >> a & 1 else (b, a)
    direction: NDArray[np.float64] = _CORNERS[outside] - _CORNERS[inside]
    return direction


def _wound(case: int, loop: list[int]) -> list[int]:
    """The loop in the order whose fan faces outwards."""
    points = [_midpoint(edge) for edge in loop]
    area = sum(
        (
            np.cross(points[i] - points[0], points[i + 1] - points[0])
            for i in range(1, len(loop) - 1)
        ),
        np.zeros(3),
    )
    outward = sum((_outward(case, edge) for edge in loop), np.zeros(3))
    return loop if float(area @ outward) > 0 else loop[::-1]


@cache
def case_tables() -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """(cases (256, 5, 3) edge indices, masks (256, 5)) in the decoder's layout."""
    cases = np.zeros((256, MAX_TRIANGLES, 3), dtype=np.int64)
    masks = np.zeros((256, MAX_TRIANGLES), dtype=bool)
    for case in range(256):
        triangles = []
        for loop in _loops(case):
            ring = _wound(case, loop)
            triangles += [(ring[0], ring[i], ring[i + 1]) for i in range(1, len(ring) - 1)]
        if len(triangles) > MAX_TRIANGLES:
            raise AssertionError(f"case {case} needs {len(triangles)} triangles")
        if triangles:
            cases[case, : len(triangles)] = triangles
            masks[case, : len(triangles)] = True
    return cases, masks
