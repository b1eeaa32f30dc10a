"""newsroom.cache: parts kept under generations; where generations start; bumps kept while
the cache does not answer, and retried."""

import logging
from io import StringIO
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command

from newsroom import cache_backend
from newsroom.cache import (
    article_changed,
    bump,
    generation,
    generations,
    kept,
    retry_kept_bumps,
)
from newsroom.models import PendingBump


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


# --- Generations: where they start, and bumps the cache did not take ------------------------


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


@pytest.mark.django_db
def test_a_bump_the_cache_refuses_is_kept_not_raised(redis_switch):
    bump("comments:7")
    article_changed(7)
    assert list(PendingBump.objects.values_list("scope", flat=True)) == [
        "comments:7",
        "article:7",
        "site",
    ]


@pytest.mark.django_db
def test_kept_bumps_are_retried_once_and_move_each_generation_on(redis_switch, caplog):
    redis_switch.up()
    before = generations("site", "comments:7")
    redis_switch.down()
    bump("comments:7")
    bump("comments:7")
    bump("site")
    redis_switch.up()  # Redis is back, with its data
    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        after = generations("site", "comments:7")  # the first call retries, then reads
    assert after == {"site": before["site"] + 1, "comments:7": before["comments:7"] + 1}
    assert not PendingBump.objects.exists()
    assert [r.getMessage() for r in caplog.records if r.name == "newsroom.cache"] == [
        "Retried 2 generation bumps kept while the cache did not answer"
    ]
    assert retry_kept_bumps() == 0


@pytest.mark.django_db
def test_the_command_retries_what_an_app_server_that_saw_no_outage_finds(redis_switch):
    redis_switch.up()
    before = generation("site")
    redis_switch.down()
    bump("site")  # kept by a process that then went away
    cache_backend._retry_due.take()  # this one is another: it never saw the cache fail
    redis_switch.up()
    assert generation("site") == before  # nothing retried it on the way
    out = StringIO()
    call_command("retry_cache_bumps", stdout=out)
    assert generation("site") == before + 1
    assert out.getvalue().strip() == "Đã báo 1 thay đổi; còn chờ 0."
