"""Screening rules that hold a comment with a reason (they never refuse it).

Words are matched on normalised, diacritic-folded, case-folded text, as whole words: NFD
input and dropped marks do not slip past, and "ba" does not match inside "bầu".
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsroom.vietnamese import fold, normalize

_WORD = re.compile(r"\w+")
# Links as readers paste them: with a scheme, starting with www., or a bare domain name.
_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*"
    r"\.(?:com|net|org|vn|info|biz|xyz|top|io|me|co|online|site|shop|club)\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)


def normalized_words(text: str) -> list[str]:
    """The words of `text`, normalised and lower case, punctuation and spacing dropped."""
    return _WORD.findall(normalize(text).casefold())


def word_key(text: str) -> str:
    """The form words are compared in: folded, lower case, words separated by one space."""
    return " ".join(_WORD.findall(fold(normalize(text)).casefold()))


@dataclass(frozen=True)
class WordHit:
    word: str
    kind: str


def find_words(text: str, words: Iterable[tuple[str, str, str]]) -> list[WordHit]:
    """Which of `words` ((word, folded key, kind) triples) occur in `text` as whole words."""
    haystack = f" {word_key(text)} "
    hits = []
    for word, key, kind in words:
        if key and f" {key} " in haystack:
            hits.append(WordHit(word=word, kind=kind))
    return hits


def count_links(text: str) -> int:
    return len(_LINK.findall(text))
