from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from weather.models import WeatherReading
from weather.services import WeatherError, weather_regions, weather_update


class Command(BaseCommand):
    help = _(
        "Lấy thời tiết hiện tại và dự báo ngắn cho từng tỉnh/thành (Open-Meteo) rồi lưu lại. "
        "Khi nguồn lỗi, giữ nguyên số liệu tốt gần nhất."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--region", action="append", default=[], help=_("Chỉ lấy cho địa phương có slug này.")
        )
        parser.add_argument(
            "--timeout", type=float, default=10.0, help=_("Số giây chờ tối đa cho mỗi địa phương.")
        )

    def handle(self, *args, region, timeout, **options):
        regions = weather_regions()
        if region:
            regions = regions.filter(slug__in=region)
        regions = list(regions)
        if not regions:
            self.stdout.write(_("Không có tỉnh/thành nào có tọa độ để lấy thời tiết."))
            return
        failed = []
        for place in regions:
            try:
                reading = weather_update(region=place, timeout=timeout)
            except WeatherError as error:
                failed.append(place)
                self.stderr.write(
                    _("%(place)s: không cập nhật được: %(error)s. %(kept)s")
                    % {"place": place.name, "error": error, "kept": _kept(place)}
                )
                continue
            self.stdout.write(
                _("%(place)s: %(temperature)s °C, %(condition)s (lúc %(when)s).")
                % {
                    "place": place.name,
                    "temperature": formats.localize(reading.temperature),
                    "condition": reading.condition,
                    "when": _when(reading.observed_at),
                }
            )
        if failed:
            raise CommandError(
                _("%(failed)s/%(total)s địa phương không cập nhật được thời tiết.")
                % {"failed": len(failed), "total": len(regions)}
            )


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _kept(region) -> str:
    last = WeatherReading.objects.filter(region=region).first()
    if last is None:
        return _("Chưa có số liệu cũ: trang sẽ không hiện ô thời tiết cho nơi này.")
    return _("Trang vẫn hiện số liệu lúc %(when)s.") % {"when": _when(last.observed_at)}
