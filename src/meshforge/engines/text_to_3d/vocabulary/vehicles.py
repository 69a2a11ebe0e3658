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
        (3.5, 10.68),
        "boat, sailboat, sailing boat, ship, yacht, rowboat, rowing boat, dinghy, motorboat, canoe",
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
    kind(
        "bicycle",
        (1.5, 1.9),
        "bicycle, bike, mountain bike, road bike, push bike, pushbike, cycle, racing bike",
        "a bicycle with two spoked wheels, pedals and handlebars",
        "paint",
        (0.75, 0.12, 0.1),
    ),
    kind(
        "motorcycle",
        (1.8, 2.3),
        "motorcycle, motorbike, motor bike, moped, dirt bike, chopper",
        "a motorcycle with an engine and a fuel tank",
        "paint",
        (0.1, 0.1, 0.12),
    ),
    kind(
        "scooter",
        (0.75, 1.05),
        "scooter, kick scooter, push scooter, kids scooter",
        "a kick scooter with a deck, two small wheels and a handlebar",
        "steel",
        (0.2, 0.6, 0.85),
    ),
    kind(
        "bus",
        (8.5, 12.5),
        "bus, school bus, coach, city bus, double decker, autobus, minibus",
        "a bus with many windows; a yellow school bus",
        "paint",
        (0.95, 0.75, 0.1),
    ),
    kind(
        "train",
        (6.5, 11.1),
        "train, locomotive, steam locomotive, steam engine, engine train, steam train, "
        "railway engine",
        "a steam locomotive with a chimney and big wheels; a train engine",
        "paint",
        (0.12, 0.13, 0.15),
    ),
    kind(
        "helicopter",
        (9.0, 15.03),
        "helicopter, chopper helicopter, copter, heli",
        "a helicopter with rotor blades on top and a tail",
        "paint",
        (0.85, 0.2, 0.1),
    ),
)
