"""What the stems cost the benchmark's own search pages (issue 19 item 5), whole pages in one
process: the same paths, the same code and the same database, each page rendered with every
typed word searched as a prefix only (as before the stems) and as a prefix or its stem (now),
interleaved, so the machine's noise hits both alike.

Run scripts/benchmark.sh once first (it fills the database and writes the paths it loads into
var/bench/); then, with the benchmark's settings:

    PGHOST=$PWD/var/pg/run PGUSER=postgres PGDATABASE=disnaker_bench \
        .venv/bin/python scripts/bench/stems_page_cost.py var/bench/search_words.txt [ROUNDS]

Each path's page is timed ROUNDS times each way (median) and its matches counted each way
(all of them: the page ranks the newest 1,001);
the paths are then told apart: those where the stems find no vacancy more (the same work, so
any difference is the stems' own cost) and those where they find more (a larger result).
"""

import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qsl, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ["DJANGO_SETTINGS_MODULE"] = "scripts.bench.settings"

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from jobboard import search  # noqa: E402
from jobboard.models import Vacancy  # noqa: E402

LIMIT = 1001  # the ranked window of the list (50 pages of 20, and one more)


def prefix_only(word):
    return f"{word}:*"


def matches(path):
    """How many vacancies the path's search finds (all of them, not only the ranked window)."""
    data = dict(parse_qsl(urlsplit(path).query))
    text = data.get("q", "")
    # the list's own filters, not the benchmark's "r" that keeps its pages uncached
    data = {name: value for name, value in data.items() if name in search.VACANCY_FILTERS}
    vacancies, _words = search.filter_vacancies(Vacancy.objects.published(), data)
    return search.matching(vacancies, text).count()


def timed(client, path):
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def main(paths_file, rounds):
    paths = [
        line.replace("{rand}", "1") for line in Path(paths_file).read_text().split() if "q=" in line
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths[:5]:  # warm up
        client.get(path)
    rows = []
    for path in paths:
        before, now = [], []
        with mock.patch.object(search, "query_terms", prefix_only):
            found_before = matches(path)
        found_now = matches(path)
        for _ in range(rounds):
            with mock.patch.object(search, "query_terms", prefix_only):
                before.append(timed(client, path))
            now.append(timed(client, path))
        rows.append((found_before, found_now, statistics.median(before), statistics.median(now)))

    def report(name, group):
        if not group:
            print(f"{name:<34} (none)")
            return
        b = statistics.median(r[2] for r in group) * 1000
        n = statistics.median(r[3] for r in group) * 1000
        mb = statistics.median(r[0] for r in group)
        mn = statistics.median(r[1] for r in group)
        print(f"{name:<34}{len(group):>6}{b:>10.1f}{n:>9.1f}{n / b:>7.2f}{mb:>10.0f}{mn:>7.0f}")

    print(f"{Path(paths_file).name}: {len(rows)} paths, {rounds} rounds each way, median page")
    print(
        f"{'paths':<34}{'count':>6}{'before ms':>10}{'now ms':>9}{'ratio':>7}{'found':>10}{'now':>7}"
    )
    report("the stems find no vacancy more", [r for r in rows if r[0] == r[1]])
    report("the stems find more", [r for r in rows if r[0] != r[1]])
    report("all", rows)
    # the largest pages: the ranked window full, the same matches either way
    report("no vacancy more, window full", [r for r in rows if r[0] == r[1] >= LIMIT])


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)
