"""The comment form runs the services' text rules itself: their refusals are field errors."""

import unicodedata

import pytest

from comments import services
from comments.forms import CommentForm
from tests.comments.conftest import GOOD_TEXTS, post_data

pytestmark = pytest.mark.django_db

BARE = "bai viet rat hay, cam on phong vien"


def form(article, **overrides) -> CommentForm:
    return CommentForm(post_data(article, **overrides), article=article)


def service_refusal(article, **fields) -> services.CommentRefused:
    data = {"author_name": "Nguyễn Thị Mai", "body": GOOD_TEXTS[0], **fields}
    with pytest.raises(services.CommentRefused) as caught:
        services.comment_submit(article=article, **data)
    return caught.value


def test_without_diacritics_is_a_body_error_in_the_services_words(article):
    refused = form(article, body=BARE)
    assert not refused.is_valid()
    assert refused.errors.as_data()["body"][0].code == "diacritics"
    assert refused.errors["body"] == [service_refusal(article, body=BARE).message]
    assert "Vui lòng gõ tiếng Việt có dấu." in refused.errors["body"][0]
    assert refused.refusal().code == "diacritics"


@pytest.mark.parametrize(
    ("body", "code"),
    [(" \u200b \n ", "empty"), ("Ý kiến " * 10, "too_long")],
)
def test_empty_and_too_long_are_counted_after_normalising(article, settings, body, code):
    settings.COMMENT_MAX_LENGTH = 40
    refused = form(article, body=body)
    assert not refused.is_valid()
    assert refused.refusal().code == code
    assert refused.errors["body"] == [service_refusal(article, body=body).message]


def test_the_cleaned_text_is_the_stored_form(article, settings):
    settings.COMMENT_MAX_LENGTH = 40
    text = "Đường về quê mùa lũ thật khó đi lắm ạ"
    accepted = form(article, body=unicodedata.normalize("NFD", text))
    assert accepted.is_valid(), accepted.errors
    assert accepted.cleaned_data["body"] == text
    assert accepted.refusal() is None


def test_a_name_of_invisible_characters_is_a_name_error(article):
    refused = form(article, author_name="\u200b\u200b")
    assert not refused.is_valid()
    assert refused.errors["author_name"] == ["Vui lòng cho biết tên của bạn."]
    assert refused.refusal().field == "author_name"


def test_with_other_errors_no_rule_speaks_for_the_form(article):
    refused = form(article, body=BARE, author_email="khong-phai-email")
    assert not refused.is_valid()
    assert set(refused.errors) == {"body", "author_email"}
    assert refused.refusal() is None
