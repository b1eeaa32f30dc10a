"""Anonymous pages come from the cache, change when content changes, keep CSRF working."""

import re
from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from articles import selectors
from articles.models import Article
from articles.services import article_publish, article_update
from comments.models import Comment
from comments.services import comment_approve
from newsroom.roles import EDITOR, MODERATOR
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
# Every kind of public page; "{article}" and "{tag}" are filled from the scene.
PUBLIC_PAGES = [
    "/",
    "{article}",
    "/chuyen-muc/kinh-te/",
    "/dia-phuong/thanh-hoa/",
    "/chu-de/{tag}/",
    "/tac-gia/le-hoi/",
    "/tim-kiem/?q=nghi+son",
    "/rss/",
    "/sitemap.xml",
]


def test_second_anonymous_view_costs_no_query(client, scene, django_assert_num_queries):
    url = scene.article.get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second.status_code == 200
    assert first.content == second.content


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_public_page_is_the_same_bytes_for_every_reader_and_sets_no_cookie(scene, url):
    """What lets any cache in front serve it: no per-reader value in the page, and what the
    reader's cookies say (the CSRF cookie of an earlier comment, the old banner cookie)
    changes nothing."""
    url = url.format(article=scene.article.get_absolute_url(), tag=scene.tags["cang-bien"].slug)
    fresh = Client().get(url, **UA)
    returning = Client()
    returning.cookies.load({"csrftoken": "b" * 32, "nr_thong_bao": "1"})
    again = returning.get(url, **UA)
    assert fresh.status_code == again.status_code == 200
    assert fresh.content == again.content
    assert not fresh.cookies and not again.cookies
    assert "Set-Cookie" not in fresh.headers


def test_home_is_cached_until_an_article_is_published(
    client, scene, django_capture_on_commit_callbacks
):
    assert scene.draft.title not in client.get("/").content.decode()
    # A change that bypasses the services bumps nothing: the cached page is what is served.
    Article.objects.filter(pk=scene.picked.pk).update(title="Tiêu đề đổi lén")
    assert "Tiêu đề đổi lén" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=scene.draft, user=make_user(role=EDITOR))
    html = client.get("/").content.decode()
    assert scene.draft.title in html
    assert "Tiêu đề đổi lén" in html
    section = client.get(scene.draft.section.get_absolute_url()).content.decode()
    assert scene.draft.title in section


def test_article_page_follows_an_edit(client, scene, django_capture_on_commit_callbacks):
    url = scene.article.get_absolute_url()
    assert "Sapo đã sửa" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article_update(article=scene.article, user=make_user(role=EDITOR), lead="Sapo đã sửa.")
    assert "Sapo đã sửa." in client.get(url).content.decode()


def test_article_page_follows_a_comment_approval(client, scene, django_capture_on_commit_callbacks):
    url = scene.article.get_absolute_url()
    # The count is in the list's heading and, as a link, under the headline.
    link = '<a class="meta-comments" href="#binh-luan">{} bình luận</a>'
    assert link.format(3) in client.get(url).content.decode()
    pending = Comment.objects.create(
        article=scene.article,
        author_name="Chị Hoa",
        body="Mong cảng sớm hoàn thành để bà con có thêm việc làm.",
        original_body="Mong cảng sớm hoàn thành để bà con có thêm việc làm.",
        fingerprint="fp-hoa",
    )
    assert "Chị Hoa" not in client.get(url).content.decode()
    moderator = make_user(role=MODERATOR)
    with django_capture_on_commit_callbacks(execute=True):
        comment_approve(comment_id=pending.pk, by=moderator, version=pending.version)
    html = client.get(url).content.decode()
    assert "4 bình luận" in html and "Chị Hoa" in html
    assert link.format(4) in html and link.format(3) not in html


def test_the_cached_page_s_form_posts_with_the_tokens_of_its_own_request(scene, settings):
    """What comments.js does: the page from the cache, then the form's session, then the post."""
    settings.COMMENT_MIN_FILL_SECONDS = 0
    url = scene.article.get_absolute_url()
    Client().get(url, **UA)  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(url, **UA).content.decode()
    form = re.search(r'<form class="comment-form".*?</form>', html, re.DOTALL).group(0)
    action = re.search(r'action="([^"]+)"', form).group(1)
    session_url = re.search(r'data-session="([^"]+)"', form).group(1)
    values = visitor.get(session_url, **UA).json()
    response = visitor.post(
        action,
        {
            "csrfmiddlewaretoken": values["csrf"],
            "token": values["token"],
            "author_name": "Anh Tuấn",
            "body": "Cảng mới sẽ giúp hàng hóa của tỉnh đi xa hơn, rất mừng.",
        },
        **UA,
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Comment.objects.filter(author_name="Anh Tuấn", status=Comment.Status.PENDING).exists()


def test_two_visitors_get_their_own_tokens_from_the_form_session(scene):
    session_url = f"/binh-luan/phien/{scene.article.pk}/"
    tokens = {Client().get(session_url, **UA).json()["csrf"] for _ in range(2)}
    assert len(tokens) == 2


def test_logged_in_staff_get_a_fresh_page(client, scene):
    url = scene.article.get_absolute_url()
    client.get(url)
    Article.objects.filter(pk=scene.article.pk).update(lead="Sapo mới chưa qua dịch vụ.")
    assert "Sapo mới chưa qua dịch vụ." not in Client().get(url).content.decode()
    client.force_login(make_user(role=EDITOR))
    assert "Sapo mới chưa qua dịch vụ." in client.get(url).content.decode()


def test_cache_expires_when_a_scheduled_article_goes_live(scene, settings):
    from newsroom.cache import bump

    settings.CACHE_MIDDLEWARE_SECONDS = 300
    Article.objects.filter(pk=scene.scheduled.pk).update(
        publish_at=timezone.now() + timedelta(seconds=42)
    )
    bump("site")  # as scheduling through the services does
    assert 40 <= selectors.page_cache_timeout() <= 43
    Article.objects.filter(pk=scene.scheduled.pk).update(
        publish_at=timezone.now() + timedelta(hours=2)
    )
    bump("site")
    assert selectors.page_cache_timeout() == 300


def test_next_go_live_is_read_once_per_site_generation_and_again_once_passed(
    scene, settings, django_assert_num_queries
):
    settings.CACHE_MIDDLEWARE_SECONDS = 300
    soon = timezone.now() + timedelta(seconds=42)
    Article.objects.filter(pk=scene.scheduled.pk).update(publish_at=soon)
    later = make_article("Bài hẹn giờ thứ hai", status=Article.Status.PUBLISHED)
    Article.objects.filter(pk=later.pk).update(publish_at=soon + timedelta(seconds=100))
    with django_assert_num_queries(1):
        assert 40 <= selectors.page_cache_timeout() <= 43
    with django_assert_num_queries(0):
        assert 40 <= selectors.page_cache_timeout() <= 43
    # The first one has gone live: the next is read (nothing bumped a generation).
    with mock.patch("django.utils.timezone.now", return_value=soon + timedelta(seconds=1)):
        with django_assert_num_queries(1):
            assert 99 <= selectors.page_cache_timeout() <= 101


def test_a_scheduled_article_is_public_once_its_time_comes(client, scene):
    url = scene.scheduled.get_absolute_url()
    assert client.get(url).status_code == 404
    Article.objects.filter(pk=scene.scheduled.pk).update(
        publish_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/", "/chuyen-muc/kinh-te/", "/dia-phuong/thanh-hoa/", "/chu-de/{tag}/", "/tac-gia/le-hoi/"],
)
def test_cached_lists_cost_no_query(client, scene, url, django_assert_num_queries):
    url = url.format(tag=scene.tags["cang-bien"].slug)
    assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        assert Client().get(url).status_code == 200


def test_comment_list_is_reused_after_a_publish_and_reread_alone_after_an_approval(scene):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsroom.cache import bump, comments_changed

    url = scene.article.get_absolute_url()
    Client().get(url)

    def comment_reads():
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(url).status_code == 200
        return sum("comments_comment" in q["sql"] for q in queries.captured_queries)

    bump("site")  # another article was published: this page is rebuilt...
    assert comment_reads() == 0  # ...with its comment list as kept
    comments_changed(scene.article.pk)  # a comment approved: the list is read again
    assert comment_reads() == 1
    assert comment_reads() == 0  # and the page is whole in the cache again


def test_a_withdrawn_article_leaves_related_lists_at_once(
    client, scene, django_capture_on_commit_callbacks
):
    from articles.services import article_unpublish

    url = scene.article.get_absolute_url()

    def related_block():
        html = client.get(url).content.decode()
        return re.search(r'id="tin-lien-quan".*?</section>', html, re.DOTALL).group(0)

    assert scene.similar.title in related_block()
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=scene.similar, user=make_user(role=EDITOR))
    assert scene.similar.title not in related_block()
    assert client.get(scene.similar.get_absolute_url()).status_code == 404


def test_weather_box_follows_a_new_reading_not_a_publish(
    client, scene, django_capture_on_commit_callbacks
):
    from newsroom.cache import bump
    from weather.models import WeatherReading
    from weather.services import Reading, weather_reading_store

    url = scene.article.get_absolute_url()
    assert "25°C" in client.get(url).content.decode()  # 24.6 rounded
    stored = WeatherReading.objects.get()
    WeatherReading.objects.filter(pk=stored.pk).update(temperature=Decimal("31.2"))
    bump("site")  # a publish elsewhere rebuilds the page, not the weather box
    assert "25°C" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        weather_reading_store(
            region=stored.region,
            reading=Reading(
                observed_at=timezone.now(),
                temperature=Decimal("33.4"),
                apparent_temperature=None,
                humidity=60,
                wind_speed=None,
                weather_code=0,
                forecast=[],
            ),
        )
    html = client.get(url).content.decode()
    assert "33°C" in html and "25°C" not in html


def test_renamed_section_region_and_contributor_show_on_a_cached_article_at_once(
    client, scene, django_capture_on_commit_callbacks
):
    from articles.services import taxonomy_save

    url = scene.article.get_absolute_url()
    before = client.get(url).content.decode()  # every part of the page is now cached
    assert "Bài và ảnh: Nguyễn Thanh" in before and "Thời tiết Thanh Hóa" in before
    section = scene.sections["kinh-te"]
    province = scene.regions["thanh-hoa"]
    photographer = scene.contributors["thanh"]
    with django_capture_on_commit_callbacks(execute=True):
        section.name = "Kinh tế – Đầu tư"
        taxonomy_save(obj=section)
        province.name = "Xứ Thanh"
        taxonomy_save(obj=province)
        photographer.name = "Nguyễn Văn Thanh"
        taxonomy_save(obj=photographer)
    after = Client().get(url).content.decode()
    assert after.count("Kinh tế – Đầu tư") >= 2  # navigation and breadcrumbs
    assert "Xem thêm Xứ Thanh" in after and "Thời tiết Xứ Thanh" in after
    assert "Bài và ảnh: Nguyễn Văn Thanh" in after
    # (The photos' own credit lines are the photos' text, not the contributor's name.)
    assert "Thời tiết Thanh Hóa" not in after and "Bài và ảnh: Nguyễn Thanh<" not in after


def test_a_deleted_tag_leaves_a_cached_article_at_once(
    client, scene, django_capture_on_commit_callbacks
):
    from articles.models import Tag
    from articles.services import taxonomy_delete

    url = scene.article.get_absolute_url()
    tag = scene.tags["cang-bien"]
    assert tag.get_absolute_url() in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        taxonomy_delete(queryset=Tag.objects.filter(pk=tag.pk))
    assert tag.get_absolute_url() not in Client().get(url).content.decode()


def test_a_section_renamed_in_the_admin_shows_at_once(
    client, scene, django_capture_on_commit_callbacks
):
    from newsroom.roles import EDITOR

    url = scene.article.get_absolute_url()
    assert "Kinh tế" in Client().get(url).content.decode()
    section = scene.sections["kinh-te"]
    editor = make_user(role=EDITOR)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/quan-tri/articles/section/{section.pk}/change/",
            {"name": "Kinh tế – Đầu tư", "slug": section.slug, "description": "",
             "position": section.position},
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Kinh tế – Đầu tư" in Client().get(url).content.decode()
