"""The article page's measurement, run inside one checkout: the child side of
bench_article_page.py (`make bench`) and bench/compare.py (`make bench-compare`).

    cd <checkout> && python -P <this file> setup --comments 500
    cd <checkout> && python -P <this file> measure --url … --pk … --runs 60 --marker …

Each command prints one JSON line. The environment (settings module, database, media and
static dirs) comes from bench_article_page._env. This file imports only the standard
library, Django and the checkout's own project (tests.site.factories, newsroom.cache), never
the bench package, so that it can time an older checkout that lacks it: it needs
make_scene/bulk_articles and the generation counters bump/comments_changed, which every
checkout since the first article-page bench has.
"""

import argparse
import json
import os
import statistics
import sys
import time


def _only_this_checkout() -> None:
    """Imports come from the working directory alone. The venv may hold an editable install
    of another checkout, whose setuptools finder would hand out its `config`, `newsroom`…
    for any package this checkout lacks."""
    sys.meta_path[:] = [
        finder
        for finder in sys.meta_path
        if not getattr(finder, "__module__", "").startswith("__editable__")
    ]
    sys.path.insert(0, os.getcwd())


def setup(comments: int) -> dict:
    """Migrate, collect static files and load the page's data: one article with `comments`
    approved comments, 300 more articles per section sharing its region and a tag."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    from django.db import connection

    from tests.site.factories import bulk_articles, make_scene

    scene = make_scene(comments=comments)
    for section in scene.sections.values():
        bulk_articles(section, 300, region=scene.regions["nghi-son"], tag=scene.tags["dau-tu"])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {"url": scene.article.get_absolute_url(), "pk": scene.article.pk}


def reference() -> int:
    """A fixed pure-Python workload: how fast the machine is while the requests are timed."""
    made = {}
    for i in range(100_000):
        made[str(i)] = i * 2
    return len(made)


def measure(url: str, pk: int, runs: int, marker: str) -> dict:
    """Medians in ms of `runs` requests for each case, each preceded by what makes the page
    cache miss (see bench_article_page's docstring), and of the machine reference."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from newsroom.cache import bump, comments_changed

    settings.READERSHIP_FLUSH_ON_VIEW = False
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (bench) Firefox/128.0")
    assert client.get(url).status_code == 200  # renditions made once, as on a live site
    cases = {
        "cold": cache.clear,  # nothing cached at all
        "publish": lambda: bump("site"),  # another article published: the page is rebuilt
        "comment": lambda: comments_changed(pk),  # a comment approved on this article
        "cached": lambda: None,
    }
    times = {name: [] for name in cases}
    times["reference"] = []
    for _ in range(runs):
        for name, before in cases.items():
            before()
            started = time.perf_counter()
            response = client.get(url)
            times[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200 and marker in response.content.decode()
        started = time.perf_counter()
        reference()
        times["reference"].append((time.perf_counter() - started) * 1000)
    result = {name: statistics.median(values) for name, values in times.items()}
    result["size"] = len(response.content)
    return result


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("setup").add_argument("--comments", type=int, required=True)
    timing = commands.add_parser("measure")
    timing.add_argument("--url", required=True)
    timing.add_argument("--pk", type=int, required=True)
    timing.add_argument("--runs", type=int, required=True)
    timing.add_argument("--marker", required=True)
    args = parser.parse_args(argv)
    _only_this_checkout()
    if args.command == "setup":
        result = setup(args.comments)
    else:
        result = measure(args.url, args.pk, args.runs, args.marker)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
