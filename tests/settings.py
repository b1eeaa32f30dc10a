"""Test settings: the real settings, with what a test run needs changed and nothing else.

DATABASE_URL still comes from the environment, so the same suite runs on SQLite and PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")

from config.settings import *  # noqa: E402,F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; tests only
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Local memory unless CACHE_URL names a real cache (CI's PostgreSQL run uses Redis db 15).
if not os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
elif CACHES["default"]["BACKEND"] == "newsroom.cache_backend.FailOpenRedisCache":  # noqa: F405
    # Redis: production's 0.25 s timeouts would, on a loaded test machine, take a slow answer
    # for an outage and send the next pages to the database (the outage tests set their own).
    CACHES["default"]["OPTIONS"].update(socket_connect_timeout=5, socket_timeout=5)  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", "/tmp/newsroom-test-media")  # noqa: S108
# Serve static files from the apps' folders, as the dev server does, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
