"""The naive baseline: an ellipsoid with the silhouette's width and height.

Its depth is the smaller of the two (a round cross-section on the short axis), and it
uses the engine's own foreground mask, so only the shape model differs.
"""

from __future__ import annotations

import numpy as np
import trimesh
from numpy.typing import NDArray


def ellipsoid_from_mask(mask: NDArray[np.bool_]) -> trimesh.Trimesh:
    rows, cols = np.nonzero(mask)
    half_width = (cols.max() + 1 - cols.min()) / 2
    half_height = (rows.max() + 1 - rows.min()) / 2
    sphere = trimesh.creation.icosphere(subdivisions=4)
    sphere.apply_scale([half_width, half_height, min(half_width, half_height)])
    return sphere
