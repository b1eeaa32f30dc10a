"""Page numbers from the query string, shared by the public lists, search and the queue.

A page number is read before any query, so that "?page=99999999999999999999" is a 404 rather
than an OFFSET the database refuses ("bigint out of range", a 500 on PostgreSQL).
"""

import re

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

# Six digits: no list here has a million pages, and a bounded number keeps OFFSET in range.
_PAGE_PARAM = re.compile(r"[1-9][0-9]{0,5}")


def page_number(request, param: str = "page") -> int:
    """The requested page, 1 when absent; a 404 for anything that is not a page number."""
    value = request.GET.get(param, "1")
    if not _PAGE_PARAM.fullmatch(value):
        raise Http404("Số trang không hợp lệ.")
    return int(value)


def paginate(queryset, number: int, per_page: int):
    try:
        return Paginator(queryset, per_page, allow_empty_first_page=True).page(number)
    except InvalidPage as error:
        raise Http404("Không có trang này.") from error
