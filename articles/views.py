"""The public site's pages. Thin: reads come from selectors, the HTML from templates.

Caching, for anonymous visitors:
- A page is rendered once per content generation (`newsroom.cache`) and kept as HTML with a
  few holes for what differs per request: the dismissable banner (a cookie), flash messages,
  and the comment form with its CSRF token and signed timestamp. A hit costs no query:
  generations come in one cache round trip, the banner and messages come from small
  templates, and the form, kept with the page, gets this request's two values.
- Below the pages, fragments with their own keys, so that a publish (which changes every
  page) does not redo what did not change: an article's own HTML (per article generation),
  its comment list and count (per comments generation: approving a comment rebuilds only
  these), its related articles' ids (re-scored every RELATED_SECONDS, re-read
  through `published()` each time), the weather box (per province and weather generation,
  `{% weather_box %}` in weather), the most-read box (`{% most_read %}` in readership) and the
  navigation (per site generation). The article's HTML and the weather box also follow the
  `names` generation: they show the names of sections, regions,
  tags and contributors, which editors may change.
- Pages expire by themselves at the latest when the next scheduled article goes live, since
  no one bumps a generation at that moment.
Logged-in users (the newsroom) get article pages built fresh; previews are never cached.
"""

import re
from dataclasses import InitVar, dataclass, field
from html import escape
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages as flash
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.crypto import salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from articles import permissions, selectors
from articles.body import body_for_page, featured_image
from articles.bylines import format_byline
from articles.models import Article, BylineCredit, Contributor, Section, Tag
from articles.templatetags.public_site import machine_time
from comments import fresh_form
from comments.fresh_form import FreshForm
from comments.rendering import thread_listing
from comments.selectors import comments_for_article
from newsroom import pagination, stencil
from newsroom.cache import generation, generations, kept
from readership.services import should_count, view_record

PER_PAGE = 20
BANNER_COOKIE = "nr_thong_bao"
# Raise when the banner's message changes, so readers who closed the old one see the new one.
BANNER_VERSION = "1"
_HOLE_SECRET = salted_hmac("articles.views.holes", "v1").hexdigest()[:16]


def _hole(name: str) -> str:
    # Cached HTML never contains an HTML comment otherwise: text is escaped and the body is
    # sanitized (nh3 drops comments), so a marker cannot be planted by content.
    return f"<!--nr:{name}:{_HOLE_SECRET}-->"


# Filled per request; "comments" and "comment_count" from the article's comment parts, which the
# cache keeps apart from its page (article_detail).
HOLES = {
    name: _hole(name)
    for name in ("banner", "messages", "comment_form", "comments", "comment_count")
}
_HOLE_SPLIT = re.compile(f"<!--nr:({'|'.join(HOLES)}):{_HOLE_SECRET}-->")


@dataclass
class CachedPage:
    """A page as the cache keeps it: the HTML split at its holes, encoded once.

    Serving it joins bytes around the filled holes. Keeping one string instead cost, on every
    request, decoding it from the cache, three replaces and encoding it again: 0.85 ms of a
    2 ms cache hit for an article with 500 comments (bench_article_page).
    """

    html: InitVar[str]
    # What the holes need on a cache hit, without a query.
    article: Article | None = None
    slug: str = ""
    # The comment form with holes for its per-request values (comments.fresh_form).
    form: FreshForm | None = None
    # Encoded HTML at even places, the name of a hole between them at odd places.
    chunks: tuple = field(init=False)

    def __post_init__(self, html: str):
        pieces = _HOLE_SPLIT.split(html)
        self.chunks = tuple(p if i % 2 else p.encode() for i, p in enumerate(pieces))


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _cacheable(request) -> bool:
    return request.method in ("GET", "HEAD") and not request.user.is_authenticated


def site_wide(name: str, read):
    """A read that every page repeats (navigation, most read), kept for the current `site`
    generation: a page rebuilt after a publish does not run it again."""
    key = f"shared:{name}:{generation('site')}"
    return kept(key, read, settings.CACHE_MIDDLEWARE_SECONDS)


def base_context(*, nav_sections=None, **extra) -> dict:
    if nav_sections is None:
        nav_sections = site_wide("nav", selectors.nav_sections)
    return {
        "nav_sections": nav_sections,
        # What the frame and the cards ask of every page, given here so the template engine
        # does not look for them and fail (an exception each time: 8 µs, 22 times per cold
        # article page). Pages and {% include ... with %} set their own.
        "is_home": False,
        "current_section_id": None,
        "large": False,
        "show_lead": False,
        "show_section": False,
        "hole_banner": mark_safe(HOLES["banner"]),  # noqa: S308 - our constant
        "hole_messages": mark_safe(HOLES["messages"]),  # noqa: S308
        "hole_comment_form": mark_safe(HOLES["comment_form"]),  # noqa: S308
        "hole_comments": mark_safe(HOLES["comments"]),  # noqa: S308
        "hole_comment_count": mark_safe(HOLES["comment_count"]),  # noqa: S308
        **extra,
    }


def fill_holes(request, page: CachedPage, filled: dict[str, bytes] | None = None) -> bytes:
    """The page for this request: the banner unless dismissed, flash messages, a fresh
    comment form (its own CSRF token and signed timestamp), and the holes `filled` gives,
    already encoded (an article's comment parts)."""
    filled = filled or {}
    out = []
    for i, chunk in enumerate(page.chunks):
        if not i % 2:
            out.append(chunk)
        elif chunk in filled:
            out.append(filled[chunk])
        else:
            out.append(_fill(chunk, request, page).encode())
    return b"".join(out)


def _fill(hole: str, request, page: CachedPage) -> str:
    if hole == "banner":
        if request.COOKIES.get(BANNER_COOKIE) == BANNER_VERSION:
            return ""
        values = {"csrf": escape(get_token(request)), "next": escape(request.get_full_path())}
        return stencil.fill(_banner(get_language(), get_script_prefix()), values)
    if hole == "messages":
        stored = list(flash.get_messages(request))
        return render_to_string("articles/_messages.html", {"flash": stored}) if stored else ""
    if hole == "comment_form":
        return _comment_form_html(request, page)
    # The comment parts come with the page (fill_holes' `filled`); left open, they would vanish
    # quietly.
    raise ValueError(f"The {hole!r} hole needs the article's comment parts.")


@stencil.drawn_once
def _banner(*_reads) -> tuple[str, ...]:
    """The banner drawn once (newsroom.stencil), with markers for its CSRF token and the page
    to come back to: it is on every page until dismissed, cache hits included, where rendering
    it cost 0.75 ms. `_reads`: the language and URL prefix it was drawn with."""
    html = render_to_string(
        "articles/_banner.html",
        {
            "SITE_NAME": settings.SITE_NAME,
            "csrf_token": stencil.marker("csrf"),
            "next": stencil.marker("next"),
            "banner_version": BANNER_VERSION,
        },
    )
    return stencil.split(html, ["csrf", "next"])


def _comment_form_html(request, page: CachedPage) -> str:
    if page.article is None:
        return ""
    if page.form is not None and "tra_loi" not in request.GET:
        return fresh_form.fill(page.form, request)
    # A reply (?tra_loi=): the comments app's tag draws it, with its own token.
    return render_to_string("comments/_form.html", {"article": page.article}, request=request)


def _respond(request, key: str, build) -> HttpResponse:
    """Serve the page from the cache when allowed, else build (a CachedPage), store, serve."""
    cacheable = _cacheable(request)
    page = cache.get(key) if cacheable else None
    if page is None:
        page = build()
        if cacheable:
            cache.set(key, page, selectors.page_cache_timeout())
    return HttpResponse(fill_holes(request, page))


# --- Pages -----------------------------------------------------------------------------------


@require_safe
def home(request):
    gens = generations("site", "weather", "names")

    def build():
        sections = site_wide("nav", selectors.nav_sections)
        top = list(selectors.latest(limit=7))
        local_section = next((s for s in sections if s.is_local), None)
        # The local section has its own block with the region links; the others skip what
        # the top stories already show.
        listed = [s for s in sections if s is not local_section]
        grouped = selectors.latest_by_section(listed, exclude=[a.pk for a in top])
        context = base_context(
            nav_sections=sections,
            top_story=top[0] if top else None,
            top_more=top[1:],
            by_section=[(s, grouped[s.pk]) for s in listed if grouped[s.pk]],
            local_news=list(selectors.local_articles()[:6]),
            local_regions=selectors.root_regions(),
            local_section=local_section,
            canonical_url=absolute("/"),
            is_home=True,
            generations=gens,  # for the boxes' tags (weather_box, most_read)
        )
        return CachedPage(render_to_string("articles/home.html", context, request=request))

    return _respond(request, f"page:home:{gens['site']}:{gens['weather']}", build)


# What belongs to one article (its own HTML, its comments) changes only with that article's
# generations, not with every publish elsewhere, so it outlives the pages that show it.
ARTICLE_FRAGMENT_SECONDS = 60 * 60
# Related articles are re-scored at most this often; the list is re-read through
# `published()` on every rebuild, so a withdrawn article leaves it at once.
RELATED_SECONDS = 10 * 60


@dataclass
class ArticleParts:
    """The article-specific parts of its page, rendered once per article generation."""

    article: Article  # slim copy: what URLs, related scoring and the comment form need
    tag_ids: list[int]
    province_id: int | None
    head_html: str  # description, Open Graph, Twitter card, JSON-LD
    main_html: str  # the article itself, breadcrumbs to share links
    form: FreshForm  # the comment form, its per-request values left as holes


@dataclass
class CommentParts:
    """An article's comments as its page shows them, encoded (fill_holes' `filled`): kept per
    `comments:<id>` generation, so approving a comment rebuilds only these, and apart from
    the page, which is served with them (article_detail)."""

    listing: bytes  # the "N bình luận" heading and the list
    count_link: bytes  # the "N bình luận" link under the headline, empty when none


def _slim(article: Article) -> Article:
    """The article's own fields without the related rows, small enough to cache."""
    return Article(
        pk=article.pk,
        slug=article.slug,
        title=article.title,
        section_id=article.section_id,
        primary_region_id=article.primary_region_id,
        status=article.status,
        publish_at=article.publish_at,
        comments_enabled=article.comments_enabled,
    )


def _build_parts(page: selectors.ArticleForPage) -> ArticleParts:
    article, tags = page.article, page.tags
    chain = selectors.region_chain(article.primary_region)
    url = absolute(article.get_absolute_url())
    featured = featured_image(article)
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "article": article,
        "body": body_for_page(article),
        "featured": featured,
        "byline": format_byline(page.credits),
        "regions": chain,
        "tags": tags,
        "canonical_url": url,
        "share": share_links(url, article.title),
        "was_updated": article.publish_at is not None
        and (article.updated_at - article.publish_at).total_seconds() > 300,
        "modified_at": _modified_at(article),
        "structured_data": article_structured_data(
            article, url=url, featured=featured, tags=tags, credits=page.credits
        ),
        "hole_comment_count": mark_safe(HOLES["comment_count"]),  # noqa: S308
    }
    return ArticleParts(
        article=_slim(article),
        tag_ids=[tag.pk for tag in tags],
        province_id=chain[0].pk if chain else None,
        head_html=render_to_string("articles/_article_head.html", context),
        main_html=render_to_string("articles/_article_main.html", context),
        form=fresh_form.draw(article, article.get_absolute_url()),
    )


def _build_comment_parts(article: Article) -> CommentParts:
    thread = comments_for_article(article)
    return CommentParts(
        listing=thread_listing(article, thread),
        count_link=render_to_string("comments/_count_link.html", {"count": thread.count}).encode(),
    )


def _comment_holes(parts: CommentParts) -> dict[str, bytes]:
    return {"comments": parts.listing, "comment_count": parts.count_link}


def _article_parts(pk: int, article_generation: int, names_generation: int) -> ArticleParts | None:
    """From the cache, else built from the database; None when the article is not public.

    Not-found is never cached: a scheduled article becomes public by the clock alone.
    """
    # "v2": the count under the headline became a hole; parts kept by an older release (with
    # the count written in) must not be read after a deploy.
    key = f"frag:article:v2:{pk}:{article_generation}:{names_generation}"
    parts = cache.get(key)
    if parts is None:
        page = selectors.article_for_page(pk)
        if page is None:
            return None
        parts = _build_parts(page)
        cache.set(key, parts, ARTICLE_FRAGMENT_SECONDS)
    return parts


def _related(parts: ArticleParts, article_generation: int) -> list[Article]:
    key = f"frag:related:{parts.article.pk}:{article_generation}"
    ids = cache.get(key)
    if ids is None:
        related = selectors.article_related(parts.article, tag_ids=parts.tag_ids)
        cache.set(key, [a.pk for a in related], RELATED_SECONDS)
        return related
    return selectors.published_in_order(ids)


def _modified_at(article: Article):
    return max(article.updated_at, article.publish_at) if article.publish_at else article.updated_at


def article_structured_data(article: Article, *, url: str, featured, tags, credits) -> dict:
    """schema.org NewsArticle, as search engines read it for news results."""
    authors, seen = [], set()
    for credit in credits:
        person = credit.contributor
        if person.pk in seen:
            continue
        seen.add(person.pk)
        kind = "Organization" if credit.role == BylineCredit.Role.GROUP else "Person"
        authors.append(
            {"@type": kind, "name": person.name, "url": absolute(person.get_absolute_url())}
        )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": "vi",
        "articleSection": article.section.name,
        "dateModified": machine_time(_modified_at(article)),
        "author": authors,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.SITE_NAME,
            "url": absolute("/"),
            "logo": {
                "@type": "ImageObject",
                "url": absolute(static("img/logo.png")),
                "width": 512,
                "height": 512,
            },
        },
    }
    if article.publish_at:
        data["datePublished"] = machine_time(article.publish_at)
    if featured:
        data["image"] = [absolute(featured.src)]
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    return data


def share_links(url: str, title: str) -> list[dict]:
    """Plain links to each network's own share page: no third-party script on our pages."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        {"name": "Facebook", "code": "facebook",
         "href": f"https://www.facebook.com/sharer/sharer.php?u={u}"},
        {"name": "Zalo", "code": "zalo", "href": f"https://sp.zalo.me/share_inline?url={u}"},
        {"name": "X", "code": "x", "href": f"https://x.com/intent/tweet?url={u}&text={t}"},
        {"name": "Email", "code": "email", "href": f"mailto:?subject={t}&body={u}"},
    ]  # fmt: skip


def _render_article(
    request, parts: ArticleParts, *, related, fresh: bool, gens=None, preview=False
) -> str:
    """`fresh`: the weather and most-read boxes read from the database (staff, previews);
    `gens`: the generations the view read, which the boxes' tags reuse."""
    # Every part was rendered by our own templates, escaping included.
    html = {
        name: mark_safe(getattr(parts, name))  # noqa: S308
        for name in ("head_html", "main_html")
    }
    context = base_context(
        article=parts.article,
        preview=preview,
        canonical_url=absolute(parts.article.get_absolute_url()),
        related=related,
        province_id=parts.province_id,
        fresh=fresh,
        generations=gens,
        **html,
    )
    return render_to_string("articles/detail.html", context, request=request)


@require_safe
def article_detail(request, slug, pk):
    """An article's page. The cache keeps the page without its comments, which are kept once
    per article and comments generation (CommentParts) and read with it in one round trip:
    the list can be hundreds of kilobytes, and kept inside every page built after a publish it
    was pickled, stored and copied once more each time."""
    scope, thread = f"article:{pk}", f"comments:{pk}"
    gens = generations("site", scope, thread, "weather", "names")
    key = f"page:article:{pk}:{gens['site']}:{gens[scope]}:{gens[thread]}:{gens['weather']}"
    comments_key = f"frag:comments:{pk}:{gens[thread]}"
    cacheable = _cacheable(request)
    page = comments = None
    if cacheable:
        found = cache.get_many([key, comments_key])
        page, comments = found.get(key), found.get(comments_key)
    if page is None:
        # Logged-in users (the newsroom checking its work) get every part fresh.
        if cacheable:
            parts = _article_parts(pk, gens[scope], gens["names"])
        else:
            found = selectors.article_for_page(pk)
            parts = _build_parts(found) if found is not None else None
        if parts is None:
            raise Http404("Không có bài viết này.")
        html = _render_article(
            request,
            parts,
            related=_related(parts, gens[scope])
            if cacheable
            else selectors.article_related(parts.article, tag_ids=parts.tag_ids),
            fresh=not cacheable,
            gens=gens,
        )
        article = parts.article
        page = CachedPage(html, article=article, slug=article.slug, form=parts.form)
        if cacheable:
            cache.set(key, page, selectors.page_cache_timeout(site_generation=gens["site"]))
    if page.slug != slug:
        return HttpResponseRedirect(page.article.get_absolute_url(), status=301)
    if comments is None:
        # Not in the cache (get_many just said so), or not to be cached: one query.
        comments = _build_comment_parts(page.article)
        if cacheable:
            cache.set(comments_key, comments, ARTICLE_FRAGMENT_SECONDS)
    if should_count(request):
        view_record(article_id=pk)
    return HttpResponse(fill_holes(request, page, _comment_holes(comments)))


@never_cache
@require_safe
def article_preview(request, pk):
    """The article as it will look, for staff allowed to read it (articles.permissions); 404
    for everyone else, so the public cannot learn which unpublished ids exist. Nothing here is
    read from or written to the cache."""
    user = request.user
    found = None
    if user.is_authenticated and user.is_staff:
        found = selectors.article_for_page(pk, live_only=False)
    if found is None or not permissions.can_view_article(user, found.article):
        raise Http404("Không có bài viết này.")
    article = found.article
    parts = _build_parts(found)
    html = _render_article(
        request,
        parts,
        related=selectors.article_related(article, tag_ids=parts.tag_ids),
        fresh=True,
        preview=True,
    )
    # No comment form on a preview: comments open once the article is public.
    page = CachedPage(html, article=None, slug=article.slug)
    comments = _comment_holes(_build_comment_parts(article))
    response = HttpResponse(fill_holes(request, page, comments))
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _list_page(request, *, kind: str, slug: str, template: str, describe):
    """A paginated list, cached by its slug: a cache hit costs no query at all.

    `describe()` looks the subject up (Http404 when unknown) and returns the article queryset
    and the template's extra context; it runs only when the page is built.
    """
    number = pagination.page_number(request)

    def build():
        queryset, context = describe()
        page_obj = pagination.paginate(queryset, number, PER_PAGE)
        full = base_context(page_obj=page_obj, articles=list(page_obj.object_list), **context)
        full["canonical_url"] = absolute(request.path + (f"?page={number}" if number > 1 else ""))
        return CachedPage(render_to_string(template, full, request=request))

    key = f"page:{kind}:{slug}:{generation('site')}:{number}"
    return _respond(request, key, build)


@require_safe
def section_page(request, slug):
    def describe():
        section = get_object_or_404(Section, slug=slug)
        return selectors.section_articles(section), {
            "section": section,
            "current_section_id": section.pk,
            "local_regions": selectors.root_regions() if section.is_local else [],
            "feed_url": reverse("articles:section_feed", kwargs={"slug": section.slug}),
        }

    return _list_page(
        request, kind="section", slug=slug, template="articles/section.html", describe=describe
    )


@require_safe
def region_page(request, slug):
    def describe():
        region = selectors.region_with_family(slug)
        if region is None:
            raise Http404("Không có địa phương này.")
        return selectors.region_articles(region), {
            "region": region,
            "show_section": True,
            "regions": selectors.region_chain(region),
            "subregions": list(region.children.all()),
            "feed_url": reverse("articles:region_feed", kwargs={"slug": region.slug}),
        }

    return _list_page(
        request, kind="region", slug=slug, template="articles/region.html", describe=describe
    )


@require_safe
def tag_page(request, slug):
    def describe():
        tag = get_object_or_404(Tag, slug=slug)
        return selectors.tag_articles(tag), {"tag": tag, "show_section": True}

    return _list_page(
        request, kind="tag", slug=slug, template="articles/tag.html", describe=describe
    )


@require_safe
def contributor_page(request, slug):
    def describe():
        contributor = get_object_or_404(Contributor, slug=slug)
        return selectors.contributor_articles(contributor), {
            "contributor": contributor,
            "show_section": True,
        }

    return _list_page(
        request,
        kind="contributor",
        slug=slug,
        template="articles/contributor.html",
        describe=describe,
    )


@require_POST
def banner_dismiss(request):
    """Without JavaScript, "Tắt" posts here; the script sets the same cookie in place."""
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    # Not redirect(): it would take a bare word such as "0" for a view name and answer 500.
    response = HttpResponseRedirect(target)
    response.set_cookie(
        BANNER_COOKIE,
        BANNER_VERSION,
        max_age=365 * 24 * 60 * 60,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


@require_safe
def robots_txt(request):
    return HttpResponse(
        render_to_string("robots.txt", {"SITE_URL": settings.SITE_URL}),
        content_type="text/plain; charset=utf-8",
    )
