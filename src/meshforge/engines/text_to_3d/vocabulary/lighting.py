"""Words for lighting: lamps, candles, lanterns, street lamps."""

from __future__ import annotations

from meshforge.engines.text_to_3d.vocabulary.category import kind

KINDS = (
    kind(
        "table_lamp",
        (0.3, 0.7),
        "table lamp, desk lamp, bedside lamp, lamp, lampshade",
        "a table lamp with a shade; a bedside lamp; a desk lamp",
        "ceramic",
        (0.3, 0.35, 0.4),
        place="small",
        parts="shade",
    ),
    kind(
        "floor_lamp",
        (1.3, 2.06),
        "floor lamp, standing lamp, standard lamp",
        "a tall floor lamp; a standing lamp with a shade",
        "metal",
        (0.15, 0.15, 0.16),
    ),
    kind(
        "candle",
        (0.1, 0.35),
        "candle, candlestick, candle holder, tea light, tealight, scented candle",
        "a burning candle; a candle in a holder; a candlestick",
        "wax",
        place="small",
        groups=True,
    ),
    kind(
        "lantern",
        (0.25, 0.5),
        "lantern, oil lamp, hurricane lamp",
        "a lantern; an old oil lantern with glass; a camping lantern",
        "iron",
        place="small",
    ),
    kind(
        "street_lamp",
        (3.0, 6.5),
        "street lamp, streetlight, street light, lamp post, lamppost, street lantern",
        "a street lamp; a lamp post on the sidewalk; a streetlight",
        "iron",
        (0.15, 0.17, 0.16),
    ),
)
