"""Posting a comment, with or without JavaScript.

Article pages are the same bytes for every reader (articles.views), so the form they carry
has no CSRF token and no signed timestamp. With JavaScript, the form asks `form_session` for
both when the reader starts typing. Without it, the post fails the CSRF check and answers the
refusal page, which draws the form again with the reader's text and its own tokens: one more
click on "Gửi bình luận". The "Trả lời" links lead to `reply`, a page with a tokened form.

The checks run in the order a visitor should hear about them: CSRF, comments closed, honeypot
and fill time, rate limit, the form's fields with the text rules (CommentForm.clean_body calls
the services' own), then what needs the database in services.comment_submit.
Every refusal shows the visitor's text again (a page, or JSON for the in-place form).
"""

from django.http import Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from articles.models import Article
from comments import conf, selectors, services
from comments.forms import CommentForm, form_token
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
                "csrf": get_token(request),
            },
            status=status,
        )
    response = render(
        request,
        "comments/refused.html",
        {
            "article": article,
            "comment_form": form,
            "error": message,
            "code": code,
            "with_tokens": True,
        },
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


@never_cache
@require_GET
def form_session(request, article_pk):
    """The form's two per-reader values, asked for by comments.js when the reader starts
    typing: the CSRF token (setting its cookie) and the signed timestamp of the fill-time
    check. No query: a forged article id only gets a timestamp the post then refuses."""
    return JsonResponse({"csrf": get_token(request), "token": form_token(article_pk)})


@never_cache
@require_GET
def reply(request, pk):
    """ "Trả lời" without JavaScript: the comment answered and a form that answers it."""
    found = selectors.reply_target(pk)
    if found is None:
        raise Http404(_("Không có bình luận này."))
    article_pk, target = found
    article = _published_article(article_pk)
    form = CommentForm(article=article, reply_to=target)
    return render(
        request,
        "comments/reply.html",
        {"article": article, "comment_form": form, "target": target, "with_tokens": True},
    )


@csrf_exempt  # checked by hand below, so the refusal keeps the visitor's text
@never_cache
@require_POST
def post(request, article_pk):
    article = _published_article(article_pk)
    form = CommentForm(request.POST, article=article)

    if _csrf_failure(request):
        if not request.POST.get("csrfmiddlewaretoken"):
            # The article page's form as it is cached, sent without JavaScript.
            message = _(
                "Để chống gửi tự động, vui lòng bấm “Gửi bình luận” thêm một lần nữa. Bình "
                "luận của bạn vẫn còn đây."
            )
            return _refuse(request, article, form, message, status=403, code="confirm")
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
        refusal = form.refusal()
        if refusal is not None:
            return _refuse(
                request, article, form, refusal.message, status=refusal.status, code=refusal.code
            )
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
