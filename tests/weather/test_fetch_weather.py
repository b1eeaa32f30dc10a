"""fetch_weather against a local stand-in for Open-Meteo serving recorded answers."""

import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Region
from newsroom.cache import generation
from tests.factories import make_region
from weather.models import WeatherReading

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
# The recorded answers were observed at 08:30 in Vietnam on 27/11/2026.
OBSERVED = datetime(2026, 11, 27, 1, 30, tzinfo=UTC)

ROUTES = {
    "/ok": (200, "thanh_hoa_ok.json", 0),
    "/error": (400, "provider_error_400.json", 0),
    "/gateway": (502, "bad_gateway.html", 0),
    "/html-200": (200, "bad_gateway.html", 0),
    "/missing": (200, "missing_current.json", 0),
    "/absurd": (200, "absurd_temperature.json", 0),
    "/ragged": (200, "ragged_forecast.json", 0),
    "/truncated": (200, "truncated.json", 0),
    "/slow": (200, "thanh_hoa_ok.json", 3),
}


class Provider(BaseHTTPRequestHandler):
    seen: list = []

    def do_GET(self):  # noqa: N802 - http.server's name
        url = urlsplit(self.path)
        Provider.seen.append(parse_qs(url.query))
        status, name, delay = ROUTES[url.path]
        time.sleep(delay)
        body = (FIXTURES / name).read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting: that is the point of the slow route

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def provider():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def province():
    return make_region(
        "Thanh Hóa", slug="thanh-hoa", latitude=Decimal("19.80667"), longitude=Decimal("105.785")
    )


@pytest.fixture(autouse=True)
def _at_observation_time():
    with mock.patch("weather.services.timezone.now", return_value=OBSERVED + timedelta(minutes=7)):
        yield


def fetch(settings, base, *args):
    settings.WEATHER_API_URL = base
    out, err = StringIO(), StringIO()
    try:
        call_command("fetch_weather", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_good_answer_is_checked_and_stored(
    settings, provider, province, django_capture_on_commit_callbacks
):
    Provider.seen.clear()
    before = generation("weather")
    with django_capture_on_commit_callbacks(execute=True):
        out, err, error = fetch(settings, f"{provider}/ok")
    assert error is None and err == ""
    assert out.strip() == "Thanh Hóa: 24,6 °C, Nhiều mây (lúc 27/11/2026 08:30)."
    reading = WeatherReading.objects.get(region=province)
    assert reading.observed_at == OBSERVED
    assert reading.temperature == Decimal("24.6")
    assert reading.apparent_temperature == Decimal("26.3")
    assert (reading.humidity, reading.wind_speed, reading.weather_code) == (81, Decimal("9.7"), 3)
    assert [day["date"] for day in reading.forecast] == ["2026-11-27", "2026-11-28", "2026-11-29"]
    assert reading.forecast[1] == {"date": "2026-11-28", "code": 61, "min": 20.2, "max": 25.1,
                                   "rain": 70}  # fmt: skip
    query = Provider.seen[-1]
    assert query["latitude"] == ["19.80667"] and query["longitude"] == ["105.78500"]
    assert query["timezone"] == ["Asia/Ho_Chi_Minh"]
    # Pages showing the weather are re-rendered (after the transaction commits).
    assert generation("weather") > before


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ("/error", "HTTP 400"),
        ("/gateway", "HTTP 502"),
        ("/html-200", "không phải JSON"),
        ("/missing", "thiếu số liệu hiện tại"),
        ("/absurd", "nằm ngoài khoảng hợp lý"),
        ("/ragged", "dài ngắn khác nhau"),
        ("/truncated", "không phải JSON"),
    ],
)
def test_bad_answers_keep_the_last_good_reading(settings, provider, province, route, reason):
    fetch(settings, f"{provider}/ok")
    good = WeatherReading.objects.get(region=province)
    out, err, error = fetch(settings, f"{provider}{route}")
    assert isinstance(error, CommandError)
    assert "1/1 địa phương không cập nhật được" in str(error)
    assert reason in err
    assert "Trang vẫn hiện số liệu lúc 27/11/2026 08:30." in err
    kept = WeatherReading.objects.get(region=province)
    assert (kept.temperature, kept.observed_at, kept.fetched_at) == (
        good.temperature,
        good.observed_at,
        good.fetched_at,
    )


def test_a_slow_provider_times_out(settings, provider, province):
    started = time.monotonic()
    _out, err, error = fetch(settings, f"{provider}/slow", "--timeout", "0.5")
    assert time.monotonic() - started < 2.5
    assert isinstance(error, CommandError)
    assert "quá 0.5 giây" in err
    assert "Chưa có số liệu cũ" in err
    assert not WeatherReading.objects.exists()


def test_a_missing_provider_is_reported(settings, province):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _out, err, error = fetch(settings, f"http://127.0.0.1:{port}/v1/forecast")
    assert isinstance(error, CommandError)
    assert "không kết nối được" in err
    assert not WeatherReading.objects.exists()


def test_stale_reading_is_refused(settings, provider, province):
    with mock.patch("weather.services.timezone.now", return_value=OBSERVED + timedelta(hours=9)):
        _out, err, error = fetch(settings, f"{provider}/ok")
    assert isinstance(error, CommandError) and "quá xa so với hiện tại" in err


def test_only_provinces_with_coordinates_are_fetched(settings, provider, province):
    make_region("Hà Nội", slug="ha-noi", kind=Region.Kind.CITY)  # no coordinates
    make_region(
        "TP. Thanh Hóa",
        slug="tp-thanh-hoa",
        kind=Region.Kind.CITY,
        parent=province,
        latitude=Decimal("19.8"),
        longitude=Decimal("105.77"),
    )
    out, _err, error = fetch(settings, f"{provider}/ok")
    assert error is None
    assert out.count("\n") == 1 and out.startswith("Thanh Hóa:")


def test_pages_show_the_last_reading_after_a_failed_fetch(client, settings, provider, province):
    from tests.factories import make_article

    fetch(settings, f"{provider}/ok")
    article = make_article(primary_region=province)
    fetch(settings, f"{provider}/gateway")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Thời tiết Thanh Hóa" in html
    assert "25°C" in html and "Nhiều mây" in html
    assert "27/11/2026 08:30" in html
    assert timezone.now() > OBSERVED  # the page does not care how old the reading is
