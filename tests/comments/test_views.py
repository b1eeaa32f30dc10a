"""Posting without and with JavaScript: every refusal keeps the text, with the right status."""

import html
import json
import re
import time

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.forms import form_token
from comments.models import Comment
from tests.comments.conftest import GOOD_TEXTS, JSON_HEADERS, make_comment, post_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db

Status = Comment.Status


def url(article):
    return reverse("comments:post", args=[article.pk])


def assert_text_kept(response, text):
    assert html.escape(text, quote=False) in response.content.decode()


def test_accepted_post_redirects_to_the_pending_page(client, article):
    response = client.post(url(article), post_data(article), REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 302
    assert response["Location"] == reverse("comments:posted", args=[article.pk])
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING and comment.ip_address == "203.0.113.8"
    page = client.get(response["Location"])
    assert "Bình luận của bạn đang chờ biên tập" in page.content.decode()
    assert article.get_absolute_url() in page.content.decode()
    public = client.get(article.get_absolute_url()).content.decode()
    assert GOOD_TEXTS[0] not in public
    assert "0 bình luận" in public


def test_csrf_failure_keeps_the_text_with_403(article):
    client = Client(enforce_csrf_checks=True)
    text = "Tôi không có cookie nhưng vẫn muốn góp ý về con đường này."
    data = post_data(article, body=text, csrfmiddlewaretoken="c" * 32)  # an old page's
    response = client.post(url(article), data)
    assert response.status_code == 403
    assert_text_kept(response, text)
    assert "Phiên làm việc đã hết hạn" in response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert not Comment.objects.exists()


def test_csrf_passes_with_the_token_the_form_session_gives(article, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 0  # the reader writes as soon as the tokens arrive
    client = Client(enforce_csrf_checks=True)
    page = client.get(article.get_absolute_url())
    assert not page.cookies  # the page is the same for everyone: no token in it
    session = client.get(reverse("comments:form_session", args=[article.pk]))
    assert session.status_code == 200 and "no-store" in session["Cache-Control"]
    values = session.json()
    assert session.cookies["csrftoken"]
    data = post_data(article, csrfmiddlewaretoken=values["csrf"], token=values["token"])
    assert client.post(url(article), data).status_code == 302


def test_no_javascript_post_from_the_cached_page_gets_the_form_back_tokened(article):
    """The page's form has empty token fields; without JavaScript the first post is refused
    with the text kept and a form that then goes through."""
    client = Client(enforce_csrf_checks=True)
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'name="csrfmiddlewaretoken" value=""' in page and 'name="token" value=""' in page
    text = GOOD_TEXTS[1]
    refused = client.post(url(article), post_data(article, body=text, token=""))
    assert refused.status_code == 403
    assert_text_kept(refused, text)
    html = refused.content.decode()
    assert "<h1>Xác nhận gửi bình luận</h1>" in html
    assert "vui lòng bấm “Gửi bình luận” thêm một lần nữa" in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    stamp = re.search(r'name="token" value="([^"]+)"', html).group(1)
    again = post_data(article, body=text, csrfmiddlewaretoken=token, token=stamp)
    assert client.post(url(article), again).status_code == 302
    assert Comment.objects.get().body == text


def test_closed_article_refuses_with_403_and_keeps_the_text(client, article):
    article.comments_enabled = False
    article.save()
    response = client.post(url(article), post_data(article))
    assert response.status_code == 403
    assert "đã đóng bình luận" in response.content.decode()
    assert_text_kept(response, GOOD_TEXTS[0])


def test_unknown_or_unpublished_article_is_404(client):
    draft = make_article(published=False)
    assert client.post(url(draft), post_data(draft)).status_code == 404


def test_honeypot_refuses_with_400_and_keeps_the_text(client, article):
    response = client.post(url(article), post_data(article, website="http://spam.example"))
    assert response.status_code == 400
    assert "Để trống ô này" in response.content.decode()
    assert_text_kept(response, GOOD_TEXTS[0])
    assert not Comment.objects.exists()


def test_too_fast_refuses_and_the_new_form_can_be_sent_later(client, article):
    data = post_data(article, token=form_token(article.pk))
    response = client.post(url(article), data)
    assert response.status_code == 400
    assert "nhanh quá" in response.content.decode()
    assert_text_kept(response, GOOD_TEXTS[0])


@pytest.mark.parametrize("token", ["", "gia-mao", "__other_article__"])
def test_bad_or_foreign_token_refuses(client, article, token):
    if token == "__other_article__":
        token = form_token(make_article().pk, issued_at=time.time() - 60)
    response = client.post(url(article), post_data(article, token=token))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_expired_form_refuses_politely(client, article, settings):
    settings.COMMENT_FORM_MAX_AGE_HOURS = 1
    old = form_token(article.pk, issued_at=time.time() - 7200)
    response = client.post(url(article), post_data(article, token=old))
    assert response.status_code == 400
    assert "quá lâu" in response.content.decode()


def test_rate_limit_per_client_gives_429_with_the_text_kept(client, article, settings):
    settings.COMMENT_RATES = ("2/m", "10/h")
    for text in GOOD_TEXTS[:2]:
        assert client.post(url(article), post_data(article, body=text)).status_code == 302
    response = client.post(url(article), post_data(article, body=GOOD_TEXTS[2]))
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert_text_kept(response, GOOD_TEXTS[2])
    # Another client (behind the trusted proxy) is not affected.
    settings.TRUSTED_PROXY_COUNT = 1
    other = client.post(
        url(article), post_data(article, body=GOOD_TEXTS[2]), HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert other.status_code == 302
    assert Comment.objects.filter(ip_address="198.51.100.7").exists()


def test_missing_name_and_bad_email_are_field_errors(client, article):
    response = client.post(
        url(article), post_data(article, author_name="", author_email="khong-phai-email")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="bl-name-errors"' in body and 'id="bl-email-errors"' in body
    assert_text_kept(response, GOOD_TEXTS[0])


def test_too_long_states_the_limit(client, article, settings):
    settings.COMMENT_MAX_LENGTH = 50
    text = "Tôi muốn góp ý rất dài về dự án mở rộng đường ven biển này."
    response = client.post(url(article), post_data(article, body=text))
    assert response.status_code == 400
    assert "giới hạn 50 ký tự" in response.content.decode()
    assert_text_kept(response, text)


def test_without_diacritics_refused_with_400_and_text_kept(client, article):
    response = client.post(url(article), post_data(article, body="bai viet rat hay"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vui lòng gõ tiếng Việt có dấu." in page
    assert ">bai viet rat hay</textarea>" in page
    assert 'aria-invalid="true"' in page


def test_without_diacritics_and_a_bad_email_both_fields_say_so(client, article):
    response = client.post(
        url(article), post_data(article, body="bai viet rat hay", author_email="khong-email")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vui lòng kiểm tra lại các ô được đánh dấu." in page
    body_errors = re.search(r'id="bl-body-errors">([^<]*)<', page).group(1)
    assert "Vui lòng gõ tiếng Việt có dấu." in body_errors
    assert 'id="bl-email-errors"' in page
    assert ">bai viet rat hay</textarea>" in page


def test_duplicate_refused_politely(client, article):
    assert client.post(url(article), post_data(article)).status_code == 302
    response = client.post(url(article), post_data(article))
    assert response.status_code == 400
    assert "không cần gửi lại" in response.content.decode()
    assert Comment.objects.count() == 1


def test_reply_posts_under_its_parent(client, article):
    parent = make_comment(article, status=Status.APPROVED)
    response = client.post(url(article), post_data(article, parent=str(parent.pk)))
    assert response.status_code == 302
    assert Comment.objects.get(parent=parent).status == Status.PENDING


# --- With JavaScript: JSON answers ----------------------------------------------------------


def test_json_success(client, article):
    response = client.post(url(article), post_data(article), **JSON_HEADERS)
    assert response.status_code == 201
    data = response.json()
    assert data["ok"] is True and "chờ biên tập" in data["message"]


def test_json_refusal_carries_message_errors_and_a_fresh_token(client, article):
    response = client.post(
        url(article), post_data(article, body="bai viet rat hay"), **JSON_HEADERS
    )
    assert response.status_code == 400
    data = response.json()
    assert data["ok"] is False and data["code"] == "diacritics"
    assert "có dấu" in data["message"]
    assert data["errors"]["body"]
    assert data["token"]


def test_a_refused_comment_fixed_at_once_is_not_too_fast(client, article):
    """Found in the browser: adding the diacritics and sending again within the minimum
    fill time must not be refused as a bot; the first draw of the form already counted."""
    refused = client.post(url(article), post_data(article, body="bai viet rat hay"), **JSON_HEADERS)
    assert refused.status_code == 400
    again = client.post(url(article), post_data(article, token=refused.json()["token"]),
                        **JSON_HEADERS)  # fmt: skip
    assert again.status_code == 201, again.content
    assert Comment.objects.get().status == Status.PENDING


def test_a_form_refused_as_too_fast_gets_a_new_token(client, article):
    token = form_token(article.pk, issued_at=time.time() - 2)
    refused = client.post(url(article), post_data(article, token=token), **JSON_HEADERS)
    assert refused.status_code == 400
    assert refused.json()["token"] != token


def test_json_rate_limit_is_429(client, article, settings):
    settings.COMMENT_RATES = ("1/m",)
    client.post(url(article), post_data(article), **JSON_HEADERS)
    response = client.post(url(article), post_data(article, body=GOOD_TEXTS[1]), **JSON_HEADERS)
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"


def test_json_never_contains_email_or_address(client, article):
    data = post_data(article, author_email="bimat@example.com")
    for body in (GOOD_TEXTS[1], "bai viet rat hay", GOOD_TEXTS[1]):
        response = client.post(
            url(article), {**data, "body": body}, REMOTE_ADDR="203.0.113.99", **JSON_HEADERS
        )
        text = json.dumps(response.json())
        assert "bimat@example.com" not in text and "203.0.113.99" not in text


# --- The public area -------------------------------------------------------------------------


def test_area_shows_count_comments_edited_mark_reply_links_and_notices(client, article):
    parent = make_comment(
        article,
        "Dòng một\nDòng hai <script>alert(1)</script> https://vidu.vn",
        status=Status.APPROVED,
        author_email="an@example.com",
        ip_address="203.0.113.50",
        edited_at=timezone.now(),
    )
    make_comment(article, "Trả lời có dấu đây.", status=Status.APPROVED, parent=parent)
    make_comment(article, "Chưa được duyệt đâu.")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "2 bình luận" in page
    assert "Dòng một<br>Dòng hai &lt;script&gt;alert(1)&lt;/script&gt; https://vidu.vn" in page
    assert 'href="https://vidu.vn' not in page
    assert page.count("đã biên tập") == 1
    assert f'href="/binh-luan/tra-loi/{parent.pk}/#gui-binh-luan"' in page
    assert "Chưa được duyệt đâu." not in page
    assert "Ý kiến của bạn sẽ được biên tập trước khi đăng. Vui lòng gõ tiếng Việt có dấu." in page
    assert "Tối đa 1000 ký tự" in page
    assert "địa chỉ IP chỉ được giữ 30 ngày" in page
    assert "an@example.com" not in page and "203.0.113.50" not in page


def test_reply_link_without_javascript_leads_to_a_tokened_reply_form(article, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 0  # the reader writes as soon as the page is there
    client = Client(enforce_csrf_checks=True)
    parent = make_comment(article, status=Status.APPROVED, author_name="Phạm Thu Hà")
    response = client.get(reverse("comments:reply", args=[parent.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Trả lời bình luận của Phạm Thu Hà" in page
    assert "Đang trả lời <strong data-reply-name>Phạm Thu Hà</strong>" in page
    assert f'<input type="hidden" name="parent" value="{parent.pk}">' in page
    # The page's own tokens make the post go through at the first try.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    stamp = re.search(r'name="token" value="([^"]+)"', page).group(1)
    data = post_data(article, parent=parent.pk, csrfmiddlewaretoken=token, token=stamp)
    assert client.post(url(article), data).status_code == 302
    assert Comment.objects.get(parent=parent).status == Status.PENDING


@pytest.mark.parametrize("visible", [False, True])
def test_reply_page_is_404_for_a_comment_readers_cannot_see(client, article, visible):
    hidden = make_comment(article, author_name="Không hiện")  # pending
    if visible:
        article.status = article.Status.DRAFT  # approved comment, article withdrawn
        article.save()
        hidden.status = Status.APPROVED
        hidden.save()
    assert client.get(reverse("comments:reply", args=[hidden.pk])).status_code == 404


def test_closed_article_shows_comments_but_no_form(article):
    make_comment(article, status=Status.APPROVED, body="Vẫn hiện sau khi đóng.")
    article.comments_enabled = False
    html_out = Template("{% load comments_tags %}{% comment_area article %}").render(
        Context({"article": article, "fresh": True})
    )
    assert "Vẫn hiện sau khi đóng." in html_out
    assert "Bài viết này đã đóng bình luận." in html_out
    assert "<form" not in html_out
