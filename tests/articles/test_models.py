"""The content model's own rules: visibility by time, the database constraint, revisions."""

from datetime import timedelta

import pytest
import reversion
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article, ArticlePhoto, BylineCredit
from tests.factories import make_article

pytestmark = pytest.mark.django_db
Status = Article.Status


def test_published_is_the_one_filter_for_the_public():
    now = timezone.now()
    live = make_article(publish_at=now - timedelta(minutes=1))
    scheduled = make_article(publish_at=now + timedelta(minutes=1))
    draft = make_article(published=False)
    withdrawn = make_article(status=Status.UNPUBLISHED, publish_at=now - timedelta(days=1))
    visible = set(Article.objects.published(now=now))
    assert visible == {live}
    assert scheduled in set(Article.objects.published(now=now + timedelta(minutes=2)))
    assert draft not in visible and withdrawn not in visible
    assert live.is_live and not live.is_scheduled
    assert scheduled.is_scheduled and not scheduled.is_live


def test_published_without_a_time_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        make_article(published=False, status=Status.PUBLISHED)


def test_url_is_slug_dash_pk_dot_html():
    article = make_article(slug="le-hoi-lam-kinh")
    assert article.get_absolute_url() == f"/le-hoi-lam-kinh-{article.pk}.html"


def test_articles_and_their_bylines_and_photo_uses_are_versioned():
    assert reversion.is_registered(Article)
    assert reversion.is_registered(BylineCredit)
    assert reversion.is_registered(ArticlePhoto)
    follow = reversion.revisions._get_options(Article).follow
    assert set(follow) == {"credits", "photos"}


def test_index_for_the_admin_list_order_exists():
    names = {index.name for index in Article._meta.indexes}
    assert {"article_publish_at", "article_status_pub_cover", "article_author_status"} <= names
