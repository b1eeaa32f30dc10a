"""The public site's pages. Thin: reads come from selectors, the HTML from templates.

Every public page is the same bytes for every anonymous reader between two changes, so it is
cached whole (newsroom.pages.cached_page), under a key made of the generations it shows
(newsroom.cache). Nothing per reader is in it: the comment form fetches its CSRF token and
signed timestamp itself (comments.views.form_session), the banner remembers in the reader's
browser that it was closed (banner.js), and public pages show no flash messages.

Inside a page being built, the parts that change more slowly than the page are kept under
their own generations by the apps that draw them: the comment list per `comments:<id>`
(`{% comment_area %}`), the weather box (`{% weather_box %}`), the most-read box
(`{% most_read %}`), the navigation per `site` (`{% site_nav %}`); related articles' ids
here, re-scored every RELATED_SECONDS and re-read through `published()` each time.

Pages expire by themselves at the latest when the next scheduled article goes live, since no
one bumps a generation at that moment. Logged-in users (the newsroom) get pages built fresh;
previews are never cached.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles import permissions, selectors
from articles.body import body_for_page, featured_image
from articles.bylines import format_byline
from articles.models import Article, BylineCredit, Contributor, Section, Tag
from articles.templatetags.public_site import machine_time
from newsroom import pagination
from newsroom.cache import generation, generations, kept
from newsroom.edge import edge_tag
from newsroom.pages import (
    Page,
    absolute,
    anonymous_read,
    cached_page,
    public_response,
    site_wide,
)


@require_safe
def home(request):
    gens = generations("site", "weather", "names")

    def build():
        sections = site_wide("nav", selectors.nav_sections, site_generation=gens["site"])
        top = list(selectors.latest(limit=7))
        local_section = next((s for s in sections if s.is_local), None)
        # The local section has its own block with the region links; the others skip what
        # the top stories already show.
        listed = [s for s in sections if s is not local_section]
        grouped = selectors.latest_by_section(listed, exclude=[a.pk for a in top])
        context = {
            "top_story": top[0] if top else None,
            "top_more": top[1:],
            "by_section": [(s, grouped[s.pk]) for s in listed if grouped[s.pk]],
            "local_news": list(selectors.local_articles()[:6]),
            "local_regions": selectors.root_regions(),
            "local_section": local_section,
            "canonical_url": absolute("/"),
            "is_home": True,
            "generations": gens,  # for the boxes' tags (weather_box, most_read)
        }
        return render_to_string("articles/home.html", context, request=request)

    key = f"page:home:{gens['site']}:{gens['weather']}:{gens['names']}"
    return cached_page(
        request,
        key,
        build,
        tags=["home", *map(edge_tag, gens)],
        timeout=selectors.page_cache_timeout(site_generation=gens["site"]),
    )


# What belongs to one article (its own HTML, its comments) changes only with that article's
# generations, not with every publish elsewhere, so it outlives the pages that show it.
ARTICLE_FRAGMENT_SECONDS = 60 * 60
# Related articles are re-scored at most this often; the list is re-read through
# `published()` on every rebuild, so a withdrawn article leaves it at once.
RELATED_SECONDS = 10 * 60


def _related(article: Article, tag_ids: list[int], article_generation: int) -> list[Article]:
    key = f"frag:related:{article.pk}:{article_generation}"
    ids = cache.get(key)
    if ids is None:
        related = selectors.article_related(article, tag_ids=tag_ids)
        cache.set(key, [a.pk for a in related], RELATED_SECONDS)
        return related
    return selectors.published_in_order(ids)


def _page_context(found: selectors.ArticleForPage) -> dict:
    """What the article's page shows around the article's own HTML (_draw_article)."""
    article = found.article
    chain = selectors.region_chain(article.primary_region)
    return {
        "article": article,
        "regions": chain,
        "province_id": chain[0].pk if chain else None,  # the weather box's
        "canonical_url": absolute(article.get_absolute_url()),
        "was_updated": article.publish_at is not None
        and (article.updated_at - article.publish_at).total_seconds() > 300,
    }


def _draw_article(found: selectors.ArticleForPage, page: dict) -> dict:
    """The article's own HTML: its head (description, Open Graph, JSON-LD) and its text from
    the lead to the share links (what comes before, with the comment count, is drawn with
    the page: articles/_article_top.html)."""
    article, tags, url = found.article, found.tags, page["canonical_url"]
    featured = featured_image(article)
    context = {
        **page,
        "SITE_NAME": settings.SITE_NAME,
        "body": body_for_page(article),
        "featured": featured,
        "byline": format_byline(found.credits),
        "tags": tags,
        "share": share_links(url, article.title),
        "modified_at": _modified_at(article),
        "structured_data": article_structured_data(
            article, url=url, featured=featured, tags=tags, credits=found.credits
        ),
    }
    return {
        "article_head": render_to_string("articles/_article_head.html", context),
        "article_main": render_to_string("articles/_article_main.html", context),
    }


@require_safe
def article_detail(request, slug, pk):
    """An article's page, cached whole per generation of what it shows: the site (lists,
    related, most read), the article, its comments, the weather and the names.

    Rebuilt after a publish elsewhere or a comment approval, it reuses the article's own
    HTML, kept per article and names generation: drawing the text, byline and photos again
    was half of such a rebuild (bench_article_page)."""
    scope, thread = f"article:{pk}", f"comments:{pk}"
    gens = generations("site", scope, thread, "weather", "names")
    reader = anonymous_read(request)
    key = (
        f"page:article:{pk}:{gens['site']}:{gens[scope]}:{gens[thread]}:{gens['weather']}"
        f":{gens['names']}"
    )
    timeout = selectors.page_cache_timeout(site_generation=gens["site"])
    page = cache.get(key) if reader else None
    if page is None:
        found = selectors.article_for_page(pk)
        if found is None:
            raise Http404("Không có bài viết này.")
        article = found.article
        if article.get_absolute_url() != request.path:  # an old slug
            return HttpResponsePermanentRedirect(article.get_absolute_url())
        tag_ids = [tag.pk for tag in found.tags]
        # The boxes read from the database for the newsroom, else from their caches.
        context = {**_page_context(found), "fresh": not reader, "generations": gens}
        if reader:
            own_key = f"frag:article:{pk}:{gens[scope]}:{gens['names']}"
            own = kept(own_key, lambda: _draw_article(found, context), ARTICLE_FRAGMENT_SECONDS)
            related = _related(article, tag_ids, gens[scope])
        else:
            own = _draw_article(found, context)
            related = selectors.article_related(article, tag_ids=tag_ids)
        context.update(own, related=related)
        html = render_to_string("articles/detail.html", context, request=request)
        if not reader:
            return HttpResponse(html)
        # Not "site": a publish elsewhere changes only its related and most-read boxes,
        # which an edge may show for s-maxage more (the lists are purged at once).
        tags = [edge_tag(scope), edge_tag(thread), "names", "weather"]
        tags.append(f"section-{article.section.slug}")
        tags.extend(f"region-{place.slug}" for place in context["regions"])
        # Kept with its path, so a request under an old slug is sent to the page's own.
        page = Page.of(html, tags, path=article.get_absolute_url())
        cache.set(key, page, timeout)
    elif page.path != request.path:
        return HttpResponsePermanentRedirect(page.path)
    return public_response(request, page, max_age=timeout)


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
    context = {**_page_context(found), "fresh": True, "preview": True}
    context.update(
        _draw_article(found, context),
        related=selectors.article_related(found.article, tag_ids=[t.pk for t in found.tags]),
    )
    response = HttpResponse(render_to_string("articles/detail.html", context, request=request))
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


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


class ArticleListView(View):
    """A paginated list of articles about one subject (a section, region, tag or person),
    cached whole per `site` generation, subject and page number.

    Subclasses name their `kind` and template and say, in `subject()`, which articles and
    what the template shows; it runs only when the page is built, and raises Http404 for an
    unknown slug.
    """

    http_method_names = ["get", "head"]
    kind: str
    template_name: str
    per_page = 20

    def subject(self, slug: str) -> tuple:
        raise NotImplementedError

    def get(self, request, slug):
        number = pagination.page_number(request)
        site = generation("site")

        def build():
            queryset, context = self.subject(slug)
            page_obj = pagination.paginate(queryset, number, self.per_page)
            context.update(
                page_obj=page_obj,
                articles=list(page_obj.object_list),
                canonical_url=absolute(request.path + (f"?page={number}" if number > 1 else "")),
            )
            return render_to_string(self.template_name, context, request=request)

        key = f"page:{self.kind}:{slug}:{site}:{number}"
        return cached_page(
            request,
            key,
            build,
            tags=["site", "names", f"{self.kind}-{slug}"],
            timeout=selectors.page_cache_timeout(site_generation=site),
        )


class SectionPage(ArticleListView):
    kind, template_name = "section", "articles/section.html"

    def subject(self, slug):
        section = get_object_or_404(Section, slug=slug)
        return selectors.section_articles(section), {
            "section": section,
            "current_section_id": section.pk,
            "local_regions": selectors.root_regions() if section.is_local else [],
            "feed_url": reverse("articles:section_feed", kwargs={"slug": section.slug}),
        }


class RegionPage(ArticleListView):
    kind, template_name = "region", "articles/region.html"

    def subject(self, slug):
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


class TagPage(ArticleListView):
    kind, template_name = "tag", "articles/tag.html"

    def subject(self, slug):
        tag = get_object_or_404(Tag, slug=slug)
        return selectors.tag_articles(tag), {"tag": tag, "show_section": True}


class ContributorPage(ArticleListView):
    kind, template_name = "contributor", "articles/contributor.html"

    def subject(self, slug):
        contributor = get_object_or_404(Contributor, slug=slug)
        return selectors.contributor_articles(contributor), {
            "contributor": contributor,
            "show_section": True,
        }


@require_safe
def robots_txt(request):
    return HttpResponse(
        render_to_string("robots.txt", {"SITE_URL": settings.SITE_URL}),
        content_type="text/plain; charset=utf-8",
    )
