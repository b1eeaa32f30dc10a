import difflib
import re
from html import escape

from django import template
from django.utils.safestring import mark_safe
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
