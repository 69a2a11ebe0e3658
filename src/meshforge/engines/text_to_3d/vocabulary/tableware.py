"""Words for tableware and containers: mugs, bowls, plates, vases, bottles, glasses, teapots,
buckets, jars."""

from __future__ import annotations

from meshforge.engines.text_to_3d.vocabulary.category import kind

KINDS = (
    kind(
        "mug",
        (0.07, 0.15),
        "mug, cup, coffee cup, teacup, tea cup, coffee mug",
        "a coffee mug with a handle; a cup of tea; a ceramic mug",
        "ceramic",
        place="small",
    ),
    kind(
        "bowl",
        (0.1, 0.3),
        "bowl, salad bowl, soup bowl, cereal bowl",
        "a bowl; a ceramic soup bowl; a salad bowl; a fruit bowl",
        "ceramic",
        place="small",
        holds=True,
    ),
    kind(
        "plate",
        (0.18, 0.3),
        "plate, dish, dinner plate, saucer, platter",
        "a dinner plate; a round ceramic plate; a dish to eat from",
        "ceramic",
        place="small",
        holds=True,
    ),
    kind(
        "vase",
        (0.2, 0.45),
        "vase, urn, amphora",
        "a flower vase; a ceramic vase; a tall decorative vase",
        "ceramic",
        (0.25, 0.45, 0.7),
        place="small",
    ),
    kind(
        "bottle",
        (0.2, 0.4),
        "bottle, wine bottle, beer bottle, water bottle, flask",
        "a glass bottle; a wine bottle; a bottle of beer",
        "glass",
        (0.2, 0.5, 0.25),
        place="small",
    ),
    kind(
        "wine_glass",
        (0.12, 0.25),
        "wine glass, wineglass, champagne glass, stemmed glass, glass of wine",
        "a wine glass; a stemmed drinking glass; a goblet",
        "glass",
        place="small",
    ),
    kind(
        "teapot",
        (0.15, 0.35),
        "teapot, tea pot",
        "a teapot with a spout and a handle; a porcelain teapot; a pot for brewing tea",
        "ceramic",
        place="small",
    ),
    kind(
        "bucket",
        (0.25, 0.5),
        "bucket, pail",
        "a bucket with a handle; a metal pail; a water bucket",
        "metal",
        place="small",
    ),
    kind(
        "jar",
        (0.1, 0.25),
        "jar, jam jar, mason jar, canister, cookie jar, honey jar",
        "a glass jar with a lid; a jam jar; a mason jar",
        "glass",
        place="small",
    ),
)
