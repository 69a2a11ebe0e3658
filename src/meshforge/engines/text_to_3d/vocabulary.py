"""The categories the engine can build: names, how people ask for them, default looks.

`keywords` are nouns that name the category outright (matched as whole words, plurals
folded); `phrases` are short descriptions embedded once by the classifier so that
paraphrases ("something to sit on at the dinner table") land on the right category.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class Category:
    name: str  # the generator key, e.g. "wine_glass"
    family: str
    keywords: tuple[str, ...]
    phrases: tuple[str, ...]
    material: str  # default materials.PRESETS key of the main parts
    colour: RGB | None = None  # default main colour; None: the material's own

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")


def _c(
    name: str, family: str, keywords: str, phrases: str, material: str, colour: RGB | None = None
) -> Category:
    return Category(
        name,
        family,
        tuple(k.strip() for k in keywords.split(",")),
        tuple(p.strip() for p in phrases.split(";")),
        material,
        colour,
    )


CATEGORIES: tuple[Category, ...] = (
    # furniture
    _c(
        "chair",
        "furniture",
        "chair, chairs, armchair, dining chair, side chair, seat",
        "a chair; a wooden dining chair with a backrest; a kitchen chair with four legs; "
        "something to sit on at the table; an office chair",
        "wood",
    ),
    _c(
        "stool",
        "furniture",
        "stool, bar stool, barstool, footstool",
        "a stool; a bar stool without a backrest; a round three-legged stool; a tall kitchen stool",
        "wood",
    ),
    _c(
        "table",
        "furniture",
        "table, dining table, coffee table, kitchen table, side table",
        "a table; a wooden dining table; a round kitchen table; a rectangular table with four "
        "legs; a coffee table",
        "wood",
    ),
    _c(
        "desk",
        "furniture",
        "desk, writing desk, office desk, computer desk, workstation",
        "a desk with drawers; an office desk; a writing desk to work at",
        "wood",
    ),
    _c(
        "sofa",
        "furniture",
        "sofa, couch, settee, loveseat, divan",
        "a sofa; a comfortable couch with cushions; a three-seater sofa; a living room couch",
        "fabric",
        (0.35, 0.42, 0.55),
    ),
    _c(
        "bed",
        "furniture",
        "bed, double bed, single bed, bunk",
        "a bed with a mattress and pillows; a double bed with a headboard; a bedroom bed",
        "wood",
    ),
    _c(
        "bookshelf",
        "furniture",
        "bookshelf, bookcase, shelf, shelves, shelving, book shelf",
        "a bookshelf full of books; a tall bookcase; wooden shelves with books",
        "wood",
    ),
    _c(
        "cabinet",
        "furniture",
        "cabinet, wardrobe, cupboard, dresser, closet, sideboard, armoire",
        "a cabinet with doors; a wooden wardrobe; a kitchen cupboard; a storage cabinet",
        "wood",
    ),
    _c(
        "bench",
        "furniture",
        "bench, park bench, garden bench",
        "a park bench; a wooden bench to sit on outside; a garden bench with a backrest",
        "wood",
    ),
    # tableware and containers
    _c(
        "mug",
        "tableware",
        "mug, cup, coffee cup, teacup, tea cup, coffee mug",
        "a coffee mug with a handle; a cup of tea; a ceramic mug",
        "ceramic",
    ),
    _c(
        "bowl",
        "tableware",
        "bowl, salad bowl, soup bowl, cereal bowl",
        "a bowl; a ceramic soup bowl; a salad bowl; a fruit bowl",
        "ceramic",
    ),
    _c(
        "plate",
        "tableware",
        "plate, dish, dinner plate, saucer, platter",
        "a dinner plate; a round ceramic plate; a dish to eat from",
        "ceramic",
    ),
    _c(
        "vase",
        "tableware",
        "vase, urn, amphora",
        "a flower vase; a ceramic vase; a tall decorative vase",
        "ceramic",
        (0.25, 0.45, 0.7),
    ),
    _c(
        "bottle",
        "tableware",
        "bottle, wine bottle, beer bottle, water bottle, flask",
        "a glass bottle; a wine bottle; a bottle of beer",
        "glass",
        (0.2, 0.5, 0.25),
    ),
    _c(
        "wine_glass",
        "tableware",
        "wine glass, wineglass, goblet, champagne glass, glass",
        "a wine glass; a stemmed drinking glass; a goblet",
        "glass",
    ),
    _c(
        "teapot",
        "tableware",
        "teapot, tea pot, kettle",
        "a teapot with a spout and a handle; a porcelain teapot; a kettle for tea",
        "ceramic",
    ),
    _c(
        "bucket",
        "tableware",
        "bucket, pail",
        "a bucket with a handle; a metal pail; a water bucket",
        "metal",
    ),
    _c(
        "jar",
        "tableware",
        "jar, jam jar, mason jar, canister",
        "a glass jar with a lid; a jam jar; a mason jar",
        "glass",
    ),
    # lighting
    _c(
        "table_lamp",
        "lighting",
        "table lamp, desk lamp, bedside lamp, lamp, lampshade",
        "a table lamp with a shade; a bedside lamp; a desk lamp",
        "ceramic",
        (0.3, 0.35, 0.4),
    ),
    _c(
        "floor_lamp",
        "lighting",
        "floor lamp, standing lamp, standard lamp",
        "a tall floor lamp; a standing lamp with a shade",
        "metal",
        (0.15, 0.15, 0.16),
    ),
    _c(
        "candle",
        "lighting",
        "candle, candles, candlestick, candle holder, candelabra",
        "a burning candle; a candle in a holder; a candlestick",
        "wax",
    ),
    _c(
        "lantern",
        "lighting",
        "lantern, oil lamp, hurricane lamp",
        "a lantern; an old oil lantern with glass; a camping lantern",
        "iron",
    ),
    _c(
        "street_lamp",
        "lighting",
        "street lamp, streetlight, street light, lamp post, lamppost, street lantern",
        "a street lamp; a lamp post on the sidewalk; a streetlight",
        "iron",
        (0.15, 0.17, 0.16),
    ),
    # buildings and architecture
    _c(
        "house",
        "architecture",
        "house, home, cottage, cabin, bungalow, farmhouse",
        "a house; a small cottage with a roof and windows; a family home",
        "paint",
        (0.9, 0.86, 0.76),
    ),
    _c(
        "tower",
        "architecture",
        "tower, castle tower, watchtower, turret, keep, castle",
        "a castle tower; a stone watchtower with battlements; a medieval tower",
        "stone",
    ),
    _c(
        "column",
        "architecture",
        "column, pillar, greek column, roman column",
        "a classical column; a marble pillar; a greek column",
        "marble",
    ),
    _c(
        "archway",
        "architecture",
        "archway, arch, gate, gateway",
        "a stone archway; an arch; a gateway",
        "stone",
    ),
    _c(
        "door",
        "architecture",
        "door, front door, doorway",
        "a wooden door; a front door with panels; a door in a frame",
        "wood",
    ),
    _c(
        "fence",
        "architecture",
        "fence, picket fence, railing, palisade",
        "a wooden picket fence; a garden fence; a fence section",
        "paint",
        (0.95, 0.95, 0.93),
    ),
    _c(
        "staircase",
        "architecture",
        "staircase, stairs, stairway, steps, stair",
        "a staircase; a flight of stairs; steps with a handrail",
        "wood",
    ),
    _c(
        "well",
        "architecture",
        "well, wishing well, water well",
        "a wishing well; a stone water well with a roof",
        "stone",
    ),
    # plants and nature
    _c(
        "tree",
        "nature",
        "tree, oak, oak tree, maple, birch, apple tree, deciduous tree",
        "a tree; a leafy oak tree; a green tree with a trunk and branches",
        "foliage",
    ),
    _c(
        "pine_tree",
        "nature",
        "pine tree, pine, fir, spruce, conifer, christmas tree, evergreen",
        "a pine tree; a fir tree; a christmas tree; an evergreen conifer",
        "foliage",
        (0.1, 0.35, 0.15),
    ),
    _c(
        "potted_plant",
        "nature",
        "potted plant, houseplant, house plant, plant, flower pot, pot plant, succulent",
        "a potted plant; a houseplant in a pot; a plant with leaves",
        "foliage",
    ),
    _c(
        "cactus",
        "nature",
        "cactus, cacti, saguaro",
        "a cactus; a desert saguaro cactus with arms",
        "foliage",
        (0.25, 0.5, 0.25),
    ),
    _c(
        "mushroom",
        "nature",
        "mushroom, toadstool, fungus",
        "a mushroom; a red toadstool with white spots; a fungus",
        "paint",
        (0.78, 0.12, 0.1),
    ),
    _c(
        "rock",
        "nature",
        "rock, boulder, stone, pebble",
        "a rock; a large boulder; a stone",
        "stone",
    ),
    # vehicles
    _c(
        "car",
        "vehicles",
        "car, automobile, sedan, coupe, hatchback, taxi",
        "a car; a sedan automobile; a red sports car; a family car",
        "paint",
        (0.75, 0.1, 0.1),
    ),
    _c(
        "truck",
        "vehicles",
        "truck, lorry, van, delivery truck",
        "a truck; a delivery lorry; a cargo truck",
        "paint",
        (0.15, 0.35, 0.7),
    ),
    _c(
        "boat",
        "vehicles",
        "boat, sailboat, ship, yacht, rowboat, dinghy, motorboat, canoe",
        "a boat; a sailing boat; a small motor boat; a ship",
        "paint",
        (0.9, 0.9, 0.88),
    ),
    _c(
        "airplane",
        "vehicles",
        "airplane, aeroplane, plane, jet, airliner, aircraft",
        "an airplane; a passenger jet; an aircraft with wings",
        "paint",
        (0.92, 0.92, 0.94),
    ),
    _c(
        "rocket",
        "vehicles",
        "rocket, spaceship, space rocket, missile, spacecraft",
        "a rocket; a space rocket with fins; a spaceship",
        "paint",
        (0.92, 0.92, 0.9),
    ),
    # tools and weapons
    _c(
        "hammer",
        "tools",
        "hammer, claw hammer, mallet",
        "a hammer; a claw hammer with a wooden handle; a tool for nails",
        "wood",
    ),
    _c("axe", "tools", "axe, hatchet, ax", "an axe; a wood-chopping axe; a hatchet", "wood"),
    _c(
        "sword",
        "tools",
        "sword, longsword, broadsword, katana, blade, sabre, saber",
        "a sword; a knight's longsword; a medieval sword with a hilt",
        "steel",
    ),
    _c(
        "shield",
        "tools",
        "shield, buckler",
        "a shield; a knight's shield; a round viking shield",
        "wood",
    ),
    _c("shovel", "tools", "shovel, spade", "a shovel; a garden spade for digging", "wood"),
    _c("spear", "tools", "spear, lance, javelin, pike", "a spear; a lance; a javelin", "wood"),
    # game props
    _c(
        "treasure_chest",
        "props",
        "treasure chest, chest, trunk, coffer",
        "a treasure chest; a wooden chest with metal bands; a pirate chest",
        "wood",
    ),
    _c(
        "barrel",
        "props",
        "barrel, cask, keg",
        "a wooden barrel; a cask with iron hoops; a keg",
        "wood",
    ),
    _c(
        "crate",
        "props",
        "crate, wooden box, box, shipping crate",
        "a wooden crate; a shipping box; a storage crate",
        "wood",
    ),
    _c(
        "potion",
        "props",
        "potion, potion bottle, elixir, vial, philter",
        "a potion bottle; a magic elixir in a round flask; a vial",
        "liquid",
        (0.2, 0.75, 0.35),
    ),
    _c(
        "trophy",
        "props",
        "trophy, cup trophy, trophy cup, award, award cup, prize cup, chalice",
        "a trophy cup; a golden award; a winner's trophy",
        "gold",
    ),
    _c(
        "crystal",
        "props",
        "crystal, gem, gemstone, diamond, crystals, amethyst, quartz",
        "a crystal cluster; a glowing gem; magic crystals",
        "gem",
    ),
    _c(
        "tombstone",
        "props",
        "tombstone, gravestone, headstone, grave",
        "a tombstone; a gravestone with a cross; a headstone in a cemetery",
        "stone",
    ),
    _c(
        "signpost",
        "props",
        "signpost, sign post, road sign, sign, direction sign, signboard",
        "a signpost with arrows; a wooden direction sign",
        "wood",
    ),
    _c(
        "coin",
        "props",
        "coin, gold coin, token, doubloon",
        "a coin; a gold coin; a round metal coin",
        "gold",
    ),
)

# Things people ask for that this engine cannot build. A prompt closer to one of these
# than to any category is refused even if some category is vaguely similar ("a skull"
# resembles a tombstone). Kept generic: kinds of things, not benchmark prompts.
REJECT_CLASSES: dict[str, tuple[str, ...]] = {
    "animal": (
        "an animal",
        "a pet or a farm animal",
        "a wild animal",
        "a bird or a fish",
        "an insect",
    ),
    "person": ("a person", "a human figure", "a character in armour", "a body part"),
    "creature": ("a fantasy creature", "a monster", "a mythical beast"),
    "food": ("food", "a meal", "a piece of fruit", "a vegetable", "a snack or dessert"),
    "device": (
        "an electronic device",
        "a computer or a phone",
        "a household appliance",
        "a machine",
    ),
    "instrument": ("a musical instrument",),
    "clothing": ("clothing", "a piece of clothing or footwear", "a bag or an accessory"),
    "landmark": (
        "a famous landmark",
        "a skyscraper",
        "a large structure like a bridge or a dam",
        "a landscape or a scene",
    ),
}

BY_NAME: dict[str, Category] = {c.name: c for c in CATEGORIES}


def vocabulary_summary() -> str:
    """One line per family, for GET /v1/models and the README."""
    families: dict[str, list[str]] = {}
    for category in CATEGORIES:
        families.setdefault(category.family, []).append(category.label)
    return "; ".join(f"{family}: {', '.join(names)}" for family, names in families.items())
