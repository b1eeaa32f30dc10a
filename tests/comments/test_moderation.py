"""The moderators' desk: permissions, the queue, actions, conflicts, history, admin pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comments.models import BannedWord, Comment, HoldReason
from comments.moderation import PAGE_SIZE
from tests.comments.conftest import make_comment
from tests.factories import make_article, make_section, make_user

pytestmark = pytest.mark.django_db

Status = Comment.Status
QUEUE = "/binh-luan/kiem-duyet/"


@pytest.fixture
def desk(client, moderator):
    client.force_login(moderator)
    return client


def act(client, comment, action, version=None, **extra):
    data = {"action": action, "version": version or comment.version, **extra}
    return client.post(reverse("comments:act", args=[comment.pk]), data)


# --- Who may come in -------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login(client, article):
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]
    comment = make_comment(article)
    assert act(client, comment, "approve").status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_staff_without_the_permission_gets_403(client, article):
    from newsroom.roles import REPORTER

    client.force_login(make_user(role=REPORTER))
    comment = make_comment(article)
    assert client.get(QUEUE).status_code == 403
    assert act(client, comment, "approve").status_code == 403
    assert client.post(reverse("comments:bulk"), {"action": "approve"}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_actions_need_post(desk, article):
    comment = make_comment(article)
    assert desk.get(reverse("comments:act", args=[comment.pk])).status_code == 405


# --- The queue -------------------------------------------------------------------------------


def test_queue_rows_show_what_a_moderator_needs(desk, article):
    parent = make_comment(article, "Bình luận gốc đã đăng.", status=Status.APPROVED)
    reply = make_comment(
        article,
        "Trả lời chờ duyệt, có từ lạ.",
        parent=parent,
        created_at=timezone.now() - timedelta(hours=3),
    )
    HoldReason.objects.create(comment=reply, code=HoldReason.Code.BANNED_WORD, detail="từ lạ")
    page = desk.get(QUEUE).content.decode()
    assert "Trả lời chờ duyệt, có từ lạ." in page
    assert f'href="{article.get_absolute_url()}"' in page
    assert "Bình luận gốc đã đăng." in page  # the parent, for context
    assert "có từ cấm: từ lạ" in page
    assert "đã chờ 3 giờ" in page
    assert f'value="{reply.pk}:1"' in page  # bulk checkbox carries the version
    assert 'Chờ duyệt <span class="desk-count">1</span>' in page
    assert 'Đã đăng <span class="desk-count">1</span>' in page


def test_queue_filters_from_the_query_string(desk, article):
    sport = make_section("Thể thao")
    make_comment(article, "Về đường ven biển.")
    make_comment(make_article(section=sport), "Về đội bóng.")
    page = desk.get(QUEUE, {"section": sport.pk}).content.decode()
    assert "Về đội bóng." in page and "Về đường ven biển." not in page
    page = desk.get(QUEUE, {"q": "ven biển"}).content.decode()
    assert "Về đường ven biển." in page and "Về đội bóng." not in page
    page = desk.get(QUEUE, {"status": "approved"}).content.decode()
    assert "Về đội bóng." not in page
    # Nonsense filters are ignored, not an error.
    assert desk.get(QUEUE, {"date_from": "hôm qua", "article": "x"}).status_code == 200


@pytest.mark.parametrize("size", [10, 100])
def test_queue_page_query_count_is_the_same_at_two_sizes(
    desk, article, size, django_assert_num_queries
):
    sections = [make_section() for _ in range(3)]
    articles = [make_article(section=sections[i % 3]) for i in range(5)]
    parents = [make_comment(a, status=Status.APPROVED) for a in articles]
    for i in range(size):
        comment = make_comment(articles[i % 5], f"Ý kiến số {i}", parent=parents[i % 5])
        HoldReason.objects.create(comment=comment, code=HoldReason.Code.TOO_MANY_LINKS)
    desk.get(QUEUE)  # session and permission caches warmed the same way for both sizes
    # session, user, permissions (2), the pending count (the others are cached), section
    # choices, page rows with article, section and parent, hold reasons; no COUNT of the list
    with django_assert_num_queries(8):
        response = desk.get(QUEUE)
    assert response.content.decode().count('class="desk-item ') == min(size, PAGE_SIZE)


# --- Actions ---------------------------------------------------------------------------------


def test_approve_from_the_queue_goes_back_with_a_message(desk, article):
    comment = make_comment(article)
    response = act(desk, comment, "approve", next=f"{QUEUE}#bl-{comment.pk}")
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}#bl-{comment.pk}"
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
    page = desk.get(QUEUE).content.decode()
    assert "Đã duyệt đăng bình luận của Lê Văn Hùng." in page


def test_next_must_stay_on_this_site(desk, article):
    comment = make_comment(article)
    response = act(desk, comment, "approve", next="https://evil.example/")
    assert response["Location"] == QUEUE


def test_reject_without_reason_is_refused_with_a_message(desk, article):
    comment = make_comment(article)
    response = act(desk, comment, "reject", reason="")
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert "Hãy ghi lý do từ chối." in desk.get(response["Location"]).content.decode()
    act(desk, comment, "reject", reason="Lạc đề")
    comment.refresh_from_db()
    assert comment.status == Status.REJECTED and comment.rejection_reason == "Lạc đề"


def test_second_moderator_is_told_it_was_already_handled(desk, article, other_moderator, client):
    comment = make_comment(article)
    from django.test import Client

    other = Client()
    other.force_login(other_moderator)
    assert act(other, comment, "spam", version=1).status_code == 302
    response = act(desk, comment, "approve", version=1)
    page = desk.get(response["Location"]).content.decode()
    assert "vừa được kiemduyet2 xử lý" in page
    comment.refresh_from_db()
    assert comment.status == Status.SPAM


def test_bad_action_or_version_is_400(desk, article):
    comment = make_comment(article)
    assert act(desk, comment, "xoa").status_code == 400
    assert act(desk, comment, "approve", version="abc").status_code == 400


# --- One comment: edit then approve, conflict keeps the edit, history ------------------------


def test_detail_shows_original_and_edit_side_by_side_and_history(desk, article, moderator):
    comment = make_comment(article, "Nguyên văn có chữ xấu.", author_email="a@example.com")
    act(desk, comment, "edit", body="Nguyên văn có chữ đẹp.", **{"from": "detail"})
    page = desk.get(comment.get_moderation_url()).content.decode()
    assert "Nguyên văn bạn đọc gửi" in page
    assert '<div class="desk-text" data-original>Nguyên văn có chữ xấu.</div>' in page
    assert ">Nguyên văn có chữ đẹp.</textarea>" in page
    assert "<del>xấu.</del><ins>đẹp.</ins>" in page  # the history's word diff
    assert "kiemduyet" in page and "a@example.com" in page


def test_edit_then_approve_and_go_to_the_next_pending(desk, article):
    now = timezone.now()
    comment = make_comment(article, "Bọn họ thật ngốc.", created_at=now - timedelta(minutes=9))
    following = make_comment(article, "Bình luận kế tiếp.", created_at=now)
    response = act(
        desk, comment, "approve", body="Họ chưa làm tốt.", then="next", **{"from": "detail"}
    )
    assert response["Location"] == following.get_moderation_url()
    comment.refresh_from_db()
    assert (comment.status, comment.body, comment.original_body) == (
        Status.APPROVED,
        "Họ chưa làm tốt.",
        "Bọn họ thật ngốc.",
    )
    public = desk.get(article.get_absolute_url()).content.decode()
    assert "Họ chưa làm tốt." in public and "đã biên tập" in public
    assert "Bọn họ thật ngốc." not in public


def test_conflict_on_the_detail_page_keeps_the_moderators_edit(desk, article, other_moderator):
    comment = make_comment(article, "Bản gốc.")
    from comments import services

    services.comment_edit(comment_id=comment.pk, by=other_moderator, version=1, body="Bản của B.")
    response = act(desk, comment, "approve", version=1, body="Bản của A.", **{"from": "detail"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "vừa được kiemduyet2 xử lý" in page
    assert ">Bản của A.</textarea>" in page  # nothing lost
    assert "Bản của B." in page  # shown beside it
    assert 'name="version" value="2"' in page  # can now decide knowingly


def test_parent_rule_is_explained_on_the_detail_page(desk, article):
    parent = make_comment(article)
    reply = make_comment(article, parent=parent)
    response = act(desk, reply, "approve", body=reply.body, **{"from": "detail"})
    assert response.status_code == 400
    assert "Hãy duyệt bình luận gốc trước." in response.content.decode()


def test_detail_of_a_missing_comment_goes_back_to_the_queue(desk):
    assert desk.get(reverse("comments:moderate", args=[9999]))["Location"] == QUEUE


# --- Bulk ------------------------------------------------------------------------------------


def test_bulk_approve_reports_skipped_ones(desk, article):
    first, second = make_comment(article), make_comment(article)
    Comment.objects.filter(pk=second.pk).update(status=Status.SPAM, version=2)
    response = desk.post(
        reverse("comments:bulk"),
        {"action": "approve", "items": [f"{first.pk}:1", f"{second.pk}:1", "rac"]},
    )
    page = desk.get(response["Location"]).content.decode()
    assert "Đã xử lý 1 bình luận." in page
    assert f"Bình luận #{second.pk}:" in page
    first.refresh_from_db()
    assert first.status == Status.APPROVED


def test_bulk_with_nothing_selected(desk):
    response = desk.post(reverse("comments:bulk"), {"action": "spam"})
    assert "Bạn chưa chọn bình luận nào." in desk.get(response["Location"]).content.decode()


# --- Admin -----------------------------------------------------------------------------------


def test_moderator_keeps_banned_words_in_the_admin(desk, moderator):
    response = desk.post(
        "/quan-tri/comments/bannedword/add/", {"word": "  Lừa   đảo ", "kind": "ban"}
    )
    assert response.status_code == 302
    word = BannedWord.objects.get()
    assert (word.word, word.folded, word.created_by) == ("Lừa đảo", "lua dao", moderator)
    again = desk.post("/quan-tri/comments/bannedword/add/", {"word": "lua dao", "kind": "suspect"})
    assert again.status_code == 200
    assert "đã có trong danh sách" in again.content.decode()


def test_comment_admin_is_read_only_and_links_to_the_desk(desk, article):
    comment = make_comment(article)
    listing = desk.get("/quan-tri/comments/comment/")
    assert listing.status_code == 200
    assert reverse("comments:queue") in listing.content.decode()
    change = desk.post(f"/quan-tri/comments/comment/{comment.pk}/change/", {"body": "Sửa lén."})
    assert change.status_code == 403
    comment.refresh_from_db()
    assert comment.body != "Sửa lén."
