"""Latency at a fixed arrival rate (open loop), for the benchmark's rows (issue 20 item 3).

wrk keeps a fixed number of connections busy: on a saturated server its p99 is set by the
queue (Little's law), not by the page. Here requests are sent on a fixed schedule, ``rate`` a
second, whatever the server does, and each latency is counted from the moment the request was
due, not from when a free connection sent it: a slow answer delays the ones behind it and they
count it (no coordinated omission). The paths file is the wrk script's (scripts/bench/paths.lua):
a path per line, "{rand}" replaced on each request, or form bodies POSTed to one path.

    python scripts/bench/open_loop.py http://127.0.0.1:8000 var/bench/search.txt --rate 60 -d 15
"""

import argparse
import http.client
import queue
import random
import threading
import time
import urllib.parse

# what a kept-alive connection the server has closed raises, before any byte of an answer
STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def measure(base, paths_file, rate, duration, cookie=None, post_path=None, connections=64):
    """Send ``rate`` requests a second for ``duration`` seconds; return the latencies (ms) at
    p50, p99 and p99.9, the requests sent, the errors, and the rate really achieved."""
    url = urllib.parse.urlsplit(base)
    with open(paths_file) as handle:
        lines = [line for line in handle.read().splitlines() if line]
    rng = random.Random(3)
    due = queue.Queue()
    latencies, errors = [], []
    lock = threading.Lock()
    headers = {"Cookie": cookie} if cookie else {}
    if post_path:
        headers["Content-Type"] = "application/x-www-form-urlencoded"

    def answer(conn, line):
        if post_path:
            conn.request("POST", post_path, body=line, headers=headers)
        else:
            conn.request("GET", line, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status < 400

    def send(conn, line):
        kept_alive = conn.sock is not None  # an earlier answer left it open
        try:
            return answer(conn, line)
        except STALE:
            if not kept_alive:
                raise
            # The server closed this kept-alive connection while it was idle (gunicorn after
            # its keepalive, 2 s: below 32 requests/s on 64 connections each one idles longer):
            # no answer was begun, so send it again on a new connection, as a browser does;
            # the reconnection is in the latency.
            conn.close()
            return answer(conn, line)

    def worker():
        # http.client opens the connection at the first request, and again after close()
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        while (job := due.get()) is not None:
            at, line = job
            wait = at - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            line = line.replace("{rand}", str(rng.randrange(10**9)))
            try:
                ok = send(conn, line)
            except (OSError, http.client.HTTPException):
                conn.close()
                ok = False
            took = (time.perf_counter() - at) * 1000
            with lock:
                (latencies if ok else errors).append(took)
        conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    start = time.perf_counter() + 0.2
    total = int(rate * duration)
    for n in range(total):
        # evenly spaced arrivals; the workers sleep until each one is due
        due.put((start + n / rate, rng.choice(lines)))
    for _ in threads:
        due.put(None)
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    values = sorted(latencies)
    return {
        "rate": rate,
        "achieved": len(values) / elapsed if elapsed > 0 else 0.0,
        "p50": percentile(values, 0.50),
        "p99": percentile(values, 0.99),
        "p999": percentile(values, 0.999),
        "requests": len(values) + len(errors),
        "errors": len(errors),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base")
    parser.add_argument("paths_file")
    parser.add_argument("--rate", type=float, required=True, help="requests per second")
    parser.add_argument("-d", "--duration", type=float, default=15)
    parser.add_argument("--cookie")
    parser.add_argument("--post-path")
    args = parser.parse_args()
    result = measure(
        args.base, args.paths_file, args.rate, args.duration, args.cookie, args.post_path
    )
    print(
        f"{result['rate']:.0f}/s asked, {result['achieved']:.0f}/s answered: "
        f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, p99.9 {result['p999']:.1f} ms, "
        f"{result['errors']} errors of {result['requests']}"
    )


if __name__ == "__main__":
    main()
