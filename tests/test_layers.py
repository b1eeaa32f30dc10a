"""The layers read top-down (issue 15): config/ names every app, demo/ builds on them, apps
build on articles and on the shared library newsroom/, which imports no app.

The arrows are read from the source (every import, including those inside functions), so a
new arrow the wrong way fails here. Arrows that still go the wrong way today are listed in
KNOWN_BACKWARD and must only shrink: a listed arrow that has gone fails too, so the list is
kept true.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ["articles", "comments", "weather", "readership", "search"]
PACKAGES = ["config", "demo", "newsroom", *APPS]
# What builds on articles (articles must not import them), in the order they stack.
ON_TOP_OF_ARTICLES = {"comments", "weather", "readership", "search"}
# (importer, imported) arrows allowed to go up: none since the redesign (issue 15).
KNOWN_BACKWARD: set[tuple[str, str]] = set()


def arrows() -> dict[tuple[str, str], list[str]]:
    """(importing package, imported package) -> the files that do it."""
    found = defaultdict(list)
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # migrations name the models they depend on; that is Django's graph
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in PACKAGES and top != package:
                        found[(package, top)].append(str(path.relative_to(ROOT)))
    return found


def backward(importer: str, imported: str) -> bool:
    if imported in ("config", "demo"):
        return True  # only the project itself may name the top layers
    if importer == "newsroom":
        return True  # the shared library imports no app
    if importer == "articles":
        return imported in ON_TOP_OF_ARTICLES
    return False


def test_the_arrows_we_find_are_real():
    found = arrows()
    assert ("comments", "articles") in found  # the reader works: comments build on articles
    assert ("config", "articles") in found


def test_no_new_arrow_goes_up():
    wrong = {pair: files for pair, files in arrows().items() if backward(*pair)}
    new = {pair: files for pair, files in wrong.items() if pair not in KNOWN_BACKWARD}
    assert not new, f"imports that go up a layer: {new}"


def test_the_known_backward_arrows_are_still_there_or_struck_off():
    gone = KNOWN_BACKWARD - set(arrows())
    assert not gone, f"these arrows are gone: remove them from KNOWN_BACKWARD: {gone}"


def test_no_two_apps_import_each_other_beyond_the_known_ones():
    found = set(arrows())
    mutual = {
        tuple(sorted(pair))
        for pair in found
        if pair[::-1] in found and pair[0] in APPS and pair[1] in APPS
    }
    known = {tuple(sorted(pair)) for pair in KNOWN_BACKWARD}
    assert mutual <= known, f"apps that import each other: {mutual - known}"
