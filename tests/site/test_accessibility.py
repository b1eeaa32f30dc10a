"""axe-core in Chromium finds no violation on the main pages; the Nu checker finds no error."""

import json
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from tests.conftest import missing_tool
from tests.site.conftest import java_path, vnu_path
from tests.site.factories import make_scene

PAGES = ["home", "article", "section", "region", "search"]


def urls(scene) -> dict[str, str]:
    return {
        "home": "/",
        "article": scene.article.get_absolute_url(),
        "section": "/chuyen-muc/dia-phuong/",
        "region": "/dia-phuong/thanh-hoa/",
        "search": "/tim-kiem/?q=nghi+son",
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_violation(live_server, browser_page):
    scene = make_scene(comments=3)
    axe = Axe()
    reports = []
    for name, url in urls(scene).items():
        browser_page.goto(f"{live_server.url}{url}")
        results = axe.run(browser_page)
        if results.violations_count:
            reports.append(f"== {name} ({url})\n{results.generate_report()}")
    assert not reports, "\n".join(reports)


@pytest.fixture(scope="module")
def vnu():
    jar, java = vnu_path(), java_path()
    if java is None:
        missing_tool("Java is not installed (Debian: apt-get install default-jre-headless)")
    if jar is None:
        missing_tool("vnu.jar is missing (make tools, or npm install --prefix .tools vnu-jar)")
    return [java, "-jar", jar, "--format", "json", "--exit-zero-always"]


@pytest.mark.django_db
def test_nu_html_checker_finds_no_error(vnu, tmp_path):
    scene = make_scene(comments=3)
    files = {}
    for name, url in urls(scene).items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(Client().get(url).content)
        files[path.resolve().as_uri()] = name
    # One Java start for every page.
    result = subprocess.run([*vnu, *map(str, tmp_path.glob("*.html"))], capture_output=True,
                            timeout=300, check=True)  # fmt: skip
    messages = json.loads(result.stderr or result.stdout)["messages"]
    failures = [
        f"{files.get(m.get('url'), m.get('url'))}: line {m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not failures, "\n".join(failures)
