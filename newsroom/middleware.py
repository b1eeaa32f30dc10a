"""Request checks that belong before every view."""

from django.core.exceptions import SuspiciousOperation


def refuse_nul_in_headers(get_response):
    """A 400 for a request header holding a NUL byte.

    No browser sends one (RFC 9110 forbids it in a field value, and gunicorn refuses such a
    request itself), but behind another server it would reach the database: axes stores the
    login's Accept and User-Agent headers, and PostgreSQL refuses NUL in text ("A string
    literal cannot contain NUL"), a 500. SuspiciousOperation gives the site's 400 page and a
    line in the django.security log.
    """

    def middleware(request):
        for key, value in request.META.items():
            if key.startswith("HTTP_") and isinstance(value, str) and "\x00" in value:
                raise SuspiciousOperation(f"NUL byte in request header {key}")
        return get_response(request)

    return middleware
