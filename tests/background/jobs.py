"""Tasks the queue's tests run in real worker processes: each appends lines to a file."""

import time
from pathlib import Path

from django.tasks import task


@task
def write_line(path, key, seconds=0.0):
    """``<key> start``, a pause, ``<key> done``; a run after a finished one does nothing."""
    path = Path(path)
    if path.exists() and f"{key} done\n" in path.read_text():
        return "already done"
    with path.open("a") as out:
        out.write(f"{key} start {time.time()}\n")
    time.sleep(seconds)
    with path.open("a") as out:
        out.write(f"{key} done\n")
    return "done"


def lines(path):
    path = Path(path)
    return path.read_text().splitlines() if path.exists() else []
