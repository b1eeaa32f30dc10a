import difflib
import re
from html import escape

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from comments.forms import CommentForm
from comments.rendering import item_pieces
from comments.selectors import comments_for_article
from newsroom.cache import generations_known, kept

register = template.Library()

# An article's comments change only with its `comments:<id>` generation, not with every
# publish elsewhere: kept apart from the page, they outlive it (articles.views).
THREAD_SECONDS = 60 * 60


def _thread(context, article) -> dict:
    """The article's comment list (HTML) and count, once per page render: read from the
    cache per `comments:<id>` generation, or from the database when the page is `fresh`
    (staff, previews). The generations come from the page's context when it read them."""
    memo = context.render_context.setdefault("comments_tags.thread", {})
    if article.pk in memo:
        return memo[article.pk]

    def read() -> dict:
        thread = comments_for_article(article)
        listing = render_to_string(
            "comments/_list.html", {"article": article, "comment_thread": thread}
        )
        return {"listing": listing, "count": thread.count}

    if context.get("fresh"):
        found = read()
    else:
        scope = f"comments:{article.pk}"
        gens = generations_known(context.get("generations"), scope)
        found = kept(f"frag:comments:{article.pk}:{gens[scope]}", read, THREAD_SECONDS)
    memo[article.pk] = found
    return found


@register.simple_tag(takes_context=True)
def comment_area(context, article):
    """The article's comments: "N bình luận", the list, and the form. The form carries no
    per-reader value (comments.views), so the page around it can be cached whole; it is
    kept per article generation (which follows its comments being opened or closed): drawn
    again, it was a third of a page rebuilt after a publish (bench_article_page). A preview
    shows no form: comments open once the article is public."""
    found = _thread(context, article)
    if context.get("preview"):
        form = ""
    elif context.get("fresh"):
        form = _draw_form(article)
    else:
        scope = f"article:{article.pk}"
        gen = generations_known(context.get("generations"), scope)[scope]
        key = f"frag:comment-form:{article.pk}:{gen}"
        form = kept(key, lambda: _draw_form(article), THREAD_SECONDS)
    return render_to_string(
        "comments/_area.html",
        {
            "listing": mark_safe(found["listing"]),  # noqa: S308 - our template's output
            "form": mark_safe(form),  # noqa: S308 - as above
        },
    )


def _draw_form(article) -> str:
    context = {"article": article, "comment_form": CommentForm(article=article)}
    return render_to_string("comments/_form.html", context)


@register.simple_tag(takes_context=True)
def comment_count_link(context, article):
    """The "N bình luận" link under the headline (nothing when there is none)."""
    count = _thread(context, article)["count"]
    return render_to_string("comments/_count_link.html", {"count": count})


@register.simple_tag
def comment_items(thread):
    """Every comment of the thread as <li>, replies in a nested <ol>, each comment's HTML as
    stored (comments.rendering: names and bodies escaped there, bodies plain text with line
    breaks). Joined in Python, not a template loop: a page may carry hundreds."""
    return mark_safe(b"".join(item_pieces(thread)).decode())  # noqa: S308 - escaped when stored


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
