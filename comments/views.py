"""Posting a comment, with or without JavaScript.

The checks run in the order a visitor should hear about them: CSRF, comments closed, honeypot
and fill time, rate limit, the form's fields, then the text rules in services.comment_submit.
Every refusal shows the visitor's text again (a page, or JSON for the in-place form).
"""

from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from articles.models import Article
from comments import conf, services
from comments.forms import CommentForm
from newsroom.clientip import client_ip, ratelimit_key


class _CsrfCheck(CsrfViewMiddleware):
    def _reject(self, request, reason):
        return reason


def _csrf_failure(request) -> str | None:
    """Django's own CSRF check, answering with the reason instead of the generic 403 page,
    so that the refusal page can keep what the visitor typed."""
    check = _CsrfCheck(lambda request: None)
    check.process_request(request)
    return check.process_view(request, None, (), {})


def _wants_json(request) -> bool:
    return request.headers.get(
        "x-requested-with"
    ) == "XMLHttpRequest" or "application/json" in request.headers.get("accept", "")


def _refuse(request, article, form, message, *, status, code, field=None):
    if field and field in form.fields and form.is_bound:
        form.errors.setdefault(field, form.error_class()).append(message)
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": False,
                "code": code,
                "message": str(message),
                "errors": {name: [str(e) for e in errs] for name, errs in form.errors.items()},
                "token": form.fresh_token(),
            },
            status=status,
        )
    response = render(
        request,
        "comments/refused.html",
        {"article": article, "comment_form": form, "error": message, "code": code},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = "60"
    return response


def _published_article(pk):
    return get_object_or_404(
        Article.objects.published().only(
            "id", "slug", "title", "comments_enabled", "status", "publish_at"
        ),
        pk=pk,
    )


@csrf_exempt  # checked by hand below, so the refusal keeps the visitor's text
@never_cache
@require_POST
def post(request, article_pk):
    article = _published_article(article_pk)
    form = CommentForm(request.POST, article=article)

    if _csrf_failure(request):
        message = _(
            "Phiên làm việc đã hết hạn nên bình luận chưa được gửi. Bình luận của bạn vẫn còn "
            "đây: hãy bấm gửi lại."
        )
        return _refuse(request, article, form, message, status=403, code="csrf")
    try:
        services.comment_check_open(article=article)
    except services.CommentRefused as refusal:
        return _refuse(request, article, form, refusal.message, status=403, code=refusal.code)
    bot_error = form.bot_error()
    if bot_error:
        return _refuse(request, article, form, bot_error, status=400, code="form")
    for index, rate in enumerate(conf.rates()):
        if is_ratelimited(
            request, group=f"comments.post.{index}", key=ratelimit_key, rate=rate, increment=True
        ):
            message = _(
                "Bạn đã gửi nhiều bình luận trong thời gian ngắn. Vui lòng đợi ít phút rồi gửi "
                "lại; bình luận của bạn vẫn còn đây."
            )
            return _refuse(request, article, form, message, status=429, code="rate_limited")
    if not form.is_valid():
        message = _("Vui lòng kiểm tra lại các ô được đánh dấu.")
        return _refuse(request, article, form, message, status=400, code="form")
    try:
        services.comment_submit(
            article=article,
            author_name=form.cleaned_data["author_name"],
            author_email=form.cleaned_data["author_email"],
            body=form.cleaned_data["body"],
            parent_id=form.cleaned_data["parent"],
            ip_address=client_ip(request) or None,
        )
    except services.CommentRefused as refusal:
        return _refuse(
            request,
            article,
            form,
            refusal.message,
            status=refusal.status,
            code=refusal.code,
            field=refusal.field,
        )
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "message": _(
                    "Bình luận của bạn đang chờ biên tập. Bình luận sẽ hiện dưới bài sau khi "
                    "được duyệt."
                ),
            },
            status=201,
        )
    return redirect("comments:posted", article_pk=article.pk)


@never_cache
@require_GET
def posted(request, article_pk):
    article = _published_article(article_pk)
    return render(request, "comments/posted.html", {"article": article})
