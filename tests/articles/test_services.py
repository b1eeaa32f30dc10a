"""Article and photo services: slugs, sanitizing, search text, workflow, revisions, caches."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, ArticlePhoto, BylineCredit
from newsroom import cache
from tests.articles.conftest import photo_via_service
from tests.factories import make_contributor, make_section

Status = Article.Status


def create(user, title="Đảng bộ thị xã Nghi Sơn tổ chức Đại hội", **extra):
    extra.setdefault("lead", "Sáng nay, Đảng bộ thị xã Nghi Sơn khai mạc Đại hội lần thứ nhất.")
    extra.setdefault("section", make_section())
    return services.article_create(user=user, title=title, **extra).article


# ---- slugs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đảng bộ thị xã Nghi Sơn tổ chức Đại hội", "dang-bo-thi-xa-nghi-son-to-chuc-dai-hoi"),
        ("ĐƯỜNG ĐÔNG TÂY ĐÃ THÔNG XE", "duong-dong-tay-da-thong-xe"),
        ("Đ", "d"),
        ("Phường Đông Vệ: đèn đường đã sáng", "phuong-dong-ve-den-duong-da-sang"),
        ("!!! ???", "bai-viet"),
    ],
)
def test_slug_transliterates_vietnamese_and_keeps_d(editor, title, slug):
    assert create(editor, title=title).slug == slug


def test_same_title_gets_numbered_slugs(editor):
    slugs = [create(editor, title="Lễ hội Lam Kinh").slug for _ in range(3)]
    assert slugs == ["le-hoi-lam-kinh", "le-hoi-lam-kinh-2", "le-hoi-lam-kinh-3"]


def test_long_title_slug_fits_the_column(editor):
    title = ("Đường giao thông nông thôn " * 9).strip()
    first, second = create(editor, title=title), create(editor, title=title)
    limit = Article._meta.get_field("slug").max_length
    assert len(first.slug) <= limit and len(second.slug) <= limit
    assert second.slug == f"{first.slug}-2"


def test_title_change_gives_a_new_slug_and_keeps_the_pk(editor):
    article = create(editor, title="Hội nghị tổng kết năm", status=Status.PUBLISHED)
    old_slug, pk = article.slug, article.pk
    article = services.article_update(
        article=article, user=editor, title="Hội nghị sơ kết quý"
    ).article
    assert (article.pk, article.slug) == (pk, "hoi-nghi-so-ket-quy")
    assert old_slug != article.slug


def test_editing_other_fields_keeps_the_slug(editor):
    article = create(editor, title="Mùa lúa chín")
    services.article_update(article=article, user=editor, lead="Sapo mới cho bài.")
    article.refresh_from_db()
    assert article.slug == "mua-lua-chin"


# ---- body, search text, bad input -----------------------------------------------------------


def test_body_is_sanitized_and_removals_are_reported(editor):
    result = services.article_create(
        user=editor,
        title="Bài có mã độc",
        lead="Sapo.",
        section=make_section(),
        body='<p onclick="x()">Nội dung<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">bấm</a>',
    )
    stored = Article.objects.get(pk=result.article.pk)
    assert stored.body == "<p>Nội dung</p><a>bấm</a>"
    assert any("script" in item for item in result.removed)
    assert any("onclick" in item for item in result.removed)
    assert any("javascript" in item for item in result.removed)


def test_search_text_is_folded_text_without_markup(editor):
    article = create(
        editor,
        title="Đảng bộ Nghi Sơn",
        lead="Sapo có Đường",
        body="<p>Cầu&nbsp;Hàm <strong>Rồng</strong></p><p>Tân Dân</p>",
    )
    assert "dang bo nghi son" in article.search_text
    assert "cau ham rong" in article.search_text
    assert "rong tan dan" in article.search_text
    assert "<" not in article.search_text and "strong" not in article.search_text


def test_too_long_title_is_refused(editor):
    with pytest.raises(ValidationError) as error:
        services.article_create(user=editor, title="Đ" * 251, lead="Sapo.", section=make_section())
    assert "250" in error.value.message_dict["title"][0]


@pytest.mark.parametrize("field", ["title", "lead"])
def test_empty_title_or_lead_is_refused_and_nothing_is_saved(editor, field):
    values = {"title": "Tiêu đề", "lead": "Sapo"} | {field: "   "}
    with pytest.raises(ValidationError) as error:
        services.article_create(user=editor, section=make_section(), **values)
    assert field in error.value.message_dict
    assert Article.objects.count() == 0
    assert Version.objects.count() == 0


# ---- publish times and workflow ------------------------------------------------------------


def test_new_article_published_with_a_past_time_publishes_now(editor):
    before = timezone.now()
    article = create(editor, status=Status.PUBLISHED, publish_at=before - timedelta(days=3))
    assert article.publish_at >= before
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_new_article_with_a_future_time_is_scheduled_and_invisible_until_then(editor):
    when = timezone.now() + timedelta(hours=2)
    article = create(editor, status=Status.PUBLISHED, publish_at=when)
    assert article.is_scheduled
    assert not Article.objects.published().filter(pk=article.pk).exists()
    later = when + timedelta(seconds=1)
    assert Article.objects.published(now=later).filter(pk=article.pk).exists()


def test_reporter_cannot_publish_by_passing_status(reporter):
    article = create(reporter, status=Status.PUBLISHED, publish_at=timezone.now())
    assert (article.status, article.publish_at) == (Status.DRAFT, None)
    assert article.created_by == reporter


def test_new_reporter_article_gets_their_byline(reporter):
    article = create(reporter)
    credit = article.credits.get()
    assert (credit.contributor.name, credit.role) == ("Nguyễn Thanh", BylineCredit.Role.TEXT)


def test_given_credits_are_kept_in_order(editor):
    a, b = make_contributor("Minh Hằng"), make_contributor("Lê Hợi")
    article = create(editor, credits=[(a, BylineCredit.Role.TEXT), (b, BylineCredit.Role.PHOTO)])
    assert [(c.contributor.name, c.role) for c in article.credits.all()] == [
        ("Minh Hằng", "text"),
        ("Lê Hợi", "photo"),
    ]


def test_full_workflow_with_revisions(reporter, editor, django_capture_on_commit_callbacks):
    article = create(reporter)
    services.article_submit(article=article, user=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    assert article.is_live
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=article, user=editor)
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    history = [
        (v.revision.user.username, v.revision.comment)
        for v in Version.objects.get_for_object(article).select_related("revision__user")
    ]
    assert history == [
        ("bientap", "Gỡ bài"),
        ("bientap", "Xuất bản"),
        ("phongvien", "Gửi duyệt"),
        ("phongvien", "Tạo bài"),
    ]


def test_publish_uses_a_future_time_set_on_the_article(editor):
    when = timezone.now() + timedelta(days=1)
    article = create(editor, publish_at=when)
    services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.publish_at == when
    assert "Hẹn giờ đăng lúc" in Version.objects.get_for_object(article)[0].revision.comment


def test_withdrawing_a_scheduled_article_sends_it_back_to_review(editor):
    article = create(editor, status=Status.PUBLISHED, publish_at=timezone.now() + timedelta(days=1))
    services.article_unpublish(article=article, user=editor)
    article.refresh_from_db()
    assert article.status == Status.REVIEW


@pytest.mark.parametrize(
    ("service", "status"),
    [
        (services.article_submit, Status.REVIEW),
        (services.article_publish, Status.PUBLISHED),
        (services.article_unpublish, Status.DRAFT),
    ],
)
def test_steps_from_the_wrong_state_are_refused_in_vietnamese(editor, service, status):
    article = create(editor, status=status)
    if status == Status.PUBLISHED:
        article.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        service(article=article, user=editor)
    assert "Bài" in error.value.messages[0]


def test_reporter_cannot_publish_or_unpublish(reporter, editor):
    article = create(reporter)
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, user=reporter)
    published = create(editor, status=Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        services.article_unpublish(article=published, user=reporter)
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


# ---- caches -----------------------------------------------------------------------------


def test_public_changes_bump_the_cache_generations(editor, django_capture_on_commit_callbacks):
    article = create(editor)
    site_before = cache.generation("site")
    with django_capture_on_commit_callbacks(execute=True):
        services.article_update(article=article, user=editor, lead="Sửa sapo bản nháp.")
    assert cache.generation("site") == site_before  # a draft is nobody's business yet
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=article, user=editor)
    after_publish = cache.generation("site")
    page_before = cache.generation(f"article:{article.pk}")
    assert after_publish > site_before
    with django_capture_on_commit_callbacks(execute=True):
        services.article_update(article=article, user=editor, lead="Sửa sapo bài đã đăng.")
    assert cache.generation("site") > after_publish
    assert cache.generation(f"article:{article.pk}") > page_before


# ---- photos -------------------------------------------------------------------------------


def test_photo_renditions_are_made_and_never_larger_than_their_alias(editor):
    photo = photo_via_service(editor, width=1600, height=1000)
    widths = {alias: width for alias, (_name, width, _height) in photo.renditions.items()}
    assert widths["w480"] == 480 and widths["w800"] == 800 and widths["w1200"] == 1200
    small = photo_via_service(editor, width=600, height=400)
    assert small.renditions["w1200"][1] == 600  # not blown up past the original


def test_photos_placed_in_the_body_get_a_use_with_the_typed_caption(editor, photo):
    body = f'<figure data-photo-id="{photo.pk}"><figcaption>Cầu Hàm Rồng</figcaption></figure>'
    article = create(editor, body=body)
    use = ArticlePhoto.objects.get(article=article)
    assert (use.photo, use.caption) == (photo, "Cầu Hàm Rồng")
    services.article_update(article=article, user=editor, body=body + "<p>Thêm đoạn.</p>")
    assert ArticlePhoto.objects.filter(article=article).count() == 1


def test_editing_a_photo_credit_refreshes_pages_showing_it(
    editor, photo, django_capture_on_commit_callbacks
):
    article = create(editor, status=Status.PUBLISHED, featured_photo=photo)
    before = cache.generation(f"article:{article.pk}")
    photo.credit = "TTXVN"
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_save(photo=photo, user=editor, image_changed=False)
    assert cache.generation(f"article:{article.pk}") > before


def test_moderator_cannot_create_or_upload(moderator):
    with pytest.raises(PermissionDenied):
        create(moderator)
    with pytest.raises(PermissionDenied):
        photo_via_service(moderator)
