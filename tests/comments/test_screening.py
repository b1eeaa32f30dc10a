import unicodedata

import pytest

from comments.screening import count_links, find_words, word_key

WORDS = [
    ("ba", "ba", "ban"),
    ("lừa đảo", word_key("lừa đảo"), "suspect"),
    ("Đồ ngốc", word_key("Đồ ngốc"), "ban"),
]


def hits(text):
    return [hit.word for hit in find_words(text, WORDS)]


def test_word_key_folds_case_marks_and_spacing():
    assert word_key("  Đồ   NGỐC!! ") == "do ngoc"
    assert word_key(unicodedata.normalize("NFD", "Đồ ngốc")) == "do ngoc"


@pytest.mark.parametrize(
    "text",
    [
        "Đúng là đồ ngốc.",
        "ĐỒ NGỐC",
        unicodedata.normalize("NFD", "đúng là đồ ngốc"),  # combining marks
        "dung la do ngoc",  # marks dropped
        "đồ\n ngốc",
    ],
)
def test_phrase_is_found_however_it_is_typed(text):
    assert hits(text) == ["Đồ ngốc"]


def test_whole_words_only():
    assert hits("Tôi bầu cho anh ấy, bác ba ạ") == ["ba"]
    assert hits("Tôi bầu cho anh ấy, bazan, bản làng") == []
    assert hits("lừa đảođảo") == []


def test_folded_word_matches_every_tone_of_it():
    assert hits("Bà ấy nói đúng") == ["ba"]
    assert hits("bá chủ") == ["ba"]


def test_several_kinds_found_together():
    found = find_words("Đồ ngốc, lừa đảo!", WORDS)
    assert {(h.word, h.kind) for h in found} == {("Đồ ngốc", "ban"), ("lừa đảo", "suspect")}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Không có đường dẫn nào.", 0),
        ("Xem https://baothanhhoa.vn/bai-viet-1.html nhé", 1),
        ("Vào www.vidu.com và http://a.vn/x, cả shopgiare.xyz nữa", 3),
        ("Số 3.5 triệu, lúc 8.30 sáng", 0),
    ],
)
def test_count_links(text, count):
    assert count_links(text) == count
