"""Project-wide views: health check and the error pages, all in Vietnamese."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 when it does not (for the load balancer)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
