"""The whole stack on one machine (README): varnishd with the shipped VCL in front of two
gunicorn app servers on the production settings, nginx serving media.

The app's side (issue 16, items 1-2): anonymous public pages say `Cache-Control: public,
max-age=0, s-maxage=…, stale-while-revalidate=…, stale-if-error=…` with an ETag and an `xkey`
header; everything else is private; a change purges its tags at the edge, as a task that
`manage.py db_worker` runs.
"""

import re
import time

import pytest

from tests.edge.conftest import Browserless
from tests.edge.stack import wait_until

pytestmark = pytest.mark.edge


def _directives(cache_control: str) -> dict:
    found = {}
    for part in cache_control.split(","):
        name, _, value = part.strip().partition("=")
        if name:
            found[name.lower()] = value
    return found


def test_an_anonymous_article_answers_the_edge_contract(real_edge):
    """What the VCL relies on, straight from an app server."""
    article = real_edge.paper["article"]
    answer = real_edge.direct(article["url"])
    assert answer.status == 200
    directives = _directives(answer.header("Cache-Control"))
    assert "public" in directives
    # PAGE_CACHE_SECONDS, or less when a scheduled article goes live sooner.
    assert 0 < int(directives["s-maxage"]) <= 300
    assert int(directives["stale-while-revalidate"]) > 0
    assert int(directives["stale-if-error"]) > 0
    assert "Set-Cookie" not in answer.headers
    tags = answer.header("xkey").split()
    assert {f"article-{article['pk']}", f"comments-{article['pk']}", "names"} <= set(tags)
    etag = answer.header("ETag")
    assert etag
    again = real_edge.direct(article["url"], server=1, headers={"If-None-Match": etag})
    assert again.status == 304


@pytest.mark.parametrize("page", ["article", "home", "section"])
def test_the_second_anonymous_read_is_served_by_the_edge(real_edge, page):
    path = {
        "article": real_edge.paper["article"]["url"],
        "home": "/",
        "section": real_edge.paper["section_url"],
    }[page]
    first = real_edge.request(path)
    time.sleep(1.1)
    second = real_edge.request(path)
    assert first.status == second.status == 200
    assert second.header("X-Cache") == "HIT"
    assert int(second.header("Age")) >= 1
    assert second.body == first.body


def test_the_newsroom_pages_are_never_stored_at_the_edge(real_edge):
    """A logged-in editor's admin pages and preview, and a moderator's queue, through the
    edge: passed every time, said to be private by the app; the same URLs for a reader show
    nothing of theirs."""
    paper = real_edge.paper
    editor = Browserless(real_edge.url)
    editor.log_in(*paper["editor"])
    moderator = Browserless(real_edge.url)
    moderator.log_in(*paper["moderator"])

    staff_pages = [
        (editor, "/quan-tri/", "Bàn làm việc"),
        (editor, f"/quan-tri/articles/article/{paper['draft']['pk']}/change/", "Bản nháp"),
        (editor, paper["draft"]["preview_url"], "Bản xem trước"),
        (moderator, "/binh-luan/kiem-duyet/", paper["pending"]["text"]),
    ]
    for person, path, shows in staff_pages:
        for _ in range(2):
            answer = person.request(path)
            assert answer.status == 200, (path, answer.status)
            assert shows in answer.text, path
            assert answer.header("X-Cache") == "PASS", path
            directives = _directives(answer.header("Cache-Control"))
            assert "private" in directives and "no-store" in directives, path

    for _person, path, shows in staff_pages:
        reader = real_edge.request(path)
        assert shows not in reader.text, path
        assert reader.header("X-Cache") == "PASS", path
        # The admin and the queue send a reader to the login page; a preview is a 404.
        assert reader.status in (302, 404), (path, reader.status)


def test_a_logged_in_editor_reads_public_pages_fresh_and_they_are_not_kept(real_edge):
    editor = Browserless(real_edge.url)
    editor.log_in(*real_edge.paper["editor"])
    path = real_edge.paper["article"]["url"]
    answers = [editor.request(path) for _ in range(2)]
    assert [a.header("X-Cache") for a in answers] == ["PASS", "PASS"]
    assert all(a.status == 200 for a in answers)


def test_the_photos_are_served_through_the_edge(real_edge):
    """With DEBUG off Django serves no media: nginx does (deploy/nginx/media.conf), behind
    Varnish, which keeps them."""
    page = real_edge.request(real_edge.paper["article"]["url"])
    sources = sorted(set(re.findall(r'src="(/media/[^"]+)"', page.text)))
    assert len(sources) >= 2, "the article shows its two photos"
    for source in sources:
        first, second = real_edge.request(source), real_edge.request(source)
        assert first.status == second.status == 200, source
        assert first.header("Content-Type") == "image/jpeg"
        assert first.body[:2] == b"\xff\xd8"  # a JPEG
        assert second.header("X-Cache") == "HIT"
        assert second.header("X-Content-Type-Options") == "nosniff"
    assert real_edge.request("/media/photos/khong-co.jpg").status == 404


def test_an_edit_reaches_readers_through_the_edge_by_the_apps_purge(real_edge):
    """An editor rewrites the article's lead (the services' way, on no app server in
    particular); the page the edge holds (for up to s-maxage, 300 s) is purged by the app's
    task within seconds."""
    article = real_edge.paper["article"]
    path = article["url"]
    real_edge.request(path)
    before = real_edge.request(path)
    assert before.header("X-Cache") == "HIT"

    lead = "Bến cảng số 3 có vốn đầu tư 1.200 tỷ đồng, đón tàu 50.000 tấn từ năm 2028."
    assert lead not in before.text
    real_edge.seed("relead", str(article["pk"]), lead)
    # 30 s at most: a loaded 2-core CI machine; it takes about a second here.
    wait_until(lambda: lead in real_edge.request(path).text, timeout=30, what="the new lead")
