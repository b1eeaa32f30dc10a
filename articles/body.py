"""The article body as readers get it: photo markers expanded into figures with renditions.

The stored body (sanitized on save) marks each photo the journalist placed with
`<figure data-photo-id="12"><figcaption>caption</figcaption></figure>`. Here each marker
becomes a full `<figure>` with srcset, size, alt text, caption and the photographer's credit.
"""

import logging
import re
from dataclasses import dataclass

from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from articles.images import BODY_SIZES, srcset
from articles.models import Article, ArticlePhoto, Photo

logger = logging.getLogger(__name__)

# The body is nh3's output, so the marker's spelling is exact: one attribute, double quotes.
MARKER = re.compile(r'<figure data-photo-id="(\d+)">(.*?)</figure>', re.DOTALL)
_FIGCAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)


@dataclass(frozen=True)
class FeaturedImage:
    src: str
    srcset: str
    sizes: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str


def photo_ids(body: str) -> list[int]:
    """The ids of the photos placed in a body, in order, each once."""
    return list(dict.fromkeys(int(pk) for pk, _inner in MARKER.findall(body or "")))


def render_body(article: Article) -> SafeString:
    """The stored body with every photo marker expanded; one query for all its photos."""
    body = article.body or ""
    ids = photo_ids(body)
    if not ids:
        return mark_safe(body)  # noqa: S308 - sanitized on save by newsroom.sanitize
    # Each placed photo through its use in this article (caption and alt of this use): a plain
    # join. Annotating photos with subqueries on their uses cost 1.6 ms of ORM building per
    # page on the project's machines, this 1 ms. A photo placed without a use (a body written
    # outside the services) is read in one more query.
    uses = {
        use.photo_id: use
        for use in ArticlePhoto.objects.filter(article_id=article.pk, photo_id__in=ids)
        .select_related("photo")
        .order_by()
    }
    photos = {}
    for pk, use in uses.items():
        photo = photos[pk] = use.photo
        photo.use_caption, photo.use_alt = use.caption, use.alt
    if len(photos) < len(ids):
        for photo in Photo.objects.filter(pk__in=[pk for pk in ids if pk not in photos]):
            photo.use_caption = photo.use_alt = None
            photos[photo.pk] = photo

    def expand(match: re.Match) -> str:
        photo = photos.get(int(match.group(1)))
        if photo is None:
            logger.warning(
                "Article %s places photo %s, which no longer exists", article.pk, match.group(1)
            )
            return ""
        marker_caption = _FIGCAPTION.search(match.group(2))
        # What the journalist typed under the photo in the body wins over the inline's caption.
        caption_html = (marker_caption.group(1).strip() if marker_caption else "") or ""
        if not strip_tags(caption_html).strip():
            caption_html = str(format_html("{}", photo.use_caption or ""))
        alt = photo.use_alt or strip_tags(caption_html).strip() or photo.title
        return str(figure_html(photo, caption_html=mark_safe(caption_html), alt=alt))  # noqa: S308

    return mark_safe(MARKER.sub(expand, body))  # noqa: S308 - parts escaped in figure_html


def body_for_page(article: Article) -> SafeString:
    """The body as stored by the services (Article.body_html), else expanded now.

    Expanding costs a query and the figures' markup on every cold page (about 2 ms on the
    project's machines, bench_article_page), so it is done when what it depends on changes.
    """
    if article.body_html:
        return mark_safe(article.body_html)  # noqa: S308 - written by render_body below
    return render_body(article)


def credit_label(credit: str) -> str:
    credit = (credit or "").strip()
    if not credit:
        return ""
    if credit.lower().startswith(("ảnh", "ảnh:")):
        return credit
    return _("Ảnh: %(credit)s") % {"credit": credit}


def figure_html(photo: Photo, *, caption_html: SafeString | str, alt: str) -> SafeString:
    default, candidates = srcset(photo)
    img = format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="lazy" '
        'decoding="async">',
        default.url,
        candidates,
        BODY_SIZES,
        default.width,
        default.height,
        alt,
    )
    credit = credit_label(photo.credit)
    parts = []
    if caption_html:
        parts.append(format_html("{}", caption_html))
    if credit:
        parts.append(format_html('<span class="photo-credit">{}</span>', credit))
    if not parts:
        return format_html('<figure class="photo">{}</figure>', img)
    caption = mark_safe(" ".join(parts))  # noqa: S308 - each part escaped above
    return format_html('<figure class="photo">{}<figcaption>{}</figcaption></figure>', img, caption)


def featured_image(article: Article) -> FeaturedImage | None:
    """The article's featured photo for the page top, cards and social tags (no query when
    `featured_photo` is selected, as `Article.objects.for_listing()` does)."""
    photo = article.featured_photo
    if photo is None:
        return None
    default, candidates = srcset(photo)
    caption = article.featured_caption
    return FeaturedImage(
        src=default.url,
        srcset=candidates,
        sizes=BODY_SIZES,
        width=default.width,
        height=default.height,
        alt=article.featured_alt or caption or photo.title,
        caption=caption,
        credit=credit_label(photo.credit),
    )
