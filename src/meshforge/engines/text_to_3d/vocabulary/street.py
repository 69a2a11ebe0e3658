"""Words for street furniture: cones, hydrants, mailboxes, parking meters, road signs,
traffic lights, fire extinguishers."""

from __future__ import annotations

from meshforge.engines.text_to_3d.vocabulary.category import kind

KINDS = (
    kind(
        "traffic_cone",
        (0.45, 0.8),
        "traffic cone, road cone, safety cone, pylon, witch's hat cone, construction cone",
        "an orange traffic cone with white stripes",
        "plastic",
        (0.95, 0.42, 0.08),
    ),
    kind(
        "fire_hydrant",
        (0.55, 0.85),
        "fire hydrant, hydrant, fireplug, fire plug",
        "a red fire hydrant on the sidewalk",
        "paint",
        (0.8, 0.1, 0.08),
    ),
    kind(
        "mailbox",
        (0.9, 1.7),
        "mailbox, mail box, letterbox, letter box, postbox, post box, pillar box",
        "a mailbox on a post; a red post box for letters",
        "metal",
        (0.25, 0.3, 0.38),
    ),
    kind(
        "parking_meter",
        (1.1, 1.6),
        "parking meter, parking machine",
        "a parking meter on a pole by the road",
        "metal",
        (0.45, 0.47, 0.5),
    ),
    kind(
        "traffic_sign",
        (1.9, 2.8),
        "traffic sign, stop sign, street sign, yield sign, warning sign, "
        "speed limit sign, speed sign",
        "a red octagonal stop sign on a pole; a road sign",
        "metal",
    ),
    kind(
        "traffic_light",
        (3.5, 4.8),
        "traffic light, traffic signal, stoplight, stop light, signal light",
        "a traffic light with red, yellow and green lamps on a pole",
        "metal",
        (0.15, 0.16, 0.17),
    ),
    kind(
        "fire_extinguisher",
        (0.4, 0.75),
        "fire extinguisher, extinguisher",
        "a red fire extinguisher with a hose",
        "paint",
        (0.8, 0.08, 0.06),
        place="small",
    ),
)
