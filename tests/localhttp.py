"""Real HTTP(S) servers on 127.0.0.1 for the external-link tests, and a guard that fails a test
that tries to reach any other address.

``Server`` is a threaded ``http.server`` (HTTP/1.1, keep-alive) on 127.0.0.1 port 0 whose
paths answer as their names say; it logs every request (method, path, headers). ``tls=`` wraps
it in a TLS context. ``loopback_only()`` patches ``socket.getaddrinfo`` and ``socket.connect``
so that a name other than a loopback one, or a connection to a non-loopback address, raises
and is recorded: the tests cannot touch the internet, and say so if they try.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGE = b"""<!doctype html><html><head><title>Guide</title></head><body>
<h1 id="intro">Intro</h1><h2 id="install">Install</h2><a name="legacy-anchor"></a>
<p id="last">The end.</p></body></html>"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "local"

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status, body=b"", headers=(), head=False):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        if not any(k.lower() == "content-type" for k, _ in headers):
            self.send_header("Content-Type", "text/plain")
        self.end_headers()
        if not head and body:
            self.wfile.write(body)

    def _count(self, key):
        with self.server.lock:
            n = self.server.counts.get(key, 0) + 1
            self.server.counts[key] = n
            return n

    def do_HEAD(self):
        self.handle_any(head=True)

    def do_GET(self):
        self.handle_any(head=False)

    def handle_any(self, head):
        srv = self.server
        with srv.lock:
            srv.log.append((self.command, self.path, dict(self.headers), time.monotonic()))
        path = self.path.split("?", 1)[0]
        if srv.delay:
            time.sleep(srv.delay)
        if path in srv.routes:
            status, headers, body = srv.routes[path]
            return self._send(status, body, headers=headers, head=head)
        if path.startswith("/ok") or path.startswith("/bench/"):
            return self._send(200, b"fine", head=head)
        if path.startswith(("/doi/10.5555/", "/arxiv/2101.00001")):  # resolvers that know these ids
            return self._send(200, b"fine", head=head)
        if path == "/moved":
            return self._send(301, headers=[("Location", "/ok/new")], head=head)
        if path == "/moved-twice":
            return self._send(308, headers=[("Location", "/moved")], head=head)
        if path == "/temporary":
            return self._send(302, headers=[("Location", "/ok")], head=head)
        if path == "/loop":
            return self._send(301, headers=[("Location", "/loop")], head=head)
        if path == "/to-ftp":
            return self._send(301, headers=[("Location", "ftp://127.0.0.1/file")], head=head)
        if path == "/gone":
            return self._send(404, b"no such page", head=head)
        if path == "/moved-to-gone":
            return self._send(301, headers=[("Location", "/gone")], head=head)
        if path == "/forbidden":
            return self._send(403, b"robots go away", head=head)
        if path == "/no-head":
            if head:
                return self._send(405, head=True)
            return self._send(200, b"fine")
        if path.startswith("/rate-limited-once"):
            if self._count(path) == 1:
                return self._send(429, headers=[("Retry-After", "1")], head=head)
            return self._send(200, b"fine", head=head)
        if path == "/rate-limited-long":
            return self._send(429, headers=[("Retry-After", "3600")], head=head)
        if path == "/rate-limited-date":
            if self._count(path) == 1:
                when = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=2)
                return self._send(429, headers=[("Retry-After", when.strftime("%a, %d %b %Y %H:%M:%S GMT"))], head=head)
            return self._send(200, b"fine", head=head)
        if path == "/flaky":
            if self._count(path) == 1:
                return self._send(500, b"oops", head=head)
            return self._send(200, b"fine", head=head)
        if path == "/broken":
            return self._send(500, b"oops", head=head)
        if path == "/slow":
            time.sleep(srv.slow)
            return self._send(200, b"late", head=head)
        if path == "/truncated":  # the connection is cut in the middle of the status line
            self.wfile.write(b"HTTP/1.1 200 O")
            self.wfile.flush()
            self.close_connection = True
            return None
        if path == "/truncated-body.html":  # promises 5000 bytes, sends a few, hangs up
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            if not head:
                self.wfile.write(b"<html><body><h1 id='intro'>")
                self.wfile.flush()
            self.close_connection = True
            return None
        if path == "/page.html":
            return self._send(200, PAGE, headers=[("Content-Type", "text/html; charset=utf-8")], head=head)
        if path == "/cookie":
            return self._send(200, b"fine", headers=[("Set-Cookie", "session=secret; Path=/")], head=head)
        return self._send(404, b"unknown", head=head)


class Server:
    """A local server on 127.0.0.1 (port 0), run in a thread; a context manager."""

    def __init__(self, tls: ssl.SSLContext | None = None, delay: float = 0.0, slow: float = 3.0,
                 routes: dict | None = None):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.routes = {}
        for path, answer in (routes or {}).items():  # path -> status, or (status, headers, body)
            self.httpd.routes[path] = (answer, [], b"") if isinstance(answer, int) else answer
        self.httpd.daemon_threads = True
        self.httpd.lock = threading.Lock()
        self.httpd.log = []
        self.httpd.counts = {}
        self.httpd.delay = delay
        self.httpd.slow = slow
        self.httpd.request_queue_size = 256
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        host, port = self.httpd.server_address[:2]
        assert host == "127.0.0.1"
        self.base = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def log(self):
        return self.httpd.log

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def self_signed_context(folder: Path) -> ssl.SSLContext:
    """A server TLS context with a certificate for 127.0.0.1 that signs itself (made here, now)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "self-signed.pem", folder / "self-signed.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert_file, key_file)
    return ctx


_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "ip6-localhost"}


def _is_loopback(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host is None:
        return True  # a passive lookup for binding
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class NetworkEscape(AssertionError):
    pass


@contextlib.contextmanager
def loopback_only():
    """Within: any name lookup or connection that is not loopback raises NetworkEscape (and is
    listed in the yielded list), so a test cannot reach the internet."""
    attempts: list = []
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            attempts.append(("getaddrinfo", host))
            raise NetworkEscape(f"a test tried to look up {host!r}: tests stay on 127.0.0.1")
        return real_getaddrinfo(host, *args, **kwargs)

    def check(address):
        if isinstance(address, tuple) and not _is_loopback(address[0]):
            attempts.append(("connect", address))
            raise NetworkEscape(f"a test tried to connect to {address!r}: tests stay on 127.0.0.1")

    def connect(self, address):
        check(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        check(address)
        return real_connect_ex(self, address)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    try:
        yield attempts
    finally:
        socket.getaddrinfo = real_getaddrinfo
        socket.socket.connect = real_connect
        socket.socket.connect_ex = real_connect_ex


def serve_example(book: Path, routes: dict, host: str = "https://example.org") -> Server:
    """For a rule example (``rules/examples/<CODE>/setup.py``): serve ``routes`` from 127.0.0.1 and
    point the book's ``host`` URLs there, so the example reads as the real thing and checks locally.
    The server lives until the test process ends."""
    import atexit

    server = Server(routes=routes).__enter__()
    atexit.register(server.__exit__, None, None, None)
    for md in book.rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        md.write_text(text.replace(host, server.base), encoding="utf-8")
    return server


def stay_on_loopback(monkeypatch):
    """Generator for an autouse fixture: proxies from the environment are dropped (they would
    take requests elsewhere) and any attempt to leave 127.0.0.1 fails the test."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    with loopback_only() as attempts:
        yield
    assert not attempts, f"the test tried to leave 127.0.0.1: {attempts}"
