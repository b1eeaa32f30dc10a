import difflib
import re
from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from comments.forms import CommentForm
from comments.rendering import ITEMS_MARKER, item_pieces
from comments.selectors import comments_for_article, public_comment
from newsroom.converters import parse_id

register = template.Library()


@register.simple_tag
def comment_thread_for(article):
    return comments_for_article(article)


@register.simple_tag(takes_context=True)
def comment_items(context, thread):
    """Every comment of the thread as <li>, replies in a nested <ol>, each comment's HTML as
    stored (comments.rendering: names and bodies escaped there, bodies plain text with line
    breaks). Joined in Python, not a template loop: a page may carry hundreds.

    Where the context names a marker (comments.rendering.thread_listing), the marker stands
    in for the items, which are joined in there as bytes."""
    marker = context.get(ITEMS_MARKER)
    if marker:
        return marker
    html = b"".join(item_pieces(thread)).decode()
    return mark_safe(html)  # noqa: S308 - stored HTML, escaped when written


@register.simple_tag(takes_context=True)
def comment_form_for(context, article, form=None):
    """The form to render: `form` if the page gave one, else a fresh one.

    `?tra_loi=<id>` (the "Trả lời" link without JavaScript) makes a fresh form a reply, when
    that comment is public on this article (one small query: the form is rendered apart from
    the cached list).
    """
    # A variable the page did not set arrives as "" (string_if_invalid), not None.
    if not isinstance(form, CommentForm):
        form = CommentForm(article=article)
    request = context.get("request")
    if form.is_bound or form.reply_to is not None or request is None:
        return form
    wanted = parse_id(request.GET.get("tra_loi", ""))
    if wanted is None:
        return form
    target = public_comment(article_id=article.pk, pk=wanted)
    if target is not None:
        form.set_reply_to(target)
    return form


def _desk_row(comment, labels: dict[str, str], *, csrf: str, here: str, status: str) -> str:
    """One row of the moderation queue; see desk_rows."""
    pk, version, state = comment.pk, comment.version, comment.status
    article = comment.article
    name = escape(comment.author_name)
    reasons = "".join(
        f'<span class="desk-reason desk-reason--{r.code}" title="{escape(r.detail)}">'
        f"{escape(str(r.get_code_display()))}{': ' + escape(r.detail) if r.detail else ''}</span>"
        for r in comment.hold_reasons.all()
    )
    waited = f" · {labels['waited']} {escape(comment.waited)}" if comment.waited else ""
    edited = f'<span class="desk-tag">{labels["edited"]}</span>' if comment.edited_at else ""
    parent = ""
    if comment.parent_id:
        shown = comment.parent
        parent_state = ""
        if shown.status != "approved":
            parent_state = (
                f' <span class="desk-status desk-status--{shown.status}">{labels["parent"]}: '
                f"{escape(str(shown.get_status_display()))}</span>"
            )
        parent = (
            f'<p class="desk-item__parent">{labels["reply_to"]} {escape(shown.author_name)}: '
            f"“{escape(Truncator(shown.body).chars(140))}”{parent_state}</p>"
        )
    note = ""
    if state == "rejected" and comment.rejection_reason:
        note = (
            f'<p class="desk-item__note">{labels["reason"]}: {escape(comment.rejection_reason)}</p>'
        )
    # Reject comes first in the markup: Enter in the reason box submits with the first
    # button, which must never be "approve". CSS puts approve first on screen.
    buttons = []
    if state in ("pending", "approved"):
        buttons.append(
            f'<input type="text" name="reason" list="desk-reasons" maxlength="300" '
            f'placeholder="{labels["reason"]}" aria-label="{labels["reason"]}" data-key="r">'
            f'<button type="submit" name="action" value="reject" class="button desk-reject" '
            f"data-reject>{labels['reject']} <kbd>r</kbd></button>"
        )
    if state != "approved":
        buttons.append(
            f'<button type="submit" name="action" value="approve" class="button default '
            f'desk-approve" data-key="a">{labels["approve"]} <kbd>a</kbd></button>'
        )
    if state != "spam":
        buttons.append(
            f'<button type="submit" name="action" value="spam" class="button" data-key="s">'
            f"{labels['spam']} <kbd>s</kbd></button>"
        )
    buttons.append(
        f'<a class="button" href="{comment.desk_url}" data-key="e">'
        f"{labels['edit']} <kbd>e</kbd></a>"
    )
    return (
        f'<li class="desk-item desk-item--{state}" id="bl-{pk}" tabindex="-1" data-pk="{pk}" '
        f'data-edit-url="{comment.desk_url}">\n<div class="desk-item__head">'
        f'<label class="desk-item__select"><input type="checkbox" name="items" '
        f'value="{pk}:{version}" form="desk-bulk" aria-label="{labels["select"]} #{pk}"></label>\n'
        f'<strong class="desk-item__author">{name}</strong>\n'
        f'<span class="desk-item__time">{labels["sent"]} <time datetime="{comment.sent_iso}">'
        f"{comment.sent_text}</time>{waited}</span>\n"
        f'<span class="desk-status desk-status--{state}">'
        f"{escape(str(comment.get_status_display()))}</span>{edited}{reasons}</div>\n"
        f'<p class="desk-item__article">{labels["article"]}: <a href="{comment.article_url}" '
        f'target="_blank" rel="noopener">{escape(article.title)}</a> · '
        f"{escape(article.section.name)} · "
        f'<a href="?status={status}&amp;article={comment.article_id}">{labels["only"]}</a></p>\n'
        f"{parent}"
        f'<div class="desk-item__body">{escape(comment.body).replace(chr(10), "<br>")}</div>\n'
        f"{note}"
        f'<form class="desk-item__actions" method="post" action="{comment.desk_url}xu-ly/">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
        f'<input type="hidden" name="version" value="{version}">'
        f'<input type="hidden" name="next" value="{here}#bl-{pk}">\n'
        f"{''.join(buttons)}</form>\n</li>\n"
    )


@register.simple_tag(takes_context=True)
def desk_rows(context, comments):
    """The queue's rows, built in Python like comment_items: the queue is the page a
    moderator reloads all day, and a template loop cost 1 ms a row (bench_comments)."""
    labels = {
        key: escape(str(text))
        for key, text in {
            "select": _("Chọn bình luận"),
            "sent": _("gửi"),
            "waited": _("đã chờ"),
            "edited": _("đã biên tập"),
            "article": _("Bài"),
            "only": _("chỉ bài này"),
            "reply_to": _("Trả lời"),
            "parent": _("bình luận gốc"),
            "reason": _("Lý do từ chối"),
            "reject": _("Từ chối"),
            "approve": _("Duyệt"),
            "spam": _("Thư rác"),
            "edit": _("Biên tập"),
        }.items()
    }
    csrf = escape(str(context.get("csrf_token", "")))
    here = escape(context.get("here", ""))
    status = escape(str(context.get("current_status", "pending")))
    rows = [_desk_row(c, labels, csrf=csrf, here=here, status=status) for c in comments]
    return mark_safe("".join(rows))  # noqa: S308 every value is escaped in _desk_row


@register.filter
def waiting_time(since, now) -> str:
    """How long a comment has waited, the way a moderator says it: "2 giờ 15 phút"."""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 1:
        return _("chưa đầy 1 phút")
    if minutes < 60:
        return _("%(m)d phút") % {"m": minutes}
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        if minutes:
            return _("%(h)d giờ %(m)d phút") % {"h": hours, "m": minutes}
        return _("%(h)d giờ") % {"h": hours}
    days, hours = divmod(hours, 24)
    if hours:
        return _("%(d)d ngày %(h)d giờ") % {"d": days, "h": hours}
    return _("%(d)d ngày") % {"d": days}


_TOKENS = re.compile(r"\s+|[^\s]+")


@register.filter
def word_diff(old: str, new: str):
    """`new` with the words a moderator changed marked: <del> for removed, <ins> for added."""
    before, after = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(after[b1:b2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 every piece of text is escaped above
