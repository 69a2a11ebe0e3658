"""Why a photo cannot be cut out, as a sentence that tells the person what to change.

The stage lives below the engines, so it has its own exception; each image engine turns
it into its EngineInputError (the task's fail_reason is the message, verbatim).
"""

from __future__ import annotations

from typing import Literal

RefusalKind = Literal["undecodable", "no_object", "cut_off", "competing"]

NO_OBJECT = (
    "the image has no distinguishable foreground object: nothing in it stands out from its "
    "background; photograph one whole object with a margin of plain background around it, "
    "in a colour that contrasts with it"
)
COMPETING = (
    "the image shows {count} objects of similar size, so it is unclear which one to model; "
    "crop or photograph a single object"
)
CUT_OFF = (
    "the object is cut off by the frame along {share:.0%} of its outline ({edges}); step "
    "back or zoom out so the whole object fits with a margin of background around it"
)


RUNS_OUT = (
    "part of the object runs out of the frame ({edges}); step back or zoom out so the whole "
    "object fits with a margin of background around it"
)
PART_OF_SUBJECT = (
    "the image shows part of a larger subject that runs off the frame ({edges}); step back "
    "or zoom out so the whole object fits with a margin of background around it"
)


class ForegroundRefused(Exception):
    """The photo has no single whole object to cut out; `kind` says which problem."""

    def __init__(self, kind: RefusalKind, message: str) -> None:
        super().__init__(message)
        self.kind: RefusalKind = kind
        self.message = message


def no_object() -> ForegroundRefused:
    return ForegroundRefused("no_object", NO_OBJECT)


def competing(count: int) -> ForegroundRefused:
    return ForegroundRefused("competing", COMPETING.format(count=count))


def cut_off(share: float, edges: list[str]) -> ForegroundRefused:
    return ForegroundRefused("cut_off", CUT_OFF.format(share=share, edges=" and ".join(edges)))


def part_of_subject(edges: list[str]) -> ForegroundRefused:
    return ForegroundRefused("cut_off", PART_OF_SUBJECT.format(edges=" and ".join(edges)))


def runs_out(edges: list[str]) -> ForegroundRefused:
    return ForegroundRefused("cut_off", RUNS_OUT.format(edges=" and ".join(edges)))
