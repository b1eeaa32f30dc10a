import pytest
from django.test import RequestFactory

from newsroom.clientip import client_ip, client_network, ratelimit_key


def request(remote="10.0.0.2", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **meta)


def test_without_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("203.0.113.7", "1.2.3.4")) == "203.0.113.7"


def test_one_proxy_takes_the_last_entry_not_the_spoofed_first(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    spoofed = request("10.0.0.2", "6.6.6.6, 203.0.113.9")
    assert client_ip(spoofed) == "203.0.113.9"


def test_two_proxies_take_the_second_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1")) == "203.0.113.9"


def test_fewer_entries_than_proxies_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request("10.0.0.2", "203.0.113.9")) == "10.0.0.2"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.9:51234", "203.0.113.9"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
        ("khong-phai-ip", "10.0.0.2"),
    ],
)
def test_ports_and_garbage(settings, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.2", forwarded)) == expected


def test_ratelimit_key_counts_ipv6_per_64(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    one = ratelimit_key("g", request(forwarded="2001:db8:1:2::a"))
    two = ratelimit_key("g", request(forwarded="2001:db8:1:2:ffff::b"))
    other = ratelimit_key("g", request(forwarded="2001:db8:1:3::a"))
    assert one == two != other


def test_no_address_at_all():
    assert client_ip(request(remote="")) == ""
    assert ratelimit_key("g", request(remote="")) == "unknown"


def test_client_network_is_the_address_or_its_64_and_none_without_one(settings):
    # The login lockout (django-axes) stores this in an address column, so it must be an
    # address or None, never "unknown".
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_network(request(forwarded="203.0.113.9")) == "203.0.113.9"
    assert client_network(request(forwarded="2001:db8:1:2:ffff::b")) == "2001:db8:1:2::"
    assert client_network(request(remote="")) is None
