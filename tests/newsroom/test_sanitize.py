"""The one sanitizer: what survives, what is removed and reported; properties on hostile HTML."""

import html as html_lib
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom.sanitize import sanitize_html


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value or "") for name, value in attrs)

    handle_startendtag = handle_starttag


def parsed(html):
    collector = _Collect()
    collector.feed(html)
    collector.close()
    return collector


def browser_scheme(url):
    """The scheme a browser reads (WHATWG URL): a letter, then letters, digits, "+-." up to the
    first ":"; anything else ("0:", "/a:b") is a relative URL, with no scheme."""
    compact = re.sub(r"[\x00-\x20\x7f]+", "", html_lib.unescape(url)).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", compact)
    return match.group(1) if match else ""


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        (
            "<p>Chào <strong>bạn</strong> <em>đọc</em></p>",
            "<p>Chào <strong>bạn</strong> <em>đọc</em></p>",
        ),
        ("<h2>Tiêu đề phụ</h2><h3>a</h3><h4>b</h4>", "<h2>Tiêu đề phụ</h2><h3>a</h3><h4>b</h4>"),
        ("<h1>Lớn</h1><h6>Nhỏ</h6>", "<h2>Lớn</h2><h4>Nhỏ</h4>"),
        (
            '<ul><li>một</li></ul><ol start="3"><li>ba</li></ol>',
            '<ul><li>một</li></ul><ol start="3"><li>ba</li></ol>',
        ),
        ("<blockquote>Trích</blockquote>", "<blockquote>Trích</blockquote>"),
        ('<a href="/chuyen-muc/thoi-su/">trong</a>', '<a href="/chuyen-muc/thoi-su/">trong</a>'),
        (
            '<a href="https://baochinhphu.vn/x">ngoài</a>',
            '<a href="https://baochinhphu.vn/x" rel="noopener nofollow">ngoài</a>',
        ),
        (
            '<a href="mailto:toasoan@example.vn">thư</a>',
            '<a href="mailto:toasoan@example.vn">thư</a>',
        ),
        ('<a href="tel:+842373852000">gọi</a>', '<a href="tel:+842373852000">gọi</a>'),
        (
            '<table><tr><th colspan="2">Đầu</th></tr><tr><td rowspan="x">1</td></tr></table>',
            '<table><tbody><tr><th colspan="2">Đầu</th></tr><tr><td>1</td></tr></tbody></table>',
        ),
        (
            '<figure data-photo-id="12"><figcaption>Cầu Hàm Rồng</figcaption></figure>',
            '<figure data-photo-id="12"><figcaption>Cầu Hàm Rồng</figcaption></figure>',
        ),
        ('<figure data-photo-id="12 onload"></figure>', "<figure></figure>"),
        (
            '<img src="/media/photos/a.jpg" alt="Cầu" width="800">',
            '<img src="/media/photos/a.jpg" alt="Cầu" width="800">',
        ),
        ('<img src="https://example.com/a.jpg" alt="ngoài">', ""),
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ('<iframe src="https://www.youtube.com/embed/x">chữ</iframe><p>sau</p>', "<p>sau</p>"),
        ('<p style="color:red" class="MsoNormal"><span lang="vi">Word</span></p>', "<p>Word</p>"),
        ("<p>a<!-- ghi chú -->b</p>", "<p>ab</p>"),
    ],
)
def test_allowlist(dirty, clean):
    assert sanitize_html(dirty).html == clean


@pytest.mark.parametrize(
    ("dirty", "reported"),
    [
        ("<p>a<script>alert(1)</script></p>", "mã chạy (thẻ <script>)"),
        ('<p onclick="x()">a</p>', "thuộc tính sự kiện onclick"),
        ('<a href="javascript:alert(1)">a</a>', "đường dẫn kiểu javascript:"),
        ('<a href="java&#x09;script:alert(1)">a</a>', "đường dẫn kiểu javascript:"),
        ('<img src="data:image/png;base64,AAAA">', "đường dẫn kiểu data:"),
        ('<iframe src="https://youtube.com/embed/1"></iframe>', "khung nhúng (thẻ <iframe>)"),
        ('<p style="color:red">a</p>', "định dạng trực tiếp (style)"),
        ('<img src="https://example.com/x.jpg">', "ảnh không nằm trong kho ảnh của báo"),
        ("<marquee>chạy chữ</marquee>", "thẻ <marquee>"),
    ],
)
def test_removed_things_are_reported(dirty, reported):
    result = sanitize_html(dirty)
    assert any(reported in item for item in result.removed), result.removed
    assert result.changed


@pytest.mark.parametrize(
    "harmless",
    [
        "<p>Bài viết <strong>bình thường</strong></p>",
        '<div class="MsoNormal"><span lang="vi">Dán từ Word</span></div>',
        '<figure data-photo-id="3"><figcaption>Ảnh</figcaption></figure>',
        "<h1>Tiêu đề dán vào</h1>",
        "",
    ],
)
def test_nothing_reported_when_nothing_that_matters_was_removed(harmless):
    assert sanitize_html(harmless).removed == []


def test_none_is_empty():
    assert sanitize_html(None).html == ""


def test_media_url_setting_is_respected(settings):
    settings.MEDIA_URL = "https://anh.baothanhhoa.example/media/"
    kept = sanitize_html('<img src="https://anh.baothanhhoa.example/media/a.jpg">').html
    dropped = sanitize_html('<img src="/media/a.jpg">').html
    assert 'src="https://anh.baothanhhoa.example/media/a.jpg"' in kept
    assert dropped == ""


def test_internal_absolute_link_gets_no_nofollow(settings):
    settings.SITE_URL = "https://baothanhhoa.example"
    out = sanitize_html('<a href="https://baothanhhoa.example/bai-1.html">x</a>').html
    assert "rel=" not in out


# ---- properties on hostile HTML -------------------------------------------------------------

HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "\x01javascript:alert(1)",
    "https://example.com/",
    "/media/a.jpg",
]
TAGS = [
    "p",
    "a",
    "img",
    "script",
    "svg",
    "iframe",
    "div",
    "figure",
    "td",
    "math",
    "style",
    "object",
    "embed",
    "body",
    "form",
    "input",
    "video",
    "SCRIPT",
    "ScRiPt",
    "h1",
    "b",
]
ATTRS = [
    "href",
    "src",
    "onclick",
    "onerror",
    "ONLOAD",
    "onmouseover",
    "style",
    "data-photo-id",
    "formaction",
    "xlink:href",
    "srcdoc",
    "title",
    "alt",
]

attribute = st.builds(
    lambda name, value, quote: f" {name}={quote}{value}{quote}",
    st.sampled_from(ATTRS),
    st.one_of(st.sampled_from(HOSTILE_URLS), st.text(max_size=12)),
    st.sampled_from(['"', "'", ""]),
)
element = st.builds(
    lambda tag, attrs, inner, close: (
        f"<{tag}{''.join(attrs)}>{inner}" + (f"</{tag}>" if close else "")
    ),
    st.sampled_from(TAGS),
    st.lists(attribute, max_size=3),
    st.one_of(st.text(max_size=10), st.sampled_from(["alert(1)", "<", "<!--", "]]>", "\"'>"])),
    st.booleans(),
)
hostile_html = st.lists(st.one_of(element, st.text(max_size=8)), min_size=1, max_size=8).map(
    "".join
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_html)
def test_no_script_no_handler_no_dangerous_url_survives(dirty):
    out = sanitize_html(dirty).html
    found = parsed(out)
    assert "<script" not in out.lower()
    assert not {"script", "iframe", "svg", "style", "object", "embed"} & set(found.tags)
    for tag, name, value in found.attrs:
        assert not name.startswith("on"), (tag, name)
        assert name != "style"
        if name in ("href", "src"):
            assert browser_scheme(value) in ("", "http", "https", "mailto", "tel"), value
        if tag == "img":
            assert name != "src" or value.startswith("/media/")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_html)
def test_sanitizing_twice_changes_nothing_more(dirty):
    once = sanitize_html(dirty)
    twice = sanitize_html(once.html)
    assert twice.html == once.html
    assert twice.removed == []
