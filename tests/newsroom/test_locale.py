"""locale/vi: the compiled catalogues say what their .po files say, and Django uses them."""

import gettext
import re
from pathlib import Path

import pytest
from django.utils import translation

PROJECT = Path(__file__).resolve().parents[2]
CATALOGUES = {
    "django": PROJECT / "locale/vi/LC_MESSAGES",
    "djangojs": PROJECT / "newsroom/locale/vi/LC_MESSAGES",  # read by the admin's jsi18n
}
_ENTRY = re.compile(
    r'(?:^msgctxt "(?P<ctx>.*)"\n)?^msgid "(?P<id>.+)"\n'
    r'(?:^msgid_plural "(?P<plural>.*)"\n)?^msgstr(?:\[0\])? "(?P<str>.*)"$',
    re.M,
)


def entries(domain: str):
    return list(_ENTRY.finditer((CATALOGUES[domain] / f"{domain}.po").read_text()))


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_mo_file_is_compiled_from_the_po_file(domain):
    found = entries(domain)
    assert len(found) > 20
    compiled = gettext.GNUTranslations((CATALOGUES[domain] / f"{domain}.mo").open("rb"))
    for entry in found:
        if entry["plural"]:
            got = compiled.ngettext(entry["id"], entry["plural"], 1)
        elif entry["ctx"]:
            got = compiled.pgettext(entry["ctx"], entry["id"])
        else:
            got = compiled.gettext(entry["id"])
        assert got == entry["str"], f"{domain}.mo is stale: run msgfmt (for {entry['id']!r})"


def test_django_reads_our_entries_before_its_own():
    with translation.override("vi"):
        assert translation.gettext("Skip to main content") == "Chuyển đến nội dung chính"
        assert (
            translation.ngettext(
                "Please correct the error below.", "Please correct the errors below.", 2
            )
            == "Vui lòng sửa các lỗi được đánh dấu bên dưới."
        )
        # A public form's error, not only the admin's.
        assert translation.gettext("Null characters are not allowed.").startswith("Không")


@pytest.mark.django_db
def test_the_admin_date_picker_gets_vietnamese_weekdays(admin_client):
    catalogue = admin_client.get("/quan-tri/jsi18n/").content.decode()
    assert "Ch\\u1ee7 nh\\u1eadt" in catalogue or "Chủ nhật" in catalogue  # Sunday
    assert "Ch\\u1ecdn t\\u1ea5t c\\u1ea3" in catalogue or "Chọn tất cả" in catalogue
