"""Which network addresses an image URL may lead to, and resolving host names to them.

The server fetches user-supplied URLs, so without this a request could read cloud
metadata (169.254.169.254), admin ports on localhost or anything on the private network.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable, Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressPolicy = Callable[[IPAddress], bool]

# NAT64 (RFC 6052) embeds an IPv4 address that the translator would then reach for us.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class ResolutionError(Exception):
    """The host name did not resolve (`timed_out` tells a slow resolver from a bad name)."""

    def __init__(self, timed_out: bool) -> None:
        super().__init__("timed out" if timed_out else "no address")
        self.timed_out = timed_out


def is_public_address(address: IPAddress) -> bool:
    """True only for globally routable unicast addresses, including any IPv4 they embed."""
    return all(_is_public_unicast(candidate) for candidate in _with_embedded_ipv4(address))


def allow_any_address(address: IPAddress) -> bool:
    """The policy used when private addresses are explicitly allowed."""
    return True


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address if `host` is an IP literal (brackets allowed), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def resolve_host(host: str, port: int, timeout_s: float) -> list[IPAddress]:
    """Every address `host` resolves to, in resolver order, within `timeout_s`.

    getaddrinfo cannot be given a timeout, so it runs in a daemon thread we stop waiting
    for; a hung resolver then costs one parked thread, never the caller's deadline.
    """
    literal = parse_ip_literal(host)
    if literal is not None:
        return [literal]
    found: list[IPAddress] = []
    done = threading.Event()

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.extend(_unique_addresses(info[4][0] for info in infos))
        except (OSError, UnicodeError, ValueError):
            pass
        finally:
            done.set()

    threading.Thread(target=lookup, name="meshforge-dns", daemon=True).start()
    if not done.wait(max(timeout_s, 0.0)):
        raise ResolutionError(timed_out=True)
    if not found:
        raise ResolutionError(timed_out=False)
    return found


def _unique_addresses(raw: Iterable[object]) -> list[IPAddress]:
    addresses: list[IPAddress] = []
    for text in raw:
        # Scoped IPv6 ("fe80::1%eth0") keeps its scope out of the comparison.
        address = ipaddress.ip_address(str(text).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def _with_embedded_ipv4(address: IPAddress) -> list[IPAddress]:
    candidates: list[IPAddress] = [address]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            candidates.append(address.ipv4_mapped)
        if address.sixtofour is not None:
            candidates.append(address.sixtofour)
        if address in _NAT64:
            candidates.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return candidates


def _is_public_unicast(address: IPAddress) -> bool:
    # is_global alone misses multicast and, on some Python versions, a few special ranges.
    refused = (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )
    if isinstance(address, ipaddress.IPv6Address):
        refused = refused or address.is_site_local
    return address.is_global and not refused
