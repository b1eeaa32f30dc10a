"""The admin as journalists use it: list, search, filters, messages, uploads, history."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, BylineCredit, Photo
from tests.articles.test_permissions import add_form, form_data
from tests.factories import (
    credit,
    image_bytes,
    make_article,
    make_contributor,
    make_region,
    make_section,
)

Status = Article.Status
CHANGELIST = "admin:articles_article_changelist"


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---- the list ----------------------------------------------------------------------------


def fill(count):
    section = make_section()
    province = make_region("Thanh Hóa")
    writers = [make_contributor(f"Phóng viên {i}") for i in range(3)]
    for i in range(count):
        article = make_article(
            section=section, primary_region=province, published=i % 3 != 0, slug=f"bai-so-{i}"
        )
        credit(article, writers[i % 3], BylineCredit.Role.TEXT, 0)
        credit(article, writers[(i + 1) % 3], BylineCredit.Role.PHOTO, 1)


@pytest.mark.parametrize("count", [5, 50])
def test_changelist_query_count_does_not_grow(admin_client, django_assert_num_queries, count):
    fill(count)
    url = reverse(CHANGELIST)
    admin_client.get(url)  # warm the session and content types
    # Same number at 5 and 50 rows: session, user, counts, page, prefetched credits,
    # the date hierarchy and the filters' choices; nothing per row.
    with django_assert_num_queries(13):
        response = admin_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="field-byline"') == count


def test_list_shows_status_scheduled_section_region_time_and_byline(admin_client, editor):
    section, region = make_section("Kinh tế"), make_region("Nghi Sơn")
    when = timezone.now() + timedelta(days=1)
    article = make_article(
        "Cảng Nghi Sơn đón tàu lớn", section=section, primary_region=region, publish_at=when
    )
    credit(article, make_contributor("Minh Hằng"), BylineCredit.Role.TEXT, 0)
    credit(article, make_contributor("Lê Hợi"), BylineCredit.Role.PHOTO, 1)
    page = admin_client.get(reverse(CHANGELIST)).content.decode()
    local = timezone.localtime(when).strftime("%d/%m/%Y %H:%M")
    assert f"hẹn giờ {local}" in page
    assert "Kinh tế" in page and "Nghi Sơn" in page
    assert "Bài: Minh Hằng; Ảnh: Lê Hợi" in page
    scheduled = admin_client.get(reverse(CHANGELIST), {"trang_thai": "scheduled"})
    assert "Cảng Nghi Sơn đón tàu lớn" in scheduled.content.decode()
    live = admin_client.get(reverse(CHANGELIST), {"trang_thai": "published"})
    assert "Cảng Nghi Sơn đón tàu lớn" not in live.content.decode()


@pytest.mark.parametrize("query", ["nghi son", "NGHI SƠN", "Nghi Sơn", "dang bo", "Đảng bộ"])
def test_search_ignores_diacritics(admin_client, editor, query):
    services.article_create(
        user=editor,
        title="Đảng bộ thị xã Nghi Sơn tổ chức Đại hội",
        lead="Sapo.",
        section=make_section(),
    )
    services.article_create(user=editor, title="Mùa lúa chín", lead="Sapo.", section=make_section())
    services.article_create(
        user=editor,
        title="Sầm Sơn thử nghiệm khu tắm biển",
        lead="Bộ đội biên phòng.",
        section=make_section(),
    )
    page = admin_client.get(reverse(CHANGELIST), {"q": query}).content.decode()
    assert "Đảng bộ thị xã Nghi Sơn" in page
    assert "Mùa lúa chín" not in page
    assert "Sầm Sơn thử nghiệm" not in page


def test_autocomplete_for_regions_and_related_articles(client, reporter, editor):
    make_region("Thị xã Nghi Sơn", kind="town")
    services.article_create(
        user=editor,
        title="Nghi Sơn đón nhà đầu tư",
        lead="S.",
        section=make_section(),
        status=Status.PUBLISHED,
    )
    client.force_login(reporter)
    url = reverse("admin:autocomplete")
    regions = client.get(
        url,
        {"term": "nghi", "app_label": "articles", "model_name": "article", "field_name": "regions"},
    )
    assert [r["text"] for r in regions.json()["results"]] == ["Thị xã Nghi Sơn"]
    related = client.get(
        url,
        {
            "term": "nghi son",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "related",
        },
    )
    assert [r["text"] for r in related.json()["results"]] == ["Nghi Sơn đón nhà đầu tư"]


def test_region_list_shows_the_tree(admin_client):
    province = make_region("Thanh Hóa")
    town = make_region("thị xã Nghi Sơn", kind="town", parent=province)
    make_region("phường Hải Hòa", kind="ward", parent=town)
    page = admin_client.get(reverse("admin:articles_region_changelist")).content.decode()
    assert "Thanh Hóa › thị xã Nghi Sơn › phường Hải Hòa" in page


# ---- writing through the form -------------------------------------------------------------


def test_empty_title_and_lead_get_vietnamese_errors_and_nothing_is_saved(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_article_add"), add_form(make_section(), title=" ", lead="")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bài viết cần có tiêu đề." in page
    assert "Bài viết cần có sapo" in page
    assert Article.objects.count() == 0


def test_hostile_body_is_cleaned_and_the_editor_is_told(client, reporter):
    client.force_login(reporter)
    body = '<p onmouseover="steal()">Chữ</p><script>alert(1)</script><iframe src="//x"></iframe>'
    response = client.post(
        reverse("admin:articles_article_add"), add_form(make_section(), body=body), follow=True
    )
    article = Article.objects.get()
    assert article.body == "<p>Chữ</p>"
    warning = next(m for m in messages_of(response) if "làm sạch" in m)
    assert "onmouseover" in warning and "<script>" in warning and "iframe" in warning


def test_duplicate_title_gets_a_unique_slug(client, reporter):
    client.force_login(reporter)
    section = make_section()
    for _ in range(2):
        client.post(reverse("admin:articles_article_add"), add_form(section))
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "khanh-thanh-cau-nghi-son",
        "khanh-thanh-cau-nghi-son-2",
    ]


def test_editor_new_article_with_past_time_publishes_now(client, editor):
    client.force_login(editor)
    past = timezone.localtime(timezone.now() - timedelta(days=10))
    before = timezone.now()
    client.post(
        reverse("admin:articles_article_add"),
        add_form(
            make_section(),
            status=Status.PUBLISHED,
            publish_at_0=past.strftime("%d/%m/%Y"),
            publish_at_1=past.strftime("%H:%M"),
        ),
    )
    article = Article.objects.get()
    assert article.is_live and article.publish_at >= before.replace(microsecond=0)


def test_body_placing_an_unknown_photo_is_a_form_error(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_article_add"),
        add_form(make_section(), body='<figure data-photo-id="987654"></figure>'),
    )
    assert response.status_code == 200
    assert "Không có ảnh số 987654 trong kho ảnh" in response.content.decode()
    assert Article.objects.count() == 0


def test_inline_photo_and_byline_are_saved_with_the_article(client, reporter, photo):
    client.force_login(reporter)
    writer = make_contributor("Minh Hằng")
    data = add_form(
        make_section(),
        body=f'<p>Đoạn.</p><figure data-photo-id="{photo.pk}"><figcaption>Cầu</figcaption>'
        "</figure>",
        **{
            "credits-TOTAL_FORMS": "1",
            "credits-0-contributor": writer.pk,
            "credits-0-role": "text",
            "credits-0-position": "0",
            "photos-TOTAL_FORMS": "1",
            "photos-0-photo": photo.pk,
            "photos-0-caption": "Cầu Hàm Rồng",
            "photos-0-alt": "Cây cầu thép",
            "photos-0-position": "0",
        },
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert [c.contributor.name for c in article.credits.all()] == ["Minh Hằng"]
    assert article.photos.get().alt == "Cây cầu thép"


def test_change_form_has_the_editor_and_preview_link(client, reporter, photo):
    article = services.article_create(
        user=reporter, title="Bài nháp", lead="Sapo.", section=make_section()
    ).article
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "data-django-prose-editor-configurable" in page
    assert "articles/editor/article-photo.js" in page
    assert "django_prose_editor/editor.js" in page
    assert "cdn" not in page.lower().replace("cdnjs", "cdn")  # all from our own static files
    assert reverse("articles:preview", args=[article.pk]) in page


def test_status_and_time_are_read_only_for_reporters(client, reporter, editor):
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="status"' not in page and 'name="publish_at_0"' not in page
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="status"' in page and 'name="publish_at_0"' in page


def test_actions_report_what_was_refused(client, editor):
    draft = make_article("Bản nháp", published=False)
    live = make_article("Bài đang hiển thị")
    client.force_login(editor)
    response = client.post(
        reverse(CHANGELIST),
        {"action": "unpublish_selected", "_selected_action": [draft.pk, live.pk]},
        follow=True,
    )
    texts = messages_of(response)
    assert "Đã gỡ 1 bài." in texts
    assert any("Bản nháp" in t and "chưa được đăng" in t for t in texts)
    live.refresh_from_db()
    assert live.status == Status.UNPUBLISHED


# ---- photos -------------------------------------------------------------------------------


def upload(client, content, name="anh.jpg", content_type="image/jpeg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("admin:articles_photo_add"),
        {
            "image": SimpleUploadedFile(name, content, content_type=content_type),
            "title": "Lễ hội Lam Kinh",
            "credit": "Lê Hợi",
        },
    )


def test_photo_upload_makes_renditions_and_a_list_thumbnail(client, reporter):
    client.force_login(reporter)
    response = upload(client, image_bytes(1600, 1000))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.uploaded_by == reporter and photo.renditions["w800"][1:] == [800, 500]
    page = client.get(reverse("admin:articles_photo_changelist")).content.decode()
    assert ".400x250_" in page  # the card rendition, not the original
    thumb = client.get(reverse("admin:articles_photo_thumbnail", args=[photo.pk]))
    assert thumb.status_code == 302 and ".480x0_" in thumb["Location"]


def test_upload_that_is_not_an_image_gets_a_clear_error(client, reporter):
    client.force_login(reporter)
    response = upload(client, b"%PDF-1.4 not a picture", name="bai.pdf")
    assert response.status_code == 200
    assert "không phải là ảnh" in response.content.decode()
    assert Photo.objects.count() == 0


def noise_png(side=300) -> bytes:
    import io
    import os

    from PIL import Image

    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def test_upload_too_large_gets_a_clear_error(client, reporter, settings):
    content = noise_png()
    settings.MAX_UPLOAD_IMAGE_BYTES = len(content) - 1
    client.force_login(reporter)
    response = upload(client, content, name="lon.png", content_type="image/png")
    assert response.status_code == 200
    assert "Ảnh quá lớn" in response.content.decode()
    assert Photo.objects.count() == 0


# ---- revisions ----------------------------------------------------------------------------


def test_editor_restores_an_old_version_with_its_byline(client, editor):
    first, second = make_contributor("Minh Hằng"), make_contributor("Lê Hợi")
    article = services.article_create(
        user=editor,
        title="Bản đầu",
        lead="Sapo đầu.",
        section=make_section(),
        body="<p>Nội dung đầu.</p>",
        credits=[(first, BylineCredit.Role.TEXT)],
    ).article
    original = Version.objects.get_for_object(article).get()
    article.credits.all().delete()
    BylineCredit.objects.create(article=article, contributor=second, role="photo")
    services.article_update(article=article, user=editor, title="Bản sau", body="<p>Mới.</p>")
    assert [c.contributor.name for c in article.credits.all()] == ["Lê Hợi"]

    client.force_login(editor)
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "Sửa bài" in history.content.decode() and "Tạo bài" in history.content.decode()
    url = reverse("admin:articles_article_revision", args=[article.pk, original.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Bản đầu" in page.content.decode()
    article.refresh_from_db()
    assert article.title == "Bản sau"  # looking at a version changes nothing

    restored = Article.objects.get(pk=article.pk)
    data = form_data(restored, title="Bản đầu", body="<p>Nội dung đầu.</p>")
    response = client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("Bản đầu", "<p>Nội dung đầu.</p>")
    assert [c.contributor.name for c in article.credits.all()] == ["Minh Hằng"]
    latest = Version.objects.get_for_object(article).first().revision.comment
    assert latest.startswith("Khôi phục phiên bản lưu lúc")


def test_editor_recovers_a_deleted_article_and_reporters_cannot(client, editor, reporter):
    article = services.article_create(
        user=editor,
        title="Bài bị xóa nhầm",
        lead="Sapo.",
        section=make_section(),
        credits=[(make_contributor("Minh Hằng"), BylineCredit.Role.TEXT)],
    ).article
    client.force_login(editor)
    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()
    listing = client.get(reverse("admin:articles_article_recoverlist")).content.decode()
    assert "Bài bị xóa nhầm" in listing
    deleted = Version.objects.get_deleted(Article).get()
    url = reverse("admin:articles_article_recover", args=[deleted.pk])
    client.force_login(reporter)
    assert client.get(url).status_code == 403
    client.force_login(editor)
    fields = {
        k: v for k, v in deleted.field_dict.items() if k not in ("regions", "tags", "related")
    }
    data = {k: v for k, v in form_data(Article(**fields)).items() if v is not None}
    response = client.post(url, data)
    assert response.status_code == 302
    restored = Article.objects.get(pk=article.pk)
    assert [c.contributor.name for c in restored.credits.all()] == ["Minh Hằng"]


@pytest.mark.parametrize(
    ("url", "data", "model", "slug"),
    [
        ("admin:articles_tag_add", {"name": "Đường Đông Tây"}, "Tag", "duong-dong-tay"),
        (
            "admin:articles_contributor_add",
            {"name": "Đặng Đình Đức"},
            "Contributor",
            "dang-dinh-duc",
        ),
        (
            "admin:articles_region_add",
            {"name": "thị xã Đông Sơn", "kind": "town", "position": 0},
            "Region",
            "thi-xa-dong-son",
        ),
    ],
)
def test_empty_slugs_are_made_the_vietnamese_way(admin_client, url, data, model, slug):
    from django.apps import apps

    response = admin_client.post(reverse(url), {**data, "slug": ""})
    assert response.status_code == 302
    assert apps.get_model("articles", model).objects.get().slug == slug
