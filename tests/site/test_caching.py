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


def test_second_anonymous_view_costs_no_query(client, scene, django_assert_num_queries):
    url = scene.article.get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second.status_code == 200
    strip = re.compile(r'name="(csrfmiddlewaretoken|token)" value="[^"]*"')
    assert strip.sub("", first.content.decode()) == strip.sub("", second.content.decode())


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
    # The count is in the list's heading and, as a link, under the headline (its own hole).
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
    assert "<!--nr:" not in html


def test_comment_form_on_a_cached_page_carries_a_working_csrf_token(scene, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 0
    url = scene.article.get_absolute_url()
    Client().get(url, **UA)  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(url, **UA).content.decode()
    form = re.search(r'<form class="comment-form".*?</form>', html, re.DOTALL).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    signed = re.search(r'name="token" value="([^"]+)"', form).group(1)
    action = re.search(r'action="([^"]+)"', form).group(1)
    response = visitor.post(
        action,
        {
            "csrfmiddlewaretoken": token,
            "token": signed,
            "author_name": "Anh Tuấn",
            "body": "Cảng mới sẽ giúp hàng hóa của tỉnh đi xa hơn, rất mừng.",
        },
        **UA,
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Comment.objects.filter(author_name="Anh Tuấn", status=Comment.Status.PENDING).exists()


def test_two_visitors_get_their_own_tokens_from_the_same_cached_page(scene):
    url = scene.article.get_absolute_url()
    tokens = set()
    for _ in range(2):
        html = Client().get(url, **UA).content.decode()
        tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
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

    def tables_read():
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(url).status_code == 200
        sql = [q["sql"] for q in queries.captured_queries]
        return {
            "comments": sum("comments_comment" in q for q in sql),
            # the article's own parts: its row with credits, tags and body photos
            "own": sum(
                any(t in q for t in ("articles_bylinecredit", "articles_articlephoto")) for q in sql
            ),
        }

    bump("site")  # another article was published: this page is rebuilt...
    assert tables_read() == {"comments": 0, "own": 0}  # ...from its unchanged parts
    comments_changed(scene.article.pk)  # a comment approved: only the list is read again
    assert tables_read() == {"comments": 1, "own": 0}


def test_the_cached_page_keeps_no_copy_of_its_comments_and_survives_their_eviction(
    scene, django_assert_num_queries
):
    from django.core.cache import cache

    from newsroom.cache import generations

    url = scene.article.get_absolute_url()
    first = Client().get(url).content.decode()
    comment = scene.article.comments.filter(status=Comment.Status.APPROVED).first()
    assert f'id="bl-{comment.pk}"' in first and "3 bình luận" in first
    pk = scene.article.pk
    gens = generations("site", f"article:{pk}", f"comments:{pk}", "weather")
    kept_page = cache.get(
        f"page:article:{pk}:{gens['site']}:{gens[f'article:{pk}']}:{gens[f'comments:{pk}']}"
        f":{gens['weather']}"
    )
    assert kept_page is not None and kept_page.article.pk == pk
    assert f'id="bl-{comment.pk}"'.encode() not in b"".join(
        c for i, c in enumerate(kept_page.chunks) if not i % 2
    )
    # The comment list alone evicted: the page is served from the cache with the list read
    # again (one query), the same as before.
    cache.delete(f"frag:comments:{pk}:{gens[f'comments:{pk}']}")
    with django_assert_num_queries(1):
        again = Client().get(url).content.decode()
    strip = re.compile(r'name="(csrfmiddlewaretoken|token)" value="[^"]*"')
    assert strip.sub("", again) == strip.sub("", first)


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
