"""Words for furniture: chairs, stools, tables, desks, sofas, beds, shelves, cabinets, benches."""

from __future__ import annotations

from meshforge.engines.text_to_3d.vocabulary.category import kind

KINDS = (
    kind(
        "chair",
        (0.7, 1.1),
        "chair, chairs, armchair, dining chair, side chair, seat",
        (
            "a chair; a wooden dining chair with a backrest; a kitchen chair with four legs; "
            "something to sit on at the table; an office chair"
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
    ),
    kind(
        "bed",
        (1.9, 2.3),
        "bed, double bed, single bed, bunk",
        "a bed with a mattress and pillows; a double bed with a headboard; a bedroom bed",
        "wood",
        holds=True,
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
        "cabinet, wardrobe, cupboard, dresser, closet, sideboard, armoire",
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
)
