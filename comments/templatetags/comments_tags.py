import difflib
import re
from html import escape

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
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
