"""Static tables behind ``newsroom.vietnamese``: spelling rules and legacy encodings.

Only data lives here; ``newsroom.vietnamese`` turns it into lookup sets at import.
"""

import unicodedata

# The five tone marks, as combining characters, in the order sắc, huyền, hỏi, ngã, nặng.
TONE_MARKS = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")

VOWELS = "aăâeêioôơuưy"
MODIFIED_VOWELS = "ăâêôơư"

# Written initials. "qu" and "gi" swallow the first letter of the rhyme (see the generator).
INITIALS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n",
    "ng", "ngh", "nh", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
# Spelled before e, ê, i, y (k, gh, ngh) and never elsewhere (c, g, ng).
FRONT_ONLY = frozenset({"k", "gh", "ngh"})
BACK_ONLY = frozenset({"c", "g", "ng"})
# Lip consonants take no rounding glide (no "boa", "muy"); nor do k, gh, ngh, gi.
NO_MEDIAL = frozenset({"b", "m", "ph", "v", "c", "k", "gh", "ngh", "gi"})
# Where open "i" may also be written "y" (ký/kí, lý/lí, Vy, Thy).
Y_FOR_I = frozenset({"", "h", "k", "l", "m", "n", "s", "t", "th", "v", "d"})

# Nucleus (as written after a consonant) -> finals it takes. "" is an open syllable.
# "ia", "ua", "ưa" are the open spellings of the diphthongs iê, uô, ươ.
NUCLEUS_FINALS = {
    "a": ("", "m", "n", "ng", "nh", "c", "ch", "p", "t", "i", "y", "u", "o"),
    "ă": ("m", "n", "ng", "c", "p", "t"),
    "â": ("m", "n", "ng", "c", "p", "t", "u", "y"),
    "e": ("", "m", "n", "ng", "c", "p", "t", "o"),
    "ê": ("", "m", "n", "nh", "ch", "p", "t", "u"),
    "i": ("", "m", "n", "nh", "ch", "p", "t", "u"),
    "ia": ("",),
    "iê": ("m", "n", "ng", "c", "p", "t", "u"),
    "o": ("", "m", "n", "ng", "c", "p", "t", "i"),
    "oo": ("ng", "c"),
    "ô": ("", "m", "n", "ng", "c", "p", "t", "i"),
    "ơ": ("", "m", "n", "p", "t", "i"),
    "u": ("", "m", "n", "ng", "c", "p", "t", "i"),
    "ua": ("",),
    "uô": ("m", "n", "ng", "c", "t", "i"),
    "ư": ("", "m", "ng", "c", "t", "i", "u"),
    "ưa": ("",),
    "ươ": ("m", "n", "ng", "c", "p", "t", "i", "u"),
}

# Rhymes with a rounding glide, written with "o" before a, ă, e and "u" elsewhere.
MEDIAL_RHYMES = {
    "oa": ("", "m", "n", "ng", "nh", "c", "ch", "p", "t", "i", "y"),
    "oă": ("m", "n", "ng", "c", "t"),
    "oe": ("", "n", "t", "o"),
    "uâ": ("n", "ng", "t", "y"),
    "uê": ("", "ch", "nh"),
    "uơ": ("",),
    "uy": ("", "t", "ch", "nh", "u", "a"),
    "uyê": ("n", "t"),
}

# Finals that stop the voice: syllables ending in them take only sắc and nặng.
CHECKED_FINALS = ("p", "t", "c", "ch")

# Common English words. Those that are also Vietnamese syllable shapes (the, to, an, me, ...)
# are left out of the count: they prove nothing either way.
ENGLISH_WORDS = frozenset(
    """
    a an the to in on at it is so do no not but can may my me he her him his hi oh am up go
    then than them that this these those yet let set get got lot too all any as be by for from
    has had have its our out you your we us of or if and was were are with what when who how
    why which will just very also more most some such only own same other into over under
    again thanks thank good great nice news read love like post share ok okay bye see
    """.split()
)

# TCVN3 (ABC): one byte per toned lowercase letter; capitals only for the base letters.
# Read as Latin-1 text, "bài viết" comes out "bµi viÕt".
_TCVN3_LOWER = (
    "aµ¸¶·¹", "ă¨»¾¼½Æ", "â©ÇÊÈÉË", "eÌÐÎÏÑ", "êªÒÕÓÔÖ", "i×ÝØÜÞ",
    "oßãáâä", "ô«åèæçé", "ơ¬êíëìî", "uïóñòô", "ư\xadõøö÷ù", "yúýûüþ",
)  # fmt: skip
_VN_TONED_ORDER = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng (TCVN3 order)


def tcvn3_table() -> dict[str, str]:
    """Map each TCVN3 byte (read as Latin-1) to the Unicode letter it stands for."""
    table = {}
    for row in _TCVN3_LOWER:
        base, codes = row[0], row[1:]
        if len(codes) == 6:  # the base letter itself has a code (ă, â, ê, ô, ơ, ư)
            table[codes[0]] = base
            codes = codes[1:]
        for code, mark in zip(codes, _VN_TONED_ORDER, strict=True):
            table[code] = unicodedata.normalize("NFC", base + mark)
    table.update({"®": "đ", "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ"})
    return table


# VNI-Windows: base letter followed by a mark byte; read as Latin-1 "bài" is "baøi".
# Mark bytes in the order none, sắc, huyền, hỏi, ngã, nặng (lowercase; capitals are .upper()).
VNI_TONE = ("", "ù", "ø", "û", "õ", "ï")
VNI_CIRCUMFLEX = ("â", "á", "à", "å", "ã", "ä")
VNI_BREVE = ("ê", "é", "è", "ú", "ü", "ë")
VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ"}
VNI_I = ("i", "í", "ì", "æ", "ó", "ò")  # i has its own single bytes
VNI_Y_DOT = "î"  # ỵ is a single byte too

# VIQR: ASCII marks typed after the vowel ("vie^'t" = viết), as the combining marks they stand
# for; "dd" is đ.
VIQR_MARKS = {
    "'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323",
    "^": "\u0302", "(": "\u0306", "+": "\u031b",
}  # fmt: skip
