"""Newsroom settings, read from the environment (django-environ).

Every deployment-specific value comes from an environment variable or a `.env` file beside
`manage.py`; `.env.example` lists them. Defaults suit a developer's machine: SQLite in the
project folder, local-memory cache, e-mail to the console.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

# A silent default secret in production would let anyone forge sessions and CSRF tokens,
# so it is only allowed while DEBUG is on.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(or DEBUG=1 on a developer's machine)."
        )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",  # django.contrib.admin, with our AdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "easy_thumbnails",
    "reversion",
    "django_prose_editor",
    "axes",
    "csp",
    "django_tasks",
    "newsroom.apps.TasksDatabaseConfig",  # django_tasks_db, named in Vietnamese
    "newsroom",
    "articles",
    "comments",
    "weather",
    "readership",
    "search",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Sees every answer last: what no view marked public is `private, no-store`.
    "newsroom.pages.private_by_default",
    "newsroom.middleware.refuse_nul_in_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files are answered before this and need no policy. Before the
    # views, so that request.csp_nonce exists when a template asks for it.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as axes asks: it turns a login that axes flagged as locked out into the lockout
    # page (newsroom.lockout.lockout_response).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections on every backend, SQLite included: opening one (with the PRAGMAs
# below) cost 0.7 ms of each article page (bench_article_page).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostgreSQL: the public pages' fixed queries run as prepared statements, planned once per
# connection (newsroom.prepared). Turn off behind a pooler that hands a session's statements
# to other sessions (PgBouncer in transaction mode).
PREPARED_STATEMENTS = env.bool("PREPARED_STATEMENTS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while the dev server writes; the timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://newsroom")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis is not a single point of failure: unreachable or slow, it reads as a miss and the
    # pages come from the database (newsroom.cache_backend). Short socket timeouts, so a Redis
    # that hangs costs a page a quarter of a second once, not a worker's whole timeout; after
    # a failure it is asked again CACHE_RETRY_SECONDS later. A CACHE_URL query
    # (?socket_timeout=1) still wins.
    CACHES["default"]["BACKEND"] = "newsroom.cache_backend.FailOpenRedisCache"
    _cache_options = CACHES["default"].setdefault("OPTIONS", {})
    _cache_options.setdefault(
        "socket_connect_timeout", env.float("CACHE_CONNECT_TIMEOUT", default=0.25)
    )
    _cache_options.setdefault("socket_timeout", env.float("CACHE_SOCKET_TIMEOUT", default=0.25))
    _cache_options.setdefault("RETRY_SECONDS", env.float("CACHE_RETRY_SECONDS", default=5))
CACHE_MIDDLEWARE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

# Background tasks (django-tasks): kept in the database, run by `python manage.py db_worker`.
# Today they are the edge purges (newsroom/edge.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The HTTP caches in front of the app servers to purge when content changes, e.g.
# "http://127.0.0.1:6081/" (comma-separated); empty: no edge, nothing is queued.
EDGE_PURGE_URLS = env.list("EDGE_PURGE_URLS", default=[])

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Toà soạn <toasoan@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Axes first: it refuses a locked-out account+address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login lockout (django-axes; our side in newsroom/lockout.py). Covers every login that goes
# through django.contrib.auth.authenticate: the admin's form at /quan-tri/login/, which is
# also where the moderators' queue sends people.
# Counted per account AND client address: locking the account alone would let anyone lock a
# journalist out from everywhere by typing their username wrong five times; locking the
# address alone would lock a whole newsroom behind one office NAT out of every account.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
# Tries refused during the lock are not counted, so the lock ends when the page says it does
# and a journalist retrying the right password does not push it back. Nothing is lost: a
# refused try never reaches the password check.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The same client rule as the comment rate limits (TRUSTED_PROXY_COUNT, IPv6 per /64).
AXES_CLIENT_IP_CALLABLE = "newsroom.clientip.client_network"
AXES_USERNAME_CALLABLE = "newsroom.lockout.lockout_username"
AXES_LOCKOUT_CALLABLE = "newsroom.lockout.lockout_response"
# Axes masks the username and address in its log lines by default; the log is where an
# operator sees who is being attacked and from where, so show them. Passwords stay masked
# (axes always masks the "password" field).
AXES_SENSITIVE_PARAMETERS = []
# Attempts are kept in the database (AxesDatabaseHandler, axes' default): every app server
# shares PostgreSQL, so a lock holds whichever server the next attempt reaches.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Vietnamese readers expect 27/11/2026 08:30; FORMAT_MODULE_PATH overrides Django's vi formats.
FORMAT_MODULE_PATH = ["newsroom.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# An upload larger than this is refused in the form (articles.forms), not by a 413 page.
MAX_UPLOAD_IMAGE_BYTES = env.int("MAX_UPLOAD_IMAGE_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

THUMBNAIL_ALIASES = {
    "": {
        "w480": {"size": (480, 0), "quality": 82},
        "w800": {"size": (800, 0), "quality": 82},
        "w1200": {"size": (1200, 0), "quality": 82},
        "card": {"size": (400, 250), "crop": "smart", "quality": 80},
    }
}
THUMBNAIL_PRESERVE_EXTENSIONS = ("png",)
# Larger than any newsroom camera (45-61 MP bodies are the top; most shoot 24): a PNG of a few
# hundred kilobytes can declare 169 MP and cost 13 s and 788 MB to resize. Uploads over it are
# refused before decoding, and renditions never decode one (articles.image_sources).
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=50_000_000)
THUMBNAIL_SOURCE_GENERATORS = ("articles.image_sources.bounded_pil_image",)
THUMBNAIL_HIGH_RESOLUTION = False

# Behind a load balancer: trust X-Forwarded-Proto for HTTPS, and take the client address
# from X-Forwarded-For only when told how many proxies are in front (comments' rate limits).
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=[])
if not SECURE_HSTS_PRELOAD:
    # Preload is a one-way door a newsroom decides on deliberately, not a default.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# Content-Security-Policy (django-csp 4) on every response. The public pages carry no inline
# script or style, so they need no nonce and their cached bytes stay valid for any request
# (newsroom.pages, articles.views): django-csp adds a nonce to the header only when a
# template used request.csp_nonce, which only the admin's article form does (its editor's
# import map and style placeholder, articles.admin). No 'unsafe-inline' anywhere: style="…"
# in markup is refused too; what scripts set through element.style is not markup and passes.
# Images: our own, data: URIs (an image cannot run code; nothing of ours needs them today, but
# admin widgets and libraries commonly draw icons so), the origin of an absolute MEDIA_URL
# (photos on a CDN or an object store), and CSP_EXTRA_IMG_SRC, more origins a paper needs
# (comma-separated, e.g. https://anh.baothanhhoamoi.vn).
_media = urlsplit(MEDIA_URL)
_image_sources = [SELF, "data:"]
if _media.scheme and _media.netloc:
    _image_sources.append(f"{_media.scheme}://{_media.netloc}")
_image_sources += env.list("CSP_EXTRA_IMG_SRC", default=[])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": _image_sources,
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        # Violations are logged (newsroom.views.csp_report): the first sign that a page, an
        # admin screen or a browser extension does something the policy refuses.
        "report-uri": "/csp-report",
    },
}
# CSP_REPORT_ONLY=1 sends the same policy as Content-Security-Policy-Report-Only: nothing is
# blocked, every violation is reported. For trying the policy on a live site first.
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = CONTENT_SECURITY_POLICY
    CONTENT_SECURITY_POLICY = None

CSRF_FAILURE_VIEW = "newsroom.views.csrf_failure"
RATELIMIT_VIEW = "newsroom.views.ratelimited"
# Rate limits count per client, taken correctly behind TRUSTED_PROXY_COUNT proxies.
RATELIMIT_IP_META_KEY = "newsroom.clientip.client_ip"
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# With the cache unreachable, counts cannot be kept: accept the post rather than refuse every
# reader (the cache backend logs the condition once a minute; posts are still pre-moderated).
RATELIMIT_FAIL_OPEN = True

# Newsroom's own settings.
SITE_NAME = env.str("SITE_NAME", default="Báo Thanh Hóa Mới")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
COMMENT_IP_RETENTION_DAYS = env.int("COMMENT_IP_RETENTION_DAYS", default=30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Each failed login and each lockout at WARNING, with username and address; axes'
        # INFO chatter (clean-ups, successful logins, which AccessLog keeps) left out.
        "axes": {"level": env.str("AXES_LOG_LEVEL", default="WARNING")},
    },
}
