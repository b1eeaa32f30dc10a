"""Chromium through the edge (varnishd with the shipped VCL, two gunicorn app servers, nginx
for media): what the newsroom sees never reaches a reader, and the photos show."""

import time

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.edge, pytest.mark.browser]


def log_in(page, base: str, username: str, password: str, then: str = "/quan-tri/"):
    page.goto(f"{base}/quan-tri/login/?next={then}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}{then}")


def photos_shown(page) -> int:
    """The article's photos that the browser actually drew (lazy images scrolled to)."""
    figures = page.locator(".article-body figure img")
    for index in range(figures.count()):
        image = figures.nth(index)
        image.scroll_into_view_if_needed()
        image.evaluate("img => img.decode()")
    return page.evaluate(
        "[...document.querySelectorAll('.article-body figure img')]"
        ".filter(img => img.complete && img.naturalWidth > 0).length"
    )


def test_what_the_newsroom_sees_never_reaches_a_reader(real_edge, new_browser_page):
    base, paper = real_edge.url, real_edge.paper
    article = paper["article"]["url"]
    draft_change = f"/quan-tri/articles/article/{paper['draft']['pk']}/change/"

    editor = new_browser_page()
    log_in(editor, base, *paper["editor"])
    expect(editor.locator("#user-tools")).to_be_visible()
    editor.goto(base + draft_change)
    expect(editor.locator("#id_title")).to_have_value(paper["draft"]["title"])
    editor.goto(base + paper["draft"]["preview_url"])
    expect(editor.locator(".preview-banner")).to_be_visible()
    editor.goto(base + article)
    editor.goto(base + "/")

    moderator = new_browser_page()
    log_in(moderator, base, *paper["moderator"], then="/binh-luan/kiem-duyet/")
    expect(moderator.locator(f"#bl-{paper['pending']['pk']}")).to_contain_text(
        paper["pending"]["text"]
    )
    moderator.goto(base + article)

    reader = new_browser_page()
    for path in ["/quan-tri/", draft_change, paper["draft"]["preview_url"],
                 "/binh-luan/kiem-duyet/", article, "/"]:  # fmt: skip
        reader.goto(base + path)
        expect(reader.locator("#user-tools")).to_have_count(0)
        expect(reader.locator(".preview-banner")).to_have_count(0)
        expect(reader.locator(".desk-item")).to_have_count(0)
        expect(reader.get_by_text(paper["pending"]["text"])).to_have_count(0)
        expect(reader.get_by_text(paper["draft"]["title"])).to_have_count(0)
    # The admin and the queue sent the reader to log in.
    reader.goto(base + "/binh-luan/kiem-duyet/")
    expect(reader.locator("#id_username")).to_be_visible()

    # The reader's article, with its photos drawn (media through Varnish from nginx).
    reader.goto(base + article)
    expect(reader.get_by_role("heading", level=1)).to_have_text(paper["article"]["title"])
    assert photos_shown(reader) == 2


def test_an_approval_reaches_readers_through_the_edge_within_seconds(real_edge, new_browser_page):
    """The page is served by the edge; a moderator approves a comment (on whichever app
    server the edge picks); the app's purge brings it to the next readers."""
    base, paper = real_edge.url, real_edge.paper
    article = base + paper["article"]["url"]
    text = paper["to_approve"]["text"]
    reader = new_browser_page()
    reader.goto(article)
    assert reader.goto(article).headers.get("x-cache") == "HIT"
    expect(reader.get_by_text(text)).to_have_count(0)

    moderator = new_browser_page()
    log_in(moderator, base, *paper["moderator"], then="/binh-luan/kiem-duyet/")
    moderator.locator(f"#bl-{paper['to_approve']['pk']} .desk-approve").click()
    expect(moderator.locator(f"#bl-{paper['to_approve']['pk']}")).to_have_count(0)

    deadline = time.monotonic() + 30  # a loaded 2-core CI machine; about a second here
    while time.monotonic() < deadline:
        reader.goto(article)
        if reader.get_by_text(text).count():
            break
        time.sleep(0.5)
    expect(reader.get_by_text(text)).to_be_visible()
