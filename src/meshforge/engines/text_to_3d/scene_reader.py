"""A classified prompt -> its scene plan, refusing scenes that name a living thing or a
meal beside the objects ("a table with two cats", "a plate of spaghetti").

The classifier has already decided what the prompt is about (its first object); this
module reads the other objects named by keyword, and checks each stretch of words the
keywords do not cover: one that reads as an animal, a person, a creature or a meal is
something the engine would silently leave out, so the prompt is refused instead.
"""

from __future__ import annotations

from meshforge.engines.base import EngineInputError
from meshforge.engines.text_to_3d.attributes import attribute_words
from meshforge.engines.text_to_3d.classifier import Classification, PromptClassifier
from meshforge.engines.text_to_3d.mentions import (
    ARTICLES,
    COUNTS,
    QUANTITIES,
    RELATIONS,
    TRAILING,
    Mention,
    Token,
    word_set,
)
from meshforge.engines.text_to_3d.part_words import PART_WORDS
from meshforge.engines.text_to_3d.scene_plan import ScenePlan, plan_scene

# Relations that put another thing into the scene (not "for", "like", "from").
_PLACING = word_set(
    "with on in inside into of under beside near next around behind between and onto atop"
)
# Words that list one more object: an unknown one there is named, not just a setting
# ("a tent and a campfire"), so the prompt is refused rather than built without it.
_LISTING = word_set("and plus ,")
# Relations after which a stretch of words before them named an object of its own.
_LEAD_ENDS = _PLACING - {"of"}
_FILLER = word_set(
    "it them top side front left right middle center centre corner each other row line pile "
    "stack floor ground grass lawn water sea lake beach road street room kitchen garden park "
    "some"
)


_IGNORED = (
    ARTICLES
    | frozenset(COUNTS)
    | attribute_words()
    | _FILLER
    | TRAILING
    | frozenset(PART_WORDS)
    | {","}
)


def read_scene(classifier: PromptClassifier, prompt: str, head: Classification) -> ScenePlan:
    """The objects of a prompt whose first object is `head`, and how they stand."""
    tokens, mentions = classifier.read(prompt)
    if not head.by_keyword:
        if mentions and (lead := _unknown_lead(tokens, mentions)):
            _refuse(prompt, lead[0], head)
        return plan_scene([], [], classifier.categories, [])  # a paraphrase: one object
    parts = {p for m in mentions for k in m.kinds for p in classifier.categories[k].parts}
    listed = unknown_segments(tokens, mentions, parts, _LISTING) + _unknown_lead(tokens, mentions)
    placed = unknown_segments(tokens, mentions, parts, _PLACING)
    unbuildable = listed + [s for s in placed if classifier.names_unbuildable(s)]
    if unbuildable:
        _refuse(prompt, unbuildable[0], head)
    scores = dict(head.ranking)
    names = [c.name for c in classifier.categories]
    picks = [max(m.kinds, key=lambda i: scores[names[i]]) for m in mentions]
    return plan_scene(tokens, mentions, classifier.categories, picks)


def _refuse(prompt: str, unbuildable: str, head: Classification) -> None:
    raise EngineInputError(
        f'"{prompt.strip()[:60]}" names "{unbuildable}", which this engine cannot '
        f"build. It can build the {head.category.label}; ask for that alone, or with "
        "other supported objects (see GET /v1/models)."
    )


def _unknown_lead(tokens: list[Token], mentions: list[Mention]) -> list[str]:
    """The words before the first relation when no keyword stands among them and the
    relation places another object: in "a skull on a tombstone" they name the first object,
    which no kind builds. Words that end at a keyword describe it ("a vintage chair"); "a
    flight of stairs" and "a place to store books" name what follows."""
    first_mention = min((m.start for m in mentions), default=len(tokens))
    for i, token in enumerate(tokens[:first_mention]):
        if token.text in RELATIONS or token.text in (",", "."):
            lead = [t.raw for t in tokens[:i]]
            named = [w for w in lead if w.lower() not in _IGNORED | QUANTITIES]
            return [" ".join(lead)] if named and token.text in _LEAD_ENDS else []
    return []


def unknown_segments(
    tokens: list[Token], mentions: list[Mention], parts: set[str], after: frozenset[str]
) -> list[str]:
    """Stretches of words after one of the `after` words that name no kind and no part
    of a named kind, e.g. "two cats" after "with"."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    ignore = _IGNORED | frozenset(parts)
    segments: list[list[str]] = []
    current: list[str] | None = None
    for i, token in enumerate(tokens):
        if i in covered or token.text in RELATIONS or token.text in (",", "."):
            current = [] if token.text in after and i not in covered else None
            if current is not None:
                segments.append(current)
            continue
        if current is not None:
            current.append(token.raw)
    return [" ".join(s) for s in segments if any(w.lower() not in ignore for w in s)]
