"""Health checks for the load balancer and the process supervisor.

- `/healthz/live`: the process answers requests. Nothing else is asked, so a database or
  cache outage never gets every app server restarted at once.
- `/healthz/ready` (and `/healthz`, as before): may this server take traffic? Each dependency
  is reported in the JSON. The database is needed for everything: down, the answer is 503.
  The cache is not (newsroom.cache_backend: pages come from the database, rate limits open):
  down, the server is "degraded" but ready, 200, and the JSON says so for monitoring.

A check is a function answering "ok" or raising; READINESS lists them with whether a failure
takes the server out of rotation (database, cache, the background tasks' backlog).
"""

import logging
import uuid
from datetime import timedelta

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks import TaskResultStatus

logger = logging.getLogger(__name__)


class Unavailable(Exception):
    pass


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.exception("Health check: database unavailable")
        raise Unavailable from error
    return "ok"


def check_cache() -> str:
    """A value written and read back: the cache fails open, so a miss is how it shows. Under
    a key of its own, so app servers probing the same cache at once do not read each other's
    (it expires by itself)."""
    token = uuid.uuid4().hex
    key = f"healthz:{token}"
    cache.set(key, token, 10)
    if cache.get(key) != token:
        raise Unavailable
    return "ok"


# A task due this long ago and not run means no worker runs them (or one is stuck).
TASK_OVERDUE = timedelta(minutes=5)


def check_tasks() -> str:
    """The background tasks (the edge purges, newsroom.edge) are being run: none has waited
    more than TASK_OVERDUE past its time. Not needed to take traffic: pages are served all
    the same, and an edge's pages expire by themselves."""
    # Imported here: models of an app cannot be imported before the apps are loaded.
    from django_tasks_db.models import DBTaskResult, get_date_max

    before = timezone.now() - TASK_OVERDUE
    overdue = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after=get_date_max(), enqueued_at__lt=before) | Q(run_after__lt=before)
    )
    try:
        late = overdue.count()
    except DatabaseError as error:
        raise Unavailable from error
    if late:
        logger.warning("Health check: %d background tasks overdue; is db_worker running?", late)
        raise Unavailable
    return "ok"


# (name, check, needed to take traffic)
READINESS = (
    ("database", check_database, True),
    ("cache", check_cache, False),
    ("tasks", check_tasks, False),
)


@never_cache
@require_GET
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    report, status = {}, "ok"
    for name, check, needed in READINESS:
        try:
            report[name] = check()
        except Unavailable:
            report[name] = "unavailable"
            if needed:
                status = "unavailable"
            elif status == "ok":
                status = "degraded"
    code = 503 if status == "unavailable" else 200
    return JsonResponse({"status": status, **report}, status=code)
