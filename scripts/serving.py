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
