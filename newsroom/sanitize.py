"""The one HTML sanitizer: every piece of stored rich text goes through `sanitize_html`.

nh3 (ammonia) does the cleaning with an allowlist fit for news. Beside it, a small audit of
the input tells the editor, in Vietnamese, what was taken out, so a pasted embed or script does
not vanish silently.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.translation import gettext as _

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a",
        "strong", "em", "b", "i", "u", "s", "sub", "sup", "blockquote",
        "table", "thead", "tbody", "tr", "th", "td",
        "figure", "figcaption", "img",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    # The marker of a photo from our library, expanded at render time (articles.body).
    "figure": {"data-photo-id"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Removed with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}
)
_NUMERIC_ATTRIBUTES = frozenset({"width", "height", "colspan", "rowspan", "start", "data-photo-id"})
# Layout wrappers and attributes that word processors paste everywhere: dropping them loses
# nothing the reader would see, so the editor is not bothered about them.
_QUIET_TAGS = frozenset({"html", "head", "body", "div", "span", "font", "o:p", "meta", "link"})
_QUIET_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "rel", "target", "align", "title"})
_EXTERNAL_REL = "noopener nofollow"
_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")
_DIGITS = re.compile(r"\d{1,6}")
_ATTRS = r"((?:\s+[^\s\"'>/=]+(?:=\"[^\"]*\")?)*)"
_A_TAG = re.compile(r"<a" + _ATTRS + r"\s*>")
_IMG_TAG = re.compile(r"<img" + _ATTRS + r"\s*/?>")
_HREF = re.compile(r"\shref=\"([^\"]*)\"")
# The page's own <h1> is the headline, so a pasted h1 becomes h2; h5/h6 become h4.
_HEADINGS = {"h1": "h2", "h5": "h4", "h6": "h4"}
_HEADING_RENAMES = re.compile(r"<(/?)(h[156])(?=[\s/>])", re.IGNORECASE)


@dataclass(frozen=True)
class SanitizeResult:
    html: str
    removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.removed)


def sanitize_html(html: str | None) -> SanitizeResult:
    """Clean rich text for storage; `removed` names what was taken out, in Vietnamese."""
    html = _HEADING_RENAMES.sub(
        lambda m: f"<{m.group(1)}{_HEADINGS[m.group(2).lower()]}", html or ""
    )
    removed = _audit(html)
    cleaned = _cleaner().clean(html)
    cleaned = _IMG_TAG.sub(lambda m: m.group(0) if ' src="' in m.group(1) else "", cleaned)
    cleaned = _A_TAG.sub(_add_rel, cleaned)
    return SanitizeResult(html=cleaned.strip(), removed=removed)


def is_own_media_url(url: str) -> bool:
    """Images in stored HTML may only come from our own media storage."""
    url = url.strip()
    return bool(url) and url.startswith(settings.MEDIA_URL) and ".." not in url


def is_external_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return False
    return parts.netloc.lower() != urlsplit(settings.SITE_URL).netloc.lower()


_cleaners: dict[str, nh3.Cleaner] = {}


def _cleaner() -> nh3.Cleaner:
    # One Cleaner per MEDIA_URL: built once, but tests that change the setting still see it.
    cleaner = _cleaners.get(settings.MEDIA_URL)
    if cleaner is None:
        cleaner = nh3.Cleaner(
            tags=set(ALLOWED_TAGS),
            clean_content_tags=set(DROPPED_WITH_CONTENT),
            attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
            attribute_filter=_filter_attribute,
            link_rel=None,
            url_schemes=set(URL_SCHEMES),
            strip_comments=True,
        )
        _cleaners[settings.MEDIA_URL] = cleaner
    return cleaner


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute in _NUMERIC_ATTRIBUTES:
        return value if _DIGITS.fullmatch(value.strip()) else None
    if element == "img" and attribute == "src":
        return value if is_own_media_url(value) else None
    return value


def _add_rel(match: re.Match) -> str:
    attrs = match.group(1)
    href = _HREF.search(attrs)
    if href and is_external_url(href.group(1).replace("&amp;", "&")):
        return f'<a{attrs} rel="{_EXTERNAL_REL}">'
    return match.group(0)


def _scheme(url: str) -> str:
    """The scheme a browser would see, after the tricks used to hide one ("java\\tscript:")."""
    compact = _CONTROL_AND_SPACE.sub("", url).lower()
    if ":" not in compact:
        return ""
    scheme = compact.split(":", 1)[0]
    return scheme if re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme) else ""


class _Auditor(HTMLParser):
    """Walks the input as a browser would and notes what the allowlist will drop."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: dict[str, None] = {}

    def note(self, text: str) -> None:
        self.found.setdefault(text, None)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "noscript"):
            self.note(_("mã chạy (thẻ <script>)"))
        elif tag in ("iframe", "object", "embed", "frame", "frameset"):
            self.note(_("khung nhúng (thẻ <%(tag)s>)") % {"tag": tag})
        elif tag == "style":
            self.note(_("định dạng CSS (thẻ <style>)"))
        elif tag not in ALLOWED_TAGS and tag not in _QUIET_TAGS:
            self.note(_("thẻ <%(tag)s>") % {"tag": tag})
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) if tag in ALLOWED_TAGS else set()
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.note(_("thuộc tính sự kiện %(name)s") % {"name": name})
            elif name == "style":
                self.note(_("định dạng trực tiếp (style)"))
            elif name not in allowed:
                if tag in ALLOWED_TAGS and name not in _QUIET_ATTRIBUTES:
                    self.note(
                        _("thuộc tính %(name)s của thẻ <%(tag)s>") % {"name": name, "tag": tag}
                    )
            elif name in ("href", "src"):
                self._check_url(tag, name, value)
            elif name in _NUMERIC_ATTRIBUTES and not _DIGITS.fullmatch(value.strip()):
                self.note(_("giá trị không hợp lệ của %(name)s") % {"name": name})

    handle_startendtag = handle_starttag

    def _check_url(self, tag, name, value):
        scheme = _scheme(value)
        if scheme and scheme not in URL_SCHEMES:
            self.note(_("đường dẫn kiểu %(scheme)s:") % {"scheme": scheme})
        elif tag == "img" and not is_own_media_url(value):
            self.note(_("ảnh không nằm trong kho ảnh của báo (%(url)s)") % {"url": value[:80]})

    def handle_comment(self, data):
        if data.strip():
            self.note(_("ghi chú ẩn (<!-- -->)"))


def _audit(html: str) -> list[str]:
    auditor = _Auditor()
    auditor.feed(html)
    auditor.close()
    return list(auditor.found)
