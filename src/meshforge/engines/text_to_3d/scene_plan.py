"""Prompt -> the objects a scene holds and how each one stands.

English puts a relation word before what it relates to: in "a lamp on a desk" the lamp
is ON the desk, in "a table with two chairs" the chairs are WITH the table, in "a
bowl of apples" the apples are IN the bowl, and "and" joins objects that share the
next relation ("a mug and a plate on a table"). A pronoun after a relation ("a picnic
table with a basket on it") points back at the object named before. Everything here is
read off the keyword mentions the classifier already found; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from meshforge.engines.text_to_3d.mentions import COUNTS, QUANTITIES, RELATIONS, Mention, Token
from meshforge.engines.text_to_3d.part_words import PART_WORDS
from meshforge.engines.text_to_3d.vocabulary import Category

ON, IN, UNDER, BESIDE, AROUND, FRONT, BEHIND, BETWEEN, WITH, OF = (
    "on", "in", "under", "beside", "around", "front", "behind", "between", "with", "of",
)  # fmt: skip
# WITH and OF introduce the dependent object ("a table with chairs", "a bowl of apples",
# which puts the apples IN the bowl); the others introduce the object related to.
# Relation phrases, longest first, and what they mean.
_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("in", "front", "of"), FRONT),
    (("on", "top", "of"), ON),
    (("next", "to"), BESIDE),
    (("close", "to"), BESIDE),
    (("surrounded", "by"), AROUND),
    (("on",), ON), (("onto",), ON), (("atop",), ON), (("upon",), ON), (("over",), ON),
    (("full", "of"), OF), (("filled", "with"), OF), (("of",), OF),
    (("in",), IN), (("inside",), IN), (("into",), IN),
    (("under",), UNDER), (("beneath",), UNDER), (("below",), UNDER), (("underneath",), UNDER),
    (("beside",), BESIDE), (("by",), BESIDE), (("near",), BESIDE), (("alongside",), BESIDE),
    (("around",), AROUND), (("surrounding",), AROUND), (("behind",), BEHIND),
    (("between",), BETWEEN), (("with",), WITH),
)  # fmt: skip
_PRONOUNS = frozenset({"it", "them", "this", "that"})
_GROUND = frozenset({"floor", "ground", "grass", "lawn", "table-top"})
_ROW = frozenset({"row", "line", "lined", "side-by-side"})
_STACK = frozenset({"stack", "stacked", "pile", "piled", "heap", "tower", "stacks", "piles"})


@dataclass(frozen=True)
class Placement:
    relation: str  # one of the relation names above
    targets: tuple[int, ...]  # object indices; empty: the ground


@dataclass
class SceneObject:
    category: int  # index into the category list
    words: list[str]  # the object's own words: "a red wooden chair"
    copies: int = 1
    stated: int | None = None  # the number written before it ("two candles")
    placement: Placement | None = None  # None: stands on the ground
    arrangement: str | None = None  # "row" or "stack" for its copies


@dataclass
class ScenePlan:
    objects: list[SceneObject] = field(default_factory=list)

    @property
    def is_scene(self) -> bool:
        return len(self.objects) > 1 or any(o.copies > 1 for o in self.objects)


def plan_scene(
    tokens: list[Token], mentions: list[Mention], categories: tuple[Category, ...], pick: list[int]
) -> ScenePlan:
    """The scene a prompt describes. `pick[i]` is the kind chosen for mentions[i]."""
    named = [(m, k) for m, k in zip(mentions, pick, strict=True) if not m.modifier]
    keywords = {w for c in categories for k in c.keywords for w in k.split()}
    named = _drop_parts(tokens, named, categories, keywords)
    plan = ScenePlan()
    for m, k in named:
        plan.objects.append(_scene_object(tokens, m, k, categories[k]))
    if len(plan.objects) > 1:
        _counted_copies(plan)
    _link(tokens, [m for m, _ in named], plan)
    return plan


def _counted_copies(plan: ScenePlan) -> None:
    """Beside other objects, "two candles" are two objects (one node each), even for a
    kind that alone draws a counted group in one holder ("three candles")."""
    for obj in plan.objects:
        if obj.copies == 1 and obj.stated is not None and obj.stated > 1:
            obj.copies = min(obj.stated, 12)
            obj.words = [w for w in obj.words if w.lower() not in _NUMBER_WORDS and not w.isdigit()]


def _drop_parts(
    tokens: list[Token],
    named: list[tuple[Mention, int]],
    categories: tuple[Category, ...],
    keywords: set[str],
) -> list[tuple[Mention, int]]:
    """Mentions that are parts of the object before them: "a cake with candles", "a
    bookshelf with books" -- unless a relation places them apart ("with a bucket beside
    it"). A part word that is also a kind counts only when the owner lists it."""
    kept: list[tuple[Mention, int]] = []
    for m, k in named:
        relation = _gap_relation(tokens, kept[-1][0].end, m.start)[0] if kept else None
        if relation in (WITH, IN, OF):  # "with candles", "in a blue pot", "of books"
            owner, word = categories[kept[-1][1]], tokens[m.end - 1].text
            listed = word in owner.parts or (
                relation == WITH and word in PART_WORDS and word not in keywords
            )
            if listed and _relation_after(tokens, m.end) is None:
                continue
        kept.append((m, k))
    return kept


def _scene_object(tokens: list[Token], m: Mention, k: int, category: Category) -> SceneObject:
    start = m.start
    while start > 0 and tokens[start - 1].text not in RELATIONS | {",", "."}:
        start -= 1
    words = [t.raw for t in tokens[start : m.end]]
    copies = 1 if category.groups or m.count is None else m.count
    if m.count is None and m.plural:
        if category.groups:
            words.append("5")  # "a vase of flowers": a bunch of them, as one object
        else:
            copies = 3  # "barrels", "some apples": a few
    if copies > 1:  # the number names copies, not legs or shelves
        words = [w for w in words if w.lower() not in _NUMBER_WORDS and not w.isdigit()]
    return SceneObject(k, words, min(copies, 12), m.count)


_NUMBER_WORDS = frozenset(COUNTS) - {"a", "an", "one", "single"}


def _link(tokens: list[Token], mentions: list[Mention], plan: ScenePlan) -> None:
    """Fill each object's placement from the words between the mentions."""
    group: list[int] = [0] if mentions else []
    with_anchor: int | None = None
    for i in range(1, len(mentions)):
        relation, pronoun = _gap_relation(tokens, mentions[i - 1].end, mentions[i].start)
        if pronoun is not None:  # "... a basket on it": the object before the gap
            plan.objects[i - 1].placement = Placement(pronoun, (_previous(i - 1, plan),))
            relation = None
        if relation in (WITH, OF) and not _after_quantity(tokens, mentions[i].start):
            with_anchor = i - 1
            plan.objects[i].placement = Placement(IN if relation == OF else WITH, (i - 1,))
            group = [i - 1]
        elif relation is None and with_anchor is not None:
            plan.objects[i].placement = plan.objects[i - 1].placement
        elif relation is None:
            group.append(i)
        elif relation == BETWEEN and i + 1 < len(mentions):
            for g in group:
                plan.objects[g].placement = Placement(BETWEEN, (i, i + 1))
            group, with_anchor = [i], None
        else:
            for g in group:
                plan.objects[g].placement = Placement(relation, (i,))
            group, with_anchor = [i], None
    _tail(tokens, mentions, plan)


def _tail(tokens: list[Token], mentions: list[Mention], plan: ScenePlan) -> None:
    """Words after the last object: "... on it", "in a row", "stacked up"."""
    if not mentions:
        return
    last = len(mentions) - 1
    rest = [t.text for t in tokens[mentions[-1].end :]]
    relation, pronoun = _gap_relation(tokens, mentions[-1].end, len(tokens))
    if pronoun is not None and last > 0:
        plan.objects[last].placement = Placement(pronoun, (_previous(last, plan),))
    elif relation in (ON, IN) and set(rest) & _GROUND:
        plan.objects[last].placement = None
    words = {t.text for t in tokens}
    stacked = bool(words & _STACK) or {"each", "other"} <= words
    for obj in plan.objects:
        if obj.copies > 1 and stacked:
            obj.arrangement = "stack"
        elif obj.copies > 1 and words & _ROW:
            obj.arrangement = "row"


def _previous(index: int, plan: ScenePlan) -> int:
    """What "it" points at: the object this one is with, else the one named before."""
    placement = plan.objects[index].placement
    if placement is not None and placement.relation in (WITH, IN) and placement.targets:
        return placement.targets[0] if index - 1 == placement.targets[0] else index - 1
    return index - 1


def _gap_relation(tokens: list[Token], start: int, end: int) -> tuple[str | None, str | None]:
    """(relation, relation-with-a-pronoun) named by the words between two mentions."""
    words = [t.text for t in tokens[start:end]]
    for i in range(len(words)):
        for phrase, relation in _PHRASES:
            if tuple(words[i : i + len(phrase)]) != phrase:
                continue
            rest = words[i + len(phrase) :]
            if relation == IN and set(rest[:2]) & (_ROW | _STACK):
                continue  # "in a row", "in a pile": an arrangement, not a container
            if rest and rest[0] in _PRONOUNS | {"each"}:
                return None, relation
            if relation == OF and i > 0 and words[i - 1] in QUANTITIES:
                break  # "a pile of": a quantity, not contents
            return relation, None
    return None, None


def _relation_after(tokens: list[Token], start: int) -> str | None:
    relation, pronoun = _gap_relation(tokens, start, len(tokens))
    return pronoun or relation


def _after_quantity(tokens: list[Token], start: int) -> bool:
    """ "a stack of three books": the books are the object, not contents of a stack."""
    i = start - 1
    while i >= 0 and tokens[i].text != "of":
        i -= 1
    return i >= 1 and tokens[i - 1].text in QUANTITIES and start - i <= 3
