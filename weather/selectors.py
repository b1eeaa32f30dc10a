from weather.models import WeatherReading


def reading_for_region(province_id: int | None) -> WeatherReading | None:
    """The stored reading of a province (the top of an article's region chain), or, for pages
    not about a place, of the first province that has one."""
    readings = WeatherReading.objects.select_related("region")
    if province_id is not None:
        # One reading per region (a one-to-one): no ordering to compile.
        found = list(readings.filter(region_id=province_id).order_by()[:1])
        return found[0] if found else None
    return readings.filter(region__parent__isnull=True).first()
