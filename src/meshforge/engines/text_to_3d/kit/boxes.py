"""Box-like parts: rounded boxes, frames, drawer stacks, panels with a door."""

from __future__ import annotations

from manifold3d import Manifold

from meshforge.engines.text_to_3d.shapes import box, hull, union


def rounded_box(length: float, height: float, width: float, bevel: float, y: float) -> Manifold:
    """A box with bevelled edges (x length, y height, z width) centred at height y."""
    hl, h, w, b = length / 2, height / 2, width / 2, bevel
    pts = [
        (sx * hl, sy * (h - b), sz * (w - b)) for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)
    ]
    pts += [
        (sx * (hl - b), sy * h, sz * (w - b)) for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)
    ]
    pts += [
        (sx * (hl - b), sy * (h - b), sz * w) for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)
    ]
    return hull(pts).translate((0, y, 0))


def frame(width: float, height: float, depth: float, border: float, y: float) -> Manifold:
    """A flat rectangular frame facing +Z, centred at (0, y, 0) (pictures, mirrors, boards)."""
    outer = box(width, height, depth, (0, y, 0))
    return outer - box(width - 2 * border, height - 2 * border, depth * 2, (0, y, 0))


def drawer_stack(
    count: int, width: float, height: float, x: float, front_z: float
) -> tuple[Manifold, Manifold]:
    """(drawer fronts, handles) of `count` drawers stacked in a pedestal of that size."""
    gap, pitch = 0.008, (height - 0.06) / count
    fronts, handles = [], []
    for i in range(count):
        y = 0.05 + pitch * (i + 0.5)
        fronts.append(box(width - 0.03, pitch - gap, 0.012, (x, y, front_z - 0.01)))
        handles.append(box(min(0.12, width * 0.4), 0.015, 0.02, (x, y, front_z + 0.005)))
    return union(fronts), union(handles)


def chest_with_drawers(
    width: float, height: float, depth: float, drawers: int, plinth: float
) -> tuple[Manifold, Manifold, Manifold]:
    """(carcass, drawer fronts, handles) of a chest of drawers standing on y = 0."""
    carcass = box(width, height - plinth, depth, (0, plinth + (height - plinth) / 2, 0))
    carcass = union([carcass, box(width - 0.04, plinth, depth - 0.04, (0, plinth / 2, 0))])
    fronts, handles = drawer_stack(drawers, width - 0.02, height - plinth, 0.0, depth / 2)
    proud = (0.0, plinth, 0.016)  # fronts stand out of the carcass, so the gaps show
    return carcass, fronts.translate(proud), handles.translate(proud)


def appliance(
    width: float, height: float, depth: float, door: tuple[float, float, float, float]
) -> tuple[Manifold, Manifold]:
    """(body, door) of a kitchen appliance standing on y = 0 with its front at +Z.

    door: (width, height, x centre, y centre) of a door panel set into the front."""
    door_w, door_h, dx, dy = door
    body = rounded_box(width, height, depth, min(width, height, depth) * 0.04, height / 2)
    panel = box(door_w, door_h, 0.02, (dx, dy, depth / 2))
    return body - panel.translate((0, 0, -0.008)), panel
