"""comments.fresh_form: the form a cached page carries is the form the template draws, with
this request's CSRF token and a new signed timestamp."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from comments import fresh_form
from comments.forms import form_token
from comments.models import Comment
from tests.comments.conftest import make_comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db

UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (Test) Firefox/128.0"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN = re.compile(r'name="token" value="([^"]+)"')


def without_values(html: str) -> str:
    html = CSRF.sub('name="csrfmiddlewaretoken" value="…"', html)
    return TOKEN.sub('name="token" value="…"', html)


@pytest.mark.parametrize("open_for_comments", [True, False])
def test_filled_form_is_the_template_s_form_with_this_request_s_values(open_for_comments):
    article = make_article(comments_enabled=open_for_comments)
    path = article.get_absolute_url()
    request = RequestFactory().get(path)
    whole = render_to_string("comments/_form.html", {"article": article}, request=request)
    drawn = fresh_form.draw(article, path)
    filled = fresh_form.fill(drawn, request)
    assert without_values(filled) == without_values(whole)
    if open_for_comments:
        assert CSRF.search(filled).group(1) and TOKEN.search(filled).group(1)
        assert f'action="{reverse("comments:post", args=[article.pk])}"' in filled
        assert 'href="' + path + '#gui-binh-luan"' in filled
    else:
        assert "đã đóng bình luận" in filled and not CSRF.search(filled)


def test_one_drawing_serves_every_article_with_its_own_id_and_page():
    first, second = make_article(), make_article()
    forms = {}
    for article in (first, second):
        path = article.get_absolute_url()
        forms[article.pk] = fresh_form.fill(
            fresh_form.draw(article, path), RequestFactory().get(path)
        )
    for article, other in ((first, second), (second, first)):
        html = forms[article.pk]
        assert f'action="{reverse("comments:post", args=[article.pk])}"' in html
        assert f'data-article="{article.pk}"' in html
        assert f'href="{article.get_absolute_url()}#gui-binh-luan"' in html
        assert reverse("comments:post", args=[other.pk]) not in html
        assert other.get_absolute_url() not in html


def test_a_changed_setting_draws_the_form_again(settings):
    article = make_article()
    settings.COMMENT_MAX_LENGTH = 1000
    before = fresh_form.fill(fresh_form.draw(article, "/a/"), RequestFactory().get("/"))
    settings.COMMENT_MAX_LENGTH = 640
    after = fresh_form.fill(fresh_form.draw(article, "/a/"), RequestFactory().get("/"))
    assert 'data-max-length="1000"' in before and "1000 ký tự" in before
    assert 'data-max-length="640"' in after and "640 ký tự" in after


def test_each_request_gets_its_own_values(monkeypatch):
    article = make_article()
    drawn = fresh_form.draw(article, article.get_absolute_url())
    first = fresh_form.fill(drawn, RequestFactory().get("/"))
    monkeypatch.setattr(
        fresh_form, "form_token", lambda pk: form_token(pk, issued_at=1_800_000_000)
    )
    second = fresh_form.fill(drawn, RequestFactory().get("/"))
    assert CSRF.search(first).group(1) != CSRF.search(second).group(1)
    assert TOKEN.search(first).group(1) != TOKEN.search(second).group(1)


def test_a_cached_hit_sets_the_csrf_cookie_and_a_reply_link_still_draws_a_reply_form(article):
    parent = make_comment(article, status=Comment.Status.APPROVED)
    url = article.get_absolute_url()
    Client().get(url, **UA)  # fills the page cache
    visitor = Client()
    response = visitor.get(url, **UA)
    assert "csrftoken" in response.cookies
    reply = visitor.get(f"{url}?tra_loi={parent.pk}", **UA).content.decode()
    assert f'name="parent" value="{parent.pk}"' in reply
    assert 'class="comment-form__replying" hidden' not in reply
