"""URL converters shared by the apps' URLconfs.

`<id:pk>` is `<int:pk>` bounded to what a database id can be (a positive bigint), so a longer
number is a 404 before any query: hand-written SQL gets no range check from the ORM, and
PostgreSQL answers "bigint out of range" for 2^63 and above.
"""

import re

from django.urls import register_converter

MAX_ID = 2**63 - 1


_ID = re.compile("[0-9]{1,19}")


def parse_id(value: str) -> int | None:
    """An id from a query string or form, None if it cannot be one.

    ASCII digits only: str.isdigit() accepts "²", which int() then refuses.
    """
    if not _ID.fullmatch(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    regex = _ID.pattern

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError("not a database id")  # Django takes ValueError as "no match"
        return number

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")
