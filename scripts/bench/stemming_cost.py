"""What the stems cost the search (issue 19 item 5): the vacancy search's query with each typed
word as a prefix only (before the stems) and as a prefix or its stem (now), on the same
benchmark database, interleaved, in one process, so the machine's noise hits both alike.

    DJANGO_SETTINGS_MODULE=portal.settings.dev PGDATABASE=disnaker_bench \
        python scripts/bench/stemming_cost.py [ROUNDS]

Prints the median time of each kind of query per word and the ratio now/before.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.postgres.search import SearchQuery  # noqa: E402

from jobboard import search  # noqa: E402
from jobboard.models import Vacancy  # noqa: E402

# what job seekers type: positions, skills, and words whose stem differs from the word
TYPED = ["operator", "las", "pengelasan", "memasak", "kasir", "perawat", "penjualan", "sopir",
         "pengemasan", "admin gudang", "teknisi listrik", "pelayanan"]  # fmt: skip


def prefix_only(text):
    words = search.WORD.findall(text.lower())
    return SearchQuery(" & ".join(f"{w}:*" for w in words), search_type="raw", config="simple")


def run(query):
    published = Vacancy.objects.published()
    started = time.perf_counter()
    ids = list(
        published.filter(search=query).order_by("-published_at", "-pk").values_list("pk")[:1001]
    )
    return time.perf_counter() - started, len(ids)


def main(rounds):
    print(f"{'typed':<18}{'before ms':>10}{'now ms':>9}{'ratio':>7}{'found before':>14}{'now':>6}")
    ratios = []
    for text in TYPED:
        before, now = [], []
        for _ in range(rounds):
            t, n_before = run(prefix_only(text))
            before.append(t)
            t, n_now = run(search.to_query(text))
            now.append(t)
        b, n = statistics.median(before) * 1000, statistics.median(now) * 1000
        ratios.append(n / b)
        print(f"{text:<18}{b:>10.2f}{n:>9.2f}{n / b:>7.2f}{n_before:>14}{n_now:>6}")
    print(f"median ratio now/before: {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
