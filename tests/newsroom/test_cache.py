"""newsroom.cache: parts kept under generations, and where generations start."""

from unittest import mock

from django.core.cache import cache

from newsroom.cache import bump, generation, generations, kept


def test_builds_on_a_miss_stores_and_serves_the_stored_value_after():
    cache.clear()
    build = mock.Mock(return_value="<p>Thời tiết</p>")
    assert kept("t:weather", build, 60) == "<p>Thời tiết</p>"
    assert kept("t:weather", build, 60) == "<p>Thời tiết</p>"
    assert build.call_count == 1
    assert cache.get("t:weather") == "<p>Thời tiết</p>"


def test_an_empty_part_is_kept_too():
    # A province without a reading renders "": that must be served, not rebuilt every time.
    cache.clear()
    build = mock.Mock(return_value="")
    kept("t:empty", build, 60)
    assert kept("t:empty", build, 60) == ""
    assert build.call_count == 1


def test_a_miss_reads_the_cache_once_and_writes_once():
    # cache.get_or_set reads again after writing; on Redis that is one more round trip per
    # part of every cold page, and it unpickles what was just pickled.
    cache.clear()
    with mock.patch.object(cache, "get", wraps=cache.get) as get, \
            mock.patch.object(cache, "set", wraps=cache.set) as put:  # fmt: skip
        assert kept("t:once", lambda: [1, 2, 3], 60) == [1, 2, 3]
    assert get.call_count == 1 and put.call_count == 1
    assert put.call_args.args[:3] == ("t:once", [1, 2, 3], 60)


# --- Generations: where they start ---------------------------------------------------------


def test_a_generation_that_starts_again_never_takes_a_number_it_had():
    """Redis restarted empty, or the key evicted: keys, validators and pages made under the
    old numbers must never match the new one. Each bump adds one; a new generation starts
    at the clock's microseconds, so it is past every number the old one reached."""
    cache.clear()
    first = generation("site")
    for _ in range(5):
        bump("site")
    reached = generation("site")
    assert reached == first + 5
    cache.clear()  # the cache's next life
    assert generation("site") > reached
    cache.clear()
    bump("site")  # a bump of a missing generation starts it too
    assert generation("site") > reached


def test_racing_readers_of_a_new_generation_agree_on_it():
    cache.clear()
    cache.add("gen:site", 41, 60)  # another process started it between our read and add
    assert generations("site", "names")["site"] == 41
    assert generation("site") == 41
