"""The permission matrix: role × action → allowed or refused, enforced by the server.

Each case drives the real admin over HTTP (as a crafted request would) and then checks the
database: an allowed action changed it, a refused one left it exactly as it was.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import permissions, services
from articles.models import Article
from tests.factories import make_section

Status = Article.Status
ACTORS = ["author", "other_reporter", "editor", "moderator", "superuser"]

# action: the actors allowed to do it (everyone else is refused).
MATRIX = {
    "create": {"author", "other_reporter", "editor", "superuser"},
    "edit_own_draft": {"author", "editor", "superuser"},
    "edit_in_review": {"editor", "superuser"},
    "edit_published": {"editor", "superuser"},
    "submit": {"author", "editor", "superuser"},
    "publish": {"editor", "superuser"},
    "schedule": {"editor", "superuser"},
    "unpublish": {"editor", "superuser"},
    "restore": {"editor", "superuser"},
    "delete": {"editor", "superuser"},
}
CASES = [
    (action, actor, actor in allowed) for action, allowed in MATRIX.items() for actor in ACTORS
]


@pytest.fixture
def people(reporter, other_reporter, editor, moderator, superuser):
    return {
        "author": reporter,
        "other_reporter": other_reporter,
        "editor": editor,
        "moderator": moderator,
        "superuser": superuser,
    }


def local(dt):
    value = timezone.localtime(dt)
    return value.strftime("%d/%m/%Y"), value.strftime("%H:%M")


def add_form(section, **changes):
    values = {
        "title": "Khánh thành cầu Nghi Sơn",
        "lead": "Sáng nay cây cầu mới được đưa vào sử dụng.",
        "body": "<p>Nội dung.</p>",
        "section": section.pk,
        "status": Status.DRAFT,
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }
    values.update(changes)
    return values


def form_data(article: Article, **changes) -> dict:
    values = {
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "section": article.section_id,
        "source_label": article.source_label,
        "comments_enabled": "on",
        "status": article.status,
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }
    if article.publish_at:
        values["publish_at_0"], values["publish_at_1"] = local(article.publish_at)
    values.update(changes)
    return values


def article_by(user, status=Status.DRAFT, **extra):
    author = user
    article = services.article_create(
        user=author,
        title=extra.pop("title", "Bài của phóng viên"),
        lead="Sapo bài viết.",
        section=make_section(),
        body="<p>Bản đầu.</p>",
    ).article
    if status != Status.DRAFT:
        Article.objects.filter(pk=article.pk).update(
            status=status,
            publish_at=timezone.now() - timedelta(minutes=5)
            if status == Status.PUBLISHED
            else None,
        )
        article.refresh_from_db()
    return article


def action(client, name, article):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": name, "_selected_action": [article.pk]},
    )


def run(action_name, client, actor, author, editor):
    """Do the action as `actor`; return (response, did it take effect?)."""
    if action_name == "create":
        before = Article.objects.count()
        section = make_section()
        response = client.post(
            reverse("admin:articles_article_add"),
            add_form(section, title="Bài mới", lead="Sapo mới."),
        )
        return response, Article.objects.count() == before + 1

    status = {
        "edit_own_draft": Status.DRAFT,
        "edit_in_review": Status.REVIEW,
        "edit_published": Status.PUBLISHED,
        "submit": Status.DRAFT,
        "publish": Status.REVIEW,
        "schedule": Status.DRAFT,
        "unpublish": Status.PUBLISHED,
        "restore": Status.DRAFT,
        "delete": Status.DRAFT,
    }[action_name]
    article = article_by(author, status)
    change_url = reverse("admin:articles_article_change", args=[article.pk])

    if action_name.startswith("edit"):
        response = client.post(change_url, form_data(article, title="Tiêu đề đã sửa"))
        article.refresh_from_db()
        return response, article.title == "Tiêu đề đã sửa"
    if action_name == "submit":
        response = action(client, "submit_selected", article)
        article.refresh_from_db()
        return response, article.status == Status.REVIEW
    if action_name == "publish":
        response = action(client, "publish_selected", article)
        article.refresh_from_db()
        return response, article.status == Status.PUBLISHED
    if action_name == "schedule":
        # A crafted POST: status and time are not even in a reporter's form.
        when = timezone.now() + timedelta(days=2)
        date, time = local(when)
        response = client.post(
            change_url,
            form_data(article, status=Status.PUBLISHED, publish_at_0=date, publish_at_1=time),
        )
        article.refresh_from_db()
        return response, article.status == Status.PUBLISHED and article.is_scheduled
    if action_name == "unpublish":
        response = action(client, "unpublish_selected", article)
        article.refresh_from_db()
        return response, article.status == Status.UNPUBLISHED
    if action_name == "restore":
        services.article_update(article=article, user=editor, title="Bản thứ hai")
        first = Version.objects.get_for_object(article).order_by("pk").first()
        url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
        response = client.post(
            url, form_data(Article.objects.get(pk=article.pk), title="Bài của phóng viên")
        )
        article.refresh_from_db()
        return response, article.title == "Bài của phóng viên"
    if action_name == "delete":
        response = client.post(
            reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
        )
        return response, not Article.objects.filter(pk=article.pk).exists()
    raise AssertionError(action_name)


@pytest.mark.parametrize(("action_name", "actor", "allowed"), CASES)
def test_matrix_through_the_admin(client, people, action_name, actor, allowed):
    client.force_login(people[actor])
    response, happened = run(action_name, client, people[actor], people["author"], people["editor"])
    assert response.status_code < 500
    assert happened is allowed, (action_name, actor, response.status_code)
    if not allowed:
        assert response.status_code in (200, 302, 403, 404)


# The same rules asked of articles.permissions directly (what services and views rely on).
def _article(owner, status, publish_at=None):
    return Article(created_by=owner, status=status, publish_at=publish_at)


@pytest.mark.parametrize(
    ("check", "actor", "status", "own", "expected"),
    [
        (permissions.can_edit_article, "author", Status.DRAFT, True, True),
        (permissions.can_edit_article, "author", Status.REVIEW, True, False),
        (permissions.can_edit_article, "author", Status.DRAFT, False, False),
        (permissions.can_edit_article, "editor", Status.REVIEW, False, True),
        (permissions.can_edit_article, "moderator", Status.DRAFT, False, False),
        (permissions.can_submit_article, "author", Status.DRAFT, True, True),
        (permissions.can_submit_article, "author", Status.REVIEW, True, False),
        (permissions.can_submit_article, "other_reporter", Status.DRAFT, False, False),
        (permissions.can_publish_article, "author", Status.REVIEW, True, False),
        (permissions.can_publish_article, "editor", Status.REVIEW, False, True),
        (permissions.can_unpublish_article, "editor", Status.PUBLISHED, False, True),
        (permissions.can_unpublish_article, "editor", Status.DRAFT, False, False),
        (permissions.can_view_article, "other_reporter", Status.DRAFT, False, False),
        (permissions.can_view_article, "other_reporter", Status.PUBLISHED, False, True),
        (permissions.can_view_article, "moderator", Status.DRAFT, False, False),
        (permissions.can_restore_revision, "author", Status.DRAFT, True, False),
        (permissions.can_restore_revision, "superuser", Status.DRAFT, False, True),
    ],
)
def test_matrix_of_the_rules(people, check, actor, status, own, expected):
    if own:
        owner = people[actor]
    else:
        owner = people["other_reporter"] if actor == "author" else people["author"]
    publish_at = timezone.now() - timedelta(hours=1) if status == Status.PUBLISHED else None
    article = _article(owner, status, publish_at)
    assert check(people[actor], article) is expected


def test_inactive_or_non_staff_user_can_do_nothing(reporter):
    article = _article(reporter, Status.DRAFT)
    reporter.is_staff = False
    assert not permissions.can_edit_article(reporter, article)
    reporter.is_staff, reporter.is_active = True, False
    assert not permissions.can_create_article(reporter)


def test_reporter_list_hides_colleagues_drafts(client, reporter, other_reporter, editor):
    mine = article_by(reporter, title="Bài của tôi")
    theirs = article_by(other_reporter, title="Bản nháp đồng nghiệp")
    public = article_by(other_reporter, Status.PUBLISHED, title="Bài đã đăng của đồng nghiệp")
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert mine.title in page and public.title in page and theirs.title not in page
    response = client.get(reverse("admin:articles_article_change", args=[theirs.pk]))
    assert response.status_code == 302  # the admin's "not found" redirect, nothing shown
    client.force_login(editor)
    assert theirs.title in client.get(reverse("admin:articles_article_changelist")).content.decode()


def test_reporter_sees_own_article_in_review_read_only(client, reporter):
    article = article_by(reporter, Status.REVIEW)
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'name="_save"' not in page
    assert article.title in page


def test_reporter_sees_history_but_cannot_open_a_revision(client, reporter, editor):
    article = article_by(reporter)
    services.article_update(article=article, user=reporter, title="Sửa lần hai")
    version = Version.objects.get_for_object(article).last()
    client.force_login(reporter)
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history.status_code == 200
    assert "Tạo bài" in history.content.decode()
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    assert client.get(url).status_code == 403
