"""A reporter writes a draft with a photo and submits it; an editor publishes it; a visitor
reads it with the figure, caption, credit and byline. Real Chromium, real admin, real page."""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from articles.models import Article
from tests.articles.conftest import photo_via_service
from tests.factories import make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-thu-nghiem"
TITLE = "Đường ven biển Nghi Sơn thông xe"
CAPTION = "Đoạn đường mới chạy sát bờ biển Nghi Sơn"


def log_in(page, base, username):
    page.goto(f"{base}/quan-tri/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/quan-tri/")


def run_action(page, base, article, action):
    page.goto(f"{base}{reverse('admin:articles_article_changelist')}")
    page.check(f'input[name="_selected_action"][value="{article.pk}"]')
    page.select_option('select[name="action"]', action)
    page.click('button[name="index"]')
    page.wait_for_selector("ul.messagelist li.success")


def test_reporter_writes_editor_publishes_visitor_reads(
    live_server, browser_page, new_browser_page, reporter, editor, tmp_path
):
    base = live_server.url
    make_section("Thời sự", slug="thoi-su")
    photo = photo_via_service(editor, title="Đường ven biển", credit="Lê Hợi")

    # The reporter writes the draft.
    page = browser_page
    log_in(page, base, reporter.username)
    page.goto(f"{base}{reverse('admin:articles_article_add')}")
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", "Sáng nay tuyến đường ven biển dài 12 km chính thức thông xe.")
    page.select_option("#id_section", label="Thời sự")

    # The photo is chosen in "Ảnh trong bài" (autocomplete), with its caption there…
    page.click("#photos-0 .field-photo .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "ven biển")
    page.click(".select2-results__option >> text=Đường ven biển")
    page.fill("#id_photos-0-caption", CAPTION)
    page.fill("#id_photos-0-alt", "Con đường nhựa mới chạy dọc bờ biển")

    # …then placed in the body with the editor's "Chèn ảnh" button.
    editor_area = page.locator(".ProseMirror[contenteditable=true]")
    editor_area.click()
    page.keyboard.type("Tuyến đường giúp người dân đi lại thuận tiện hơn.")
    page.click('button[data-name="articlePhoto"]')
    dialog = page.locator("dialog.article-photo-dialog")
    dialog.locator("select").select_option(str(photo.pk))
    assert dialog.locator("#article-photo-caption").input_value() == CAPTION
    dialog.locator("button[type=submit]").click()
    figure = editor_area.locator(f'figure.article-photo[data-photo-id="{photo.pk}"]')
    assert figure.locator("figcaption").inner_text() == CAPTION
    page.screenshot(path=tmp_path / "reporter-draft.png", full_page=True)

    page.click('input[name="_save"]')
    page.wait_for_selector("ul.messagelist li.success")
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.DRAFT and article.created_by == reporter
    assert f'<figure data-photo-id="{photo.pk}"><figcaption>{CAPTION}</figcaption></figure>' in (
        article.body
    )

    run_action(page, base, article, "submit_selected")
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW

    # The editor publishes it.
    desk = new_browser_page()
    log_in(desk, base, editor.username)
    run_action(desk, base, article, "publish_selected")
    article.refresh_from_db()
    assert article.is_live
    desk.goto(f"{base}{reverse('admin:articles_article_change', args=[article.pk])}")
    public_link = desk.locator("a.viewsitelink").get_attribute("href")
    assert public_link == f"/{article.slug}-{article.pk}.html"

    # A visitor reads it.
    try:
        reverse("articles:detail", kwargs={"slug": article.slug, "pk": article.pk})
    except NoReverseMatch:  # pragma: no cover - only before the public site existed
        pytest.fail("the public article page (articles:detail) is missing")
    visitor = new_browser_page()
    visitor.goto(f"{base}{public_link}")
    assert visitor.locator("h1").first.inner_text().strip() == TITLE
    figure = visitor.locator("figure.photo").first
    img = figure.locator("img")
    assert re.search(r"\.800x0_q82\.jpg$", img.get_attribute("src"))
    assert "480w" in img.get_attribute("srcset")
    assert img.get_attribute("alt") == "Con đường nhựa mới chạy dọc bờ biển"
    caption = figure.locator("figcaption").inner_text()
    assert CAPTION in caption and "Ảnh: Lê Hợi" in caption
    assert visitor.get_by_text("Bài: Nguyễn Thanh").count() >= 1
    visitor.screenshot(path=tmp_path / "visitor.png", full_page=True)
