"""Login brute-force protection: our side of django-axes (settings under "Login lockout").

Axes counts failed logins to the one login form (/quan-tri/login/, which the moderators'
queue also sends people to) per account and client address, and after AXES_FAILURE_LIMIT of
them refuses that account from that address for AXES_COOLOFF_TIME, right password or not.
This module says who "the same account" is, what a locked-out person is told, and logs the
attempts refused during a lock (axes itself logs the failures and the lockout).
"""

import logging
import math
import unicodedata
from urllib.parse import urlencode

from axes.conf import settings
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.contrib import admin
from django.db.models import Max
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
_USERNAME_LENGTH = AccessAttempt._meta.get_field("username").max_length


def _typed_username(request, credentials) -> str | None:
    field = str(settings.AXES_USERNAME_FORM_FIELD)
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    return None if value is None else str(value)


def lockout_username(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: the account as a person means it, so "Admin", "ADMIN " and
    "admin" share one counter. Our login matches usernames exactly today, so the variants
    cannot reach "admin" anyway; but a later case-insensitive login (by e-mail, or a
    case-insensitive collation) would otherwise turn every spelling into 5 fresh tries."""
    value = _typed_username(request, credentials)
    if value is None:
        return None
    # As Django's login form cleans it (NFKC, stripped), then case-folded; cut to axes' column,
    # since case folding can triple a name the form let through ("ΐ" folds to 3 characters).
    # NUL never reaches here from the form, but this also reads the raw POST.
    folded = unicodedata.normalize("NFKC", value.replace("\x00", "")).strip().casefold()
    return folded[:_USERNAME_LENGTH]


def _unlocks_at(request, credentials):
    """When the lock lifts: the cool-off after the latest failure counted against this
    account and address. Attempts refused during the lock are not counted
    (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off), so this time does not move."""
    now = getattr(request, "axes_attempt_time", None) or timezone.now()
    cool_off = get_cool_off(request)
    attempts = AxesProxyHandler.get_implementation().get_user_attempts(request, credentials)
    times = [a.aggregate(latest=Max("attempt_time"))["latest"] for a in attempts]
    return now, max((t for t in times if t), default=now) + cool_off


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a 429 page in the admin's look saying how long to wait and
    what to do, instead of axes' one English sentence. Axes calls it from AxesMiddleware
    for the request that reached the limit and for every attempt refused during the lock."""
    credentials = getattr(request, "axes_credentials", None) or credentials
    now, unlocks_at = _unlocks_at(request, credentials)
    seconds_left = max(1, math.ceil((unlocks_at - now).total_seconds()))
    login_query = {"next": request.POST["next"]} if request.POST.get("next") else {}
    context = {
        **admin.site.each_context(request),
        "title": _("Tạm khóa đăng nhập"),
        "username": _typed_username(request, credentials) or "",
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": math.ceil(get_cool_off(request).total_seconds() / 60),
        "unlocks_at": unlocks_at,
        "minutes_left": math.ceil(seconds_left / 60),
        "login_url": request.path + (f"?{urlencode(login_query)}" if login_query else ""),
    }
    response = render(request, "axes/lockout.html", context, status=429)
    response["Retry-After"] = str(seconds_left)
    add_never_cache_headers(response)
    return response


@receiver(user_locked_out)
def log_attempt_refused_during_lockout(sender, request, username, ip_address, **kwargs):
    # Axes sends this signal when it locks (and logs that itself: "Locking out …") and
    # again for each attempt it refuses during the lock, which it does not log: an attack
    # that goes on against a locked account should still show in the log.
    if getattr(request, "axes_failures_since_start", None) is None:
        logger.warning(
            "Login refused during lockout: username=%r ip_address=%s path=%s",
            username,
            ip_address,
            request.path,
        )
