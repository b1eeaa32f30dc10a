from newsroom.prepared import Prepared
from weather.models import WeatherReading

# Compiled once (newsroom.prepared): every cold article page reads its province's weather.
# One reading per region (a one-to-one): no ordering to compile.
_OF_REGION = Prepared(
    lambda region: (
        WeatherReading.objects.select_related("region").filter(region_id=region).order_by()[:1]
    ),
    region=int,
)


def reading_for_region(province_id: int | None) -> WeatherReading | None:
    """The stored reading of a province (the top of an article's region chain), or, for pages
    not about a place, of the first province that has one."""
    if province_id is not None:
        found = _OF_REGION(region=province_id)
        return found[0] if found else None
    readings = WeatherReading.objects.select_related("region")
    return readings.filter(region__parent__isnull=True).first()
