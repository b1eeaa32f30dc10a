"""deploy/varnish/default.vcl's rules, one by one, in a real varnishd in front of two fake
app servers that answer what each test tells them (tests/edge/conftest.py, FakeEdge).

The answers follow the app's contract: a public page says `public, max-age=0,
s-maxage=N, stale-while-revalidate=N, stale-if-error=N` with an ETag and an `xkey` header;
anything per person says `private, no-store` (Django's never_cache).
"""

import time

import pytest

from tests.edge.stack import wait_until

pytestmark = pytest.mark.edge

STAFF = "max-age=0, no-cache, no-store, must-revalidate, private"  # never_cache's


def public(s_maxage=300, swr=60, sie=86400) -> str:
    return (
        f"public, max-age=0, s-maxage={s_maxage}, stale-while-revalidate={swr}, "
        f"stale-if-error={sie}"
    )


def page(cache_control=None, *, tags="site", extra=None, status=200):
    """A route answering a numbered body: which fetch of the page a reader got."""
    fetches = []

    def answer(handler):
        fetches.append(handler.path)
        headers = {"Content-Type": "text/html; charset=utf-8", "ETag": f'"v{len(fetches)}"'}
        if cache_control:
            headers["Cache-Control"] = cache_control
        if tags:
            headers["xkey"] = tags
        headers.update(extra or {})
        return status, headers, f"<p>lần tải {len(fetches)}</p>".encode()

    answer.fetches = fetches
    return answer


def test_a_public_page_is_fetched_once_then_served_from_the_edge(fake_edge, fresh_path):
    path = fresh_path()
    fake_edge.routes[path] = route = page(public())
    first = fake_edge.request(path)
    time.sleep(1.1)
    second = fake_edge.request(path)
    assert first.status == second.status == 200
    assert first.header("X-Cache") == "MISS"
    assert second.header("X-Cache") == "HIT"
    assert int(second.header("Age")) >= 1
    assert second.text == first.text == "<p>lần tải 1</p>"
    assert len(route.fetches) == 1
    # The tags are for purging at the edge, not for readers.
    assert not second.header("xkey")


def test_readers_cookies_and_languages_never_reach_a_public_page(fake_edge, fresh_path):
    path = fresh_path()
    fake_edge.routes[path] = route = page(public())
    headers = {"Cookie": "csrftoken=abc; _ga=GA1.2.3", "Accept-Language": "en-US,en;q=0.8"}
    assert fake_edge.request(path, headers=headers).header("X-Cache") == "MISS"
    sent = fake_edge.seen()[-1]["headers"]
    assert "Cookie" not in sent and "Accept-Language" not in sent
    # Another reader, other cookies, another browser language: the same stored page.
    other = {"Cookie": "csrftoken=xyz", "Accept-Language": "vi-VN,vi;q=0.9"}
    assert fake_edge.request(path, headers=other).header("X-Cache") == "HIT"
    assert len(route.fetches) == 1


@pytest.mark.parametrize(
    "prefix",
    [
        "/quan-tri/",
        "/binh-luan/kiem-duyet/",
        "/binh-luan/phien/",
        "/binh-luan/tra-loi/",
        "/binh-luan/gui/",
        "/xem-truoc/",
        "/tim-kiem/",
    ],
)
def test_staff_and_comment_paths_pass_with_their_cookies(fake_edge, fresh_path, prefix):
    """Even if such a page said `public` by mistake, it is never stored, and its cookies (the
    session, the CSRF token) reach the app."""
    path = fresh_path(prefix)
    fake_edge.routes[path] = route = page(public())
    cookie = {"Cookie": "sessionid=phien-bien-tap; csrftoken=abc"}
    answers = [fake_edge.request(path, headers=cookie) for _ in range(2)]
    assert [a.header("X-Cache") for a in answers] == ["PASS", "PASS"]
    assert len(route.fetches) == 2
    assert fake_edge.seen()[-1]["headers"]["Cookie"] == cookie["Cookie"]


def test_a_logged_in_reader_of_a_public_page_gets_it_fresh_and_never_stored(fake_edge, fresh_path):
    path = fresh_path()
    fake_edge.routes[path] = route = page(public())
    fake_edge.request(path)  # a reader's copy is stored
    staff = fake_edge.request(path, headers={"Cookie": "csrftoken=a; sessionid=phien"})
    assert staff.header("X-Cache") == "PASS"
    assert staff.text == "<p>lần tải 2</p>"
    assert fake_edge.seen()[-1]["headers"]["Cookie"] == "csrftoken=a; sessionid=phien"
    # The readers still get their copy, not the one built for the newsroom.
    assert fake_edge.request(path).text == "<p>lần tải 1</p>"
    assert len(route.fetches) == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"Cache-Control": STAFF},
        {"Cache-Control": "private, max-age=600"},
        {"Cache-Control": public(), "Set-Cookie": "csrftoken=abc; Path=/"},
        {},  # not marked shareable at all
        {"Cache-Control": "max-age=600"},  # for the browser, not said to be shareable
    ],
    ids=["never_cache", "private", "set-cookie", "no-cache-control", "max-age-only"],
)
def test_answers_that_are_not_shareable_are_never_stored(fake_edge, fresh_path, headers):
    path = fresh_path()
    cache_control = headers.pop("Cache-Control", None)
    fake_edge.routes[path] = route = page(cache_control, extra=headers)
    bodies = [fake_edge.request(path).text for _ in range(2)]
    assert bodies == ["<p>lần tải 1</p>", "<p>lần tải 2</p>"]
    assert len(route.fetches) == 2


def test_posts_are_passed_with_their_cookies(fake_edge, fresh_path):
    path = fresh_path()
    fake_edge.routes[path] = route = page(public())
    answer = fake_edge.request(
        path, method="POST", data=b"x=1", headers={"Cookie": "csrftoken=abc"}
    )
    assert answer.header("X-Cache") == "PASS"
    assert fake_edge.seen()[-1]["headers"]["Cookie"] == "csrftoken=abc"
    assert len(route.fetches) == 1


def test_share_trackers_do_not_split_the_cache(fake_edge, fresh_path):
    path = fresh_path()
    fake_edge.routes[path] = route = page(public())
    fake_edge.request(path)
    for query in ["?utm_source=zalo&utm_medium=social", "?fbclid=IwAR0abc", "?zarsrc=30"]:
        assert fake_edge.request(path + query).header("X-Cache") == "HIT", query
    assert len(route.fetches) == 1
    # Other parameters stay, without the trackers.
    fake_edge.request(path + "?trang=2&utm_campaign=bao&gclid=x1")
    assert fake_edge.seen()[-1]["path"] == path + "?trang=2"


def test_a_purge_from_the_app_servers_refreshes_the_tagged_pages(fake_edge, fresh_path):
    tagged, other = fresh_path(), fresh_path()
    fake_edge.routes[tagged] = route = page(public(), tags="site article-12 comments-12")
    fake_edge.routes[other] = other_route = page(public(), tags="site article-13")
    fake_edge.request(tagged), fake_edge.request(other)

    purge = fake_edge.request("/", method="PURGE", headers={"xkey-purge": "comments-12"})
    assert purge.status == 200
    assert purge.text.strip() == "Invalidated 1 objects"
    # Soft purge: the next reader still gets the old page at once (grace) while the edge
    # fetches the new one; the reader after that gets the new one.
    assert fake_edge.request(tagged).text == "<p>lần tải 1</p>"
    wait_until(
        lambda: fake_edge.request(tagged).text == "<p>lần tải 2</p>", timeout=5, what="new page"
    )
    assert len(route.fetches) == 2
    # The refresh was conditional on the stored page's ETag (a 304 would do; the ETag is
    # weak since the edge compressed the page).
    assert fake_edge.seen()[-1]["headers"].get("If-None-Match") == 'W/"v1"'
    # A page without that tag is untouched.
    assert fake_edge.request(other).header("X-Cache") == "HIT"
    assert len(other_route.fetches) == 1


def test_purges_from_anyone_else_are_refused(fake_edge, fresh_path):
    """127.0.0.2 is a loopback address the shipped acl `purgers` does not name: a sender on
    another machine, as far as Varnish can tell."""
    path = fresh_path()
    fake_edge.routes[path] = route = page(public(), tags="site")
    fake_edge.request(path)
    refused = fake_edge.request(
        "/", method="PURGE", headers={"xkey-purge": "site"}, source="127.0.0.2"
    )
    assert refused.status == 403
    assert fake_edge.request(path).header("X-Cache") == "HIT"
    assert len(route.fetches) == 1
    # Not a page fetch either: nothing reached the app servers.
    assert all(r["method"] != "PURGE" for r in fake_edge.seen())


def test_a_purge_names_its_tags(fake_edge):
    assert fake_edge.request("/", method="PURGE").status == 400


def test_a_page_past_its_s_maxage_is_served_stale_while_it_is_refreshed(fake_edge, fresh_path):
    path = fresh_path()
    fake_edge.routes[path] = route = page(public(s_maxage=1, swr=30))
    fake_edge.request(path)
    time.sleep(1.5)
    stale = fake_edge.request(path)
    assert stale.text == "<p>lần tải 1</p>"
    assert stale.header("X-Cache") == "HIT"
    # The refresh is stored once its body has arrived: until then readers get the old page.
    wait_until(
        lambda: fake_edge.request(path).text == "<p>lần tải 2</p>",
        timeout=5,
        what="the background refresh",
    )
    assert len(route.fetches) == 2


def test_a_page_older_than_stale_while_revalidate_waits_for_the_new_one(fake_edge, fresh_path):
    path = fresh_path()
    fake_edge.routes[path] = route = page(public(s_maxage=1, swr=1, sie=3600))
    fake_edge.request(path)
    time.sleep(2.5)
    fresh = fake_edge.request(path)
    assert fresh.text == "<p>lần tải 2</p>"
    assert len(route.fetches) == 2


def test_when_the_app_servers_fail_the_stale_page_is_served(fake_edge, fresh_path):
    """stale-if-error: past stale-while-revalidate, a server answering 500 (or not at all)
    does not replace the page readers had."""
    path = fresh_path()
    healthy = page(public(s_maxage=1, swr=1, sie=3600))
    fake_edge.routes[path] = healthy
    fake_edge.request(path)
    time.sleep(2.5)
    fake_edge.routes[path] = failing = page(None, tags=None, status=500)
    answer = fake_edge.request(path)
    assert answer.status == 200
    assert answer.text == "<p>lần tải 1</p>"
    assert failing.fetches  # the edge did ask for a new page first


def test_when_every_app_server_is_down_stored_pages_are_still_served(fake_edge, fresh_path):
    path = fresh_path()
    fake_edge.routes[path] = page(public(s_maxage=1, swr=1, sie=3600))
    fake_edge.request(path)
    time.sleep(2.5)
    for app in fake_edge.apps:
        app.sick = True
    # Varnish's own notice, not the servers' 503: the probes have taken both out.
    wait_until(
        lambda: "Trang tạm thời gián đoạn" in fake_edge.request("/healthz").text,
        timeout=10,
        what="both servers out of the rotation",
    )
    answer = fake_edge.request(path)
    assert answer.status == 200 and answer.text == "<p>lần tải 1</p>"
    # A page the edge never had: the Vietnamese notice, not a stack trace or a blank page.
    down = fake_edge.request(fresh_path())
    assert down.status == 503
    assert "Trang tạm thời gián đoạn" in down.text
    assert down.header("Retry-After") == "30"


def test_the_director_spreads_readers_and_skips_a_sick_server(fake_edge, fresh_path):
    path = fresh_path("/binh-luan/phien/")  # passed: every request reaches a server
    fake_edge.routes[path] = page(STAFF)
    served = {fake_edge.request(path).header("X-Backend") for _ in range(6)}
    assert served == {"a", "b"}
    fake_edge.apps[0].sick = True
    # The probe's window is 5 checks, 3 good for healthy: three failures take it out.
    wait_until(
        lambda: {fake_edge.request(path).header("X-Backend") for _ in range(4)} == {"b"},
        timeout=10,
        what="server a out of the rotation",
    )


def test_media_come_from_the_media_server_and_are_kept(fake_edge, fresh_path):
    path = fresh_path("/media/renditions/")
    fake_edge.routes[path] = route = page(
        "public, max-age=2592000", tags=None, extra={"Content-Type": "image/jpeg"}
    )
    first = fake_edge.request(path, headers={"Cookie": "sessionid=phien"})
    second = fake_edge.request(path)
    assert first.header("X-Backend") == "media"
    assert "Cookie" not in fake_edge.seen()[-1]["headers"]
    assert second.header("X-Cache") == "HIT"
    assert len(route.fetches) == 1
    assert fake_edge.request(path, method="POST", data=b"x").status == 405


def test_static_files_are_shared_by_readers_and_the_newsroom(fake_edge, fresh_path):
    path = fresh_path("/static/css/") + ".css"
    fake_edge.routes[path] = route = page(
        "max-age=31536000, public, immutable", tags=None, extra={"Content-Type": "text/css"}
    )
    fake_edge.request(path)
    staff = fake_edge.request(path, headers={"Cookie": "sessionid=phien; csrftoken=a"})
    assert staff.header("X-Cache") == "HIT"
    assert staff.header("X-Backend") in ("a", "b")  # from an app server (WhiteNoise)
    assert len(route.fetches) == 1
    assert "Cookie" not in fake_edge.seen()[-1]["headers"]
