"""Words for vehicles: cars, trucks, boats, aeroplanes, rockets."""

from __future__ import annotations

from meshforge.engines.text_to_3d.vocabulary.category import kind

KINDS = (
    kind(
        "car",
        (3.5, 5.0),
        "car, automobile, sedan, coupe, hatchback, taxi",
        "a car; a sedan automobile; a red sports car; a family car",
        "paint",
        (0.75, 0.1, 0.1),
    ),
    kind(
        "truck",
        (6.0, 9.5),
        "truck, lorry, van, delivery truck",
        "a truck; a delivery lorry; a cargo truck",
        "paint",
        (0.15, 0.35, 0.7),
    ),
    kind(
        "boat",
        (3.5, 10.0),
        "boat, sailboat, ship, yacht, rowboat, dinghy, motorboat, canoe",
        "a boat; a sailing boat; a small motor boat; a ship",
        "paint",
        (0.9, 0.9, 0.88),
    ),
    kind(
        "airplane",
        (7.0, 16.0),
        "airplane, aeroplane, plane, jet, airliner, aircraft",
        "an airplane; a passenger jet; an aircraft with wings",
        "paint",
        (0.92, 0.92, 0.94),
    ),
    kind(
        "rocket",
        (3.5, 11.0),
        "rocket, spaceship, space rocket, missile, spacecraft",
        "a rocket; a space rocket with fins; a spaceship",
        "paint",
        (0.92, 0.92, 0.9),
    ),
)
