"""Business rules that write articles and photos.

Every write goes through here, whoever calls it (admin, commands, tests): permissions are
checked against `articles.permissions`, bodies are sanitized, slugs made unique, a revision
is kept with who did it, and public caches learn of changes once the transaction commits.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reversion.models import Revision, Version

from articles import permissions
from articles.body import MARKER, photo_ids, render_body
from articles.images import make_renditions
from articles.models import (
    Article,
    ArticlePhoto,
    BylineCredit,
    Contributor,
    Photo,
    Region,
    Section,
    Tag,
)
from newsroom import cache, vietnamese
from newsroom.sanitize import sanitize_html

Status = Article.Status
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


class WorkflowError(ValidationError):
    """The article is not in a state that allows this step (a 4xx, with a message to show)."""


@dataclass
class ArticleSaveResult:
    article: Article
    created: bool
    removed: list[str] = field(default_factory=list)


def unique_slug(*, model, text: str, exclude_pk=None, fallback: str = "muc") -> str:
    """A slug from Vietnamese text ("Đảng bộ" → "dang-bo"), with -2, -3… when taken.

    Django's admin slug filler turns "đ" into "dj"; every slug is made here instead.
    """
    limit = model._meta.get_field("slug").max_length - 5  # room for "-9999"
    # slugify already keeps within the limit, cuts at a word boundary and trims hyphens.
    base = vietnamese.slugify(text, max_length=limit) or fallback
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def article_unique_slug(*, title: str, exclude_pk: int | None = None) -> str:
    return unique_slug(model=Article, text=title, exclude_pk=exclude_pk, fallback="bai-viet")


def article_search_text(*, title: str, lead: str, body: str) -> str:
    """Title, lead and the body's text, folded (no diacritics, lower case) for search."""
    text = html.unescape(_TAG.sub(" ", body or ""))
    return vietnamese.fold(f"{title} {lead} {text}")  # already single-spaced and trimmed


def taxonomy_save(*, obj: Section | Region | Tag | Contributor) -> None:
    """Save a section, region, tag or contributor, its slug made from the name when left
    empty, and let every page show the change once committed: their names are on cached
    pages (navigation, breadcrumbs, tags, bylines, the weather box)."""
    if not obj.slug:
        obj.slug = unique_slug(model=type(obj), text=obj.name, exclude_pk=obj.pk)
    obj.save()
    transaction.on_commit(cache.names_changed)


def taxonomy_delete(*, queryset) -> None:
    """Delete sections, regions, tags or contributors and let every page drop them once
    committed."""
    queryset.delete()
    transaction.on_commit(cache.names_changed)


def _changed_on_commit(article_id: int) -> None:
    transaction.on_commit(partial(cache.article_changed, article_id))


def _settle_publish_time(article: Article, previous: Article | None, now: datetime) -> None:
    """Published with no time, or a past time when it was not published before: now."""
    if article.status != Status.PUBLISHED:
        return
    was_published = previous is not None and previous.status == Status.PUBLISHED
    if article.publish_at is None or (article.publish_at < now and not was_published):
        article.publish_at = now


def _save_keeping_slug_unique(article: Article) -> None:
    # Two people saving the same title at once: the loser takes the next free number.
    for _attempt in range(3):
        try:
            with transaction.atomic():
                article.save()
            return
        except IntegrityError:
            if Article.objects.filter(slug=article.slug).exclude(pk=article.pk).exists():
                article.slug = article_unique_slug(title=article.title, exclude_pk=article.pk)
                continue
            raise
    article.save()


@transaction.atomic
def article_save(*, article: Article, user, comment: str = "") -> ArticleSaveResult:
    """Create or update an article from an instance a form (or caller) has filled in.

    Reporters cannot set status or publish time, whatever the instance says: those are put
    back as they were. Call `article_finish_save` once bylines and photos are saved too.
    """
    created = article.pk is None
    previous = None if created else Article.objects.select_for_update().get(pk=article.pk)
    if created and not permissions.can_create_article(user):
        raise PermissionDenied(_("Bạn không có quyền tạo bài viết."))
    if not created and not permissions.can_edit_article(user, previous):
        raise PermissionDenied(_("Bạn không có quyền sửa bài viết này."))
    if created:
        article.created_by = user
    else:
        article.created_by_id = previous.created_by_id
    if not permissions.can_set_status(user):
        article.status = previous.status if previous else Status.DRAFT
        article.publish_at = previous.publish_at if previous else None

    article.title = (article.title or "").strip()
    article.lead = (article.lead or "").strip()
    errors = {}
    title_limit = Article._meta.get_field("title").max_length
    if not article.title:
        errors["title"] = _("Bài viết cần có tiêu đề.")
    elif len(article.title) > title_limit:
        errors["title"] = _("Tiêu đề dài quá %(limit)d ký tự.") % {"limit": title_limit}
    if not article.lead:
        errors["lead"] = _("Bài viết cần có sapo.")
    if errors:
        raise ValidationError(errors)
    cleaned = sanitize_html(article.body)
    article.body = cleaned.html
    if created or not article.slug or previous.title != article.title:
        article.slug = article_unique_slug(title=article.title, exclude_pk=article.pk)
    _settle_publish_time(article, previous, timezone.now())
    article.search_text = article_search_text(
        title=article.title, lead=article.lead, body=article.body
    )

    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment or (_("Tạo bài") if created else _("Sửa bài")))
        _save_keeping_slug_unique(article)

    if article.status == Status.PUBLISHED or (previous and previous.status == Status.PUBLISHED):
        _changed_on_commit(article.pk)
    return ArticleSaveResult(article=article, created=created, removed=cleaned.removed)


@transaction.atomic
def article_finish_save(*, article: Article, user, created: bool) -> None:
    """After bylines and photo uses are saved: every photo placed in the body gets a use
    (with the caption typed under it), and a new article with no byline gets its author's."""
    article_sync_photos(article=article)
    if created and not article.credits.exists():
        contributor = getattr(user, "contributor", None)
        if contributor is not None:
            BylineCredit.objects.create(
                article=article, contributor=contributor, role=BylineCredit.Role.TEXT
            )
    article_write_body_html(article=article)
    if reversion.is_active():
        # Rows made in bulk send no signal: add the article again so the revision follows
        # its bylines and photo uses as they now are.
        reversion.add_to_revision(article)


def article_write_body_html(*, article: Article) -> str:
    """Store the body as readers get it (articles.body.render_body): after the body or its
    photo uses are saved, after a revert, and when a photo it shows changes. An update, not a
    save: the article's "updated" time is about its content, and this is derived from it."""
    html = render_body(article)
    Article.objects.filter(pk=article.pk).update(body_html=html)
    article.body_html = html
    return html


def article_sync_photos(*, article: Article) -> list[ArticlePhoto]:
    placed = photo_ids(article.body)
    if not placed:
        return []
    have = set(article.photos.values_list("photo_id", flat=True))
    existing = set(Photo.objects.filter(pk__in=placed).values_list("pk", flat=True))
    captions = {}
    for match in MARKER.finditer(article.body):
        text = html.unescape(_TAG.sub(" ", match.group(2))).strip()
        captions.setdefault(int(match.group(1)), _SPACES.sub(" ", text))
    missing = [pk for pk in placed if pk in existing and pk not in have]
    start = article.photos.count()
    created = ArticlePhoto.objects.bulk_create(
        [
            ArticlePhoto(
                article=article,
                photo_id=pk,
                caption=captions.get(pk, "")[:400],
                position=start + index,
            )
            for index, pk in enumerate(missing)
        ]
    )
    return created


@transaction.atomic
def article_create(
    *,
    user,
    title: str,
    lead: str,
    section,
    body: str = "",
    tags=(),
    regions=(),
    related=(),
    credits: tuple[tuple, ...] = (),
    **fields,
) -> ArticleSaveResult:
    """Write a new article (status and publish time only count when an editor writes it).

    `credits` is a sequence of (contributor, role) in byline order.
    """
    article = Article(title=title, lead=lead, section=section, body=body, **fields)
    with reversion.create_revision():
        result = article_save(article=article, user=user)
        article.tags.set(tags)
        article.regions.set(regions)
        article.related.set(related)
        BylineCredit.objects.bulk_create(
            BylineCredit(article=article, contributor=contributor, role=role, position=index)
            for index, (contributor, role) in enumerate(credits)
        )
        article_finish_save(article=article, user=user, created=True)
    return result


@transaction.atomic
def article_update(*, article: Article, user, **changes) -> ArticleSaveResult:
    """Change some fields of an article; M2M fields (tags, regions, related) may be given."""
    m2m = {name: changes.pop(name) for name in ("tags", "regions", "related") if name in changes}
    for name, value in changes.items():
        setattr(article, name, value)
    with reversion.create_revision():
        result = article_save(article=article, user=user)
        for name, value in m2m.items():
            getattr(article, name).set(value)
        article_finish_save(article=article, user=user, created=False)
    return result


def _locked(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def _record(article: Article, user, comment: str, update_fields: list[str]) -> None:
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        article.save(update_fields=[*update_fields, "updated_at"])


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    """Draft → in review: from now on the article is the editors' to change."""
    current = _locked(article)
    if not user.has_perm("articles.submit_article"):
        raise PermissionDenied(_("Bạn không có quyền gửi bài chờ duyệt."))
    if current.status not in (Status.DRAFT, Status.UNPUBLISHED):
        raise WorkflowError(
            _("Bài “%(title)s” đang ở trạng thái “%(status)s”, không gửi duyệt được nữa.")
            % {"title": current.title, "status": current.get_status_display()}
        )
    if not permissions.can_submit_article(user, current):
        raise PermissionDenied(_("Bạn chỉ gửi duyệt được bản nháp của chính mình."))
    current.status = Status.REVIEW
    _record(current, user, _("Gửi duyệt"), ["status"])
    return current


@transaction.atomic
def article_publish(*, article: Article, user, publish_at: datetime | None = None) -> Article:
    """Publish now, or schedule when the time (given, or set on the article) is ahead.

    A scheduled article becomes visible at that moment by `Article.objects.published()`
    alone; no job has to run.
    """
    current = _locked(article)
    if not permissions.is_editor(user):
        raise PermissionDenied(_("Chỉ biên tập viên mới được xuất bản bài."))
    if current.is_live:
        raise WorkflowError(_("Bài “%(title)s” đã được đăng rồi.") % {"title": current.title})
    now = timezone.now()
    when = publish_at or current.publish_at
    current.publish_at = when if when and when > now else now
    current.status = Status.PUBLISHED
    if current.publish_at > now:
        local = date_format(timezone.localtime(current.publish_at), "SHORT_DATETIME_FORMAT")
        comment = _("Hẹn giờ đăng lúc %(time)s") % {"time": local}
    else:
        comment = _("Xuất bản")
    _record(current, user, comment, ["status", "publish_at"])
    _changed_on_commit(current.pk)
    return current


@transaction.atomic
def article_unpublish(*, article: Article, user) -> Article:
    """Withdraw: a live article becomes “đã gỡ”; a scheduled one goes back to review."""
    current = _locked(article)
    if not permissions.is_editor(user):
        raise PermissionDenied(_("Chỉ biên tập viên mới được gỡ bài."))
    if current.status != Status.PUBLISHED:
        raise WorkflowError(
            _("Bài “%(title)s” chưa được đăng nên không có gì để gỡ.") % {"title": current.title}
        )
    if current.is_scheduled:
        current.status = Status.REVIEW
        comment = _("Hủy hẹn giờ đăng")
    else:
        current.status = Status.UNPUBLISHED
        comment = _("Gỡ bài")
    _record(current, user, comment, ["status"])
    _changed_on_commit(current.pk)
    return current


@transaction.atomic
def article_reverted(*, article_id: int, restored: Revision) -> None:
    """An old revision (or a deleted article) was restored from the admin: say so in the
    history, in Vietnamese, and let public pages know (the status may differ now)."""
    latest = (
        Version.objects.get_for_object_reference(Article, article_id)
        .select_related("revision")
        .first()
    )
    if latest is not None and latest.revision_id != restored.pk:
        when = date_format(timezone.localtime(restored.date_created), "SHORT_DATETIME_FORMAT")
        Revision.objects.filter(pk=latest.revision_id).update(
            comment=_("Khôi phục phiên bản lưu lúc %(time)s") % {"time": when}
        )
    # The restored body (and photo uses) may differ from what was stored as readers get it.
    article = Article.objects.filter(pk=article_id).first()
    if article is not None:
        article_write_body_html(article=article)
    _changed_on_commit(article_id)


def article_deleted(*, article_id: int) -> None:
    _changed_on_commit(article_id)


@transaction.atomic
def photo_save(*, photo: Photo, user, image_changed: bool) -> Photo:
    """Save a photo and make its renditions; pages showing it learn of a new credit."""
    created = photo.pk is None
    needed = "articles.add_photo" if created else "articles.change_photo"
    if not (user and user.is_active and user.has_perm(needed)):
        raise PermissionDenied(_("Bạn không có quyền thay đổi kho ảnh."))
    if created:
        photo.uploaded_by = user
    photo.save()
    if created or image_changed or not photo.renditions:
        photo.renditions = make_renditions(photo)
        photo.save(update_fields=["renditions"])
    if not created:
        # Bodies showing it hold its credit, title and renditions: written again, drafts too
        # (their previews read them). Public pages showing it, in the body or on top, rebuilt.
        public = set(
            Article.objects.filter(status=Status.PUBLISHED, featured_photo=photo).values_list(
                "pk", flat=True
            )
        )
        for article in Article.objects.filter(
            pk__in=ArticlePhoto.objects.filter(photo=photo).values("article_id")
        ).only("pk", "body", "body_html", "status"):
            article_write_body_html(article=article)
            if article.status == Status.PUBLISHED:
                public.add(article.pk)
        for article_id in public:
            _changed_on_commit(article_id)
    return photo


def articles_write_body_html(*, batch_size: int = 200) -> int:
    """Write the stored body of every article again, in batches (after an upgrade, or a
    change of the figure markup, MEDIA_URL or the renditions); returns how many changed."""
    rows = Article.objects.order_by("pk").only("pk", "body", "body_html", "status")
    done, last_pk = 0, 0
    while chunk := list(rows.filter(pk__gt=last_pk)[:batch_size]):
        for article in chunk:
            before = article.body_html
            if article_write_body_html(article=article) != before:
                done += 1
                if article.status == Status.PUBLISHED:
                    _changed_on_commit(article.pk)
        last_pk = chunk[-1].pk
    return done
