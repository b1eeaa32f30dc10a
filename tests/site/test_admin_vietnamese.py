"""Issue 15, item 6: the admin and the moderation desk speak Vietnamese throughout.

Walks the admin (every page linked from its index, two links deep) and the moderation
queue as each role, and fails on interface text still in English: any text or label
attribute that is one of Django's own English source strings (its catalogues' msgids, which
the Vietnamese catalogue or ours should translate), or a label, heading or button written in
ASCII words only.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import django
import pytest

from newsroom.roles import EDITOR, MODERATOR, REPORTER
from tests.factories import make_user
from tests.site.factories import make_scene

pytestmark = pytest.mark.django_db

DJANGO = Path(django.__file__).parent
_MSGID = re.compile(r'^msgid "(.+)"$', re.M)
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")


def _english_strings() -> set[str]:
    found = set()
    for po in [
        *DJANGO.glob("contrib/*/locale/en/LC_MESSAGES/*.po"),
        DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
    ]:
        for msgid in _MSGID.findall(po.read_text()):
            text = msgid.replace('\\"', '"').strip()
            # Whole phrases only: a string with a placeholder is matched by its fixed part.
            fixed = _PLACEHOLDER.split(text)
            found.update(part.strip() for part in fixed if len(part.strip()) > 3)
    return {s for s in found if re.search("[A-Za-z]{3}", s)}


ENGLISH = _english_strings()
# Words that are the same in a Vietnamese newsroom's admin: names, formats, brands.
ALLOWED = {"Email", "Zalo", "Facebook", "Open-Meteo", "RSS", "Atom", "JPEG", "PNG", "WebP", "URL"}
LABEL_TAGS = {"label", "th", "button", "h1", "h2", "h3", "legend", "caption", "option"}
LABEL_ATTRS = {"title", "placeholder", "aria-label", "alt"}


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts, self.labels, self.links, self._stack = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in {"br", "img", "input", "meta", "link", "hr"}:
            self._stack.append(tag)
        for name in LABEL_ATTRS:
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.texts.append(attrs["value"])
            self.labels.append(attrs["value"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data):
        if self._stack and self._stack[-1] in {"script", "style", "textarea", "pre", "code"}:
            return
        text = " ".join(data.split())
        if text:
            self.texts.append(text)
            if self._stack and self._stack[-1] in LABEL_TAGS:
                self.labels.append(text)


def _english_in(html: str) -> tuple[list[str], list[str]]:
    parser = _Texts()
    parser.feed(html)
    found = []
    for text in parser.texts:
        stripped = text.strip(" :.*?!()[]«»\u2013-")
        if stripped in ALLOWED:
            continue
        if text in ENGLISH or stripped in ENGLISH or f"{stripped}." in ENGLISH:
            found.append(text)
    for label in parser.labels:
        words = re.findall(r"[A-Za-z]+", label)
        if len(words) >= 2 and label.isascii() and label.strip(" :") not in ALLOWED:
            found.append(label)
    return sorted(set(found)), parser.links


def _walk(client, start: list[str], depth: int = 2, limit: int = 120):
    seen, frontier, english = set(), list(start), {}
    for _ in range(depth + 1):
        following = []
        for url in frontier:
            if url in seen or len(seen) >= limit:
                continue
            seen.add(url)
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            found, links = _english_in(response.content.decode())
            if found:
                english[url] = found
            for link in links:
                path = urldefrag(link)[0]
                if (
                    path.startswith(("/quan-tri/", "/binh-luan/kiem-duyet/"))
                    and not any(
                        part in path
                        for part in ("/logout/", "/delete/", "/password/", "?o=", "?_to_field")
                    )
                    and not urlsplit(path).query
                ):
                    following.append(path)
        frontier = following
    return english, len(seen)


def _superuser():
    return make_user("quantri", is_superuser=True, is_staff=True)


@pytest.mark.parametrize("role", [REPORTER, EDITOR, MODERATOR, None])
def test_no_english_interface_text_in_the_admin_or_the_desk(client, role):
    make_scene(comments=3)
    client.force_login(make_user(role=role) if role else _superuser())
    start = ["/quan-tri/", "/binh-luan/kiem-duyet/", "/quan-tri/password_change/"]
    english, pages = _walk(client, start)
    assert pages >= 8  # the walk got in: the index, lists, forms
    assert not english, "English left in the interface:\n" + "\n".join(
        f"{url}: {texts}" for url, texts in english.items()
    )


def test_a_refused_admin_form_says_so_in_vietnamese(client):
    client.force_login(_superuser())
    response = client.post("/quan-tri/articles/tag/add/", {"name": ""})
    assert response.status_code == 200 and response.context["errors"]
    found, _links = _english_in(response.content.decode())
    assert not found
    assert "Vui lòng sửa các lỗi được đánh dấu bên dưới." in response.content.decode()


def test_the_login_page_and_its_lockout_are_in_vietnamese(client):
    found, _links = _english_in(client.get("/quan-tri/login/").content.decode())
    assert not found
    wrong = client.post("/quan-tri/login/", {"username": "ai-do", "password": "sai"})
    found, _links = _english_in(wrong.content.decode())
    assert not found


def test_the_check_finds_english():
    found, _links = _english_in("<p>Skip to main content</p><label>Uploaded by</label>")
    assert found == ["Skip to main content", "Uploaded by"]


def test_permissions_are_labelled_in_vietnamese_and_only_for_admin_models(client):
    client.force_login(_superuser())
    form = client.get("/quan-tri/auth/group/add/").context["adminform"].form
    field = form.fields["permissions"]
    labels = [field.label_from_instance(p) for p in field.queryset]
    assert "Bài viết | bài viết | Sửa bài viết" in labels
    assert not any("easy_thumbnails" in p.content_type.app_label for p in field.queryset)
    assert not any(label.split(" | ")[-1].startswith("Can ") for label in labels)
