"""The weather box an article page shows (weather/_box.html) from a stored reading."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string

from articles.templatetags.public_site import whole
from tests.factories import make_region
from weather.models import WeatherReading

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value",
    [27.5, 27.4, 26.5, -0.4, -0.5, -2.5, 0, 21, 39.99, 3.05, Decimal("27.45"), Decimal("-7.5"),
     Decimal("0.0"), "18.6"],
)  # fmt: skip
def test_whole_numbers_are_written_as_floatformat_writes_them(value):
    assert whole(value) == floatformat(value, 0)


def test_whole_leaves_nothing_for_a_missing_value():
    assert whole(None) == "" and whole("") == "" and whole("không rõ") == ""


def test_the_box_shows_the_reading_its_forecast_and_its_time():
    reading = WeatherReading.objects.create(
        region=make_region("Thanh Hóa"),
        observed_at=datetime(2026, 11, 27, 1, 15, tzinfo=ZoneInfo("UTC")),
        fetched_at=datetime(2026, 11, 27, 1, 20, tzinfo=ZoneInfo("UTC")),
        temperature=Decimal("24.5"),
        apparent_temperature=Decimal("-0.4"),
        humidity=81,
        wind_speed=Decimal("12.6"),
        weather_code=3,
        forecast=[
            {"date": "2026-11-28", "code": 61, "min": 19.5, "max": 25.4, "rain": 70},
            {"date": "2026-11-29", "code": 0, "min": 18, "max": 26, "rain": None},
        ],
    )
    html = render_to_string("weather/_box.html", {"weather": reading})
    assert "Thời tiết Thanh Hóa" in html
    assert '<span class="weather-temp">25°C</span>' in html
    assert "Nhiều mây" in html and "Cảm giác như 0°C" in html
    assert "Độ ẩm 81%" in html and "Gió 13 km/h" in html
    assert '<th scope="row">28/11</th><td>Mưa nhỏ, mưa 70%</td><td>20–25°C</td>' in html
    assert '<th scope="row">29/11</th><td>Trời quang</td><td>18–26°C</td>' in html
    assert '<time datetime="2026-11-27T08:15:00+07:00">' in html


def _reading(region, temperature):
    moment = datetime(2026, 11, 27, 1, 15, tzinfo=ZoneInfo("UTC"))
    return WeatherReading.objects.create(
        region=region,
        observed_at=moment,
        fetched_at=moment,
        temperature=Decimal(temperature),
        weather_code=3,
    )


def test_the_weather_box_tag_is_kept_until_the_weather_generation_moves(
    django_assert_num_queries,
):
    from django.template import Context, Template

    from newsroom.cache import bump

    province = make_region("Thanh Hóa")
    reading = _reading(province, "24.5")
    page = Template("{% load weather_tags %}{% weather_box pk %}")
    context = Context({"pk": province.pk})
    with django_assert_num_queries(1):
        first = page.render(context)
    assert "Thời tiết Thanh Hóa" in first and "31°C" not in first
    WeatherReading.objects.filter(pk=reading.pk).update(temperature=Decimal("31"))
    with django_assert_num_queries(0):
        assert "31°C" not in page.render(context)  # kept: no new reading has been stored
    bump("weather")
    with django_assert_num_queries(1):
        assert "31°C" in page.render(context)
    fresh = Template("{% load weather_tags %}{% weather_box pk fresh=True %}")
    with django_assert_num_queries(1):
        fresh.render(context)


def test_the_weather_box_tag_reuses_the_generations_the_page_read(django_assert_num_queries):
    from django.template import Context, Template

    from newsroom.cache import bump

    province = make_region("Thanh Hóa")
    reading = _reading(province, "24.5")
    page = Template("{% load weather_tags %}{% weather_box pk %}")
    read_by_the_view = {"weather": 1, "names": 1, "site": 1}
    context = Context({"pk": province.pk, "generations": read_by_the_view})
    page.render(context)
    WeatherReading.objects.filter(pk=reading.pk).update(temperature=Decimal("31"))
    bump("weather")  # after the view read its generations: this page still shows what it read
    with django_assert_num_queries(0):
        assert "31°C" not in page.render(context)
    with django_assert_num_queries(1):
        assert "31°C" in page.render(Context({"pk": province.pk}))  # no page: reads them
