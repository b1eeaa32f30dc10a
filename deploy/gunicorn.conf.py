"""gunicorn settings for an app server behind Varnish.

    GUNICORN_BIND=127.0.0.1:8001 gunicorn -c deploy/gunicorn.conf.py config.wsgi

Every value can be changed from the environment, so that several servers on one machine
(README, "Running the whole stack on one machine") share this file.

Workers: one sync worker per core (GUNICORN_WORKERS overrides). A page from the app's own
cache is pure CPU (no query, one Redis read), so workers beyond the cores only take turns on
them: on 2 cores, the cached article page under wrk answered more with 2 workers than with 4
(README, "Running the whole stack on one machine", for the figures). The usual advice of
2 × cores + 1 is for workers that wait on I/O; ours wait on PostgreSQL only for a page the
edge and the page cache both missed, which Varnish makes rare.
"""

import os


def _cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", _cores()))
worker_class = "sync"

# A request that takes longer than this is stuck: the worker is killed and replaced. Varnish
# waits as long (first_byte_timeout in deploy/varnish/backends.vcl).
timeout = 30
# On SIGTERM or SIGHUP (a deploy), workers finish the requests they have for up to this long.
graceful_timeout = 30
# (No keepalive: sync workers close each connection after one answer; Varnish opens one
# per fetch, over the loopback or the LAN.)

# Varnish logs every request (varnishncsa); a second access log here would only cost time.
# GUNICORN_ACCESS_LOG=- writes one to stdout when a server needs watching.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "newsroom")
