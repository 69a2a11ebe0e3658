"""Flat screens in a case: televisions, monitors, laptops, phones."""

from __future__ import annotations

from manifold3d import Manifold

from meshforge.engines.text_to_3d.kit.boxes import rounded_box
from meshforge.engines.text_to_3d.shapes import box


def screen(width: float, height: float, thick: float, bezel: float) -> tuple[Manifold, Manifold]:
    """(case, display) of a screen facing +Z, its bottom edge on y = 0, centred on x."""
    case = rounded_box(width, height, thick, min(thick, height) * 0.3, height / 2)
    display = box(width - 2 * bezel, height - 2 * bezel, 0.004, (0, height / 2, thick / 2))
    return case - display.translate((0, 0, -0.002)), display
