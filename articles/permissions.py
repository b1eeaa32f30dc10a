"""Who may do what to an article, per article.

The coarse rights come from the one permission map (`newsroom.roles`, through Django's
permissions, so a superuser has them all); the rules that depend on the article live here:
a reporter edits only their own drafts; once submitted, the article is the editors'.
Services, the admin's querysets, forms, actions and views all ask these functions.
"""

from django.db.models import Q

from articles.models import Article

Status = Article.Status


def _active_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def is_editor(user) -> bool:
    """Editors (and superusers) publish, schedule, withdraw and edit any article."""
    return _active_staff(user) and user.has_perm("articles.publish_article")


def _owns(user, article: Article) -> bool:
    return article.created_by_id is not None and article.created_by_id == user.pk


def can_create_article(user) -> bool:
    return _active_staff(user) and user.has_perm("articles.add_article")


def _sees_everything(user) -> bool:
    # Editors, and read-only staff (a moderator checking what a comment is about).
    return is_editor(user) or not user.has_perm("articles.change_article")


def can_view_article(user, article: Article) -> bool:
    if not (_active_staff(user) and user.has_perm("articles.view_article")):
        return False
    return _sees_everything(user) or _owns(user, article) or article.status == Status.PUBLISHED


def visible_articles_q(user) -> Q:
    """The admin list: editors see everything; reporters their own and what is published,
    not their colleagues' drafts."""
    if _sees_everything(user):
        return Q()
    return Q(created_by=user) | Q(status=Status.PUBLISHED)


def can_edit_article(user, article: Article) -> bool:
    if not (_active_staff(user) and user.has_perm("articles.change_article")):
        return False
    if is_editor(user):
        return True
    return _owns(user, article) and article.status == Status.DRAFT


def can_submit_article(user, article: Article) -> bool:
    if not (_active_staff(user) and user.has_perm("articles.submit_article")):
        return False
    if article.status not in (Status.DRAFT, Status.UNPUBLISHED):
        return False
    return is_editor(user) or (_owns(user, article) and article.status == Status.DRAFT)


def can_publish_article(user, article: Article | None = None) -> bool:
    """Publish now or schedule; also re-schedule an article that is already scheduled."""
    if not is_editor(user):
        return False
    return article is None or not article.is_live


def can_unpublish_article(user, article: Article | None = None) -> bool:
    if not is_editor(user):
        return False
    return article is None or article.status == Status.PUBLISHED


def can_set_status(user) -> bool:
    """Only editors may set status and publish time in the form."""
    return is_editor(user)


def can_delete_article(user, article: Article | None = None) -> bool:
    return _active_staff(user) and user.has_perm("articles.delete_article") and is_editor(user)


def can_restore_revision(user, article: Article) -> bool:
    """Restoring may bring back an old status or publish time, so it is an editor's act."""
    return is_editor(user) and user.has_perm("articles.change_article")
