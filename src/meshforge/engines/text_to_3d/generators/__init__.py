"""Every object generator by category name; one module per family of categories."""

from __future__ import annotations

from meshforge.engines.text_to_3d.generators import (
    architecture,
    furniture,
    lighting,
    nature,
    props,
    tableware,
    tools,
    vehicles,
)
from meshforge.engines.text_to_3d.parts import Generator

GENERATORS: dict[str, Generator] = {
    "chair": furniture.chair, "stool": furniture.stool, "table": furniture.table,
    "desk": furniture.desk, "sofa": furniture.sofa, "bed": furniture.bed,
    "bookshelf": furniture.bookshelf, "cabinet": furniture.cabinet, "bench": furniture.bench,
    "mug": tableware.mug, "bowl": tableware.bowl, "plate": tableware.plate,
    "vase": tableware.vase, "bottle": tableware.bottle, "wine_glass": tableware.wine_glass,
    "teapot": tableware.teapot, "bucket": tableware.bucket, "jar": tableware.jar,
    "table_lamp": lighting.table_lamp, "floor_lamp": lighting.floor_lamp,
    "candle": lighting.candle, "lantern": lighting.lantern, "street_lamp": lighting.street_lamp,
    "house": architecture.house, "tower": architecture.tower, "column": architecture.column,
    "archway": architecture.archway, "door": architecture.door, "fence": architecture.fence,
    "staircase": architecture.staircase, "well": architecture.well,
    "tree": nature.tree, "pine_tree": nature.pine_tree, "potted_plant": nature.potted_plant,
    "cactus": nature.cactus, "mushroom": nature.mushroom, "rock": nature.rock,
    "car": vehicles.car, "truck": vehicles.truck, "boat": vehicles.boat,
    "airplane": vehicles.airplane, "rocket": vehicles.rocket,
    "hammer": tools.hammer, "axe": tools.axe, "sword": tools.sword, "shield": tools.shield,
    "shovel": tools.shovel, "spear": tools.spear,
    "treasure_chest": props.treasure_chest, "barrel": props.barrel, "crate": props.crate,
    "potion": props.potion, "trophy": props.trophy, "crystal": props.crystal,
    "tombstone": props.tombstone, "signpost": props.signpost, "coin": props.coin,
}
