import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom import vietnamese as vn

settings.register_profile("vietnamese", max_examples=200, deadline=None)
moderate = settings.get_profile("vietnamese")

# Marked syllables whose bare form is not also an English word ("thé" -> "the"), so that
# a stripped sentence keeps every syllable as evidence.
MARKED = sorted(s for s in vn.MARKED_SYLLABLES if vn.fold(s) not in vn.ENGLISH_LOOKALIKES)
# Correct words that are legitimately written without marks.
UNMARKED = ["anh", "em", "cho", "hay", "con", "trong", "xin", "tin", "vui", "nay", "chi", "ra"]
LOWER = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
LETTERS = LOWER + LOWER.upper()


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@st.composite
def accented_sentences(draw):
    """Three or more syllables, at least 60 % of them marked (correct text measures ~85 %)."""
    size = draw(st.integers(min_value=3, max_value=40))
    marked = draw(st.integers(min_value=-(-size * 6 // 10), max_value=size))
    words = draw(st.lists(st.sampled_from(MARKED), min_size=marked, max_size=marked))
    words += draw(st.lists(st.sampled_from(UNMARKED), min_size=size - marked,
                           max_size=size - marked))  # fmt: skip
    words = draw(st.permutations(words))
    separators = draw(st.lists(st.sampled_from([" ", " ", " ", ", ", ". ", "! ", " - "]),
                               min_size=len(words) - 1, max_size=len(words) - 1))  # fmt: skip
    text = words[0].capitalize()
    for separator, word in zip(separators, words[1:], strict=True):
        text += separator + (word.capitalize() if separator == ". " else word)
    return text


def base_letter(letter: str) -> str:
    return "d" if letter in "đĐ" else nfd(letter)[0].lower()


@moderate
@given(accented_sentences())
def test_accented_sentences_are_accepted(text):
    assert not vn.needs_diacritics(text)
    assert vn.analyse(text).marked >= 2


@moderate
@given(accented_sentences())
def test_the_same_sentences_without_marks_are_refused(text):
    assert vn.needs_diacritics(vn.fold(text))
    assert vn.needs_diacritics(vn.strip_marks(text))
    assert vn.needs_diacritics(vn.strip_marks(text).upper())


EXTRAS = ["thanks", "admin", "like", "share", "OK", "UBND", "👍", "👨\u200d👩\u200d👧", "🇻🇳",
          "https://baotinh.vn/tin-moi", "0912 345 678", "15.000đ/kg", "@minh", "#quehuong",
          "Baøi", "bµi", "ba`i", "(ảnh)", "“Bài", "U23", "Rịa-Vũng"]  # fmt: skip


@st.composite
def queue_comments(draw):
    """Long comments mixing accented, bare and English words, links, emoji and garbling;
    mostly accented ones too, which take needs_diacritics' early way out."""
    size = draw(st.integers(min_value=20, max_value=70))
    accented = int(size * draw(st.sampled_from([0.0, 0.15, 0.2, 0.3, 0.8, 0.95])))
    rest = st.one_of(
        st.sampled_from(UNMARKED),
        st.sampled_from(MARKED).map(vn.strip_marks),
        st.sampled_from(EXTRAS),
    )
    words = draw(st.lists(st.sampled_from(MARKED), min_size=accented, max_size=accented))
    words += draw(st.lists(rest, min_size=size - accented, max_size=size - accented))
    if draw(st.booleans()):  # marks only at the start, as when a keyboard switches off
        return " ".join(words)
    return " ".join(draw(st.permutations(words)))


@moderate
@given(queue_comments())
def test_early_acceptance_never_changes_the_verdict(text):
    assert vn.needs_diacritics(text) == vn.analyse(text).refused


@moderate
@given(accented_sentences())
def test_nfd_sentences_are_judged_like_nfc(text):
    assert vn.analyse(nfd(text)) == vn.analyse(text)


@moderate
@given(st.text(max_size=200))
def test_any_text_is_judged_the_same_in_nfd_and_nfc(text):
    assert vn.analyse(nfd(text)) == vn.analyse(unicodedata.normalize("NFC", text))


@moderate
@given(st.text(alphabet=LETTERS + "  ,.", max_size=80))
def test_fold_never_drops_a_letter(text):
    letters = [c for c in unicodedata.normalize("NFC", text) if c.isalpha()]
    expected = "".join(map(base_letter, letters))
    for form in (text, nfd(text)):
        folded = vn.fold(form)
        assert folded.replace(" ", "") == expected
        assert folded == folded.strip() and "  " not in folded


@moderate
@given(st.text(alphabet=LETTERS + "  ,.-–!?0123456789", max_size=80))
def test_slugify_never_drops_a_letter(text):
    letters_and_digits = [c for c in unicodedata.normalize("NFC", text) if c.isalnum()]
    expected = "".join(c if c.isdigit() else base_letter(c) for c in letters_and_digits)
    for form in (text, nfd(text)):
        slug = vn.slugify(form)
        assert slug.replace("-", "") == expected
        assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug)


@moderate
@given(st.text(alphabet=LETTERS + " ", max_size=80), st.integers(min_value=1, max_value=40))
def test_slugify_max_length_gives_a_prefix_of_whole_words_when_it_can(text, max_length):
    full = vn.slugify(text)
    cut = vn.slugify(text, max_length=max_length)
    assert len(cut) <= max_length
    assert full.startswith(cut)
    assert not cut.startswith("-") and not cut.endswith("-")
    if len(full) <= max_length:
        assert cut == full
    elif "-" in full[: max_length + 1]:
        assert full[len(cut)] == "-"  # cut at a word boundary


@moderate
@given(st.text(max_size=200))
def test_normalize_is_idempotent_and_nfc(text):
    stored = vn.normalize(text)
    assert vn.normalize(stored) == stored
    assert unicodedata.is_normalized("NFC", stored)
    assert stored == stored.strip()
    assert "\r" not in stored
    assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in stored)


@moderate
@given(st.text(alphabet=LETTERS + " \n", max_size=100))
def test_normalize_keeps_every_vietnamese_letter(text):
    assert vn.normalize(nfd(text)) == unicodedata.normalize("NFC", text).strip()
