"""The benchmark's queries, drawn from the corpus's own vocabulary and texts (the same for every
run with the same seed), and the percentiles they are reported with."""

from __future__ import annotations

import math
import random
import statistics
from dataclasses import dataclass, field

from .corpus import COLLOCATIONS, Corpus


@dataclass
class Timings:
    label: str
    seconds: list[float] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile, in milliseconds."""
        if not self.seconds:
            return float("nan")
        ordered = sorted(self.seconds)
        rank = min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))
        return ordered[rank] * 1000

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p99(self) -> float:
        return self.percentile(99)

    @property
    def median_total(self) -> float:
        return statistics.median(self.totals) if self.totals else 0


def _word_by_rank(rng: random.Random, words: list[str], low: int = 10) -> str:
    """A word whose rank is log-uniform: frequent, middling and rare words alike."""
    rank = int(math.exp(rng.uniform(math.log(low), math.log(len(words)))))
    return words[min(rank, len(words) - 1)]


def query_sets(corpus: Corpus, count: int, docs: int) -> dict[str, list[str]]:
    """Single words, several words, phrases and CJK words, ``count`` of each."""
    rng = random.Random(f"{corpus.seed}:queries")
    english = corpus.vocabulary.english
    single = [_word_by_rank(rng, english) for _ in range(count)]
    several = [
        " ".join(_word_by_rank(rng, english) for _ in range(rng.choice((2, 2, 3))))
        for _ in range(count)
    ]
    phrases = []
    while len(phrases) < count:
        if rng.random() < 0.5:
            phrases.append(f'"{rng.choice(COLLOCATIONS)}"')
            continue
        # Two or three words side by side in one of the corpus's English texts.
        record = corpus.record(rng.randint(1, docs))
        if record.language != "en":
            continue
        words = record.text.split()
        start = rng.randrange(len(words) - 3)
        phrases.append('"' + " ".join(words[start : start + rng.choice((2, 3))]) + '"')
    cjk = []
    for _ in range(count):
        language = rng.choice(("ko", "ko", "ja", "zh"))
        cjk.append(rng.choice(corpus.tables[language]))
    return {"single term": single, "several terms": several, "phrase": phrases, "CJK word": cjk}
