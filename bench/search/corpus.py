"""A generated corpus of search records, the same for every run with the same seed.

English texts draw their words from a vocabulary of real policy words followed by made-up
ones, with Zipf-like frequencies (the n-th most frequent word about 1/n as often as the first),
and carry a few collocations ("supply chain") so that phrases exist. About 12 % of the texts
are Korean, Japanese or Chinese, written from generated words: Hangul syllables composed from
their jamo, a pool of Han characters, kana particles. Nothing is copied from real text.
"""

from __future__ import annotations

import datetime
import itertools
import operator
import random
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from imprint.search.records import PdfPageRecord, Record

TEXT_WORDS = 600
PDF_PAGE_WORDS = 250
TABLE_SIZE = 1 << 20
_MASK = TABLE_SIZE - 1
TYPES = ["policy_brief", "report", "working_paper", "commentary"]


def _words(text: str) -> list[str]:
    return text.split()


# The frequent end of the vocabulary: function words, then the words of policy writing.
FUNCTION_WORDS = _words(
    "the of and to in a is that for on as with by this are be from it at an which was not "
    "have has or its their more than but these also can between will been were other such "
    "they would while both may into over most after under about among"
)
POLICY_WORDS = _words(
    "policy trade security alliance economic government countries regional cooperation energy "
    "climate defence market growth investment export import tariff sanctions export controls "
    "technology semiconductor supply chain maritime nuclear deterrence diplomacy summit "
    "treaty border migration labour finance banking currency inflation debt fiscal monetary "
    "reform election parliament ministry coalition opposition strategy risk resilience "
    "infrastructure port shipping fisheries agriculture food water health pandemic vaccine "
    "education research innovation digital data privacy cyber platform satellite space coast "
    "island dispute arbitration court law rights human refugee humanitarian aid development "
    "poverty inequality wages employment productivity industry manufacturing automobile "
    "battery lithium mineral critical rare earth steel shipbuilding pipeline gas oil coal "
    "renewable solar wind hydrogen grid emissions carbon adaptation finance insurance pension "
    "ageing population fertility urban rural province city peninsula strait sea ocean navy "
    "army missile drill exercise patrol escalation dialogue negotiation agreement framework "
    "partnership bilateral multilateral institution organisation forum council committee "
    "report evidence survey analysis scenario forecast capacity governance transparency "
    "accountability corruption subsidy procurement standard regulation compliance enforcement "
    "audit budget spending revenue tax customs logistics corridor railway airport tourism "
    "culture media information disinformation election campaign public opinion trust "
    "legitimacy sovereignty autonomy hedging balancing rivalry competition coordination "
    "consultation mechanism roadmap pillar initiative"
)
COLLOCATIONS = [
    "supply chain",
    "export controls",
    "rare earth",
    "human rights",
    "critical minerals",
    "public opinion",
    "carbon emissions",
    "maritime security",
    "nuclear deterrence",
    "trade agreement",
    "energy transition",
    "digital trade",
    "economic security",
    "climate adaptation",
    "border dispute",
    "fiscal reform",
    "population ageing",
    "regional cooperation",
    "semiconductor industry",
    "alliance coordination",
    "strait crossing",
    "shipbuilding capacity",
    "data privacy",
    "grid resilience",
]
TOPICS = [
    ("trade", "Trade"),
    ("security", "Security"),
    ("energy", "Energy"),
    ("climate", "Climate"),
    ("technology", "Technology"),
    ("human-rights", "Human rights"),
    ("alliances", "Alliances"),
    ("economy", "Economy"),
    ("migration", "Migration"),
    ("health", "Health"),
    ("japan", "Japan"),
    ("south-korea", "South Korea"),
    ("north-korea", "North Korea"),
    ("china", "China"),
    ("united-states", "United States"),
    ("southeast-asia", "Southeast Asia"),
    ("indo-pacific", "Indo-Pacific"),
    ("europe", "Europe"),
    ("maritime", "Maritime"),
    ("governance", "Governance"),
]
TITLE_FORMS = [
    "{a} and {b}: what changes after the summit",
    "Rethinking {a} in {region}",
    "The quiet politics of {a}",
    "A practical agenda for {a} and {b}",
    "Costs and choices in {a}",
    "Mapping the risks of {a} in {region}",
    "{a}, {b} and the limits of coordination",
]
REGIONS = ["Japan", "South Korea", "China", "Southeast Asia", "the Indo-Pacific", "Europe"]

_LATIN_ONSETS = _words("b c d f g h j k l m n p r s t v w z br cr dr gr pr st tr ch sh th")
_LATIN_VOWELS = _words("a e i o u ai ea ou io")
_LATIN_CODAS = ["", "", "", "n", "r", "s", "l", "m", "nd", "st", "x"]
# Hangul syllables are composed as 0xAC00 + (initial * 21 + vowel) * 28 + final.
_HANGUL_INITIALS = range(19)
_HANGUL_VOWELS = [0, 4, 8, 13, 18, 20, 1, 6]
_HANGUL_FINALS = [0, 0, 0, 0, 4, 8, 16, 21, 1, 17]
_KO_PARTICLES = ["은", "는", "이", "가", "을", "를", "의", "에", "에서", "와", "과", "으로", ""]
_JA_PARTICLES = ["の", "は", "が", "を", "に", "と", "で", "も", "から"]
_ZH_LINKS = ["的", "和", "在", "是", "与", "对"]


def zipf_table(vocabulary: list[str], rng: random.Random, exponent: float = 1.0) -> list[str]:
    """A table in which each word appears about as often as a Zipf law says: drawing a random
    entry draws a word with that frequency (one C-level choice instead of a weighted one)."""
    weights = [1.0 / (rank + 2.7) ** exponent for rank in range(len(vocabulary))]
    total = sum(weights)
    table: list = []
    for word, end in zip(vocabulary, itertools.accumulate(weights), strict=True):
        # Every word gets at least one entry, so the rarest still occur.
        table.extend([word] * max(1, round(end / total * TABLE_SIZE) - len(table)))
    del table[TABLE_SIZE:]
    table.extend(rng.sample(vocabulary, TABLE_SIZE - len(table)) if len(table) < TABLE_SIZE else [])
    return table


def _latin_word(rng: random.Random) -> str:
    syllables = rng.choice((2, 2, 3, 3, 4))
    return "".join(
        rng.choice(_LATIN_ONSETS) + rng.choice(_LATIN_VOWELS) for _ in range(syllables)
    ) + rng.choice(_LATIN_CODAS)


def _hangul(rng: random.Random) -> str:
    initial, vowel = rng.choice(_HANGUL_INITIALS), rng.choice(_HANGUL_VOWELS)
    return chr(0xAC00 + (initial * 21 + vowel) * 28 + rng.choice(_HANGUL_FINALS))


def _unique(make, count: int) -> list[str]:
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen.setdefault(make(), None)
    return list(seen)


def draw(rng: random.Random, table: list[str], k: int) -> list[str]:
    """k entries of the table at random: one call for the random bytes, C-level lookups (ten
    times faster than ``rng.choices``, which takes most of the time otherwise)."""
    numbers = array("I")
    numbers.frombytes(rng.randbytes(4 * k))
    if k == 1:
        return [table[numbers[0] & _MASK]]
    return list(operator.itemgetter(*[n & _MASK for n in numbers])(table))


@dataclass
class Vocabulary:
    english: list[str]
    korean: list[str]
    japanese: list[str]
    chinese: list[str]
    people: list[tuple[str, str]]  # (slug, name)

    @classmethod
    def make(cls, seed: int, size: int = 40_000) -> Vocabulary:
        rng = random.Random(f"{seed}:vocabulary")
        english = list(dict.fromkeys(FUNCTION_WORDS + POLICY_WORDS))
        made = _unique(lambda: _latin_word(rng), size)
        english += [w for w in made if w not in set(english)][: size - len(english)]
        korean = _unique(lambda: "".join(_hangul(rng) for _ in range(rng.choice((2, 2, 3)))), 6000)
        han = [chr(c) for c in rng.sample(range(0x4E00, 0x9FA0), 1500)]
        katakana = [chr(c) for c in range(0x30A2, 0x30F3)]
        japanese = _unique(
            lambda: (
                "".join(rng.choice(han) for _ in range(2))
                if rng.random() < 0.8
                else "".join(rng.choice(katakana) for _ in range(rng.choice((3, 4)))) + "ー"
            ),
            6000,
        )
        chinese = _unique(lambda: "".join(rng.choice(han) for _ in range(2)), 6000)
        people = []
        for n in range(3000):
            given = _latin_word(rng).capitalize()
            family = _latin_word(rng).capitalize()
            people.append((f"bench-person-{n}", f"{given} {family}"))
        return cls(english, korean, japanese, chinese, people)


class Corpus:
    """Record number n of the corpus, for any n, from the seed alone."""

    def __init__(self, seed: int = 1, *, site_id: int = 1, url_prefix: str = "/bench/") -> None:
        self.seed = seed
        self.site_id = site_id
        self.url_prefix = url_prefix
        self.vocabulary = Vocabulary.make(seed)
        rng = random.Random(f"{seed}:tables")
        self.tables = {
            "en": zipf_table(self.vocabulary.english, rng),
            "ko": zipf_table(self.vocabulary.korean, rng),
            "ja": zipf_table(self.vocabulary.japanese, rng),
            "zh": zipf_table(self.vocabulary.chinese, rng),
        }
        self.people_table = zipf_table(self.vocabulary.people, rng, exponent=0.8)

    # --- texts -----------------------------------------------------------------------------

    def _english(self, rng: random.Random, words: int) -> str:
        out = draw(rng, self.tables["en"], words)
        for _ in range(rng.randint(0, 4)):
            out[rng.randrange(words)] = rng.choice(COLLOCATIONS)
        for i in range(0, words, rng.randint(12, 24)):
            out[i] = out[i].capitalize()
        return " ".join(out)

    def _korean(self, rng: random.Random, words: int) -> str:
        nouns = draw(rng, self.tables["ko"], words)
        particles = rng.choices(_KO_PARTICLES, k=words)
        pieces = [n + p for n, p in zip(nouns, particles, strict=True)]
        return " ".join(p + ("." if i % 10 == 9 else "") for i, p in enumerate(pieces))

    def _japanese(self, rng: random.Random, words: int) -> str:
        nouns = draw(rng, self.tables["ja"], words)
        particles = rng.choices(_JA_PARTICLES, k=words)
        pieces = [n + p for n, p in zip(nouns, particles, strict=True)]
        return "".join(p + ("。" if i % 12 == 11 else "") for i, p in enumerate(pieces))

    def _chinese(self, rng: random.Random, words: int) -> str:
        nouns = draw(rng, self.tables["zh"], words)
        links = rng.choices(_ZH_LINKS, k=words)
        return "".join(
            n + (links[i] if i % 3 == 2 else "") + ("。" if i % 15 == 14 else "")
            for i, n in enumerate(nouns)
        )

    def text(self, rng: random.Random, language: str, words: int) -> str:
        return {
            "en": self._english,
            "ko": self._korean,
            "ja": self._japanese,
            "zh": self._chinese,
        }[language](rng, words)

    def _title(self, rng: random.Random, language: str, topics: list[tuple[str, str]]) -> str:
        if language != "en":
            return self.text(rng, language, rng.randint(3, 6)).rstrip("。")
        form = rng.choice(TITLE_FORMS)
        a = rng.choice(COLLOCATIONS + POLICY_WORDS)
        b = topics[-1][1].lower()
        return form.format(a=a, b=b, region=rng.choice(REGIONS)).capitalize()

    # --- records ---------------------------------------------------------------------------

    @staticmethod
    def language_of(rng: random.Random) -> str:
        draw = rng.random()
        return "ko" if draw < 0.06 else "ja" if draw < 0.10 else "zh" if draw < 0.12 else "en"

    def record(self, number: int) -> Record:
        rng = random.Random(f"{self.seed}:record:{number}")
        language = self.language_of(rng)
        topics = rng.sample(TOPICS, rng.randint(1, 3))
        people = list(dict.fromkeys(rng.choices(self.people_table, k=rng.randint(1, 3))))
        date = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randrange(26 * 365))
        words = rng.randint(TEXT_WORDS * 3 // 4, TEXT_WORDS * 5 // 4)
        record = Record(
            key=f"page:{number}",
            family="publication",
            type=rng.choice(TYPES),
            title=self._title(rng, language, topics),
            url_path=f"{self.url_prefix}bench-{number}/",
            sites=[self.site_id],
            date=date,
            names=" ".join(name for _, name in people),
            subjects=" ".join(name for _, name in topics),
            text=self.text(rng, language, words),
            authors=[slug for slug, _ in people],
            byline=[name for _, name in people],
            topics=[slug for slug, _ in topics],
            series=str(rng.randrange(1, 30)) if rng.random() < 0.1 else "",
            language=language,
        )
        if rng.random() < 0.1:
            record.pdf_document = number
            record.pdf_url = f"/documents/{number}/report.pdf"
            record.pdf_pages = [
                PdfPageRecord(page, self.text(rng, language, PDF_PAGE_WORDS))
                for page in range(1, rng.randint(2, 8) + 1)
            ]
        return record

    def batches(self, count: int, size: int = 1000) -> Iterator[list[Record]]:
        for start in range(1, count + 1, size):
            yield [self.record(n) for n in range(start, min(count, start + size - 1) + 1)]
