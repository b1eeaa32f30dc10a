"""The last good weather reading of each province or centrally governed city."""

from datetime import date

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# WMO weather interpretation codes, as Open-Meteo reports them, in our own words.
CONDITIONS = {
    0: _("Trời quang"),
    1: _("Ít mây"),
    2: _("Mây rải rác"),
    3: _("Nhiều mây"),
    45: _("Sương mù"),
    48: _("Sương mù đóng băng"),
    51: _("Mưa phùn nhẹ"),
    53: _("Mưa phùn"),
    55: _("Mưa phùn dày"),
    56: _("Mưa phùn lạnh"),
    57: _("Mưa phùn lạnh dày"),
    61: _("Mưa nhỏ"),
    63: _("Mưa vừa"),
    65: _("Mưa to"),
    66: _("Mưa lạnh"),
    67: _("Mưa lạnh to"),
    71: _("Tuyết rơi nhẹ"),
    73: _("Tuyết rơi"),
    75: _("Tuyết rơi dày"),
    77: _("Mưa tuyết hạt"),
    80: _("Mưa rào nhẹ"),
    81: _("Mưa rào"),
    82: _("Mưa rào rất to"),
    85: _("Mưa tuyết nhẹ"),
    86: _("Mưa tuyết to"),
    95: _("Dông"),
    96: _("Dông kèm mưa đá"),
    99: _("Dông kèm mưa đá lớn"),
}


class WeatherReading(models.Model):
    region = models.OneToOneField(
        "articles.Region",
        verbose_name=_("địa phương"),
        on_delete=models.CASCADE,
        related_name="weather",
    )
    observed_at = models.DateTimeField(_("thời điểm quan trắc"))
    fetched_at = models.DateTimeField(_("thời điểm lấy về"))
    temperature = models.DecimalField(_("nhiệt độ (°C)"), max_digits=4, decimal_places=1)
    apparent_temperature = models.DecimalField(
        _("cảm giác như (°C)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    humidity = models.PositiveSmallIntegerField(_("độ ẩm (%)"), null=True, blank=True)
    wind_speed = models.DecimalField(
        _("gió (km/h)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    weather_code = models.PositiveSmallIntegerField(_("mã thời tiết (WMO)"))
    forecast = models.JSONField(
        _("dự báo"),
        default=list,
        blank=True,
        help_text=_(
            "Các ngày tới: ngày, mã thời tiết, nhiệt độ thấp nhất, cao nhất, khả năng mưa."
        ),
    )

    class Meta:
        verbose_name = _("thời tiết")
        verbose_name_plural = _("thời tiết")
        ordering = ["region__position", "region__name"]

    def __str__(self):
        return f"{self.region}: {self.temperature} °C"

    @property
    def condition(self) -> str:
        return CONDITIONS.get(self.weather_code, _("Không rõ"))

    @cached_property
    def forecast_days(self) -> list[dict]:
        """The stored days with their date, its label (27/11) and the condition in words."""
        days = []
        for day in self.forecast:
            when = date.fromisoformat(day["date"])
            days.append(
                {
                    **day,
                    "date": when,
                    "label": f"{when.day:02d}/{when.month:02d}",
                    "condition": CONDITIONS.get(day["code"]),
                }
            )
        return days
