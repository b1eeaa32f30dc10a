"""The moderators' desk under /binh-luan/kiem-duyet/: the queue, one comment, the actions.

Staff pages in the admin's look (admin.site.each_context), but plain views: the queue needs
versions in every form (optimistic locking) and keyboard work that the changelist cannot give.
"""

from functools import wraps

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from articles.models import Section
from comments import selectors, services
from comments.forms import QueueFilterForm
from comments.models import Comment, HoldReason
from comments.templatetags.comments_tags import waiting_time
from newsroom import pagination
from newsroom.converters import parse_id

PAGE_SIZE = 25
REJECT_REASONS = (
    gettext_lazy("Lời lẽ xúc phạm, thô tục"),
    gettext_lazy("Quảng cáo, rao vặt"),
    gettext_lazy("Không liên quan đến bài viết"),
    gettext_lazy("Thông tin chưa được kiểm chứng"),
    gettext_lazy("Công kích cá nhân"),
    gettext_lazy("Trùng lặp"),
)


class QueuePage:
    """One page of the queue, without counting the rows behind it: the tabs give the totals,
    and a COUNT over a million handled comments costs more than the page (bench_comments)."""

    def __init__(self, queryset, number: int):
        self.number = number
        start = (self.number - 1) * PAGE_SIZE
        rows = list(queryset[start : start + PAGE_SIZE + 1])
        self.object_list = rows[:PAGE_SIZE]
        self._decorate(self.object_list)
        self.has_next = len(rows) > PAGE_SIZE
        self.has_previous = self.number > 1
        self.has_other_pages = self.has_next or self.has_previous
        self.next_page_number = self.number + 1
        self.previous_page_number = self.number - 1

    @staticmethod
    def _decorate(comments):
        """The links and the wait each row shows (templates/comments/moderation/_rows.html),
        worked out once a page: one URL reversal for the page, one article URL per article."""
        desk = reverse("comments:queue")
        now = timezone.now()
        article_urls = {}
        for comment in comments:
            comment.waited = (
                waiting_time(comment.created_at, now)
                if comment.status == Comment.Status.PENDING
                else ""
            )
            comment.desk_url = f"{desk}{comment.pk}/"
            if comment.article_id not in article_urls:
                article_urls[comment.article_id] = comment.article.get_absolute_url()
            comment.article_url = article_urls[comment.article_id]


def moderator_required(view):
    @login_required(login_url=reverse_lazy("admin:login"))
    @permission_required("comments.moderate_comment", raise_exception=True)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    return wrapped


def _context(request, **extra):
    return {**admin.site.each_context(request), "reject_reasons": REJECT_REASONS, **extra}


def _safe_next(request, default: str) -> str:
    """Where to go back to: a URL on this site (for HttpResponseRedirect, not redirect(),
    which would read a bare word such as "0" as a view name and answer 500)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@never_cache
@require_GET
@moderator_required
def queue(request):
    filter_form = QueueFilterForm(request.GET)
    filters = filter_form.queue_filters()
    page = QueuePage(selectors.comment_queue(**filters), pagination.page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    counts = selectors.status_counts()
    return render(
        request,
        "comments/moderation/queue.html",
        _context(
            request,
            title=_("Hàng chờ bình luận"),
            page=page,
            tabs=_status_tabs(request, counts, filters["status"] or QueueFilterForm.ALL),
            filters=filters,
            current_status=filters["status"] or QueueFilterForm.ALL,
            sections=list(Section.objects.values_list("id", "name")),
            reasons=HoldReason.Code.choices,
            filter_form=filter_form,
            query=query.urlencode(),
            here=request.get_full_path(),
            now=timezone.now(),
        ),
    )


def _status_tabs(request, counts: dict[str, int], current: str) -> list[dict]:
    """One link per status with its count, keeping the other filters."""
    tabs = []
    choices = [*Comment.Status.choices, (QueueFilterForm.ALL, _("tất cả"))]
    for value, label in choices:
        query = request.GET.copy()
        query.pop("page", None)
        query["status"] = value
        tabs.append(
            {
                "label": label,
                "count": sum(counts.values()) if value == QueueFilterForm.ALL else counts[value],
                "url": f"?{query.urlencode()}",
                "current": value == current,
            }
        )
    return tabs


def _detail(request, comment: Comment, *, body: str | None = None, error: str = "", status=200):
    neighbours = selectors.pending_neighbours(comment)
    return render(
        request,
        "comments/moderation/detail.html",
        _context(
            request,
            title=_("Bình luận #%(pk)s") % {"pk": comment.pk},
            comment=comment,
            body=comment.body if body is None else body,
            error=error,
            previous_pending=neighbours[0],
            next_pending=neighbours[1],
            now=timezone.now(),
        ),
        status=status,
    )


@never_cache
@require_GET
@moderator_required
def moderate(request, pk):
    try:
        comment = selectors.comment_for_moderation(pk)
    except Comment.DoesNotExist:
        messages.warning(request, _("Bình luận này không còn tồn tại."))
        return redirect("comments:queue")
    return _detail(request, comment)


_DONE = {
    "approve": gettext_lazy("Đã duyệt đăng bình luận của %(name)s."),
    "edit": gettext_lazy("Đã lưu bản biên tập bình luận của %(name)s."),
    "reject": gettext_lazy("Đã từ chối bình luận của %(name)s."),
    "spam": gettext_lazy("Đã đánh dấu thư rác bình luận của %(name)s."),
}


def _apply(action: str, *, pk: int, user, version: int, post) -> Comment:
    body = post.get("body")
    if action == "approve":
        return services.comment_approve(comment_id=pk, by=user, version=version, body=body)
    if action == "edit":
        return services.comment_edit(comment_id=pk, by=user, version=version, body=body or "")
    if action == "reject":
        return services.comment_reject(
            comment_id=pk, by=user, version=version, reason=post.get("reason", "")
        )
    return services.comment_mark_spam(comment_id=pk, by=user, version=version)


@require_POST
@moderator_required
def act(request, pk):
    """One action on one comment, from the queue's row or from the comment's own page."""
    action = request.POST.get("action")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    if action not in _DONE or version is None:
        return HttpResponseBadRequest(_("Yêu cầu không hợp lệ."))
    from_detail = request.POST.get("from") == "detail"
    try:
        comment = _apply(action, pk=pk, user=request.user, version=version, post=request.POST)
    except services.ModerationError as error:
        if from_detail and Comment.objects.filter(pk=pk).exists():
            # Back to the page with the moderator's own wording kept beside the current one.
            conflict = isinstance(error, services.CommentConflict)
            return _detail(
                request,
                selectors.comment_for_moderation(pk),
                body=request.POST.get("body"),
                error=error.message,
                status=409 if conflict else 400,
            )
        messages.error(request, error.message)
        return HttpResponseRedirect(_safe_next(request, reverse("comments:queue")))
    messages.success(request, _DONE[action] % {"name": comment.author_name})
    if request.POST.get("then") == "next":
        following = selectors.next_pending(after=comment)
        if following is not None:
            return redirect(following.get_moderation_url())
        messages.info(request, _("Đã hết bình luận chờ duyệt."))
        return redirect("comments:queue")
    return HttpResponseRedirect(_safe_next(request, reverse("comments:queue")))


@require_POST
@moderator_required
def bulk(request):
    action = request.POST.get("action")
    items = []
    for value in request.POST.getlist("items"):
        # "id:version", each read as an id is (ASCII digits, in range), or left out.
        pk, sep, version = value.partition(":")
        pk, version = parse_id(pk), parse_id(version)
        if sep and pk and version:
            items.append((pk, version))
    if action not in {"approve", "reject", "spam"}:
        return HttpResponseBadRequest(_("Yêu cầu không hợp lệ."))
    back = _safe_next(request, reverse("comments:queue"))
    if not items:
        messages.warning(request, _("Bạn chưa chọn bình luận nào."))
        return HttpResponseRedirect(back)
    result = services.comments_moderate_bulk(
        items=items, action=action, by=request.user, reason=request.POST.get("reason", "")
    )
    if result.done:
        messages.success(request, _("Đã xử lý %(count)d bình luận.") % {"count": len(result.done)})
    for pk, message in result.failed:
        messages.warning(
            request, _("Bình luận #%(pk)d: %(message)s") % {"pk": pk, "message": message}
        )
    return HttpResponseRedirect(back)
