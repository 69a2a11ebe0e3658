"""The photo set's contact sheet: photo -> mask (or the refusal) -> the model's thumbnail."""

from __future__ import annotations

import io
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageOps

from meshforge.inputs.foreground import Cutout

TILE = (240, 180)
LABEL_COLOURS = {True: (20, 120, 40), False: (180, 30, 30), None: (90, 90, 90)}


@dataclass(frozen=True)
class Row:
    name: str
    data: bytes
    cutout: Cutout | None
    thumbnail: NDArray[np.uint8] | None
    answer: str
    expected: str


def tile(image: Image.Image) -> Image.Image:
    canvas = Image.new("RGB", TILE, (255, 255, 255))
    image = image.copy()
    image.thumbnail(TILE)
    canvas.paste(image, ((TILE[0] - image.width) // 2, (TILE[1] - image.height) // 2))
    return canvas


def mask_tile(row: Row) -> Image.Image:
    if row.cutout is None:
        return tile(Image.new("RGB", TILE, (235, 235, 235)))
    rgb = row.cutout.rgb.copy()
    outside = ~row.cutout.mask
    rgb[outside] = (rgb[outside] * 0.25 + 40).astype(np.uint8)
    contours, _ = cv2.findContours(
        row.cutout.mask.astype(np.uint8), cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE
    )
    cv2.drawContours(rgb, contours, -1, (0, 255, 0), max(2, rgb.shape[1] // 200))
    return tile(Image.fromarray(rgb))


def model_tile(row: Row) -> Image.Image:
    if row.thumbnail is None:
        return tile(Image.new("RGB", TILE, (235, 235, 235)))
    rgba = Image.fromarray(row.thumbnail)
    backdrop = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return tile(Image.alpha_composite(backdrop, rgba).convert("RGB"))


def sheet_row(row: Row) -> Image.Image:
    photo = ImageOps.exif_transpose(Image.open(io.BytesIO(row.data))).convert("RGB")
    strip = Image.new("RGB", (3 * TILE[0] + 220, TILE[1]), (255, 255, 255))
    for index, image in enumerate((tile(photo), mask_tile(row), model_tile(row))):
        strip.paste(image, (index * TILE[0], 0))
    right = None if not row.expected else row.answer == row.expected
    draw = ImageDraw.Draw(strip)
    x = 3 * TILE[0] + 8
    draw.text((x, 20), row.name, fill=(0, 0, 0))
    draw.text((x, 50), f"expected: {row.expected or '(unscored)'}", fill=(0, 0, 0))
    draw.text((x, 80), f"answer: {row.answer}", fill=LABEL_COLOURS[right])
    return strip


def contact_sheet(rows: list[Row]) -> Image.Image:
    strips = [sheet_row(row) for row in rows]
    sheet = Image.new("RGB", (strips[0].width, sum(s.height + 4 for s in strips)), "white")
    for index, strip in enumerate(strips):
        sheet.paste(strip, (0, index * (TILE[1] + 4)))
    return sheet
