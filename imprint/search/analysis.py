"""How text becomes searchable words, for the index and for readers' queries alike.

Latin-script (and other space-separated) text goes to tantivy's own analyzer: words, lower
case, accents folded, English stems ("exports" finds "export"). Korean, Japanese and Chinese
runs are not split by spaces (a Korean noun and its particle, a Japanese compound, a Chinese
phrase are one run), so each run becomes overlapping character bigrams, as Lucene's CJK
analyzer does: "경제정책" -> "경제 제정 정책". A query's run goes through the same split and is
searched as a phrase of its bigrams, so a word is found inside a longer run. The bigrams are
made here, in Python, because tantivy-py offers no bigram filter; only CJK runs pass through
this code, so English-only text costs one regular-expression scan.
"""

from __future__ import annotations

import re
import unicodedata

# Han (with the CJK extensions and compatibility ideographs), Hiragana, Katakana (with the
# phonetic extensions and half-width forms after NFKC), Hangul syllables and jamo. The
# prolonged sound mark ー belongs to Japanese words.
CJK_CHARS = (
    r"\u1100-\u11ff\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3130-\u318f\u3400-\u4dbf"
    r"\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# What tantivy's analyzer takes as a word: letters, digits and marks outside the CJK scripts
# (Rust regex syntax: the class intersection leaves the CJK runs to the bigram field).
LATIN_WORD_PATTERN = r"[\p{L}\p{N}\p{M}&&[^\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]]+"
# The same in Python's re, for highlighting: \w without the CJK scripts.
LATIN_WORD = re.compile(f"[^\\W{CJK_CHARS}]+")


# Between a CJK run and a Latin word written against it ("AI정책"), so that the searched
# fields' tokenizer, which splits at anything not a letter or digit, sees two words. Zero
# width: it is invisible in stored text, and removed from what readers are shown.
SCRIPT_BREAK = "\u200b"
_SCRIPT_EDGE = re.compile(
    f"(?<=[{CJK_CHARS}])(?=[^\\W{CJK_CHARS}])|(?<=[^\\W{CJK_CHARS}])(?=[{CJK_CHARS}])"
)


def separate_scripts(text: str) -> str:
    """The text with a zero-width space wherever a CJK run touches a Latin word."""
    return _SCRIPT_EDGE.sub(SCRIPT_BREAK, text) if CJK_RUN.search(text) else text


def normalize(text: str) -> str:
    """NFKC: full-width Latin letters and digits, half-width katakana, compatibility forms
    become what readers type."""
    return unicodedata.normalize("NFKC", text)


def bigrams(run: str) -> list[str]:
    """The overlapping character bigrams of one CJK run; a lone character stands for itself."""
    if len(run) < 2:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


def cjk_terms(text: str) -> str:
    """The CJK bigrams of a text, space-separated, for the whitespace-tokenized CJK field.

    Runs are kept apart by an empty position gap: the terms of two runs are never adjacent
    in a phrase, because a lone separator character that no query produces sits between them.
    """
    runs = CJK_RUN.findall(normalize(text))
    if not runs:
        return ""
    return " \u2063 ".join(" ".join(bigrams(run)) for run in runs)


def cjk_runs(text: str) -> list[str]:
    return CJK_RUN.findall(normalize(text))


def guess_language(text: str, default: str = "en") -> str:
    """The language a text is mostly written in, from its scripts (ko, ja, zh or the default).

    Pages carry a language chosen by the editor; this is for text that does not (a PDF).
    """
    sample = text[:4000]
    hangul = len(_HANGUL.findall(sample))
    kana = len(_KANA.findall(sample))
    han = len(_HAN.findall(sample))
    cjk = hangul + kana + han
    if cjk < 20 or cjk < len(sample) * 0.1:
        return default
    if hangul >= kana and hangul >= han * 0.5:
        return "ko"
    if kana:
        return "ja"
    return "zh"


# Korean particles and copulas that follow a noun, longest first. A reader who types
# "반도체가" wants the noun; the text may say "반도체를" (a dictionary analyzer would know; this
# list covers the common endings without one).
KOREAN_ENDINGS = sorted(
    [
        "은",
        "는",
        "이",
        "가",
        "을",
        "를",
        "의",
        "에",
        "와",
        "과",
        "도",
        "로",
        "만",
        "께",
        "서",
        "요",
        "으로",
        "에서",
        "에게",
        "한테",
        "까지",
        "부터",
        "보다",
        "처럼",
        "마다",
        "이나",
        "이며",
        "이다",
        "이고",
        "라는",
        "이라는",
        "에는",
        "에도",
        "에서는",
        "으로는",
        "와의",
        "과의",
        "에서의",
        "으로의",
        "입니다",
        "이었다",
        "였다",
        "했다",
        "하다",
        "하는",
        "하고",
        "적인",
        "적으로",
    ],
    key=len,
    reverse=True,
)
_HANGUL_RUN = re.compile(r"^[\uac00-\ud7af]+$")


def korean_stem(run: str) -> str | None:
    """The run without a trailing particle (at least two syllables left), or None."""
    if not _HANGUL_RUN.match(run):
        return None
    for ending in KOREAN_ENDINGS:
        if run.endswith(ending) and len(run) - len(ending) >= 2:
            return run[: -len(ending)]
    return None
