"""The `time_element` filter writes what the pair of filters it replaced wrote."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import engines

from articles.templatetags.public_site import time_element

PAIR = engines["django"].from_string(
    '{% load public_site %}<time datetime="{{ t|machine_time }}">{{ t|date:"DATETIME_FORMAT" }}'
    "</time>"
)


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 27, 1, 30, 15, 123456, tzinfo=UTC),  # 08:30 in Vietnam
        datetime(2026, 12, 31, 17, 5, tzinfo=UTC),  # past midnight there: next day, next year
        datetime(2027, 2, 3, 23, 59, 59, tzinfo=UTC),
    ],
)
@pytest.mark.parametrize("zone", ["Asia/Ho_Chi_Minh", "UTC"])
def test_time_element_is_the_pair_of_filters(moment, zone, settings):
    settings.TIME_ZONE = zone
    assert time_element(moment) == PAIR.render({"t": moment})


def test_time_element_across_midnight_in_vietnam_time():
    html = time_element(datetime(2026, 12, 31, 17, 5, tzinfo=UTC))
    assert html == '<time datetime="2027-01-01T00:05:00+07:00">01/01/2027 00:05</time>'
    assert time_element(None) == ""


def test_time_element_in_a_given_zone_from_python():
    html = time_element(datetime(2026, 12, 31, 17, 5, tzinfo=UTC), zone=ZoneInfo("UTC"))
    assert html == '<time datetime="2026-12-31T17:05:00+00:00">31/12/2026 17:05</time>'
