"""Settings come from the environment and refuse to run production without a secret."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache.backends.redis import RedisCache

from newsroom.cache_backend import FailOpenRedisCache
from tests.conftest import redis_caches

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "baothanhhoamoi.vn",
    "CSRF_TRUSTED_ORIGINS": "https://baothanhhoamoi.vn",
    "DATABASE_URL": "sqlite:////tmp/newsroom-deploy-check.sqlite3",
}


def run_manage(*args, env_overrides, drop=()):
    drop = (*drop, "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_is_a_clear_startup_error_when_debug_is_off(tmp_path):
    result = run_manage(
        "check",
        env_overrides={"DEBUG": "0", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"},
        drop=("SECRET_KEY",),
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_runs_without_a_secret(tmp_path):
    result = run_manage(
        "check",
        env_overrides={"DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"},
        drop=("SECRET_KEY",),
    )
    assert result.returncode == 0, result.stderr


def test_check_deploy_reports_no_issues_with_the_documented_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=DEPLOY_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("sqlite:////tmp/x.sqlite3", "django.db.backends.sqlite3"),
        ("postgres://postgres@127.0.0.1:5432/newsroom", "django.db.backends.postgresql"),
    ],
)
def test_database_url_chooses_the_engine(url, engine):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        env_overrides={**DEPLOY_ENV, "DATABASE_URL": url},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(engine)


def cache_settings(cache_url: str, **env) -> dict:
    result = run_manage(
        "shell",
        "-c",
        "import json; from django.conf import settings; print(json.dumps(settings.CACHES))",
        env_overrides={**DEPLOY_ENV, "CACHE_URL": cache_url, **env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])["default"]


def test_cache_url_redis_is_djangos_own_backend_failing_open_with_short_timeouts():
    config = cache_settings("redis://127.0.0.1:6379/1")
    assert config["BACKEND"] == "newsroom.cache_backend.FailOpenRedisCache"
    assert config["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert config["OPTIONS"] == {
        "socket_connect_timeout": 0.25,
        "socket_timeout": 0.25,
        "RETRY_SECONDS": 5.0,
    }
    # What the outage tests use, but for their longer timeouts (tests.conftest.redis_caches).
    expected = redis_caches("redis://127.0.0.1:6379/1", RETRY_SECONDS=5.0)["default"]
    assert config["BACKEND"] == expected["BACKEND"]
    assert config["OPTIONS"].keys() == expected["OPTIONS"].keys()


def test_cache_timeouts_come_from_the_environment_or_the_url():
    config = cache_settings(
        "redis://127.0.0.1:6379/1?socket_timeout=1",
        CACHE_CONNECT_TIMEOUT="0.5",
        CACHE_SOCKET_TIMEOUT="0.75",
        CACHE_RETRY_SECONDS="2",
    )
    assert config["OPTIONS"] == {
        "socket_connect_timeout": 0.5,
        "socket_timeout": 1,  # the URL's own option wins
        "RETRY_SECONDS": 2.0,
    }
    assert FailOpenRedisCache.__mro__[1] is RedisCache


def test_other_caches_are_left_as_they_are():
    config = cache_settings("locmemcache://newsroom")
    assert config["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert "OPTIONS" not in config


def test_vietnamese_locale_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


def test_dates_are_shown_day_first_in_ho_chi_minh_time():
    from datetime import UTC, datetime

    from django.template import Context, Template
    from django.utils import translation

    moment = datetime(2026, 11, 27, 1, 30, tzinfo=UTC)
    with translation.override("vi"):
        rendered = Template("{{ moment|date:'DATETIME_FORMAT' }}").render(
            Context({"moment": moment})
        )
    assert rendered == "27/11/2026 08:30"
