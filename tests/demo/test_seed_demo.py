"""seed_demo fills an empty database with the demo paper, and a second run changes nothing."""

import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import F

from articles.models import Article, Photo, Region, Section
from newsroom import roles


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"articles", "comments", "auth", "weather"}
        and model._meta.label != "auth.Permission"
    }


def _seed(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(settings):
    return _seed(settings)


@pytest.mark.django_db
def test_seed_creates_the_demo_paper(seeded):
    assert Region.objects.filter(name="TP. Thanh Hóa", parent__name="Thanh Hóa").exists()
    assert Region.objects.filter(name="thị xã Nghi Sơn", kind=Region.Kind.TOWN).exists()
    assert Region.objects.filter(name="phường Tân Dân", parent__name="thị xã Nghi Sơn").exists()
    assert set(Section.objects.values_list("name", flat=True)) >= {
        "Thời sự",
        "Chính trị",
        "Kinh tế",
        "Xã hội",
        "Địa phương",
    }
    assert 25 <= Article.objects.count() <= 40
    assert Article.objects.published().count() >= 25
    # Every state of the workflow is there to look at, including a scheduled article.
    states = set(Article.objects.values_list("status", flat=True))
    assert states == {s.value for s in Article.Status}
    assert any(a.is_scheduled for a in Article.objects.filter(status="published"))
    assert Article.objects.filter(slug__startswith="dang-bo-thi-xa-nghi-son").exists()
    photos = list(Photo.objects.all())
    assert len(photos) >= 10
    assert all(p.credit and p.width >= 1200 and Path(p.image.path).exists() for p in photos)
    # Made through the services, as the admin would: renditions exist before any page asks.
    assert all(p.renditions for p in photos)
    with_byline = Article.objects.filter(credits__isnull=False).distinct().count()
    assert with_byline == Article.objects.count()


@pytest.mark.django_db
def test_seed_creates_one_user_per_role_and_prints_the_logins(seeded):
    User = get_user_model()
    for role in roles.ROLES:
        user = User.objects.get(groups__name=role)
        assert user.is_staff
        assert user.username in seeded
    assert User.objects.filter(is_superuser=True).count() == 1
    assert "phongvien-demo-2026" in seeded
    assert get_user_model().objects.get(username="bientap").check_password("bientap-demo-2026")


@pytest.mark.django_db
def test_running_seed_twice_changes_nothing(settings, seeded):
    before = _counts()
    files_before = sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
    updated_before = dict(Article.objects.values_list("pk", "updated_at"))
    output = _seed(settings)
    assert "không thay đổi gì" in output
    assert _counts() == before
    assert sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()) == (
        files_before
    )
    assert dict(Article.objects.values_list("pk", "updated_at")) == updated_before


@pytest.mark.django_db
def test_seed_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("seed_demo", stdout=io.StringIO())
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_seed_leaves_comments_in_every_moderation_state(seeded):
    from comments.models import Comment

    assert set(Comment.objects.values_list("status", flat=True)) == {
        s.value for s in Comment.Status
    }
    edited = Comment.objects.filter(status="approved").exclude(body=F("original_body"))
    assert edited.exists(), "one approved comment shows a moderator's edit"
    assert Comment.objects.filter(status="approved", parent__isnull=False).exists()


@pytest.mark.django_db
def test_seed_gives_the_demo_most_read_and_a_weather_box(seeded, client):
    from readership.selectors import article_most_read
    from weather.models import WeatherReading

    most_read = article_most_read()
    assert len(most_read) == 5 and all(a.is_live for a in most_read)
    province = Region.objects.get(parent__isnull=True)
    assert WeatherReading.objects.get(region=province).forecast
    page = client.get(Article.objects.published().first().get_absolute_url())
    html = page.content.decode()
    assert "Đọc nhiều" in html and "Thời tiết Thanh Hóa" in html and "25°C" in html
