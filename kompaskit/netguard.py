"""Refuse requests to private networks: resolve a host and check every address it maps to.

A capture tool run on a researcher's machine must not be turned against the local network
(a page or a redirect pointing at ``localhost``, ``10.x``, ``169.254.169.254``, ``[::1]``...).
:func:`resolve_public` resolves a host with ``socket.getaddrinfo`` and refuses loopback,
private, link-local, multicast, reserved, unspecified and other non-global addresses (IPv4 and
IPv6, IPv4-mapped IPv6 included) unless private targets are allowed (``allow_private=True`` or
``KOMPASKIT_ALLOW_PRIVATE=1``; the tests' local servers use it).
"""
from __future__ import annotations

import ipaddress
import os
import socket

ALLOW_PRIVATE_ENV = "KOMPASKIT_ALLOW_PRIVATE"


class AddressRefused(Exception):
    """The host resolves to an address the kit will not connect to; message = one-line reason."""


def private_allowed(allow_private: bool | None = None) -> bool:
    """`allow_private` if given, else whether ``KOMPASKIT_ALLOW_PRIVATE`` is set to 1/true/yes."""
    if allow_private is not None:
        return bool(allow_private)
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in ("1", "true", "yes")


def address_refusal(address: str) -> str | None:
    """Why `address` (an IP literal) is not a public internet address, or None if it is."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    for label, flag in (("loopback", ip.is_loopback), ("unspecified", ip.is_unspecified),
                        ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                        ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if flag:
            return f"{label} address {ip}"
    if not ip.is_global:  # shared (100.64/10), documentation, 6to4 relay and the like
        return f"non-public address {ip}"
    return None


def resolve_public(host: str, port: int, allow_private: bool | None = None) -> list[tuple]:
    """``getaddrinfo`` results for `host`:`port` (TCP), refusing non-public addresses.

    Raises `AddressRefused` when the name does not resolve or when any address it maps to is
    non-public (one bad address is enough: the connection could go to any of them).
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise AddressRefused(f"cannot resolve host {host} ({getattr(exc, 'strerror', None) or exc})") from None
    if not infos:
        raise AddressRefused(f"cannot resolve host {host}")
    if private_allowed(allow_private):
        return infos
    for info in infos:
        reason = address_refusal(str(info[4][0]))
        if reason:
            raise AddressRefused(f"host {host} resolves to a {reason} (refused; "
                                 f"--allow-private or {ALLOW_PRIVATE_ENV}=1 to allow)")
    return infos
