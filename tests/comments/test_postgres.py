"""Concurrency on PostgreSQL: parallel posting, and two moderators on one comment."""

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction

from comments import selectors, services
from comments.models import Comment, CommentEvent
from tests.comments.conftest import make_comment, post_data
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

Status = Comment.Status
CSRF = "a" * 32  # any well-formed token works when cookie and field agree
# Written for this test: varied, correctly typed sentences, one per visitor.
OPENINGS = ["Tôi đồng ý", "Theo tôi", "Bài viết hay", "Cảm ơn tòa soạn", "Mong sớm có kết quả"]


def _post(base_url, article, index):
    text = f"{OPENINGS[index % 5]}, ý kiến số {index} của bạn đọc ở phường Điện Biên."
    data = post_data(article, body=text, author_name=f"Bạn đọc {index}", csrfmiddlewaretoken=CSRF)
    request = urllib.request.Request(
        f"{base_url}/binh-luan/gui/{article.pk}/",
        data=urllib.parse.urlencode(data).encode(),
        headers={
            "Cookie": f"csrftoken={CSRF}",
            "Accept": "application/json",
            "X-Requested-With": "XMLHttpRequest",
            # One proxy in front: each visitor has their own address, as in production.
            "X-Forwarded-For": f"198.51.{index // 250}.{index % 250 + 1}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_200_comments_posted_in_parallel_are_all_stored_pending(live_server, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    article = make_article("Bài được nhiều người bình luận cùng lúc")
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(lambda i: _post(live_server.url, article, i), range(200)))
    assert statuses == [201] * 200
    assert Comment.objects.filter(article=article).count() == 200
    assert set(Comment.objects.values_list("status", flat=True)) == {Status.PENDING}
    assert Comment.objects.values("ip_address").distinct().count() == 200
    assert selectors.comments_for_article(article).count == 0
    page = urllib.request.urlopen(f"{live_server.url}{article.get_absolute_url()}").read()
    assert "0 bình luận" in page.decode() and "ý kiến số" not in page.decode()


def _in_thread(target, results, key, *args):
    try:
        results[key] = target(*args)
    except services.ModerationError as error:
        results[key] = error
    finally:
        connection.close()


def test_two_moderators_at_once_one_wins_the_other_is_told():
    article = make_article()
    first, second = make_user("kiemduyet_a"), make_user("kiemduyet_b")
    for _round in range(5):
        comment = make_comment(article)
        start = threading.Barrier(2)
        results = {}

        def approve(comment_id=comment.pk, start=start):
            start.wait()
            return services.comment_approve(comment_id=comment_id, by=first, version=1)

        def reject(comment_id=comment.pk, start=start):
            start.wait()
            return services.comment_reject(
                comment_id=comment_id, by=second, version=1, reason="Lạc đề"
            )

        threads = [
            threading.Thread(target=_in_thread, args=(approve, results, "a")),
            threading.Thread(target=_in_thread, args=(reject, results, "r")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        outcomes = sorted(type(value).__name__ for value in results.values())
        assert outcomes == ["Comment", "CommentConflict"]
        comment.refresh_from_db()
        winner = next(value for value in results.values() if isinstance(value, Comment))
        assert comment.status == winner.status and comment.version == 2
        assert CommentEvent.objects.filter(comment=comment).exclude(actor=None).count() == 1


def test_the_second_waits_for_the_first_then_sees_its_decision():
    article = make_article()
    first, second = make_user("kiemduyet_a"), make_user("kiemduyet_b")
    comment = make_comment(article, "Bản gốc chưa sửa.")
    holding = threading.Event()
    results = {}

    def slow_editor():
        with transaction.atomic():
            services.comment_edit(comment_id=comment.pk, by=first, version=1, body="Bản của A.")
            holding.set()
            time.sleep(0.5)  # still inside the transaction: the row stays locked
        return "committed"

    def second_moderator():
        holding.wait(10)
        began = time.monotonic()
        try:
            services.comment_edit(comment_id=comment.pk, by=second, version=1, body="Bản của B.")
        finally:
            results["waited"] = time.monotonic() - began

    threads = [
        threading.Thread(target=_in_thread, args=(slow_editor, results, "a")),
        threading.Thread(target=_in_thread, args=(second_moderator, results, "b")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results["a"] == "committed"
    assert isinstance(results["b"], services.CommentConflict)
    assert results["waited"] >= 0.3  # it was blocked by the row lock, not racing past it
    comment.refresh_from_db()
    assert comment.body == "Bản của A." and comment.version == 2
