"""fetch_image against real local HTTP servers, and the SSRF address policy."""

from __future__ import annotations

import ipaddress
import socket
import time

import httpx
import pytest

from meshforge.errors import InvalidRequest, PayloadTooLarge, UnsupportedMediaType
from meshforge.inputs import addresses
from meshforge.inputs.addresses import ResolutionError, is_public_address, resolve_host
from meshforge.inputs.fetch import ImageFetchError, build_pinned_request, fetch_image
from meshforge.inputs.images import ImageLimits

LIMITS = ImageLimits()
LOOPBACK_ONE = ipaddress.ip_address("127.0.0.1")


def only_127_0_0_1(address):
    """A test policy: the local server's address is 'public', every other one is not."""
    return address == LOOPBACK_ONE


@pytest.fixture
def png(image_bytes):
    return image_bytes("PNG", size=(16, 16))


def fake_dns(monkeypatch, table):
    """Make resolve_host answer from `table` and count lookups per name."""
    lookups: list[str] = []

    def resolve(host, port, timeout_s):
        lookups.append(host)
        if host not in table:
            raise ResolutionError(timed_out=False)
        return [ipaddress.ip_address(a) for a in table[host]]

    monkeypatch.setattr(addresses, "resolve_host", resolve)
    return lookups


# --- success -----------------------------------------------------------------------------


def test_fetches_an_image_from_a_private_server_when_allowed(local_server, png):
    url = local_server.route("/img.png", body=png, headers={"Content-Type": "image/png"})
    assert fetch_image(url, limits=LIMITS, allow_private=True) == png
    assert local_server.seen_hosts == [f"127.0.0.1:{local_server.port}"]


def test_connects_to_the_checked_address_but_sends_the_original_host(
    local_server, png, monkeypatch
):
    # "images.test" exists in no real DNS: the fetch can only work if it is pinned.
    lookups = fake_dns(monkeypatch, {"images.test": ["127.0.0.1"]})
    local_server.route("/img.png", body=png)
    url = local_server.url("/img.png", host="images.test")
    assert fetch_image(url, limits=LIMITS, is_allowed_address=only_127_0_0_1) == png
    assert local_server.seen_hosts == [f"images.test:{local_server.port}"]
    assert lookups == ["images.test"]


def test_follows_relative_and_absolute_redirects_within_the_limit(local_server, png):
    local_server.route("/img.png", body=png)
    local_server.route("/two", status=302, headers={"Location": local_server.url("/img.png")})
    url = local_server.route("/one", status=301, headers={"Location": "/two"})
    got = fetch_image(url, limits=LIMITS, is_allowed_address=only_127_0_0_1, max_redirects=2)
    assert got == png
    assert local_server.hits == ["/one", "/two", "/img.png"]


# --- address refusals --------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "[::1]",
        "10.1.2.3",
        "169.254.169.254",
        "0.0.0.0",
        "192.168.1.1",
        "172.16.0.1",
        "100.64.0.1",
        "224.0.0.1",
        "[::ffff:127.0.0.1]",
        "[fe80::1]",
        "[fc00::1]",
        "[::]",
    ],
)
def test_private_and_loopback_hosts_are_refused_before_connecting(local_server, host):
    local_server.route("/img.png", body=b"never served")
    with pytest.raises(ImageFetchError, match="private or loopback address") as caught:
        fetch_image(local_server.url("/img.png", host=host), limits=LIMITS)
    assert caught.value.status == 400
    assert local_server.hits == []


def test_redirect_to_a_forbidden_address_is_refused(local_server, png):
    local_server.route("/img.png", body=png)
    target = local_server.url("/img.png", host="127.0.0.2")
    url = local_server.route("/start", status=302, headers={"Location": target})
    with pytest.raises(ImageFetchError, match="private or loopback address"):
        fetch_image(url, limits=LIMITS, is_allowed_address=only_127_0_0_1)
    assert local_server.hits == ["/start"]


def test_redirect_to_a_name_resolving_privately_is_refused(local_server, monkeypatch):
    fake_dns(monkeypatch, {"ok.test": ["127.0.0.1"], "metadata.test": ["169.254.169.254"]})
    target = "http://metadata.test/latest/meta-data/"
    local_server.route("/start", status=307, headers={"Location": target})
    with pytest.raises(ImageFetchError, match="private or loopback address"):
        fetch_image(
            local_server.url("/start", host="ok.test"),
            limits=LIMITS,
            is_allowed_address=only_127_0_0_1,
        )


def test_a_name_with_one_private_address_among_public_ones_is_refused(monkeypatch):
    fake_dns(monkeypatch, {"mixed.test": ["93.184.216.34", "10.0.0.5"]})
    with pytest.raises(ImageFetchError, match="private or loopback address"):
        fetch_image("http://mixed.test/a.png", limits=LIMITS)


# --- limits, timeouts, redirects, answers ------------------------------------------------


def test_declared_oversize_body_is_refused(local_server, png):
    url = local_server.route("/big", body=png)
    with pytest.raises(PayloadTooLarge) as caught:
        fetch_image(url, limits=ImageLimits(max_bytes=len(png) - 1), allow_private=True)
    assert caught.value.status == 413


def test_undeclared_oversize_body_is_cut_off_while_streaming(local_server):
    url = local_server.route("/stream", body=b"\x89PNG" + b"x" * 200_000, send_length=False)
    with pytest.raises(PayloadTooLarge, match="larger than 1000 bytes"):
        fetch_image(url, limits=ImageLimits(max_bytes=1000), allow_private=True)


def test_slow_server_hits_the_deadline(local_server, png):
    url = local_server.route("/slow", body=png, delay_s=3.0)
    started = time.monotonic()
    with pytest.raises(ImageFetchError, match="took longer than 0.5 s"):
        fetch_image(url, limits=LIMITS, allow_private=True, timeout_s=0.5)
    assert time.monotonic() - started < 1.5


def test_trickling_body_is_cut_at_the_overall_deadline(local_server, png):
    # Each byte arrives within httpx's per-read timeout, so only the overall deadline
    # (the watchdog that shuts the socket) stops this at 1 s rather than at 1.8 s.
    url = local_server.route("/trickle", body=png, trickle_s=0.9)
    started = time.monotonic()
    with pytest.raises(ImageFetchError, match="took longer than 1 s"):
        fetch_image(url, limits=LIMITS, allow_private=True, timeout_s=1.0)
    assert time.monotonic() - started < 1.4


def test_deadline_covers_the_whole_redirect_chain(local_server, png):
    local_server.route("/img.png", body=png, delay_s=0.4)
    local_server.route("/b", status=302, headers={"Location": "/img.png"}, delay_s=0.4)
    url = local_server.route("/a", status=302, headers={"Location": "/b"}, delay_s=0.4)
    with pytest.raises(ImageFetchError, match="took longer than 1 s"):
        fetch_image(url, limits=LIMITS, allow_private=True, timeout_s=1.0)


def test_too_many_redirects_are_refused(local_server):
    url = local_server.route("/loop", status=302, headers={"Location": "/loop"})
    with pytest.raises(ImageFetchError, match="redirected more than 3 times"):
        fetch_image(url, limits=LIMITS, allow_private=True, max_redirects=3)
    assert local_server.hits == ["/loop"] * 4


def test_redirect_without_location_is_an_error(local_server):
    url = local_server.route("/nowhere", status=302)
    with pytest.raises(ImageFetchError, match="HTTP 302 without a Location"):
        fetch_image(url, limits=LIMITS, allow_private=True)


@pytest.mark.parametrize("status", [404, 403, 500])
def test_error_status_is_reported(local_server, status):
    url = local_server.route("/x", status=status, body=b"nope")
    with pytest.raises(ImageFetchError, match=f"the image URL answered HTTP {status}"):
        fetch_image(url, limits=LIMITS, allow_private=True)


def test_non_image_body_is_unsupported(local_server):
    url = local_server.route("/page", body=b"<!DOCTYPE html><html></html>")
    with pytest.raises(UnsupportedMediaType, match="HTML; accepted formats are PNG, JPEG or WebP"):
        fetch_image(url, limits=LIMITS, allow_private=True)


def test_truncated_image_body_is_refused(local_server, image_bytes):
    data = image_bytes("PNG", size=(64, 64))
    url = local_server.route("/cut", body=data[: len(data) // 2])
    with pytest.raises(InvalidRequest, match="could not be decoded"):
        fetch_image(url, limits=LIMITS, allow_private=True)


def test_compressed_answer_is_refused(local_server, png):
    url = local_server.route("/gz", body=png, headers={"Content-Encoding": "gzip"})
    with pytest.raises(ImageFetchError, match="Content-Encoding gzip"):
        fetch_image(url, limits=LIMITS, allow_private=True)


def test_closed_port_is_a_connection_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound but not listening: connections are refused
        with pytest.raises(ImageFetchError, match="could not connect"):
            fetch_image(f"http://127.0.0.1:{port}/a.png", limits=LIMITS, allow_private=True)


@pytest.mark.parametrize("url", ["ftp://example.com/a.png", "file:///etc/passwd", "http:///x"])
def test_only_http_urls_with_a_host_are_fetched(url):
    with pytest.raises(ImageFetchError):
        fetch_image(url, limits=LIMITS, allow_private=True)


def test_unresolvable_host_is_reported(monkeypatch):
    fake_dns(monkeypatch, {})
    with pytest.raises(ImageFetchError, match="'nowhere.test' does not resolve"):
        fetch_image("https://nowhere.test/a.png", limits=LIMITS)


def test_fetch_error_is_an_invalid_request():
    assert issubclass(ImageFetchError, InvalidRequest)
    assert ImageFetchError("x").code == "invalid_request"


# --- pinning for https -------------------------------------------------------------------


def test_https_request_is_pinned_with_sni_and_host_of_the_original_name():
    with httpx.Client() as client:
        url = httpx.URL("https://images.example:8443/a.png?v=2")
        request = build_pinned_request(client, url, ipaddress.ip_address("93.184.216.34"), 5.0)
    assert str(request.url) == "https://93.184.216.34:8443/a.png?v=2"
    assert request.headers["Host"] == "images.example:8443"
    assert request.extensions["sni_hostname"] == "images.example"


def test_https_pinning_uses_the_punycode_name_and_brackets_ipv6():
    with httpx.Client() as client:
        url = httpx.URL("https://bücher.example/a.png")
        request = build_pinned_request(client, url, ipaddress.ip_address("2001:db8::1"), 5.0)
    assert request.url.host == "2001:db8::1"
    assert str(request.url).startswith("https://[2001:db8::1]/")
    assert request.headers["Host"] == "xn--bcher-kva.example"
    assert request.extensions["sni_hostname"] == "xn--bcher-kva.example"


def test_plain_http_and_ip_literal_https_need_no_sni():
    with httpx.Client() as client:
        for raw in ("http://images.example/a.png", "https://93.184.216.34/a.png"):
            request = build_pinned_request(
                client, httpx.URL(raw), ipaddress.ip_address("93.184.216.34"), 5.0
            )
            assert "sni_hostname" not in request.extensions


# --- the address policy and the resolver -------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["8.8.8.8", "93.184.216.34", "2001:4860:4860::8888", "2606:4700::1111"],
)
def test_global_unicast_addresses_are_public(address):
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.255.0.9",
        "10.0.0.1",
        "172.31.255.255",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "239.255.255.250",
        "255.255.255.255",
        "240.0.0.1",
        "192.0.2.1",
        "198.18.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "fec0::1",
        "ff02::1",
        "ff0e::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a9fe:a9fe",
        "2002:7f00:1::",
        "2001:db8::1",
    ],
)
def test_non_global_addresses_are_not_public(address):
    assert not is_public_address(ipaddress.ip_address(address))


def test_resolver_returns_literals_without_a_lookup(monkeypatch):
    def no_lookup(*args, **kwargs):
        raise AssertionError("an IP literal needs no DNS lookup")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    assert resolve_host("[::1]", 80, 1.0) == [ipaddress.ip_address("::1")]
    assert resolve_host("10.0.0.1", 80, 1.0) == [ipaddress.ip_address("10.0.0.1")]


def test_resolver_gives_up_at_its_timeout(monkeypatch):
    def slow_lookup(*args, **kwargs):
        time.sleep(2.0)
        return []

    monkeypatch.setattr(socket, "getaddrinfo", slow_lookup)
    started = time.monotonic()
    with pytest.raises(ResolutionError) as caught:
        resolve_host("slow.test", 80, 0.2)
    assert caught.value.timed_out
    assert time.monotonic() - started < 1.0


def test_resolver_deduplicates_and_strips_ipv6_scope(monkeypatch):
    def lookup(*args, **kwargs):
        return [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("fe80::1%eth0", 80, 0, 2)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.1", 80)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.1", 80)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    assert resolve_host("two.test", 80, 1.0) == [
        ipaddress.ip_address("fe80::1"),
        ipaddress.ip_address("10.0.0.1"),
    ]


def test_localhost_resolves_to_loopback_for_real():
    found = resolve_host("localhost", 80, 5.0)
    assert found and all(address.is_loopback for address in found)
