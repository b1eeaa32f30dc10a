"""Fetching weather from Open-Meteo (free, no key) and keeping the last good reading.

Everything that comes back is checked before it is stored: a provider that is down, slow or
returns garbage leaves the previous reading in place, and the caller is told why.
"""

import json
import math
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Region
from newsroom import cache
from weather.models import CONDITIONS, WeatherReading

DEFAULT_API_URL = "https://api.open-meteo.com/v1/forecast"
CURRENT_FIELDS = (
    "temperature_2m",
    "relative_humidity_2m",
    "apparent_temperature",
    "weather_code",
    "wind_speed_10m",
)
DAILY_FIELDS = (
    "weather_code",
    "temperature_2m_max",
    "temperature_2m_min",
    "precipitation_probability_max",
)
FORECAST_DAYS = 3
MAX_RESPONSE_BYTES = 256 * 1024
# A reading older than this is not "current" any more, whatever the provider says.
MAX_AGE = timedelta(hours=6)


class WeatherError(Exception):
    """The provider could not be reached or answered something unusable (message in Vietnamese)."""


@dataclass(frozen=True)
class Reading:
    observed_at: datetime
    temperature: Decimal
    apparent_temperature: Decimal | None
    humidity: int | None
    wind_speed: Decimal | None
    weather_code: int
    forecast: list[dict]


def api_url(region: Region) -> str:
    base = getattr(settings, "WEATHER_API_URL", DEFAULT_API_URL)
    query = urlencode(
        {
            "latitude": f"{region.latitude}",
            "longitude": f"{region.longitude}",
            "current": ",".join(CURRENT_FIELDS),
            "daily": ",".join(DAILY_FIELDS),
            "timezone": "Asia/Ho_Chi_Minh",
            "forecast_days": FORECAST_DAYS,
        }
    )
    return f"{base}?{query}"


def fetch_json(url: str, *, timeout: float) -> dict:
    """GET the URL with a deadline for the whole exchange, not just for each socket read."""
    deadline = time.monotonic() + timeout
    seconds = {"s": f"{timeout:g}"}
    request = urllib.request.Request(  # noqa: S310 - our configured https/http URL only
        url, headers={"Accept": "application/json", "User-Agent": "newsroom-weather/1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            chunks, size = [], 0
            while chunk := response.read(16 * 1024):
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise WeatherError(_("câu trả lời lớn bất thường"))
                if time.monotonic() > deadline:
                    raise WeatherError(_("quá %(s)s giây chưa trả lời xong") % seconds)
                chunks.append(chunk)
    except urllib.error.HTTPError as error:
        message = _("máy chủ thời tiết trả lỗi HTTP %(code)s") % {"code": error.code}
        raise WeatherError(message) from error
    except TimeoutError as error:
        raise WeatherError(_("quá %(s)s giây không trả lời") % seconds) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise WeatherError(_("quá %(s)s giây không trả lời") % seconds) from error
        message = _("không kết nối được (%(reason)s)") % {"reason": error.reason}
        raise WeatherError(message) from error
    except OSError as error:
        raise WeatherError(_("lỗi kết nối (%(error)s)") % {"error": error}) from error
    try:
        payload = json.loads(b"".join(chunks).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WeatherError(_("câu trả lời không phải JSON hợp lệ")) from error
    if not isinstance(payload, dict):
        raise WeatherError(_("câu trả lời không đúng định dạng"))
    return payload


def _number(value, name: str, low: float, high: float, *, optional=False) -> Decimal | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise WeatherError(_("giá trị “%(name)s” không phải là số") % {"name": name})
    if not low <= value <= high:
        message = _("giá trị “%(name)s” = %(value)s nằm ngoài khoảng hợp lý")
        raise WeatherError(message % {"name": name, "value": value})
    return Decimal(str(round(value, 1)))


def _code(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in CONDITIONS:
        raise WeatherError(_("mã thời tiết “%(name)s” không hợp lệ") % {"name": name})
    return value


def parse_forecast(payload: dict, *, now: datetime | None = None) -> Reading:
    """Check an Open-Meteo answer field by field and turn it into a Reading."""
    now = now or timezone.now()
    if payload.get("error"):
        raise WeatherError(
            _("máy chủ thời tiết báo lỗi: %(reason)s") % {"reason": payload.get("reason", "?")}
        )
    current, daily = payload.get("current"), payload.get("daily")
    if not isinstance(current, dict) or not isinstance(daily, dict):
        raise WeatherError(_("thiếu số liệu hiện tại hoặc dự báo"))
    offset = payload.get("utc_offset_seconds")
    if isinstance(offset, bool) or not isinstance(offset, int) or abs(offset) > 14 * 3600:
        raise WeatherError(_("thiếu hoặc sai múi giờ"))
    try:
        local = datetime.fromisoformat(str(current.get("time")))
    except ValueError as error:
        raise WeatherError(_("thời điểm quan trắc không hợp lệ")) from error
    observed_at = (local - timedelta(seconds=offset)).replace(tzinfo=UTC)
    if observed_at > now + timedelta(hours=1) or observed_at < now - MAX_AGE:
        raise WeatherError(_("thời điểm quan trắc quá xa so với hiện tại"))
    units = payload.get("current_units") or {}
    if units.get("temperature_2m", "°C") != "°C" or units.get("wind_speed_10m", "km/h") != "km/h":
        raise WeatherError(_("đơn vị đo không như yêu cầu"))
    humidity = _number(current.get("relative_humidity_2m"), _("độ ẩm"), 0, 100, optional=True)

    columns = [daily.get(name) for name in ("time", *DAILY_FIELDS)]
    if not all(isinstance(column, list) for column in columns):
        raise WeatherError(_("dự báo thiếu cột"))
    if len({len(column) for column in columns}) != 1 or not columns[0]:
        raise WeatherError(_("các cột dự báo dài ngắn khác nhau"))
    forecast = []
    for day, code, high, low, rain in zip(*columns, strict=True):
        try:
            day_date = date.fromisoformat(str(day))
        except ValueError as error:
            raise WeatherError(_("ngày dự báo không hợp lệ")) from error
        high_c = _number(high, _("nhiệt độ cao nhất"), -60, 60)
        low_c = _number(low, _("nhiệt độ thấp nhất"), -60, 60)
        if low_c > high_c:
            raise WeatherError(_("nhiệt độ thấp nhất lớn hơn cao nhất"))
        rain_pct = _number(rain, _("khả năng mưa"), 0, 100, optional=True)
        forecast.append(
            {
                "date": day_date.isoformat(),
                "code": _code(code, _("dự báo")),
                "min": float(low_c),
                "max": float(high_c),
                "rain": int(rain_pct) if rain_pct is not None else None,
            }
        )
    return Reading(
        observed_at=observed_at,
        temperature=_number(current.get("temperature_2m"), _("nhiệt độ"), -60, 60),
        apparent_temperature=_number(
            current.get("apparent_temperature"), _("nhiệt độ cảm nhận"), -80, 80, optional=True
        ),
        humidity=int(humidity) if humidity is not None else None,
        wind_speed=_number(current.get("wind_speed_10m"), _("tốc độ gió"), 0, 400, optional=True),
        weather_code=_code(current.get("weather_code"), _("hiện tại")),
        forecast=forecast,
    )


@transaction.atomic
def weather_reading_store(*, region: Region, reading: Reading) -> WeatherReading:
    stored, _created = WeatherReading.objects.update_or_create(
        region=region,
        defaults={
            "observed_at": reading.observed_at,
            "fetched_at": timezone.now(),
            "temperature": reading.temperature,
            "apparent_temperature": reading.apparent_temperature,
            "humidity": reading.humidity,
            "wind_speed": reading.wind_speed,
            "weather_code": reading.weather_code,
            "forecast": reading.forecast,
        },
    )
    transaction.on_commit(cache.weather_changed)
    return stored


def weather_update(*, region: Region, timeout: float) -> WeatherReading:
    """Fetch, check and store one province's weather; WeatherError leaves the old reading."""
    if region.latitude is None or region.longitude is None:
        raise WeatherError(_("địa phương chưa có tọa độ"))
    reading = parse_forecast(fetch_json(api_url(region), timeout=timeout))
    return weather_reading_store(region=region, reading=reading)


def weather_regions():
    """Provinces and centrally governed cities (the top of the region tree) with coordinates."""
    return Region.objects.filter(
        parent__isnull=True, latitude__isnull=False, longitude__isnull=False
    )
