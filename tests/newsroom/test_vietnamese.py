import unicodedata

import pytest

from newsroom import vietnamese as vn


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- needs_diacritics -------------------------------------------------------------------------

REFUSED = [
    pytest.param("bai viet rat hay", id="bare-lowercase"),
    pytest.param("BAI VIET RAT HAY", id="bare-all-caps"),
    pytest.param("Bai Viet Rat Hay", id="bare-title-case"),
    pytest.param("Toi dong y voi y kien cua ban o tren.", id="bare-sentence"),
    pytest.param("bai viet nay rat hay, cảm on tac gia da viet", id="one-marked-word-in-bare"),
    pytest.param(
        "mình thấy bai viet nay hay nhung con thieu y kien cua nguoi dan trong vung du an",
        id="two-marked-words-in-long-bare",
    ),
    pytest.param("bai viet hay, thanks admin nhieu nha", id="bare-with-english-loanwords"),
    pytest.param(
        "Xem bai nay tai https://baotinh.vn/thoi-su/cau-moi.html nhe moi nguoi", id="bare-with-link"
    ),
    pytest.param("Gia lua hom nay 7.500d/kg, ba con ban duoc gia", id="bare-with-price"),
    pytest.param("Baøi vieát hay quaù", id="vni-garbled"),
    pytest.param("BAØI VIEÁT RAÁT HAY", id="vni-garbled-caps"),
    pytest.param("Hay quaù anh ôi!", id="vni-garbled-with-lookalike-syllables"),
    pytest.param("Bµi viÕt rÊt hay", id="tcvn3-garbled"),
    pytest.param("C¶m ¬n t¸c gi¶ bµi viÕt", id="tcvn3-garbled-punctuation-bytes"),
    pytest.param("Chóc b¸c sím b×nh phôc.", id="tcvn3-garbled-with-lookalike-syllables"),
    pytest.param("Ba`i vie^'t ra^'t hay", id="viqr"),
    pytest.param("Ca'm o+n ta'c gia? ddu+a tin kip. thoi`", id="viqr-horn-and-dd"),
    pytest.param("ｂａｉ ｖｉｅｔ ｒａｔ ｈａｙ", id="full-width-bare"),
    pytest.param(
        "chúc mừng nguyen quang hai va do hung dung da ghi ban", id="lowercase-names-are-no-names"
    ),  # fmt: skip
]

ACCEPTED = [
    pytest.param("", id="empty"),
    pytest.param("Hay", id="one-word"),
    pytest.param("OK", id="ok"),
    pytest.param("Ủng hộ! 👏", id="short-with-emoji"),
    pytest.param("hay qua", id="two-bare-syllables-too-short"),
    pytest.param("Bài viết rất hay", id="accented"),
    pytest.param("BÀI VIẾT RẤT HAY", id="accented-all-caps"),
    pytest.param("Bài Viết Rất Hay", id="accented-title-case"),
    pytest.param(nfd("Bài viết rất hay, cảm ơn tác giả."), id="accented-nfd"),
    pytest.param("ｂàｉ ｖｉếｔ ｒấｔ ｈａｙ", id="full-width-accented"),
    pytest.param("Em cho anh hỏi", id="short-with-legitimately-bare-syllables"),
    pytest.param("Anh cho em xin nhé", id="five-syllables-one-marked"),
    pytest.param("Chúc cả nhà luôn khoẻ mạnh và hoà thuận", id="new-tone-placement"),
    pytest.param("Chúc cả nhà luôn khỏe mạnh và hòa thuận", id="old-tone-placement"),
    pytest.param("Thuỷ điện và thủy lợi", id="both-placements-in-one"),
    pytest.param("This article is great, thanks for sharing.", id="english"),
    pytest.param(
        "I visited Hoi An and Da Nang last year, the people were so kind.",
        id="english-with-vietnamese-place-names",
    ),  # fmt: skip
    pytest.param("Cảm ơn anh Nguyen Van Nam đã viết bài này", id="bare-name-in-accented"),
    pytest.param("Chúc mừng Nguyen Quang Hai va Do Hung Dung da ghi ban", id="several-bare-names"),
    pytest.param("Like mạnh cho phóng sự này, share cho bạn bè cùng đọc", id="mixed-language"),
    pytest.param("Team mình đi trekking ở đó, có ai join không?", id="mixed-language-2"),
    pytest.param(
        "Liên hệ 0912 345 678 hoặc hotro@baotinh.vn, xem https://baotinh.vn/tin-moi",
        id="phone-email-link",
    ),
    pytest.param("https://baotinh.vn/bai-viet-rat-hay", id="link-only"),
    pytest.param("@nguyenvannam #baivietrathay #quehuongtoi", id="mention-and-tags-only"),
    pytest.param("Giá 15.000đ/kg, tăng 2.000đ so với tuần trước.", id="prices"),
    pytest.param("U23 Việt Nam vô địch, covid19 hết rồi", id="words-with-digits"),
    pytest.param("👍👍👍 Tuyệt vời quá 🇻🇳❤️", id="emoji-heavy"),
    pytest.param("Cảm ơn ông Müller và José rất nhiều", id="foreign-names-with-latin-1"),
    pytest.param("«Tin tức» hay quá, cảm ơn", id="guillemets"),
    pytest.param("Tôi thấy nên mở thêm tuyến xe buýt về các xã phía tây.", id="loanword-buyt"),
]


@pytest.mark.parametrize("text", REFUSED)
def test_refuses_vietnamese_without_diacritics(text):
    assert vn.needs_diacritics(text) is True


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepts(text):
    assert vn.needs_diacritics(text) is False


LONG_ACCENTED = (
    "Tôi sống ở đây từ nhỏ, nhớ hồi trước con đường này chỉ là lối mòn, mùa mưa lầy lội. "
    "Bây giờ đường đã được bê tông hoá, hai bên có đèn chiếu sáng, bà con rất phấn khởi. "
    "Tuy nhiên cống thoát nước còn nhỏ, cứ mưa to là nước tràn vào nhà dân."
)


def test_long_comments_are_judged_whole():
    assert not vn.needs_diacritics(LONG_ACCENTED)
    assert vn.needs_diacritics(vn.strip_marks(LONG_ACCENTED))
    # Marks at the start only: the bare rest decides.
    mostly_bare = "Cảm ơn tác giả. " + vn.strip_marks(LONG_ACCENTED)
    assert vn.needs_diacritics(mostly_bare)
    assert vn.analyse(mostly_bare).refused
    # Enough marks in the first part to look fine on their own, not for the whole comment.
    keyboard_off = "Cảm ơn tác giả đã viết bài này rất hay và bổ ích. " + vn.strip_marks(
        LONG_ACCENTED
    )
    census = vn.analyse(keyboard_off)
    assert census.marked == 12 and census.refused
    assert vn.needs_diacritics(keyboard_off)


def test_garbled_words_are_counted_as_garbled_not_marked():
    for text in ("Baøi vieát hay quaù", "Bµi viÕt rÊt hay", "Ba`i vie^'t ra^'t hay"):
        census = vn.analyse(text)
        assert census.marked == 0
        assert census.garbled == 3
        assert census.bare == 1  # "hay"


def test_bare_names_are_set_aside_only_when_capitalised_inside_a_sentence():
    census = vn.analyse("Chúc mừng Nguyen Quang Hai va Do Hung Dung da ghi ban")
    assert census.names == 5  # not "va", "da", "ghi", "ban"; "Do" is also English: left out
    assert (census.marked, census.bare) == (2, 4)
    assert vn.analyse("Bai viet hay. Cam on tac gia").names == 0  # no marks at all: no names


def test_common_english_words_that_look_vietnamese_prove_nothing():
    assert {"the", "to", "an", "me", "do", "in"} <= vn.ENGLISH_LOOKALIKES
    census = vn.analyse("the to an me do in")
    assert census.syllables == 0


@pytest.mark.parametrize(
    ("syllables", "needed"),
    [(3, 1), (4, 1), (5, 1), (6, 2), (8, 2), (9, 3), (12, 3), (20, 5), (100, 25)],
)
def test_marked_syllables_needed_grow_with_length(syllables, needed):
    assert vn.min_marked(syllables) == needed


def test_messages_are_vietnamese_and_pass_their_own_check():
    assert vn.DIACRITICS_MESSAGE == "Vui lòng gõ tiếng Việt có dấu."
    for word in ("Telex", "VNI", "Unikey", "EVKey", "điện thoại"):
        assert word in vn.DIACRITICS_HINT
    assert not vn.needs_diacritics(vn.DIACRITICS_MESSAGE)
    assert not vn.needs_diacritics(vn.DIACRITICS_HINT)


# --- The syllable inventory -------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["hoà", "hòa", "thuỷ", "thủy", "khoẻ", "khỏe", "nghiêng", "quốc", "quý", "giữa", "gìn",
     "giêng", "người", "khuya", "khuỷu", "ngoài", "yêu", "ỉa", "kỹ", "kĩ", "Đường", "NGƯỜI",
     nfd("Việt"), "hay", "anh", "em"],
)  # fmt: skip
def test_is_syllable(word):
    assert vn.is_syllable(word)


@pytest.mark.parametrize(
    "word",
    ["qủa", "hòan", "viêt", "rêt", "bàì", "ka", "ghá", "ngi", "ci", "this", "vieát", "baøi"],
)
def test_is_not_syllable(word):
    assert not vn.is_syllable(word)


def test_checked_syllables_take_only_sac_and_nang():
    checked = [s for s in vn.SYLLABLES if s.endswith(("p", "t", "c", "ch"))]
    assert len(checked) > 1000
    for syllable in checked:
        marks = set(nfd(syllable)) & set(vn.data.TONE_MARKS)
        assert marks in ({"\u0301"}, {"\u0323"}), syllable


def test_every_syllable_folds_to_a_shape_and_marked_ones_carry_marks():
    assert {vn.fold(s) for s in vn.SYLLABLES} <= vn.SYLLABLE_SHAPES
    assert all(not s.isascii() for s in vn.MARKED_SYLLABLES)
    assert vn.MARKED_SYLLABLES < vn.SYLLABLES


def test_spelling_rules_hold_across_the_inventory():
    for syllable in vn.SYLLABLE_SHAPES:
        if syllable.startswith(("k", "gh", "ngh")) and not syllable.startswith("kh"):
            assert syllable.lstrip("kgnh")[0] in "eiy", syllable
        if syllable.startswith("c") and not syllable.startswith("ch"):
            assert syllable[1] not in "eiy", syllable


# --- normalize --------------------------------------------------------------------------------


def test_normalize_makes_nfd_and_nfc_equal():
    nfc = "Đường về quê hương Việt Nam"
    assert vn.normalize(nfd(nfc)) == vn.normalize(nfc) == nfc
    assert nfd(nfc) != nfc


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Bài\u200b viết\ufeff hay", "Bài viết hay"),
        ("\ufeffXin chào", "Xin chào"),
        ("trái\u200e phải\u200f", "trái phải"),
        ("thông\u00adtin", "thôngtin"),
        ("vi\u200dết", "viết"),  # a joiner between letters
        ("a\u2060b\u200cc", "abc"),
        ("\u202egnihton\u202c", "gnihton"),  # bidi override: spoofing
        ("chữ\x00 đỏ\x07\x1b[0m", "chữ đỏ[0m"),
        ("xóa\x7f\x85", "xóa"),
    ],
)
def test_normalize_removes_invisible_and_control_characters(raw, stored):
    assert vn.normalize(raw) == stored


@pytest.mark.parametrize(
    "emoji",
    ["👨\u200d👩\u200d👧", "👍🏽", "🇻🇳", "🏳️\u200d🌈", "❤️\u200d🔥", "👩🏽\u200d🚀", "1️⃣",
     "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"],
)  # fmt: skip
def test_normalize_keeps_emoji_sequences_intact(emoji):
    assert vn.normalize(f"Tuyệt {emoji} quá") == f"Tuyệt {emoji} quá"


def test_normalize_keeps_newlines_and_tabs_and_unifies_line_ends():
    raw = "Dòng 1\r\nDòng 2\rDòng 3\n\n\tDòng 4"
    assert vn.normalize(raw) == "Dòng 1\nDòng 2\nDòng 3\n\n\tDòng 4"
    assert vn.normalize("a\u2028b") == "a\nb"


def test_normalize_strips_outer_whitespace_only():
    assert vn.normalize("  \n Bài  viết \t ") == "Bài  viết"


def test_stray_tag_characters_are_removed():
    assert vn.normalize("ẩn\U000e0061\U000e0062 chữ") == "ẩn chữ"


# --- fold, strip_marks, slugify ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Đà Nẵng", "da nang"),
        ("ĐÀ NẴNG", "da nang"),
        ("  Hà   Nội!!! ", "ha noi"),
        ("Thủy điện", "thuy dien"),
        ("Thuỷ điện", "thuy dien"),
        ("Phố Đ.B.P - số 12", "pho d b p so 12"),
        ("ＨÀ ＮỘＩ", "ha noi"),
        ("Hà Nội 北京", "ha noi 北京"),
        ("người_dùng", "nguoi dung"),
        ("👍", ""),
    ],
)
def test_fold(text, key):
    assert vn.fold(text) == key
    assert vn.fold(nfd(text)) == key


def test_strip_marks_keeps_case_and_punctuation():
    assert vn.strip_marks("Đà Nẵng, Việt Nam!") == "Da Nang, Viet Nam!"
    assert vn.strip_marks(nfd("ĐƯỜNG")) == "DUONG"


def test_has_vietnamese_marks():
    assert vn.has_vietnamese_marks("Việt")
    assert vn.has_vietnamese_marks(nfd("Việt"))
    assert vn.has_vietnamese_marks("đi")
    assert not vn.has_vietnamese_marks("Viet Nam")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đảng bộ thị xã Nghi Sơn", "dang-bo-thi-xa-nghi-son"),
        ("Đà Nẵng", "da-nang"),
        ("ĐÀ NẴNG", "da-nang"),
        ("đường Đồng Khởi", "duong-dong-khoi"),
        ("Thuỷ điện Hoà Bình", "thuy-dien-hoa-binh"),
        ("Giá lúa: tăng 5% — năm 2024!", "gia-lua-tang-5-nam-2024"),
        ("  --Hà   Nội--  ", "ha-noi"),
        ("Trường THPT số 1", "truong-thpt-so-1"),
        ("Ông Nguyễn Văn A (trái) và bà Lê Thị B", "ong-nguyen-van-a-trai-va-ba-le-thi-b"),
        ("👍", ""),
        ("", ""),
    ],
)
def test_slugify(title, slug):
    assert vn.slugify(title) == slug
    assert vn.slugify(nfd(title)) == slug


@pytest.mark.parametrize(
    ("max_length", "slug"),
    [(100, "dang-bo-thi-xa-nghi-son"), (23, "dang-bo-thi-xa-nghi-son"), (22, "dang-bo-thi-xa-nghi"),
     (12, "dang-bo-thi"), (11, "dang-bo-thi"), (10, "dang-bo"), (4, "dang"), (3, "dan")],
)  # fmt: skip
def test_slugify_max_length_cuts_at_a_hyphen(max_length, slug):
    assert vn.slugify("Đảng bộ thị xã Nghi Sơn", max_length=max_length) == slug


def test_slugify_rejects_a_useless_max_length():
    with pytest.raises(ValueError):
        vn.slugify("Đà Nẵng", max_length=0)


def test_words_skip_those_with_digits():
    assert vn.words("Xin chào, U23 bạn! 5G") == ["Xin", "chào", "bạn"]
