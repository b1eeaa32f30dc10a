"""The one module that knows Vietnamese text. Pure Python: no Django, no network.

- ``normalize``: the stored form (NFC, no invisible or control characters, emoji intact).
- ``fold``: a search key without diacritics ("Đà Nẵng" -> "da nang"); ``slugify`` builds on it.
- ``needs_diacritics``: True when a comment is Vietnamese typed without its diacritics.

How ``needs_diacritics`` judges
-------------------------------
The syllable inventory is generated at import from spelling rules: initials x rhymes
(glide + nucleus + final) x tones, where rhymes ending in p, t, c, ch take only sắc and nặng
and both tone placements are accepted (hoà/hòa, thuỷ/thủy). The comment (NFC, lowercased) is
cut into words at spaces and at , . ! ? ; : and "; a token counts as one word at most
("Rịa-Vũng", "đẹp👍"), and links, e-mail addresses, @mentions, #tags, numbers and words with
digits are skipped. Each word goes in one box:

- marked: a correctly spelled syllable with Vietnamese letters or tones ("bài", "đi"), or a
  misspelt word with letters only Vietnamese uses ("thươg");
- bare: plain ASCII shaped like a Vietnamese syllable ("bai", "hay", "nguyen");
- garbled: VIQR ("ba`i", "vie^'t") and VNI or TCVN3 read as Latin-1 ("baøi", "bµi"). As
  soon as one word is a syllable only when decoded, the comment is read again as TCVN3 (if
  it has a byte only TCVN3 uses, such as "µ") or else as VNI; if that reading has more
  correct syllables, all its syllables count as garbled ("Chóc bµi" holds a real "chóc",
  but it is TCVN3 for "Chúc bài");
- other: English words, abbreviations, foreign names ("thanks", "UBND", "José"); full-width
  letters are read as ASCII ("ｂàｉ" is "bài").

Words that are both common English and a Vietnamese shape ("the", "to", "an") prove nothing
and are left out, and so are capitalised bare words inside a sentence ("Cảm ơn anh Nguyen
Van Nam") when the comment has marks elsewhere: those are names.

With V = marked + bare + garbled, the comment is refused when all three hold:

1. V >= MIN_SYLLABLES (3): shorter comments ("Hay", "OK", "Ủng hộ!") are too short to judge;
2. V >= MIN_VIETNAMESE_SHARE (0.5) of all words: English comments are never refused;
3. marked < min_marked(V): 1 when V <= SHORT_COMMENT (5), else 25 % of V, rounded up.

The thresholds come from ``python bench/bench_vietnamese.py --calibrate`` on comments written
for this project (``bench/corpus_comments.py``: 126 comments, 1,513 syllables). Correct text
is legitimately bare in 12.6 % of syllables ("hay", "anh", "em", "cho", "xin"); per comment
the marked share has median 0.89 and minimum 0.50. Over every run of V consecutive
syllables, a stand-in for short comments, the fewest marked were 1 for V = 4-5, 2 for V = 6
and half or more from V = 10; 0.2 % of 3-syllable runs ("cho em xin") had none. Unmarked
text has a share of 0. A floor of 25 % refuses none of those runs from V = 4 on, while it
refuses 98 % of the comments where a reader accented one word in four or fewer, 97 % with
two and 82 % with three (the rest are 4-5 syllable comments, where one mark is enough). The
most Vietnamese-looking English comment has 25 % syllable shapes, half the 0.5 limit.

``needs_diacritics`` accepts early, on the first 60 % of a longer comment, when those words
alone carry as many marks as the whole could need; ``analyse`` always reads everything and
returns the counts. They agree except on a comment that turns into VNI or TCVN3 half-way.
"""

import re
import string
import unicodedata
from collections import namedtuple
from itertools import repeat
from math import ceil

from newsroom import vietnamese_data as data

# Plain strings: this module never imports Django. Views and forms wrap them in gettext.
DIACRITICS_MESSAGE = "Vui lòng gõ tiếng Việt có dấu."
DIACRITICS_HINT = (
    "Hãy bật bộ gõ tiếng Việt (kiểu Telex hoặc VNI): trên máy tính dùng Unikey hoặc EVKey, "
    "trên điện thoại chọn bàn phím tiếng Việt có sẵn."
)

MIN_SYLLABLES = 3
SHORT_COMMENT = 5
MIN_MARKED_SHARE = 0.25
MIN_VIETNAMESE_SHARE = 0.5


# --- Stored form, search key, slug ------------------------------------------------------------

_EMOJI = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u27bf"
    "\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
# Invisible characters and controls (tab and newline excepted) go, but a zero-width joiner
# between two emoji ("👨‍👩‍👧") and the tag characters of a subdivision flag stay.
_INVISIBLE = re.compile(
    rf"(?P<keep>(?<=[{_EMOJI}\ufe0f])\u200d(?=[{_EMOJI}])"
    r"|\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f)"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e"
    r"\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_LINE_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n"})


def normalize(text: str) -> str:
    """The form a comment or title is stored in: NFC, no stray invisibles, outer space trimmed."""
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    text = _INVISIBLE.sub(lambda match: match.group("keep") or "", text)
    return unicodedata.normalize("NFC", text).strip()


_LATIN_MARKS = re.compile("[\u0300-\u036f]+")
_VIETNAMESE_MARKS = re.compile("[\u0300-\u0303\u0306\u0309\u031b\u0323]+")
# Letters with a stroke or slash have no decomposition; without this "Đà" would lose its D.
_STROKES = str.maketrans("đĐðÐłŁøØħĦı", "dDdDlLoOhHi")
_NOT_WORD = re.compile(r"[\W_]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_ASCII_LIGATURES = str.maketrans({"æ": "ae", "œ": "oe", "ß": "ss", "þ": "th"})


def strip_marks(text: str) -> str:
    """Remove Vietnamese diacritics, keeping case and everything else: "Đà Nẵng" -> "Da Nang"."""
    text = _VIETNAMESE_MARKS.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", text.replace("đ", "d").replace("Đ", "D"))


def fold(text: str) -> str:
    """Search key: lowercase, no diacritics, words separated by one space ("da nang")."""
    text = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text).lower())
    text = unicodedata.normalize("NFC", text.translate(_STROKES))
    return _NOT_WORD.sub(" ", text).strip()


def slugify(text: str, max_length: int | None = None) -> str:
    """ASCII slug that keeps every Vietnamese letter: "Đảng bộ thị xã" -> "dang-bo-thi-xa"."""
    if max_length is not None and max_length < 1:
        raise ValueError("max_length must be at least 1")
    slug = fold(text).translate(_ASCII_LIGATURES).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", slug).strip("-")
    if max_length is not None and len(slug) > max_length:
        cut = slug.rfind("-", 0, max_length + 1)  # keep whole words when one fits
        slug = slug[:cut] if cut > 0 else slug[:max_length].rstrip("-")
    return slug


_VIETNAMESE_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)
_MARKED_LETTER = re.compile(f"[{''.join(sorted(_VIETNAMESE_LETTERS))}]")
_WORD_RUN = re.compile(r"[^\W_]+")


def has_vietnamese_marks(text: str) -> bool:
    """True when ``text`` holds at least one Vietnamese letter with a diacritic."""
    return _MARKED_LETTER.search(unicodedata.normalize("NFC", text)) is not None


def words(text: str) -> list[str]:
    """The words of ``text`` (NFC), leaving out any that contain digits ("U23", "5G")."""
    return [w for w in _WORD_RUN.findall(unicodedata.normalize("NFC", text)) if w.isalpha()]


def is_syllable(word: str) -> bool:
    """True for one correctly spelled Vietnamese syllable, in any case, NFC or NFD."""
    return unicodedata.normalize("NFC", word).lower() in SYLLABLES


# --- The syllable inventory -------------------------------------------------------------------

_TONED_VOWEL = {
    (vowel, tone): unicodedata.normalize("NFC", vowel + mark)
    for vowel in data.VOWELS
    for tone, mark in enumerate(data.TONE_MARKS)
}
_SAC, _NANG = 0, 4
_CHECKED_TONES = (_SAC, _NANG)
_ALL_TONES = tuple(range(len(data.TONE_MARKS)))
_BASE_FOLD = str.maketrans("ăâêôơưđ", "aaeooud")


def _tone_slots(rhyme: str) -> tuple[int, ...]:
    """Where the tone mark goes in a written rhyme; two places where usage differs."""
    vowels = [i for i, ch in enumerate(rhyme) if ch in data.VOWELS]
    modified = [i for i in vowels if rhyme[i] in data.MODIFIED_VOWELS]
    if modified:
        return (modified[-1],)  # ươ takes it on ơ, iê on ê
    if rhyme[-1] not in data.VOWELS:
        return (vowels[-1],)  # closed: hoàn, tuýt
    if len(vowels) == 3:
        return (vowels[1],)  # oai, uyu, oeo
    if rhyme in ("oa", "oe", "uy"):
        return (vowels[0], vowels[1])  # hòa and hoà are both in use
    return (vowels[0],)


def _toned(rhyme: str) -> list[str]:
    """Every toned spelling of a written rhyme."""
    checked = rhyme.endswith(data.CHECKED_FINALS)
    tones = _CHECKED_TONES if checked else _ALL_TONES
    variants = [] if checked else [rhyme]  # no ngang (unmarked) tone after p, t, c, ch
    for at in _tone_slots(rhyme):
        head, tail = rhyme[:at], rhyme[at + 1 :]
        variants += [head + _TONED_VOWEL[rhyme[at], tone] + tail for tone in tones]
    return variants


def _spelling_groups() -> list[tuple[list[str], list[str]]]:
    """(heads, rhymes) pairs: each head is written before each of its rhymes."""
    plain = [nucleus + final for nucleus, finals in data.NUCLEUS_FINALS.items() for final in finals]
    glided = [glide + final for glide, finals in data.MEDIAL_RHYMES.items() for final in finals]
    front = [r for r in plain if r[0] in "eêi"]
    back = [r for r in plain if r[0] not in "eêi"]
    by_rule: dict[tuple[bool, bool, bool], list[str]] = {}
    for initial in data.INITIALS:
        if initial not in ("", "gi", "qu"):
            rule = (
                initial in data.FRONT_ONLY,
                initial in data.BACK_ONLY,
                initial in data.NO_MEDIAL,
            )
            by_rule.setdefault(rule, []).append(initial)
    groups = []
    for (front_only, back_only, no_glide), heads in by_rule.items():
        rhymes = front if front_only else back if back_only else plain
        groups.append((heads, rhymes if no_glide else rhymes + glided))
    return (
        groups
        + [
            ([""], ["y" + r[1:] if r.startswith("iê") else r for r in plain] + glided),  # yên, uy
            (["qu"], [r[1:] for r in glided] + ["ôc", "i"]),  # qua, quy; quốc; qui (old for quy)
            (["gi"], [r for r in plain if r[0] != "i"]),
            (["g"], [r for r in plain if r[0] == "i" and r != "ia"]),  # gi + in -> gìn, giêng
            (sorted(data.Y_FOR_I), ["y"]),  # kí/ký, lí/lý, Vy
        ]
    )


def _build_inventory() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return (every correctly spelled syllable, those with marks, bare shapes)."""
    syllables: set[str] = set()
    ascii_plain: set[str] = set()
    shapes: set[str] = set()
    toned_rhymes: dict[str, list[str]] = {}
    for heads, rhymes in _spelling_groups():
        toned = []
        for rhyme in rhymes:
            if rhyme not in toned_rhymes:
                toned_rhymes[rhyme] = _toned(rhyme)
            toned += toned_rhymes[rhyme]
        folded = [rhyme.translate(_BASE_FOLD) for rhyme in rhymes]
        ascii_rhymes = [rhyme for rhyme in rhymes if rhyme.isascii()]
        for head in heads:
            syllables.update(map(head.__add__, toned))
            shapes.update(map(head.translate(_BASE_FOLD).__add__, folded))
            if head.isascii():
                ascii_plain.update(map(head.__add__, ascii_rhymes))
    return frozenset(syllables), frozenset(syllables - ascii_plain), frozenset(shapes)


SYLLABLES, MARKED_SYLLABLES, SYLLABLE_SHAPES = _build_inventory()
ENGLISH_LOOKALIKES = data.ENGLISH_WORDS & SYLLABLE_SHAPES
_BARE_SHAPES = SYLLABLE_SHAPES - ENGLISH_LOOKALIKES


def min_marked(syllables: int) -> int:
    """How many of ``syllables`` Vietnamese words must carry marks for a comment to pass."""
    if syllables <= SHORT_COMMENT:
        return 1
    return ceil(MIN_MARKED_SHARE * syllables)


# --- Legacy encodings, read back ------------------------------------------------------------

_TCVN3 = data.tcvn3_table()
_TCVN3_UNICODE = str.maketrans(_TCVN3)
_TCVN3_LOWER = str.maketrans({code: letter.lower() for code, letter in _TCVN3.items()})


def _vni_marks() -> dict[int, str]:
    """VNI mark bytes as combining marks, so that decoding is translate + NFC."""
    tones = ("", *data.TONE_MARKS)  # VNI's order: none, sắc, huyền, hỏi, ngã, nặng
    table = {}
    for codes, shape in ((data.VNI_TONE, ""), (data.VNI_CIRCUMFLEX, "\u0302"),
                         (data.VNI_BREVE, "\u0306"), (data.VNI_I, None)):  # fmt: skip
        for code, tone in zip(codes, tones, strict=True):
            if code and code != "i":
                table[code] = ("i" + tone) if shape is None else (shape + tone)
    table[data.VNI_Y_DOT] = "y\u0323"
    table[data.VNI_SINGLE["ơ"]] = "o\u031b"
    table[data.VNI_SINGLE["ư"]] = "u\u031b"
    table[data.VNI_SINGLE["đ"]] = "đ"
    return str.maketrans(table)


_VNI_MARKS = _vni_marks()
_VNI_CODES = frozenset(map(chr, _VNI_MARKS)) | {chr(c).upper() for c in _VNI_MARKS}
_VIQR_MARKS = "".join(data.VIQR_MARKS).encode()
_NOT_LETTERS = frozenset(string.ascii_letters) | _VIETNAMESE_LETTERS


def _char_class(chars) -> re.Pattern:
    return re.compile(f"[{re.escape(''.join(sorted(chars)))}]")


# Characters correct Vietnamese never contains: a word with one was typed in VNI or TCVN3.
_LEGACY_SIGNS = _char_class((set(_TCVN3) | _VNI_CODES) - _NOT_LETTERS)
# ... and those only TCVN3 uses ("µ", "¸", "®"), which tell the two apart.
_TCVN3_SIGNS = _char_class(set(_TCVN3) - _VNI_CODES - _NOT_LETTERS)


def _read_vni(text: str) -> str:
    """Lowercase ``text`` read as VNI-Windows ("Baøi" -> "bài")."""
    return unicodedata.normalize("NFC", text.lower().translate(_VNI_MARKS))


def _reads_as_legacy(word: str) -> bool:
    """True if lowercase ``word``, not itself a syllable, is one when read as TCVN3 or VNI."""
    return word.translate(_TCVN3_LOWER) in MARKED_SYLLABLES or _read_vni(word) in MARKED_SYLLABLES


def _is_viqr(word: str) -> bool:
    """True for a lowercase word typed in VIQR ("vie^'t"), not one that ends a sentence."""
    core = word.rstrip("'?.")
    if core.isalpha():
        return False  # "the." and "khi?" are punctuation, however VIQR would read them
    return core.encode().translate(None, _VIQR_MARKS).decode().replace("dd", "d") in _BARE_SHAPES


def _strip_viqr(text: str) -> str:
    """A lowercase ASCII comment without its VIQR marks, đ as d."""
    text = text.encode().translate(None, _VIQR_MARKS).decode()
    return text.replace("dd", "d")


# --- Judging a comment ----------------------------------------------------------------------

# Each word gets a one-letter kind; a comment's kinds form a string that str.count tallies.
_MARKED, _BARE, _GARBLED, _OTHER, _IGNORED, _UNKNOWN = "mbgo.?"
_LEGACY = "!"  # not a word: a sign that the comment may be VNI or TCVN3
_VIQR = "^"  # nor this: a VIQR word was seen


_KINDS = dict.fromkeys(SYLLABLE_SHAPES, _BARE)
_KINDS.update(dict.fromkeys(ENGLISH_LOOKALIKES, _IGNORED))
_KINDS.update(dict.fromkeys(MARKED_SYLLABLES, _MARKED))
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_SEPARATORS = (",", ".", "!", "?", ";", ":", '"')  # not "(" or "'": VIQR marks
_VIQR_SEPARATORS = (",", "!", ";", ":", '"')
_EDGE_PUNCTUATION = string.punctuation + "…“”‘’«»–—•·"
_ASCII_EDGE = "'()[]{}<>*-"
_SENTENCE_END = re.compile(r"[.!?…\n]")
# Letters only Vietnamese uses: a word bearing them was typed on a Vietnamese keyboard.
_VIETNAMESE_ONLY = re.compile(r"[ăđĩũơư\u1ea0-\u1ef9]")


class Census(namedtuple("Census", "marked bare garbled other names")):
    """What ``needs_diacritics`` counted in a comment (see the module docstring).

    ``names`` are the capitalised bare words set aside as names (already taken out of
    ``bare``); they are only looked for when they could change the verdict.
    """

    __slots__ = ()

    @property
    def syllables(self) -> int:
        return self.marked + self.bare + self.garbled

    @property
    def refused(self) -> bool:
        return _refused(self.marked, self.bare, self.garbled, self.other)


def _classify(word: str) -> str:
    """The kind of one lowercase word of letters and digits."""
    kind = _KINDS.get(word)
    if kind:
        return kind
    if word.isascii():
        return _OTHER if word.isalpha() else _IGNORED
    if _DIGIT.search(word):
        return _IGNORED  # "u23", "5g", "000đ"
    kind = _KINDS.get(unicodedata.normalize("NFKC", word))  # full-width "ｂàｉ" -> "bài"
    if kind:
        return kind
    if _VIETNAMESE_ONLY.search(word):
        return _MARKED  # a misspelt word, but typed with marks
    return _OTHER


def _one_word(pieces: list[str]) -> str:
    """A token between spaces counts as one word at most: "Rịa-Vũng", "check-in", "u23"."""
    for piece in pieces:
        kind = _classify(piece)
        if kind != _IGNORED:
            return kind
    return ""


def _judge_token(token: str) -> str:
    """The kind of a lowercase token the lookup did not know, with a sign if it looks VNI,
    TCVN3 or VIQR."""
    if "/" in token or "@" in token or token[0] == "#" or token.isdigit():
        return ""  # links, e-mail addresses, @mentions, #tags, numbers
    if token.isascii():
        word = token.strip(_ASCII_EDGE)
        if word and not word.isalnum() and _is_viqr(word):
            return _GARBLED + _VIQR
        return _one_word(_WORD.findall(word))
    if not any(map(str.isalnum, token)):
        return ""  # emoji
    word = token.strip(_EDGE_PUNCTUATION)
    kind = _KINDS.get(word)
    if kind:
        return kind
    if word.isalpha():
        if _VIETNAMESE_ONLY.search(word):  # VNI and TCVN3 only make Latin-1 letters
            return _classify(word)
        if _reads_as_legacy(word):  # "baøi", "bµi": wrong as they stand, syllables decoded
            return _GARBLED + _LEGACY
        kind = _classify(word)
    else:
        kind = _one_word(_WORD.findall(word))  # "đẹp👍", "u23", "b¸c"
        if _reads_as_legacy(word):
            return _GARBLED + _LEGACY
    return kind + _LEGACY if _LEGACY_SIGNS.search(word) else kind


def _tokens(text: str, separators: tuple[str, ...] = _SEPARATORS) -> list[str]:
    for mark in separators:  # cheaper than stripping every token
        if mark in text:
            text = text.replace(mark, " ")
    return text.split()


def _kinds_of(tokens: list[str], watch_legacy: bool = False) -> str:
    """One kind letter per (lowercase) token, signs included; with ``watch_legacy``, just
    _LEGACY or _VIQR as soon as a word looks VNI, TCVN3 or VIQR."""
    kinds = "".join(map(_KINDS.get, tokens, repeat(_UNKNOWN)))
    at = kinds.find(_UNKNOWN)
    if at < 0:
        return kinds
    rest = []
    while at >= 0:
        token = tokens[at]
        if token.isalpha() and token.isascii():
            kind = _OTHER  # "thanks", "ubnd"
        else:
            kind = _judge_token(token)
            if watch_legacy and kind[-1:] in (_LEGACY, _VIQR):
                return kind[-1]
        rest.append(kind)
        at = kinds.find(_UNKNOWN, at + 1)
    return kinds + "".join(rest)


def _correct_syllables(tokens: list[str]) -> int:
    return sum(map(MARKED_SYLLABLES.__contains__, tokens))


def _legacy_reading(text: str, tokens: list[str]) -> list[str] | None:
    """The words of ``text`` read as TCVN3 or VNI, if that makes more correct syllables."""
    if _TCVN3_SIGNS.search(text):
        reading = _tokens(text.translate(_TCVN3_UNICODE).lower())
    else:
        reading = _tokens(_read_vni(text))
    return reading if _correct_syllables(reading) > _correct_syllables(tokens) else None


def _names(text: str) -> int:
    """Capitalised bare syllables that do not open a sentence: names typed without marks."""
    names, previous_end = 0, None
    for match in _WORD.finditer(text):
        word = match.group()
        opens = previous_end is None or _SENTENCE_END.search(text, previous_end, match.start())
        previous_end = match.end()
        if not opens and word.istitle() and _KINDS.get(word.lower()) == _BARE:
            names += 1
    return names


def _refused(marked: int, bare: int, garbled: int, other: int) -> bool:
    syllables = marked + bare + garbled
    if syllables < MIN_SYLLABLES or syllables < MIN_VIETNAMESE_SHARE * (syllables + other):
        return False
    return marked < min_marked(syllables)


def _judge(text: str) -> tuple[int, int, int, int, int]:
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    tokens = _tokens(text.lower())
    kinds = _kinds_of(tokens, watch_legacy=True)
    garbled = 0
    if kinds == _LEGACY:
        # A comment that reads better as TCVN3 or VNI than as it stands is garbled, even
        # where some of its words happen to be syllables too ("Chóc" is TCVN3 for "Chúc").
        reading = _legacy_reading(text, tokens)
        if reading is None:
            kinds = _kinds_of(tokens)
        else:
            kinds = _kinds_of(reading).replace(_MARKED, _GARBLED)
    elif kinds == _VIQR:
        # The words again, cut only at what VIQR does not use, then with the marks taken off.
        as_typed = _tokens(text.lower(), _VIQR_SEPARATORS)
        plain = _tokens(_strip_viqr(text.lower()), _VIQR_SEPARATORS) if text.isascii() else []
        if len(plain) == len(as_typed):
            as_typed = "".join(map(_KINDS.get, as_typed, repeat(_UNKNOWN)))
            kinds = _kinds_of(plain)
            garbled = kinds.count(_BARE) - as_typed.count(_BARE)
            kinds = as_typed.replace(_UNKNOWN, "") + kinds.replace(_BARE, "")
        else:
            kinds = _kinds_of(tokens)
    marked = kinds.count(_MARKED)
    bare, other = kinds.count(_BARE), kinds.count(_OTHER)
    garbled += kinds.count(_GARBLED)
    names = 0
    if marked and bare and _refused(marked, bare, garbled, other):
        names = _names(text)
    return marked, bare - names, garbled, other, names


def analyse(text: str) -> Census:
    """Count marked, bare, garbled and other words in ``text`` (see the module docstring)."""
    return Census(*_judge(text))


def _no_legacy_suspects(tokens: list[str], kinds: str) -> bool:
    """True if no word the lookup did not know has letters outside ASCII (VNI, TCVN3)."""
    at = kinds.find(_UNKNOWN)
    while at >= 0:
        token = tokens[at]
        if not token.isascii() and any(map(str.isalpha, token)):
            return False
        at = kinds.find(_UNKNOWN, at + 1)
    return True


def needs_diacritics(text: str) -> bool:
    """True when ``text`` is Vietnamese typed without diacritics and must be refused."""
    if len(text) > 120 and not text.isascii():
        # Most comments are typed correctly: accept on the first 60 % when those words already
        # carry as many marks as the whole could need (the rest has at most one word per two
        # characters). Words in NFD are not found, so this needs no normalizing first.
        cut = text.find(" ", len(text) * 3 // 5)
        if cut > 0:
            head = _tokens(text[:cut].lower())
            kinds = "".join(map(_KINDS.get, head, repeat(_UNKNOWN)))
            most_words = len(head) + (len(text) - cut + 1) // 2
            enough = kinds.count(_MARKED) >= min_marked(most_words)
            if enough and _no_legacy_suspects(head, kinds):
                # One VNI or TCVN3 word in the rest turns the whole verdict (_judge reads the
                # text as legacy-encoded), so the rest's non-ASCII words are looked up too.
                rest = [t for t in _tokens(text[cut:].lower()) if not t.isascii()]
                if _no_legacy_suspects(rest, "".join(map(_KINDS.get, rest, repeat(_UNKNOWN)))):
                    return False
    marked, bare, garbled, other, _ = _judge(text)
    return _refused(marked, bare, garbled, other)
