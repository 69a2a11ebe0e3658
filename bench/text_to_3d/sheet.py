"""Contact sheet: one labelled thumbnail per generated prompt."""

from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw

TILE = 180
LABEL = 30


def contact_sheet(tiles: list[tuple[bytes, str]], columns: int = 10) -> Image.Image:
    rows = (len(tiles) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * TILE, rows * (TILE + LABEL)), (245, 245, 247))
    draw = ImageDraw.Draw(sheet)
    for index, (png, label) in enumerate(tiles):
        x, y = (index % columns) * TILE, (index // columns) * (TILE + LABEL)
        image = Image.open(io.BytesIO(png)).convert("RGBA").resize((TILE, TILE))
        sheet.paste(image, (x, y), image)
        for line_no, line in enumerate(textwrap.wrap(label, 30)[:2]):
            draw.text((x + 4, y + TILE + line_no * 13), line, fill=(30, 30, 30))
    return sheet
