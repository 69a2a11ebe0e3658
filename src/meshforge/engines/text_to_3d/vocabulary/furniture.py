"""Words for furniture: chairs, stools, tables, desks, sofas, beds, shelves, cabinets, benches."""

from __future__ import annotations

from meshforge.engines.text_to_3d.vocabulary.category import kind

KINDS = (
    kind(
        "chair",
        (0.7, 1.1),
        "chair, dining chair, side chair, kitchen chair, wooden chair, seat, folding chair",
        (
            "a chair; a wooden dining chair with a backrest; a kitchen chair with four legs; "
            "something to sit on at the table"
        ),
        "wood",
    ),
    kind(
        "stool",
        (0.4, 0.9),
        "stool, bar stool, barstool, footstool",
        "a stool; a bar stool without a backrest; a round three-legged stool; a tall kitchen stool",
        "wood",
        holds=True,
    ),
    kind(
        "table",
        (0.7, 2.0),
        "table, dining table, coffee table, kitchen table, side table",
        (
            "a table; a wooden dining table; a round kitchen table; a rectangular table with four "
            "legs; a coffee table"
        ),
        "wood",
        holds=True,
    ),
    kind(
        "desk",
        (1.0, 1.7),
        "desk, writing desk, office desk, computer desk, workstation",
        "a desk with drawers; an office desk; a writing desk to work at",
        "wood",
        holds=True,
    ),
    kind(
        "sofa",
        (1.0, 3.5),
        "sofa, couch, settee, loveseat, divan",
        "a sofa; a comfortable couch with cushions; a three-seater sofa; a living room couch",
        "fabric",
        (0.35, 0.42, 0.55),
        holds=True,
        parts="cushion, cushions",
    ),
    kind(
        "bed",
        (1.9, 2.3),
        "bed, double bed, single bed, bunk, bunk bed, king size bed, queen size bed, bed frame",
        "a bed with a mattress and pillows; a double bed with a headboard; a bedroom bed",
        "wood",
        holds=True,
        parts="pillow, pillows, cushion, cushions, blanket, duvet, mattress",
    ),
    kind(
        "bookshelf",
        (1.4, 2.1),
        "bookshelf, bookcase, shelf, shelves, shelving, book shelf",
        "a bookshelf full of books; a tall bookcase; wooden shelves with books",
        "wood",
        holds=True,
        parts="book, books",
    ),
    kind(
        "cabinet",
        (0.7, 2.1),
        "cabinet, wardrobe, cupboard, closet, sideboard, armoire, kitchen cabinet",
        "a cabinet with doors; a wooden wardrobe; a kitchen cupboard; a storage cabinet",
        "wood",
        holds=True,
    ),
    kind(
        "bench",
        (1.1, 2.1),
        "bench, park bench, garden bench",
        "a park bench; a wooden bench to sit on outside; a garden bench with a backrest",
        "wood",
        holds=True,
    ),
    kind(
        "armchair",
        (0.75, 1.3),
        "armchair, arm chair, easy chair, recliner, club chair, wingback, wing chair, "
        "lounge chair, accent chair",
        "an armchair; a comfortable upholstered easy chair with arms; a padded club chair",
        "fabric",
        (0.45, 0.35, 0.3),
        holds=True,
        parts="cushion, cushions",
    ),
    kind(
        "rocking_chair",
        (0.8, 1.3),
        "rocking chair, rocker",
        "a rocking chair on curved rockers; a wooden porch rocker",
        "wood",
    ),
    kind(
        "nightstand",
        (0.45, 0.7),
        "nightstand, night stand, bedside table, bedside cabinet, night table, end table",
        "a nightstand with a drawer; a small bedside table next to a bed",
        "wood",
        holds=True,
    ),
    kind(
        "chest_of_drawers",
        (0.8, 1.35),
        "chest of drawers, dresser, commode, bureau, tallboy, drawer unit",
        "a chest of drawers; a bedroom dresser with several drawers",
        "wood",
        holds=True,
    ),
    kind(
        "office_chair",
        (0.9, 1.35),
        "office chair, desk chair, swivel chair, computer chair, task chair, gaming chair",
        "an office chair on wheels; a swivel desk chair with a padded seat",
        "fabric",
        (0.15, 0.15, 0.17),
    ),
)
