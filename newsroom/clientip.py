"""The visitor's address, taken correctly behind a known number of reverse proxies.

Each proxy appends the address it received the request from to X-Forwarded-For, so with
settings.TRUSTED_PROXY_COUNT = N proxies in front of us the client is the N-th entry from the
right. Entries further left were written by the client itself and are never trusted. With
N = 0 (no proxy), X-Forwarded-For is ignored altogether.
"""

import ipaddress

from django.conf import settings


def _clean(value: str) -> str | None:
    value = value.strip().strip('"')
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.9:51234"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's address as text, or "" when there is none to be had (a Unix socket)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [p for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p]
        if len(forwarded) >= proxies:
            address = _clean(forwarded[-proxies])
            if address:
                return address
    return _clean(remote) or ""


def client_network(request) -> str | None:
    """The client as the abuse limits count it: its IPv4 address, or its IPv6 /64 network
    (one subscriber is usually handed a whole /64, so counting single IPv6 addresses would
    give them 2**64 fresh tries). None when there is no address.

    Both the comment rate limits and the login lockout (django-axes) count by this, so one
    rule decides who "the same client" is, behind TRUSTED_PROXY_COUNT proxies or not."""
    text = client_ip(request)
    if not text:
        return None
    address = ipaddress.ip_address(text)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def ratelimit_key(group, request) -> str:
    """django-ratelimit key: the client network (above), "unknown" when there is none."""
    return client_network(request) or "unknown"
