"""Where a prompt names the kinds this engine builds, and with which counts.

Keywords are matched over the whole prompt, longest first ("chest of drawers" before
"chest", "tennis ball" before "ball"). A match is kept as an object only where English
puts the head noun: a keyword followed by another noun describes that noun ("a football
helmet" is a helmet, "a car engine" is an engine, which we cannot build), and one right
after a capitalised word is part of a name ("the Eiffel Tower"). Attribute words that
are also kinds ("glass", "orange", "stone") name an object only when nothing follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from meshforge.engines.text_to_3d.vocabulary import Category


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated string."""
    return frozenset(text.split())


# Words that end the noun phrase of one object and start a relation to another.
RELATIONS = word_set(
    "of to on at in with for under beside near behind inside above below by from next into "
    "onto without like holding between around atop against along beneath underneath across "
    "over among amid alongside and or plus then while"
)
# A keyword followed by one of these is still the head noun ("a chair, modern style").
TRAILING = word_set(
    "model 3d object asset prop design style version render rendering mesh icon shape "
    "shaped kind type set please made that which who where whose standing sitting lying "
    "leaning hanging resting placed full filled covered stacked piled arranged lined facing "
    "it them each other"
)
ARTICLES = word_set("a an the one some several few many this that these those its their")
COUNTS = {
    "one": 1, "single": 1, "a": 1, "an": 1, "two": 2, "pair": 2, "couple": 2, "both": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "dozen": 12,
}  # fmt: skip
# "a <word> of X" names X, in some number: "a pair of scissors", "a bunch of grapes".
QUANTITIES = word_set(
    "pair pairs bunch bunches slice slices piece pieces wedge bar loaf head stack stacks "
    "pile piles set couple cluster handful lump chunk scoop stick ear half row line group "
    "heap"
)
_MAX_SPAN = 4


@dataclass(frozen=True)
class Mention:
    """One object named in the prompt: its candidate kinds and where it stands."""

    kinds: tuple[int, ...]  # indices into the category list (several: ask the embeddings)
    start: int  # token span of its name
    end: int
    count: int | None  # "three barrels" -> 3; None when no number is given
    plural: bool  # "barrels" without a number: some
    modifier: bool = False  # describes another noun ("a car engine"): not an object itself


@dataclass(frozen=True)
class Token:
    text: str  # lower case, plurals of known keywords folded
    raw: str  # as written
    capital: bool  # written with a capital letter inside the sentence


def tokens_of(prompt: str, keywords: Iterable[str]) -> list[Token]:
    """Words and commas of the prompt, with simple plurals of keywords folded."""
    known = set(keywords)
    out: list[Token] = []
    for match in re.finditer(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*|,|\.", prompt):
        raw = match.group()
        text = _singular(raw.lower(), known)
        sentence_start = not out or out[-1].raw == "."
        out.append(Token(text, raw, raw[:1].isupper() and not sentence_start))
    return out


def _singular(word: str, known: set[str]) -> str:
    """Fold simple English plurals onto a known keyword ("chairs", "benches", "cherries")."""
    for suffix, replacement in (("ies", "y"), ("ves", "f"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + replacement in known:
            return word[: -len(suffix)] + replacement
    return word


class KeywordIndex:
    """Keyword phrases of every category, and the rules that make a match an object."""

    def __init__(self, categories: tuple[Category, ...], attribute_words: frozenset[str]):
        phrases = [
            (index, re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", keyword.lower()))
            for index, category in enumerate(categories)
            for keyword in category.keywords
        ]
        self.words = {w for _, words in phrases for w in words}  # as written
        self.by_phrase: dict[tuple[str, ...], list[int]] = {}
        for index, words in phrases:  # plurals folded as the prompt's words will be
            key = tuple(_singular(w, self.words) for w in words)
            self.by_phrase.setdefault(key, []).append(index)
        self.attributes = attribute_words

    def mentions(self, tokens: list[Token]) -> list[Mention]:
        """Every keyword match in order, objects and modifiers of other nouns alike."""
        spans = self._spans(tokens)
        out = []
        for position, (start, end, kinds) in enumerate(spans):
            following = spans[position + 1][0] if position + 1 < len(spans) else None
            count, plural = _count_before(tokens, start, end, self.words)
            modifier = not self._is_head(tokens, start, end, following)
            out.append(Mention(tuple(kinds), start, end, count, plural, modifier))
        return out

    def _spans(self, tokens: list[Token]) -> list[tuple[int, int, list[int]]]:
        """Longest keyword matches, left to right, never overlapping."""
        words = [t.text for t in tokens]
        spans, i = [], 0
        while i < len(words):
            for length in range(min(_MAX_SPAN, len(words) - i), 0, -1):
                kinds = self.by_phrase.get(tuple(words[i : i + length]))
                if kinds:
                    spans.append((i, i + length, kinds))
                    i += length
                    break
            else:
                i += 1
        return spans

    def _is_head(self, tokens: list[Token], start: int, end: int, following: int | None) -> bool:
        if start > 0 and tokens[start - 1].capital and tokens[start - 1].text not in COUNTS:
            return False  # part of a proper name: "the Eiffel Tower"
        weak = end - start == 1 and tokens[start].text in self.attributes
        nxt = tokens[end].text if end < len(tokens) else None
        if nxt is None or nxt in RELATIONS or nxt in (",", "."):
            return True
        if following == end:
            return False  # a modifier of the next noun: "a football helmet"
        if nxt in TRAILING or nxt in QUANTITIES:
            return True  # "a chair, modern style", "a crystal cluster"
        if weak:
            return False  # "a glass vase", "a glass marble"
        return nxt in self.attributes or nxt.endswith(("ing", "ed"))


def _count_before(
    tokens: list[Token], start: int, end: int, written: set[str]
) -> tuple[int | None, bool]:
    """The number written before a mention ("three barrels", "a pair of dice"), and
    whether it is a plural ("barrels"; not "headphones", which names one thing)."""
    raw = tokens[end - 1].raw.lower()
    plural = raw != tokens[end - 1].text and raw not in written
    i = start - 1
    while i >= 0 and not _counts_or_ends(tokens[i].text):
        i -= 1
    if i >= 1 and tokens[i].text == "of" and tokens[i - 1].text in QUANTITIES:
        # "a pair of dumbbells", "a bunch of grapes": the quantity says how many
        several = raw not in written  # "dumbbells", but not "headphones"
        return (2 if several and tokens[i - 1].text.startswith("pair") else None), several
    if i < 0 or not (tokens[i].text in COUNTS or tokens[i].text.isdigit()):
        return None, plural
    word = tokens[i].text
    value = COUNTS[word] if word in COUNTS else int(word)
    if (value == 1 and plural) or not 0 < value <= 24:
        return None, plural
    return value, plural


def _counts_or_ends(word: str) -> bool:
    """A count word or number, or the end of the phrase before a mention."""
    return word in COUNTS or word.isdigit() or word in RELATIONS or word in (",", ".")


def head_of_first_phrase(tokens: list[Token], mentions: list[Mention]) -> Mention | None:
    """The object a prompt is about: the last keyword before the first relation word
    ("a lamp on a table" is a lamp), reading through "a pair of" and the like. A
    modifier there means the prompt names something else ("a car engine")."""
    inside = {i for m in mentions for i in range(m.start, m.end)}
    end = len(tokens)
    for i, token in enumerate(tokens):
        if i in inside or not (token.text in RELATIONS or token.text in (",", ".")):
            continue
        quantity = token.text == "of" and i > 0 and tokens[i - 1].text in QUANTITIES
        if not (quantity and i - 1 not in inside):
            end = i
            break
    heads = [m for m in mentions if m.end <= end]
    return heads[-1] if heads else None
