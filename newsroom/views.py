"""Project-wide views: CSP reports and the error pages, all in Vietnamese (health checks:
newsroom.health)."""

import json
import logging
import re
from urllib.parse import urlsplit, urlunsplit

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from newsroom.clientip import ratelimit_key
from newsroom.http import declares_more_than

csp_logger = logging.getLogger("newsroom.csp")

# A real report is well under 4 KB (the policy it quotes is the longest part).
CSP_REPORT_MAX_BYTES = 16 * 1024
# Per client: one page with a broken asset can send a report per element, not hundreds.
CSP_REPORT_RATE = "60/m"
_CSP_FIELDS = (
    "document-uri",
    "effective-directive",
    "violated-directive",
    "blocked-uri",
    "source-file",
    "line-number",
    "disposition",
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _report_value(name: str, value) -> str:
    """A field of a report fit for one log line: no control characters (no forged lines),
    bounded, and no query string or fragment in URLs (a search or a filter is the reader's
    or the moderator's business, not the log's)."""
    text = _CONTROL.sub(" ", str(value))[:300]
    if name in ("document-uri", "blocked-uri", "source-file") and "://" in text:
        try:
            parts = urlsplit(text)
            text = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        except ValueError:  # "http://[nonsense": keep what comes before any query
            text = text.split("?", 1)[0].split("#", 1)[0]
    return text


@csrf_exempt  # browsers send reports without a token, and a report changes nothing
@require_POST
def csp_report(request):
    """Log a browser's Content-Security-Policy violation report (the policy's report-uri).

    Anyone can post here, so nothing is stored and nothing is trusted: the report is size-
    bounded, counted per client, reduced to a few cleaned fields and logged. The answer is
    always 4xx or 204, never a 5xx: browsers ignore it, and an error page here would only
    add noise to the error logs.
    """
    if declares_more_than(request, CSP_REPORT_MAX_BYTES):
        return HttpResponse(status=413)
    try:
        limited = is_ratelimited(
            request, group="csp-report", key=ratelimit_key, rate=CSP_REPORT_RATE, increment=True
        )
    except Exception:  # noqa: BLE001 - the cache is down: drop the report rather than fail
        limited = True
    if limited:
        return HttpResponse(status=429)
    try:
        raw = request.read(CSP_REPORT_MAX_BYTES + 1)
    except OSError:  # the client went away mid-body
        return HttpResponse(status=400)
    if len(raw) > CSP_REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    try:
        report = json.loads(raw.decode("utf-8"))["csp-report"]
    except (UnicodeDecodeError, ValueError, TypeError, KeyError):
        return HttpResponse(status=400)
    if not isinstance(report, dict):
        return HttpResponse(status=400)
    fields = {name: _report_value(name, report.get(name, "")) for name in _CSP_FIELDS}
    csp_logger.warning(
        "CSP violation: %s blocked %s on %s (%s:%s, %s)",
        fields["effective-directive"] or fields["violated-directive"],
        fields["blocked-uri"],
        fields["document-uri"],
        fields["source-file"],
        fields["line-number"],
        fields["disposition"],
    )
    return HttpResponse(status=204)


def _error(request, template, status):
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _error(request, "errors/400.html", 400)


def permission_denied(request, exception=None):
    return _error(request, "errors/403.html", 403)


def page_not_found(request, exception=None):
    return _error(request, "errors/404.html", 404)


def server_error(request):
    # Rendered without a request context: whatever broke may be what a context processor needs.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)


def ratelimited(request, exception=None):
    response = _error(request, "errors/429.html", 429)
    response["Retry-After"] = "60"
    return response


def csrf_failure(request, reason=""):
    return _error(request, "403_csrf.html", 403)
