vcl 4.1;

# Newsroom's edge cache (Varnish 7.1, varnish-modules' xkey).
#
#   varnishd -a :6081 -f $PWD/deploy/varnish/default.vcl \
#            -p vcl_path=$PWD/deploy/varnish:/etc/varnish:/usr/share/varnish/vcl -s malloc,256m
#
# The app decides what may be cached and for how long; this file only makes sure that its
# decision holds for every reader:
# - anonymous public pages come with `Cache-Control: public, …, s-maxage=N,
#   stale-while-revalidate=N, stale-if-error=N`, an ETag and an `xkey` header naming what
#   they show (site, article-12, comments-12, names, weather, home…): they are stored, shared
#   by every reader and purged by tag when what they show changes;
# - everything per person (the admin, previews, the moderation queue, the comment form's
#   tokens, posts) says `private, no-store` and is never stored; requests for it keep their
#   cookies, which public pages never see.
# Anything the app does not mark as shareable (public or s-maxage) is passed on, uncached: a
# new view that forgets its headers costs speed, never privacy.
#
# backends.vcl (same folder, found on vcl_path) holds what differs per machine: the app
# servers' director `app`, the `media` backend and the `purgers` acl.

import directors;
import std;
import xkey;

include "backends.vcl";

sub vcl_recv {
    # An absolute request target ("GET http://host/path") is the same page as "/path": the
    # rules below match on the path.
    set req.url = regsub(req.url, "^https?://[^/]+", "");

    # Restarts are ours (vcl_hit, vcl_synth); a reader cannot ask for them.
    if (req.restarts == 0) {
        unset req.http.X-Edge-Revalidate;
        unset req.http.X-Edge-Stale-OK;
    }
    # vcl_hit found the stored page too stale to serve while a server is up: without grace,
    # this lookup is a miss, and the reader waits for the new page. When no server gave one,
    # vcl_synth comes back for the stale page: req.grace outlives a restart, so lift it again
    # (the object's own grace, stale-if-error, is then the limit).
    if (req.http.X-Edge-Revalidate) {
        set req.grace = 0s;
    } else if (req.http.X-Edge-Stale-OK) {
        set req.grace = 3650d;
    }

    # The app purges by tag (EDGE_PURGE_URLS): `PURGE /` with `xkey-purge: <tags>`. A soft
    # purge marks the pages stale instead of dropping them: the next reader still gets the
    # old page at once (grace) while Varnish fetches the new one, so a purge during a spike
    # never sends every reader of an article to the app servers at the same moment.
    if (req.method == "PURGE") {
        # client.ip: the sender's address (the PROXY protocol's, when a TLS terminator
        # speaks it; see README). Anyone else could empty the cache and flood the app.
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header required"));
        }
        set req.http.X-Edge-Purged = xkey.softpurge(req.http.xkey-purge);
        return (synth(200, "Invalidated " + req.http.X-Edge-Purged + " objects"));
    }

    # Share links come back with trackers (Facebook's fbclid, Zalo's zarsrc, Google's gclid,
    # utm_*): the page is the same, so drop them before the lookup, or a shared article,
    # precisely the one a spike is about, would be fetched once per click.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|zarsrc)=") {
        set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid|zarsrc)=[^&]*", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]$", "");
    }

    # Uploaded photos and their renditions: files on shared storage, served by nginx
    # (deploy/nginx/media.conf); nothing there reads a cookie.
    if (req.url ~ "^/media/") {
        if (req.method != "GET" && req.method != "HEAD") {
            return (synth(405, "Method Not Allowed"));
        }
        set req.backend_hint = media;
        unset req.http.Cookie;
        unset req.http.Authorization;
        return (hash);
    }

    set req.backend_hint = app.backend();

    # collectstatic's files, served by WhiteNoise from the app servers: the same for
    # everyone, the newsroom included (a logged-in editor's cookie must not send every
    # script and stylesheet to the app servers again).
    if (req.url ~ "^/static/") {
        if (req.method != "GET" && req.method != "HEAD") {
            return (synth(405, "Method Not Allowed"));
        }
        unset req.http.Cookie;
        unset req.http.Authorization;
        return (hash);
    }

    # Per person, whatever the app's headers say: the admin (and its login), the comment
    # paths (the form's tokens from /binh-luan/phien/, the posts to /binh-luan/gui/, the
    # reply pages, the moderation queue), previews, the search (its answers are as many as
    # its queries: not worth storing), CSP reports and the health checks (/healthz,
    # /healthz/live, /healthz/ready). They keep their cookies: sessions and CSRF tokens live
    # there.
    if (req.url ~ "^/(quan-tri|binh-luan|xem-truoc|tim-kiem)/"
        || req.url ~ "^/(csp-report|healthz)(/|\?|$)") {
        return (pass);
    }

    # Posts keep their cookies and are never looked up.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # Someone of the newsroom, logged in, reading the site: the app builds their pages fresh
    # and they must not be stored, nor served from the readers' copy. Django's session
    # cookie is `sessionid` (SESSION_COOKIE_NAME).
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }

    # A reader's public page reads no cookie: without this, every reader's own cookies
    # (csrftoken, a stats script's) would make the request uncacheable (builtin vcl_recv).
    unset req.http.Cookie;
    # The site has one language: the pages do not depend on the browser's language list, and
    # must never be stored once per list (as a Vary: Accept-Language would make them).
    unset req.http.Accept-Language;

    # Falls through to the builtin vcl_recv: an Authorization header still passes.
}

sub vcl_hash {
    # http and https are different answers (with SECURE_SSL_REDIRECT, http gets a redirect):
    # the scheme the TLS terminator reports is part of the key. Then the builtin: URL, host.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_hit {
    # A page past its s-maxage is still served, stale, while Varnish fetches the new one in
    # the background (stale-while-revalidate); a page older than that waits for the new one,
    # unless the app servers are down, then the stale page goes out (stale-if-error: the
    # object's grace, set in vcl_backend_response, covers both).
    if (obj.ttl >= 0s || req.http.X-Edge-Stale-OK) {
        return (deliver);
    }
    if (obj.ttl + std.duration(regsub(obj.http.Cache-Control,
            "^.*stale-while-revalidate=([0-9]+).*$", "\1s"), 0s) > 0s) {
        return (deliver);
    }
    if (!std.healthy(req.backend_hint)) {
        return (deliver);
    }
    # Too stale to serve while a server is up: look up again with no grace, which makes this
    # object a miss (and the fetch a conditional one, on its ETag).
    set req.http.X-Edge-Revalidate = "1";
    return (restart);
}

sub vcl_backend_response {
    # A stale copy exists (a background refresh, or vcl_hit's revalidation): a failing server
    # must not replace it, keep serving it (stale-if-error).
    if (beresp.status >= 500 && (bereq.is_bgfetch || bereq.http.X-Edge-Revalidate)) {
        return (abandon);
    }

    # Photos and renditions: a new upload gets a new file name (Django never overwrites),
    # so a file under one name never changes. A miss is not kept long: its rendition may be
    # drawn a moment later.
    if (bereq.url ~ "^/media/") {
        if (beresp.status == 200) {
            set beresp.ttl = 30d;
            set beresp.grace = 1d;
        } else {
            set beresp.ttl = 10s;
        }
        return (deliver);
    }

    # Never stored: an answer that sets a cookie (a session, a CSRF token), one the app says
    # is per person or not to keep (never_cache: private, no-store), one it does not mark as
    # shareable, and `Vary: *`. Remembered as uncacheable for a while (hit-for-miss), so that
    # readers of such a URL are not queued behind one another, as they are for a page being
    # fetched; a later shareable answer is stored as usual.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "(?i)(public|s-maxage)"
        || beresp.http.Vary == "*") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }

    # Varnish has read s-maxage into the TTL and stale-while-revalidate into the grace. Keep
    # the object as long as stale-if-error allows instead: vcl_hit serves it past
    # stale-while-revalidate only while no server answers.
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control,
            "^.*stale-if-error=([0-9]+).*$", "\1s"), beresp.grace);
    }

    # The app sends its pages uncompressed; compress them once here, not per reader
    # (Varnish unzips for the rare reader that cannot take gzip).
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript))"
        && !beresp.http.Content-Encoding) {
        set beresp.do_gzip = true;
    }
    # /static/ is stored as WhiteNoise's headers say, like the pages: a year (public,
    # immutable) for the hashed names collectstatic writes, which the pages link to.
    return (deliver);
}

# The page a reader gets when no app server answers and no stale copy is left, in the
# site's language (the app's own error pages need the app).
sub newsroom_unavailable {
    synthetic(
        {"<!doctype html><html lang="vi"><meta charset="utf-8">"} +
        {"<title>Trang tạm thời gián đoạn</title>"} +
        {"<h1>Trang tạm thời gián đoạn</h1>"} +
        {"<p>Máy chủ đang bận hoặc đang bảo trì. Bạn vui lòng thử lại sau ít phút.</p></html>"});
}

sub vcl_backend_error {
    # No server answered and a stale copy exists: give up this fetch, and vcl_synth serves
    # the copy.
    if (bereq.is_bgfetch || bereq.http.X-Edge-Revalidate) {
        return (abandon);
    }
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "30";
    call newsroom_unavailable;
    return (deliver);
}

sub vcl_synth {
    # vcl_hit sent this request to the servers for a fresh page and none answered: serve the
    # stale copy after all (stale-if-error).
    if (resp.status == 503 && req.http.X-Edge-Revalidate && req.restarts < 3) {
        unset req.http.X-Edge-Revalidate;
        set req.http.X-Edge-Stale-OK = "1";
        return (restart);
    }
    if (resp.status == 503) {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Retry-After = "30";
        call newsroom_unavailable;
        return (deliver);
    }
    # PURGE's answers and the refusals above: a line of text for whoever sent them.
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    synthetic(resp.reason + {"
"});
    return (deliver);
}

sub vcl_deliver {
    # For people checking the edge (README: curl -I twice): HIT from the cache, MISS fetched
    # and stored, PASS never stored.
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The tags are for purging here, not for readers.
    unset resp.http.xkey;
}
