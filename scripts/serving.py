"""gunicorn on a free loopback port for the operations scripts (benchmark, fault and restore
checks): started, waited for, and stopped when the block ends."""

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(*args, env=None, ready_path="/", **popen):
    """Yield (base URL, process) once ``ready_path`` answers; ``args`` go to gunicorn."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{port}", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        **popen,
    )
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + ready_path, timeout=5).close()  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn did not answer on {base}{ready_path}")
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def serve(port, *, gunicorn_args=(), worker_args=()):
    """The README's serve command: gunicorn and the task worker (which also schedules the
    periodic work), started together and stopped together. Returns the exit code of the one
    that stopped first; Ctrl+C or SIGTERM stops both."""
    import signal

    python = str(ROOT / ".venv/bin/python")
    children = [
        subprocess.Popen([python, "manage.py", "run_worker", *worker_args], cwd=ROOT),
        subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                *gunicorn_args,
            ],
            cwd=ROOT,
        ),
    ]
    stopping = []

    def stop(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = 0
    try:
        while not stopping:
            ended = [c for c in children if c.poll() is not None]
            if ended:
                code = ended[0].returncode
                break
            time.sleep(0.2)
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
    return code


if __name__ == "__main__":
    import sys

    sys.exit(
        serve(
            int(os.environ.get("PORT", "8000")),
            gunicorn_args=["--workers", "2", "--threads", "4", "--access-logfile", "-"],
        )
    )
