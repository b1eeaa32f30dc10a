"""The one-machine stack of README ("Running the whole stack on one machine"), started from
Python for the edge tests (tests/edge/) and the edge benchmark (bench/bench_edge.py):
varnishd with deploy/varnish/default.vcl in front of gunicorn app servers
(deploy/gunicorn.conf.py) and nginx serving media (deploy/nginx/media.conf), on free
loopback ports, everything in one temporary folder.

The shipped files are used as they are; only the ports in deploy/varnish/backends.vcl and
deploy/nginx/media.conf are replaced by free ones (written to the temporary folder, which
comes first on varnishd's vcl_path).
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
VCL = DEPLOY / "varnish" / "default.vcl"
BACKENDS_VCL = DEPLOY / "varnish" / "backends.vcl"
MEDIA_CONF = DEPLOY / "nginx" / "media.conf"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
# The ports backends.vcl and media.conf ship with.
SHIPPED_APP_PORTS = ("8001", "8002")
SHIPPED_MEDIA_PORT = "8081"


def _tool(name: str) -> str | None:
    """A program on PATH, or in /usr/sbin where Debian puts daemons (not on every PATH)."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


def varnishd() -> str | None:
    return _tool("varnishd")


def nginx() -> str | None:
    return _tool("nginx")


def has_xkey() -> bool:
    """varnish-modules' xkey, where Debian's varnish looks for vmods."""
    return any(Path("/usr/lib").glob("*/varnish/vmods/libvmod_xkey.so")) or any(
        Path("/usr/lib/varnish/vmods").glob("libvmod_xkey.so")
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Stack:
    """Processes started here, stopped in reverse order (each by its own process id)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.processes: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: list[str], **kwargs) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        log.close()
        self.processes.append((name, process))
        return process

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self, name: str) -> None:
        for index, (known, process) in enumerate(self.processes):
            if known == name:
                _end(process)
                del self.processes[index]
                return

    def stop_all(self) -> None:
        while self.processes:
            _, process = self.processes.pop()
            _end(process)


def _end(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    # The process's own group (start_new_session): gunicorn's and nginx's workers go with it.
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_for(url: str, *, timeout: float = 30, process: subprocess.Popen | None = None,
             what: str = "", stack: Stack | None = None) -> None:  # fmt: skip
    """Until `url` answers at all (any status), or fail with the process's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    log = stack.log(what) if stack and what else ""
    raise RuntimeError(f"{what or url} did not answer at {url}\n{log}")


# -- the app servers --------------------------------------------------------------------


def app_environment(folder: Path, *, database_url: str, cache_url: str, site_url: str) -> dict:
    """Production settings (config.settings, DEBUG off) on plain HTTP over the loopback,
    behind one proxy (Varnish adds the reader's address to X-Forwarded-For)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "PYTEST_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY="edge-tests-only-secret-key-" + "e" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        SITE_URL=site_url,
        CSRF_TRUSTED_ORIGINS=site_url,
        EDGE_PURGE_URLS=f"{site_url}/",
        BEHIND_PROXY="1",
        TRUSTED_PROXY_COUNT="1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def seed(env: dict, *args: str) -> dict:
    """Migrate and collect static files (side by side: neither needs the other), then write
    the edge tests' paper (tests/edge/seed.py)."""
    steps = [
        subprocess.Popen([sys.executable, "manage.py", *args], env=env, cwd=ROOT,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for args in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"])
    ]  # fmt: skip
    for step in steps:
        _, errors = step.communicate(timeout=300)
        if step.returncode != 0:
            raise RuntimeError(f"{' '.join(step.args[1:])}: {errors[-3000:]}")
    return run_seed(env, *args)


def run_seed(env: dict, *args: str) -> dict:
    """tests/edge/seed.py in a fresh process with the app servers' settings: its JSON."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.edge.seed", *args], env=env, cwd=ROOT,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"tests/edge/seed.py {' '.join(args)}: {result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_gunicorn(stack: Stack, name: str, env: dict, port: int, *, workers: int = 1):
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers),
           "GUNICORN_LOG_LEVEL": "warning"}  # fmt: skip
    command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "config.wsgi"]
    return stack.start(name, command, env=env, cwd=ROOT)


def start_task_worker(stack: Stack, env: dict):
    return stack.start("db_worker", [sys.executable, "manage.py", "db_worker"], env=env, cwd=ROOT)


# -- the edge ---------------------------------------------------------------------------


def backends_vcl(app_ports: list[int], media_port: int) -> str:
    """deploy/varnish/backends.vcl with free ports instead of the shipped ones."""
    text = BACKENDS_VCL.read_text()
    for shipped, port in zip(SHIPPED_APP_PORTS, app_ports, strict=True):
        text, count = re.subn(rf'\.port = "{shipped}";', f'.port = "{port}";', text)
        assert count == 1, f"backends.vcl: no app server on port {shipped}"
    text, count = re.subn(rf'\.port = "{SHIPPED_MEDIA_PORT}";', f'.port = "{media_port}";', text)
    assert count == 1, f"backends.vcl: no media backend on port {SHIPPED_MEDIA_PORT}"
    return text


def start_varnish(stack: Stack, port: int, backends: str, *, name: str = "varnishd",
                  memory: str = "64m"):  # fmt: skip
    """varnishd in the foreground, its working folder and generated backends.vcl under the
    stack's folder."""
    folder = stack.folder / name
    folder.mkdir()
    (folder / "backends.vcl").write_text(backends)
    command = [
        varnishd(), "-F", "-n", str(folder / "work"), "-a", f"127.0.0.1:{port}",
        "-f", str(VCL),
        "-p", f"vcl_path={folder}:{VCL.parent}:/etc/varnish:/usr/share/varnish/vcl",
        "-s", f"malloc,{memory}",
        # The tests run as whoever runs pytest, in a private temporary folder: no jail (as
        # root, varnishd would otherwise switch to the varnish user, who cannot enter it).
        "-j", "none",
        "-T", "127.0.0.1:0",
    ]  # fmt: skip
    process = stack.start(name, command)
    wait_for(f"http://127.0.0.1:{port}/healthz", process=process, what=name, stack=stack)
    return process


def start_nginx(stack: Stack, port: int, *, prefix: Path, name: str = "nginx"):
    """deploy/nginx/media.conf on `port`, serving `prefix`/media/."""
    text = MEDIA_CONF.read_text()
    text, count = re.subn(rf"listen 127\.0\.0\.1:{SHIPPED_MEDIA_PORT};",
                          f"listen 127.0.0.1:{port};", text)  # fmt: skip
    assert count == 1, f"media.conf: no listen on port {SHIPPED_MEDIA_PORT}"
    # nginx's scratch folders in the stack's folder, not the shipped shared ones.
    text = text.replace("/tmp/newsroom-nginx-", f"{stack.folder}/nginx-")  # noqa: S108
    config = stack.folder / f"{name}.conf"
    config.write_text(text)
    command = [nginx(), "-p", f"{prefix}/", "-c", str(config)]
    if os.geteuid() == 0:
        # nginx's workers would run as nobody, who cannot read a private temporary folder.
        command += ["-g", "user root;"]
    process = stack.start(name, command)
    wait_for(f"http://127.0.0.1:{port}/", process=process, what=name, stack=stack)
    return process


# -- throw-away databases ---------------------------------------------------------------


def postgres_beside(url: str, suffix: str) -> str:
    """A new empty database beside the one `url` names, `<name>_<suffix>`."""
    parsed = urlparse(url)
    name = f"{parsed.path.lstrip('/') or 'newsroom'}_{suffix}"
    _postgres_admin(url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    return urlunparse(parsed._replace(path=f"/{name}"))


def drop_postgres(url: str) -> None:
    name = urlparse(url).path[1:]
    _postgres_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_admin(url: str, *statements: str) -> None:
    try:
        import psycopg as driver
    except ImportError:
        import psycopg2 as driver
    parsed = urlparse(url)
    connection = driver.connect(
        host=parsed.hostname, port=parsed.port or 5432, user=parsed.username,
        password=parsed.password, dbname="postgres",
    )  # fmt: skip
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


# Set in a Redis database these helpers emptied, to the owner's host and process id: what
# tells them the keys there are theirs, and whether that run is still going.
REDIS_SENTINEL = "newsroom-edge-stack"


def redis_beside(url: str, db: int) -> str:
    """Database `db` of the Redis server `url` names, emptied for the stack: only if it is
    empty or was last emptied by a run that has ended (someone's data, or another run's
    stack, is never thrown away)."""
    import redis

    parsed = urlparse(url)
    url = urlunparse(parsed._replace(path=f"/{db}", query=""))
    client = redis.Redis.from_url(url)
    try:
        owner = (client.get(REDIS_SENTINEL) or b"").decode()
        if client.dbsize() and not owner:
            raise RuntimeError(
                f"{url} holds keys that the edge stack did not write; it empties this database,"
                " so it will not use it (empty it, or point CACHE_URL at another server)"
            )
        if owner and owner != _me() and _running(owner):
            raise RuntimeError(f"{url} is in use by another edge run ({owner}); wait for it")
        client.flushdb()
        client.set(REDIS_SENTINEL, _me())
    finally:
        client.close()
    return url


def _me() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _running(owner: str) -> bool:
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's run: assume it goes on
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def flush_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


# -- HTTP without a client library ------------------------------------------------------


class Answer:
    def __init__(self, status: int, headers, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str:
        return self.headers.get(name) or ""

    def __repr__(self):
        return f"<Answer {self.status} {dict(self.headers)}>"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, *, method: str = "GET", headers: dict | None = None, data: bytes | None = None,
          source: str | None = None, timeout: float = 15) -> Answer:  # fmt: skip
    """One request; redirects are answers, not followed. `source` binds the client socket to
    that loopback address (127.0.0.2: a sender the purge ACL does not name)."""
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    handlers = [NoRedirect()]
    if source:
        handlers.append(_SourceHandler(source))
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(request, timeout=timeout) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


class _SourceHandler(urllib.request.HTTPHandler):
    def __init__(self, source: str):
        super().__init__()
        self.source = source

    def http_open(self, request):
        import http.client

        source = self.source

        class Bound(http.client.HTTPConnection):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, source_address=(source, 0), **kwargs)

        return self.do_open(Bound, request)


def wait_until(check, *, timeout: float = 20, what: str = "the condition"):
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)
