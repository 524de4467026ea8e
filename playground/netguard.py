"""Prove the server fetches nothing from outside this machine.

With PLAYGROUND_NETGUARD=1 (the test suite sets it), every attempt by this
process to resolve or connect to a non-loopback address is refused and logged
to stderr as a line starting with "NETGUARD". The tests fail on any such line.
"""

from __future__ import annotations

import ipaddress
import os
import sys

PREFIX = "NETGUARD"
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::", ""}


def _is_local(host: object) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    host = str(host)
    if host in LOCAL_NAMES:
        return True
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def _hook(event: str, args: tuple) -> None:
    if event == "socket.getaddrinfo":
        host = args[0]
    elif event == "socket.connect":
        address = args[1]
        if not isinstance(address, tuple):  # a Unix socket path is local by definition
            return
        host = address[0]
    else:
        return
    if not _is_local(host):
        print(f"{PREFIX}: blocked {event} to {host!r}", file=sys.stderr, flush=True)
        raise OSError(f"{PREFIX}: network access outside this machine is disabled ({host})")


def install_if_requested() -> bool:
    if os.environ.get("PLAYGROUND_NETGUARD") != "1":
        return False
    sys.addaudithook(_hook)
    return True
