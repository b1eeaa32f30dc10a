# What differs from one machine to the next, included by default.vcl (`include
# "backends.vcl"`, found on varnishd's vcl_path). default.vcl relies on three names only:
#   the director `app`   (the gunicorn app servers),
#   the backend `media`  (what serves MEDIA_ROOT: deploy/nginx/media.conf),
#   the acl `purgers`    (who may send PURGE: the app servers, which purge on change).
# These values match README.md, "Running the whole stack on one machine".

# Readiness (newsroom/health.py): 503 only when the server's database does not answer; with
# Redis down or the task worker behind it says "degraded" with a 200, and the server stays
# in rotation (it serves pages from the database). The probe names a host in ALLOWED_HOSTS
# (else Django answers 400 and the server looks down), and says it came over HTTPS: with
# SECURE_SSL_REDIRECT on, a plain request would get a redirect, not a 200.
probe healthz {
    .request =
        "GET /healthz/ready HTTP/1.1"
        "Host: localhost"
        "X-Forwarded-Proto: https"
        "Connection: close";
    .expected_response = 200;
    .interval = 5s;
    .timeout = 2s;
    # Sick after 3 failures of the last 5, healthy again after 3 good answers: one slow
    # answer (a deploy's first request) does not take a server out.
    .window = 5;
    .threshold = 3;
}

backend app_a {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = healthz;
    .connect_timeout = 2s;
    # gunicorn's own timeout (deploy/gunicorn.conf.py) is 30 s: wait as long, not longer.
    .first_byte_timeout = 30s;
}

backend app_b {
    .host = "127.0.0.1";
    .port = "8002";
    .probe = healthz;
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# nginx serving MEDIA_ROOT (deploy/nginx/media.conf). No probe: with one media server there
# is nothing to fail over to, and Varnish keeps serving the photos it has.
backend media {
    .host = "127.0.0.1";
    .port = "8081";
    .connect_timeout = 2s;
}

# Who may PURGE. The app servers send their purges from these addresses (EDGE_PURGE_URLS
# names this Varnish); add the app servers' addresses when they run on other machines.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    # Round robin over the servers the probe finds healthy; any server can answer any
    # request (the app is stateless: sessions, caches and counters live in PostgreSQL and
    # Redis).
    new app = directors.round_robin();
    app.add_backend(app_a);
    app.add_backend(app_b);
}
