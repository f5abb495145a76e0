"""fetch cannot be turned against the network (issue 13, item 7).

Refusals are tested with a resolver stub (``socket.getaddrinfo`` monkeypatched): no test opens a
connection to a non-loopback address. The slow-drip and IPv6 servers listen on loopback only.
"""
from __future__ import annotations

import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kompaskit import netguard
from kompaskit.fetch import fetch_urls, main


def _stub_resolver(monkeypatch, table: dict[str, str]):
    """Resolve names in `table` to the given IP; fail if anything tries to connect elsewhere."""
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host in table:
            ip = table[host]
            fam = socket.AF_INET6 if ":" in ip else socket.AF_INET
            addr = (ip, port, 0, 0) if fam == socket.AF_INET6 else (ip, port)
            return [(fam, socket.SOCK_STREAM, 6, "", addr)]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    connects: list = []
    real_connect = socket.socket.connect

    def guarded_connect(self, address):
        connects.append(address)
        assert address[0] in ("127.0.0.1", "::1"), f"test tried to connect to {address}"
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    return connects


@pytest.mark.parametrize("ip, label", [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.7", "private"),
    ("169.254.169.254", "link-local"), ("224.0.0.1", "multicast"), ("240.0.0.1", "reserved"),
    ("0.0.0.0", "unspecified"), ("100.64.0.1", "non-public"), ("::1", "loopback"),
    ("fe80::1", "link-local"), ("fc00::5", "private"), ("ff02::1", "multicast"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"),
])
def test_private_addresses_refused_before_connecting(monkeypatch, tmp_path, ip, label):
    monkeypatch.delenv("KOMPASKIT_ALLOW_PRIVATE", raising=False)
    connects = _stub_resolver(monkeypatch, {"intranet.example": ip})
    log = io.StringIO()
    (res,) = fetch_urls(["http://intranet.example/rahasia"], to=tmp_path, delay=0, log=log)
    assert res.status == "refused" and label in res.reason, res.reason
    assert connects == [], "nothing may be connected to"
    assert log.getvalue().count("\n") == 1 and log.getvalue().startswith("refused http://intranet.example/rahasia:")
    assert not list(tmp_path.iterdir())


def test_public_address_classified_public():
    assert netguard.address_refusal("8.8.8.8") is None
    assert netguard.address_refusal("2001:4860:4860::8888") is None


def test_allow_private_flag_and_env(monkeypatch):
    monkeypatch.delenv("KOMPASKIT_ALLOW_PRIVATE", raising=False)
    assert not netguard.private_allowed()
    with pytest.raises(netguard.AddressRefused):
        netguard.resolve_public("127.0.0.1", 80)
    assert netguard.resolve_public("127.0.0.1", 80, allow_private=True)
    monkeypatch.setenv("KOMPASKIT_ALLOW_PRIVATE", "1")
    assert netguard.private_allowed() and netguard.resolve_public("127.0.0.1", 80)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    redirect_to = "http://[::1]/admin"

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        try:
            if self.path == "/drip":  # one byte every 0.1 s, forever (well, 10 minutes)
                self.send_response(200)
                self.send_header("Content-Length", "6000")
                self.end_headers()
                for _ in range(6000):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif self.path == "/drip-headers":  # the status line and headers never finish
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for i in range(6000):
                    self.wfile.write(b"X-Drip-%d: y\r\n" % i)
                    self.wfile.flush()
                    time.sleep(0.1)
            elif self.path.startswith("/redirect"):
                self.send_response(302)
                self.send_header("Location", self.server.redirect_to)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                body = b"<html><body><p>Halaman biasa.</p></body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def _serve(family=socket.AF_INET, host="127.0.0.1", redirect_to="http://[::1]/admin"):
    class Server(ThreadingHTTPServer):
        address_family = family
        daemon_threads = True
        block_on_close = False

    httpd = Server((host, 0), _Handler)
    httpd.redirect_to = redirect_to
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return httpd


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_slow_drip_cannot_outlast_total_timeout(monkeypatch, tmp_path, path):
    monkeypatch.setenv("KOMPASKIT_ALLOW_PRIVATE", "1")
    httpd = _serve()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}{path}"
        log = io.StringIO()
        start = time.monotonic()
        results = fetch_urls([url, f"http://127.0.0.1:{httpd.server_address[1]}/ok"], to=tmp_path,
                             delay=0, read_timeout=5, total_timeout=1.0, log=log)
        elapsed = time.monotonic() - start
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert elapsed < 3.0, f"took {elapsed:.1f} s for a 1 s deadline"
    assert results[0].status == "refused" and "overall time limit" in results[0].reason
    assert results[1].status == "saved", "the batch goes on after a failed URL"
    assert len(log.getvalue().splitlines()) == 2


def test_redirect_to_ipv6_loopback_without_port_is_refused_and_batch_goes_on(monkeypatch, tmp_path):
    monkeypatch.delenv("KOMPASKIT_ALLOW_PRIVATE", raising=False)
    # the replay server on 127.0.0.1 stands in for a public site: only its address is allowed
    real = netguard.address_refusal
    monkeypatch.setattr(netguard, "address_refusal", lambda ip: None if ip == "127.0.0.1" else real(ip))
    _stub_resolver(monkeypatch, {"internal.example": "10.0.0.5", "localhost": "::1"})
    httpd = _serve(redirect_to="http://[::1]/admin")
    port = httpd.server_address[1]
    try:
        log = io.StringIO()
        results = fetch_urls([f"http://127.0.0.1:{port}/redirect", "http://internal.example/",
                              f"http://127.0.0.1:{port}/ok"], to=tmp_path, delay=0, log=log)
        httpd.redirect_to = "http://localhost:1/x"
        again = fetch_urls([f"http://127.0.0.1:{port}/redirect2"], to=tmp_path, delay=0, log=log)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert results[0].status == "refused" and "loopback address ::1" in results[0].reason
    assert results[1].status == "refused" and "private address 10.0.0.5" in results[1].reason
    assert results[2].status == "saved"
    assert again[0].status == "refused" and "loopback" in again[0].reason
    assert len(log.getvalue().splitlines()) == 4


def test_ipv6_literal_urls_parse_and_connect(monkeypatch, tmp_path):
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        httpd = _serve(socket.AF_INET6, "::1", redirect_to="http://[::1]/")  # no port: port 80
    except OSError as exc:
        pytest.skip(f"cannot listen on [::1] ({exc})")
    port = httpd.server_address[1]
    try:
        log = io.StringIO()
        results = fetch_urls([f"http://[::1]:{port}/halaman", "http://[::1]/", f"http://[::1]:{port}/redirect"],
                             to=tmp_path, delay=0, allow_private=True, connect_timeout=1, log=log)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert results[0].status == "saved" and results[0].final_url == f"http://[::1]:{port}/halaman"
    # without a port: port 80 on ::1 (nothing listens) -> a clean refusal, never InvalidURL
    assert results[1].status == "refused" and "InvalidURL" not in results[1].reason
    assert "cannot connect" in results[1].reason
    assert results[2].status == "refused" and "cannot connect" in results[2].reason
    assert len(log.getvalue().splitlines()) == 3


def test_cli_refuses_private_without_flag(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("KOMPASKIT_ALLOW_PRIVATE", raising=False)
    httpd = _serve()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/ok"
    try:
        assert main([url, "--to", str(tmp_path), "--delay", "0"]) == 1
        assert "loopback address 127.0.0.1" in capsys.readouterr().err
        assert main([url, "--to", str(tmp_path), "--delay", "0", "--allow-private"]) == 0
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert len(list(tmp_path.glob("*.warc.gz"))) == 1
