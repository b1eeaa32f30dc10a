"""Comment fixtures: an article open for comments, a moderator, comments in any status."""

import time

import pytest
from django.utils import timezone

from comments.forms import form_token
from comments.models import Comment, CommentEvent
from comments.rendering import comment_html
from newsroom.roles import MODERATOR
from tests.factories import make_article, make_user

# Correctly typed comments, written for these tests.
GOOD_TEXTS = [
    "Bài viết rất hay, cảm ơn phóng viên đã phản ánh kịp thời.",
    "Mong chính quyền địa phương sớm sửa con đường này trước mùa mưa.",
    "Tôi ở gần đó, tình trạng ngập úng kéo dài đã nhiều năm rồi.",
]


@pytest.fixture
def article(db):
    return make_article("Thanh Hóa mở rộng đường ven biển Sầm Sơn")


@pytest.fixture
def moderator(db):
    return make_user("kiemduyet", role=MODERATOR)


@pytest.fixture
def other_moderator(db):
    return make_user("kiemduyet2", role=MODERATOR)


def make_comment(
    article,
    body="Ý kiến của tôi về bài viết này, gửi ban biên tập.",
    *,
    status=Comment.Status.PENDING,
    parent=None,
    author_name="Lê Văn Hùng",
    created_at=None,
    **extra,
) -> Comment:
    """A stored comment in any status, as the services would have left it."""
    created_at = created_at or timezone.now()
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        author_name=author_name,
        body=body,
        original_body=extra.pop("original_body", body),
        fingerprint=extra.pop("fingerprint", f"fp-{Comment.objects.count()}-{time.time_ns()}"),
        status=status,
        created_at=created_at,
        approved_at=created_at if status == Comment.Status.APPROVED else None,
        **extra,
    )
    if status != Comment.Status.PENDING:  # the services write it when a moderator acts
        comment.html = comment_html(comment)
        comment.save(update_fields=["html"])
    CommentEvent.objects.create(
        comment=comment,
        action=CommentEvent.Action.SUBMITTED,
        to_status=Comment.Status.PENDING,
        new_body=body,
        created_at=created_at,
    )
    return comment


def post_data(article, **overrides) -> dict:
    """What the form sends when a person has taken ten seconds to write."""
    data = {
        "author_name": "Nguyễn Thị Mai",
        "author_email": "mai@example.com",
        "body": GOOD_TEXTS[0],
        "parent": "",
        "website": "",
        "token": form_token(article.pk, issued_at=time.time() - 10),
    }
    data.update(overrides)
    return data


JSON_HEADERS = {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
