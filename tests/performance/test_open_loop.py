"""The benchmark's open-loop client (scripts/bench/open_loop.py) counts each latency from the
moment its request was due: against a server that answers one request at a time in 20 ms, a
rate it can serve gives about 20 ms, and twice the rate it can serve gives latencies that grow
with the queue (a closed-loop client would still report about 20 ms)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from scripts.bench.open_loop import measure


class Slow(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        time.sleep(0.02)
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def one_at_a_time(tmp_path):
    server = HTTPServer(("127.0.0.1", 0), Slow)  # not threading: one request at a time
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    paths = tmp_path / "paths.txt"
    paths.write_text("/a?r={rand}\n/b\n")
    yield f"http://127.0.0.1:{server.server_port}", paths
    server.shutdown()


def test_below_capacity_the_latency_is_the_pages(one_at_a_time):
    base, paths = one_at_a_time
    result = measure(base, paths, rate=10, duration=2, connections=4)
    assert result["errors"] == 0
    assert result["requests"] == 20
    assert 18 <= result["p50"] < 60


def test_above_capacity_the_queue_is_counted(one_at_a_time):
    base, paths = one_at_a_time
    # 100 requests due within one second; the server answers at most 50 a second
    result = measure(base, paths, rate=100, duration=1, connections=1)
    assert result["requests"] == 100
    assert result["p99"] > 500
    assert result["achieved"] < 60


class Forgetful(Slow):
    """Closes each kept-alive connection that idles longer than 0.1 s, as gunicorn does after
    its keepalive (2 s)."""

    timeout = 0.1  # the handler closes the connection when no request came in time


def test_a_connection_the_server_closed_while_idle_is_no_error(tmp_path):
    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0), Forgetful)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    paths = tmp_path / "paths.txt"
    paths.write_text("/a\n")
    try:
        # 4 connections at 10 requests/s: each is used every 0.4 s, after the server closed it
        result = measure(f"http://127.0.0.1:{server.server_port}", paths, 10, 2, connections=4)
    finally:
        server.shutdown()
    assert result["requests"] == 20
    assert result["errors"] == 0
    assert 18 <= result["p50"] < 100
