"""The Content-Security-Policy: strict on every kind of page, and pages that keep to it.

Each page is checked twice over: its header is the strict policy, and its HTML has nothing the
policy would refuse (inline script or style without the response's nonce, style="…", on…=
handlers, javascript: links). The browser test (test_csp_browser.py) runs the same pages in
Chromium, scripts and editor included.
"""

import json
import logging
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.comments.conftest import make_comment, post_data
from tests.config.test_settings import run_manage
from tests.site.factories import make_scene

pytestmark = pytest.mark.django_db

# Not run by the browser, so the policy has no say over them.
DATA_BLOCKS = {"application/ld+json", "application/json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction"}


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} twice in {header}"
        directives[name] = sources
    return directives


def response_nonce(response) -> str | None:
    nonces = [s for s in policy(response)["script-src"] if s.startswith("'nonce-")]
    return nonces[0][len("'nonce-") : -1] if nonces else None


def assert_strict(response) -> None:
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        self_, *nonces = csp[directive]
        assert self_ == "'self'", csp[directive]
        # Nothing but this response's nonce: no 'unsafe-inline', 'unsafe-eval', hosts, data:.
        assert all(n.startswith("'nonce-") for n in nonces), csp[directive]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["report-uri"] == ["/csp-report"]


class _InlineCode(HTMLParser):
    def __init__(self, nonce):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.found = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            elif name == "style":
                self.found.append(f'<{tag} style="{value}">')
            elif name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f'<{tag} {name}="{value}">')
        nonced = self.nonce is not None and values.get("nonce") == self.nonce
        if tag == "script" and "src" not in values and values.get("type") not in DATA_BLOCKS:
            if not nonced:
                self.found.append(f"<script {values}> without the nonce")
        if tag == "style" and not nonced:
            self.found.append(f"<style {values}> without the nonce")


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(response) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(response.content.decode())
    return parser.found


def inline_code(response) -> list[str]:
    """Everything in the page that the response's own policy would refuse."""
    parser = _InlineCode(response_nonce(response))
    parser.feed(response.content.decode())
    parser.close()
    return parser.found


@pytest.fixture
def scene(db):
    return make_scene(comments=2)


@pytest.fixture
def staff_client(scene):
    user = get_user_model().objects.create_superuser("tongbientap", password="matkhau-thu-nghiem")
    client = Client()
    client.force_login(user)
    return client


def public_pages(scene, client):
    article = scene.article
    refused = client.post(
        reverse("comments:post", args=[article.pk]), post_data(article, body="bai viet rat hay")
    )
    assert refused.status_code == 400
    return {
        "home": (client.get("/"), 200),
        "article": (client.get(article.get_absolute_url()), 200),
        "section": (client.get("/chuyen-muc/kinh-te/"), 200),
        "region": (client.get("/dia-phuong/thanh-hoa/"), 200),
        "tag": (client.get(scene.tags["cang-bien"].get_absolute_url()), 200),
        "contributor": (client.get("/tac-gia/nguyen-thanh/"), 200),
        "search": (client.get("/tim-kiem/?q=nghi+son"), 200),
        "404": (client.get("/khong-co-trang-nay/"), 404),
        "comment posted": (client.get(reverse("comments:posted", args=[article.pk])), 200),
        "comment refused": (refused, 400),
        "admin login": (client.get("/quan-tri/login/"), 200),
    }


def test_public_pages_send_the_strict_policy_and_keep_to_it(scene, client):
    for name, (response, status) in public_pages(scene, client).items():
        assert response.status_code == status, name
        assert_strict(response)
        assert inline_code(response) == [], name


def test_public_pages_need_no_nonce_so_cached_bytes_stay_valid(scene, client):
    """A nonce baked into a cached page would not match the next response's header; the
    public pages have no inline code, so django-csp never makes one for them."""
    client.get(scene.article.get_absolute_url())  # fill the page cache
    for name, (response, _status) in public_pages(scene, client).items():
        assert response_nonce(response) is None, name
        assert "nonce" not in policy(response)["style-src"], name
        assert b"nonce=" not in response.content, name


def test_article_page_keeps_its_json_ld_data_block(scene, client):
    page = client.get(scene.article.get_absolute_url()).content.decode()
    assert '<script type="application/ld+json">' in page


def test_newsroom_pages_send_the_strict_policy_and_keep_to_it(scene, staff_client):
    article = scene.article
    pending = make_comment(article, "Đường vào cảng cũng cần được mở rộng sớm.")
    pages = {
        "admin index": reverse("admin:index"),
        "article list": reverse("admin:articles_article_changelist"),
        "article add": reverse("admin:articles_article_add"),
        "article change": reverse("admin:articles_article_change", args=[article.pk]),
        "article history": reverse("admin:articles_article_history", args=[article.pk]),
        "photo list": reverse("admin:articles_photo_changelist"),
        "photo change": reverse("admin:articles_photo_change", args=[scene.photos[0].pk]),
        "comment list": reverse("admin:comments_comment_changelist"),
        "comment change": reverse("admin:comments_comment_change", args=[pending.pk]),
        "moderation queue": reverse("comments:queue"),
        "moderation of one comment": pending.get_moderation_url(),
    }
    for name, url in pages.items():
        response = staff_client.get(url)
        assert response.status_code == 200, name
        assert_strict(response)
        assert inline_code(response) == [], name


def test_every_admin_list_and_add_form_keeps_to_the_policy(scene, staff_client, rf):
    from django.contrib import admin

    request = rf.get("/")
    request.user = get_user_model().objects.get(username="tongbientap")
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        for url in urls:
            response = staff_client.get(url)
            assert response.status_code == 200, url
            assert_strict(response)
            assert inline_code(response) == [], url


def test_error_pages_have_no_inline_code(rf):
    from django.contrib.auth.models import AnonymousUser

    from newsroom import views

    request = rf.get("/")
    request.user = AnonymousUser()
    for view in ("bad_request", "permission_denied", "ratelimited", "server_error"):
        response = getattr(views, view)(request)
        parser = _InlineCode(nonce=None)
        parser.feed(response.content.decode())
        assert parser.found == [], view


def test_no_admin_hides_both_action_bars():
    """Django's change list adds an inline <style> when a ModelAdmin turns off the action bar
    at the top and at the bottom; the policy would refuse it."""
    from django.contrib import admin

    hiding = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if not model_admin.actions_on_top and not model_admin.actions_on_bottom
    ]
    assert hiding == []


def test_the_article_form_gives_its_inline_code_a_fresh_nonce_each_time(scene, staff_client):
    url = reverse("admin:articles_article_change", args=[scene.article.pk])
    first, second = staff_client.get(url), staff_client.get(url)
    nonce = response_nonce(first)
    assert nonce and nonce != response_nonce(second)
    assert f"'nonce-{nonce}'" in policy(first)["style-src"]
    (importmap,) = [a for tag, a in elements(first) if a.get("type") == "importmap"]
    assert importmap["nonce"] == nonce
    (placeholder,) = [a for tag, a in elements(first) if tag == "style"]
    assert placeholder == {"data-tiptap-style": "", "nonce": nonce}
    assert any(a.get("href", "").endswith("articles/editor/tiptap.css") for _, a in elements(first))


def test_other_admin_pages_get_no_nonce(scene, staff_client):
    for url in (reverse("admin:index"), reverse("comments:queue")):
        assert response_nonce(staff_client.get(url)) is None, url


# ---- the report endpoint -----------------------------------------------------------------

REPORT = {
    "csp-report": {
        "document-uri": "https://baothanhhoamoi.vn/tim-kiem/?q=ten+ban+doc#ket-qua",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'",
        "disposition": "enforce",
        "blocked-uri": "inline",
        "line-number": 12,
        "source-file": "https://baothanhhoamoi.vn/tim-kiem/?q=ten+ban+doc",
        "status-code": 200,
    }
}


def send(client, payload, **extra):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return client.post("/csp-report", body, content_type="application/csp-report", **extra)


@pytest.fixture
def csp_log(caplog):
    caplog.set_level(logging.WARNING, logger="newsroom.csp")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "newsroom.csp"]


def test_a_report_is_logged_without_query_strings(csp_log):
    strict = Client(enforce_csrf_checks=True)  # browsers send no CSRF token
    response = send(strict, REPORT)
    assert response.status_code == 204
    assert csp_log() == [
        "CSP violation: script-src-elem blocked inline on https://baothanhhoamoi.vn/tim-kiem/ "
        "(https://baothanhhoamoi.vn/tim-kiem/:12, enforce)"
    ]


def test_a_report_cannot_forge_log_lines(client, csp_log):
    report = {"csp-report": {**REPORT["csp-report"], "blocked-uri": "x\nCSP violation: giả"}}
    assert send(client, report).status_code == 204
    (line,) = csp_log()
    assert "\n" not in line and "x CSP violation: giả" in line


def test_a_report_with_a_malformed_url_is_still_logged(client, csp_log):
    report = {"csp-report": {**REPORT["csp-report"], "blocked-uri": "http://[khong-hop-le?q=1"}}
    assert send(client, report).status_code == 204
    (line,) = csp_log()
    assert "blocked http://[khong-hop-le on" in line


def test_reports_that_are_not_reports_are_4xx_and_not_logged(client, csp_log):
    assert client.get("/csp-report").status_code == 405
    assert send(client, b"not json").status_code == 400
    assert send(client, b"\xff\xfe").status_code == 400
    assert send(client, {"other": 1}).status_code == 400
    assert send(client, {"csp-report": "text"}).status_code == 400
    assert send(client, [1, 2]).status_code == 400
    too_big = {"csp-report": {"blocked-uri": "x" * 20_000}}
    assert send(client, too_big).status_code == 413
    assert csp_log() == []


def test_reports_are_rate_limited_per_client(client, csp_log, monkeypatch):
    monkeypatch.setattr("newsroom.views.CSP_REPORT_RATE", "3/m")
    statuses = [send(client, REPORT).status_code for _ in range(5)]
    assert statuses == [204, 204, 204, 429, 429]
    assert len(csp_log()) == 3
    other = send(client, REPORT, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 204


def test_a_broken_cache_drops_the_report_instead_of_failing(client, csp_log, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr("newsroom.views.is_ratelimited", broken)
    assert send(client, REPORT).status_code == 429
    assert csp_log() == []


# ---- configuration ------------------------------------------------------------------------


def _img_src(env) -> tuple[list | None, list | None]:
    """img-src of the enforced and of the report-only policy, as settings build them."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "import json; from django.conf import settings as s\n"
        "for name in ('CONTENT_SECURITY_POLICY', 'CONTENT_SECURITY_POLICY_REPORT_ONLY'):\n"
        "    p = getattr(s, name, None)\n"
        "    print(json.dumps(p and p['DIRECTIVES']['img-src']))",
        env_overrides={"DEBUG": "1", **env},
    )
    assert result.returncode == 0, result.stderr
    enforced, report_only = result.stdout.splitlines()
    return json.loads(enforced), json.loads(report_only)


def test_an_absolute_media_url_and_extra_image_origins_join_img_src():
    enforced, report_only = _img_src(
        {
            "MEDIA_URL": "https://anh.baothanhhoamoi.vn/media/",
            "CSP_EXTRA_IMG_SRC": "https://cdn.example.vn,https://s3.example.com",
        }
    )
    assert enforced == [
        "'self'",
        "data:",
        "https://anh.baothanhhoamoi.vn",
        "https://cdn.example.vn",
        "https://s3.example.com",
    ]
    assert report_only is None


def test_report_only_mode_moves_the_policy_to_the_report_only_header_setting():
    assert _img_src({"CSP_REPORT_ONLY": "1"}) == (None, ["'self'", "data:"])


def test_report_only_mode_sends_only_the_report_only_header(scene, client, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    response = client.get("/")
    assert "Content-Security-Policy" not in response
    assert "default-src 'self'" in response["Content-Security-Policy-Report-Only"]
