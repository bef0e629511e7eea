"""Loads each kind of page with wrk against gunicorn (production settings) and prints figures.

Called by scripts/benchmark.sh after the benchmark database is filled. Environment:
BENCH_DURATION (seconds per URL, default 15), BENCH_CONNECTIONS (32), BENCH_WORKERS (2),
BENCH_THREADS (4), BENCH_BARE_DURATION (seconds of the bare view measured before each page, 5),
BENCH_ONLY (measure only the rows whose name contains one of these comma-separated words).
"""

import os
import random
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "scripts.bench.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402

from jobboard import search  # noqa: E402
from jobboard.models import Education, Vacancy, WorkType  # noqa: E402
from portal import roles  # noqa: E402
from portal.models import Office  # noqa: E402
from scripts.bench.vocab import POSITIONS, SKILLS, VOCABULARY, WORDS  # noqa: E402
from scripts.serving import gunicorn  # noqa: E402

OUT = ROOT / "var" / "bench"
HOME, SEARCH, DETAIL = (
    "home page (an office's)",
    "vacancy search (1-2 words, 2 filters)",
    "vacancy detail",
)
PAGE_1 = "search page 1 (deep queries, uncached)"
PAGE_50 = "search page 50 (deep queries, uncached)"
ADMIN = ("admin: waiting job seekers", "admin: vacancies")
SEARCH_FLOOR = "floor: the search's queries, no page"
ADMIN_FLOOR = "floor: admin change list, 1 row, 1 column, nothing else"
DURATION = int(os.environ.get("BENCH_DURATION", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
BARE_DURATION = int(os.environ.get("BENCH_BARE_DURATION", "5"))
ONLY = [word for word in os.environ.get("BENCH_ONLY", "").split(",") if word]
rng = random.Random(7)


def write(name, lines):
    path = OUT / name
    path.write_text("\n".join(lines) + "\n")
    return path


def search_queries(n):
    """1-2 words and two filters, as a person would type and pick them.

    Half the words are what job seekers mostly type (a position or a skill), half any word of
    the text's vocabulary, frequent or rare alike.
    """
    levels = [e for e in Education.values if e not in ("S2", "S3")]
    typed = sorted({w.lower() for phrase in POSITIONS + SKILLS for w in phrase.split()})
    queries = set()
    while len(queries) < n:
        q = " ".join(
            rng.choice(typed if rng.random() < 0.5 else VOCABULARY)
            for _ in range(rng.choice([1, 2]))
        )
        queries.add(
            urllib.parse.urlencode(
                {"q": q, "education": rng.choice(levels), "work_type": rng.choice(WorkType.values)}
            )
        )
    return sorted(queries)


def deep_queries(n, per_page=20, pages=50):
    """Queries of the search's shape (one word, two filters) that really reach page 50.

    At a reduced BENCH_SCALE few do; then the deepest available are used.
    """
    candidates = []
    published = Vacancy.objects.published()
    for _ in range(3 * n):
        word, work_type, level = (
            rng.choice(WORDS),
            rng.choice(WorkType.values),
            rng.choice(["D4", "S1", "S2"]),
        )
        allowed = Education.values[
            : Education.rank(level) + 1
        ]  # "my education": vacancies asking at most it
        count = (
            published.filter(work_type=work_type, min_education__in=allowed)
            .filter(search=search.to_query(word))
            .count()
        )
        candidates.append(
            (
                count >= per_page * pages,
                count,
                urllib.parse.urlencode({"q": word, "education": level, "work_type": work_type}),
            )
        )
    candidates.sort(reverse=True)
    return sorted({query for _, _, query in candidates[:n]})


def officer_cookie(base):
    """A Petugas Antar Kerja of the first office (an OfficeRole there), logged in."""
    from portal.demo import demo_office
    from portal.offices import give_role

    User = get_user_model()
    officer, created = User.objects.get_or_create(
        username="bench-officer", defaults={"is_staff": True}
    )
    if created:
        officer.set_password("Bench2026!")
        officer.save()
    # its one role, in the first office: the admin shows it that office's queues
    give_role(officer, demo_office(), roles.JOB_PLACEMENT_OFFICER)
    # officers log in with a second factor: the benchmark's officer has a known key
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=officer, name="bench", defaults={"confirmed": True}
    )
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/scan_login.py"),
            base,
            "bench-officer",
            "Bench2026!",
            device.key,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def csrf_for(base, path):
    with urllib.request.urlopen(base + path) as response:  # noqa: S310 - loopback
        cookie = response.headers.get("Set-Cookie", "")
        html = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return re.search(r"csrftoken=([^;]+)", cookie).group(1), token


def run_wrk(base, paths_file, cookie=None, post_path=None, duration=None):
    cmd = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(CONNECTIONS),
        "-d",
        f"{duration or DURATION}s",
        "--latency",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "scripts/bench/paths.lua"),
    ]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    cmd += [base, "--", str(paths_file)] + ([post_path] if post_path else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout

    def latency(pct):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    sock = (
        sum(map(int, m.groups()))
        if (
            m := re.search(
                r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
            )
        )
        else 0
    )
    return {
        "rps": rps,
        "p50": latency(50),
        "p99": latency(99),
        "errors": non2xx + sock,
        "requests": requests,
        "raw": out,
    }


def settle(seconds=3):
    """Let the server finish what the last run left in flight (slow pages take over a second)
    before the next measurement starts: otherwise the next figure pays for the last one."""
    time.sleep(seconds)


def worker_peak_memory(master_pid):
    peaks = []
    for child in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split():
        status = Path(f"/proc/{child}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return max(peaks) if peaks else 0.0


def targets(results, memory):
    """The performance issue's targets, each with whether this run met it."""
    row = {name: (r, r["rps"] / ceiling) for name, r, ceiling in results}
    search, search_ratio = row[SEARCH]
    page1, page50 = row[PAGE_1][0], row[PAGE_50][0]
    admin = [row[name][0] for name in ADMIN]
    return [
        ("vacancy search at least 25 % of the bare view", search_ratio >= 0.25),
        ("vacancy search p99 at most 150 ms", search["p99"] <= 150),
        ("vacancy detail at least 40 % of the bare view", row[DETAIL][1] >= 0.40),
        ("home page at least 40 % of the bare view", row[HOME][1] >= 0.40),
        ("admin queues p99 at most 300 ms", all(r["p99"] <= 300 for r in admin)),
        ("page 50 no slower than twice page 1", page50["rps"] >= page1["rps"] / 2),
        ("no errors", all(r["errors"] == 0 for _, r, _ in results)),
        ("a gunicorn worker under 150 MB", memory < 150),
    ]


def floors(results):
    """How the two p99 targets compare with the least their pages' work can cost here."""
    row = {name: r for name, r, _ in results}
    lines = []
    for floor, target, what in (
        (SEARCH_FLOOR, 150, "vacancy search"),
        (ADMIN_FLOOR, 300, "admin queues"),
    ):
        if floor in row:
            p99 = row[floor]["p99"]
            verdict = "within" if p99 <= target else "beyond"
            lines.append(
                f"- {what}: its floor's p99 is {p99:.0f} ms, {verdict} the {target} ms target"
            )
    return lines


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    cache.clear()  # no page or list of an earlier fill
    with gunicorn(
        *("--workers", str(WORKERS), "--threads", str(THREADS), "--worker-class", "gthread"),
        *("--error-logfile", str(OUT / "gunicorn.log")),
        env={"DJANGO_SETTINGS_MODULE": "scripts.bench.settings"},
        ready_path="/__bare__/",
    ) as (base, server):
        search_url = reverse("jobboard:vacancy_list")
        ids = list(Vacancy.objects.published().values_list("pk", flat=True).order_by("?")[:1000])
        queries = search_queries(1000)
        deep = deep_queries(50)
        status_path = reverse("complaints:status")
        csrf_cookie, token = csrf_for(base, status_path)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reference, complainant_phone FROM complaints_complaint ORDER BY random() LIMIT 1000"
            )
            complaints = cursor.fetchall()
        officer = officer_cookie(base)
        local = list(
            Office.objects.filter(is_active=True)
            .exclude(level=Office.Level.PROVINCE)
            .values_list("slug", "region", "province")
        )
        slugs = [slug for slug, _, _ in local]
        provinces = sorted({province for _, _, province in local})
        # what people type to find their office: a region's name, whole or its start
        region_words = sorted(
            {region.split()[-1].lower()[:n] for _, region, _ in local for n in (4, 20)}
        )
        pages = [
            ("bare view (ceiling)", write("bare.txt", ["/__bare__/"]), None, None),
            (HOME, write("home.txt", [f"/{slug}/" for slug in slugs]), None, None),
            (
                "office home page, uncached",
                write("home_miss.txt", [f"/{slug}/?r={{rand}}" for slug in slugs]),
                None,
                None,
            ),
            ("office list (/)", write("offices.txt", ["/"]), None, None),
            (
                "office list, uncached",
                write("offices_miss.txt", ["/?r={rand}"]),
                None,
                None,
            ),
            (
                "office list, searched by region, uncached",
                write("offices_q.txt", [f"/?q={w}&r={{rand}}" for w in region_words]),
                None,
                None,
            ),
            (
                SEARCH,
                write("search.txt", [f"{search_url}?{q}" for q in queries]),
                None,
                None,
            ),
            # The same searches with a parameter no page reads (r=<random>), which the page cache
            # neither serves nor keeps: what a miss costs.
            (
                "vacancy search, uncached",
                write("search_miss.txt", [f"{search_url}?{q}&r={{rand}}" for q in queries]),
                None,
                None,
            ),
            # The one job market narrowed to one office (its own address, or the filter) or one
            # province: the same searches, uncached, each line on a random office.
            (
                "vacancy search at an office's address (/<office>/loker/), uncached",
                write(
                    "search_office_path.txt",
                    [f"/{rng.choice(slugs)}{search_url}?{q}&r={{rand}}" for q in queries],
                ),
                None,
                None,
            ),
            (
                "vacancy search filtered by office (?office=), uncached",
                write(
                    "search_office_filter.txt",
                    [f"{search_url}?{q}&office={rng.choice(slugs)}&r={{rand}}" for q in queries],
                ),
                None,
                None,
            ),
            (
                "vacancy search filtered by province (?province=), uncached",
                write(
                    "search_province.txt",
                    [
                        f"{search_url}?{q}&{urllib.parse.urlencode({'province': rng.choice(provinces)})}&r={{rand}}"
                        for q in queries
                    ],
                ),
                None,
                None,
            ),
            (
                PAGE_1,
                write("page1.txt", [f"{search_url}?{q}&r={{rand}}" for q in deep]),
                None,
                None,
            ),
            (
                PAGE_50,
                write("page50.txt", [f"{search_url}?{q}&page=50&r={{rand}}" for q in deep]),
                None,
                None,
            ),
            (
                DETAIL,
                write("detail.txt", [reverse("jobboard:vacancy_detail", args=[pk]) for pk in ids]),
                None,
                None,
            ),
            (
                "vacancy detail, uncached",
                write(
                    "detail_miss.txt",
                    [f"{reverse('jobboard:vacancy_detail', args=[pk])}?r={{rand}}" for pk in ids],
                ),
                None,
                None,
            ),
            (
                "complaint status check (POST)",
                write(
                    "status.txt",
                    [
                        urllib.parse.urlencode(
                            {"csrfmiddlewaretoken": token, "reference": ref, "contact": phone}
                        )
                        for ref, phone in complaints
                    ],
                ),
                f"csrftoken={csrf_cookie}",
                status_path,
            ),
            (
                ADMIN[0],
                write("admin_queue.txt", ["/admin/jobboard/jobseeker/?status__exact=waiting"]),
                officer,
                None,
            ),
            (
                ADMIN[1],
                write("admin_vacancies.txt", ["/admin/jobboard/vacancy/"]),
                officer,
                None,
            ),
            # What the two p99 targets would cost at the least (scripts/bench/floors.py).
            (
                SEARCH_FLOOR,
                write("floor_search.txt", [f"/__floor__/search/?{q}" for q in queries]),
                None,
                None,
            ),
            (
                ADMIN_FLOOR,
                write("floor_admin.txt", ["/__floor__/admin/jobboard/jobseeker/"]),
                officer,
                None,
            ),
        ]
        bare_file = pages[0][1]
        if ONLY:
            pages = [page for page in pages if any(word in page[0] for word in ONLY)]
        # Warm every worker's connections and caches once, then measure.
        for _, paths_file, cookie, post_path in pages:
            subprocess.run(
                [
                    "wrk",
                    "-t",
                    "1",
                    "-c",
                    "4",
                    "-d",
                    "2s",
                    "-s",
                    str(ROOT / "scripts/bench/paths.lua"),
                ]
                + (["-H", f"Cookie: {cookie}"] if cookie else [])
                + [base, "--", str(paths_file)]
                + ([post_path] if post_path else []),
                capture_output=True,
                check=True,
            )
        results = []
        for name, paths_file, cookie, post_path in pages:
            # The ceiling measured again just before each page: on a shared machine the capacity
            # drifts (one run gave the bare view 2,281 req/s at its start, 1,254 at its end).
            settle()
            ceiling = run_wrk(base, bare_file, duration=BARE_DURATION)["rps"]
            settle()
            result = run_wrk(base, paths_file, cookie, post_path)
            results.append((name, result, ceiling))
            print(f"  measured {name}: {result['rps']:.0f} req/s (bare {ceiling:.0f})", flush=True)
            (OUT / f"wrk-{paths_file.stem}.txt").write_text(result["raw"])
        memory = worker_peak_memory(server.pid)
    lines = [
        f"{WORKERS} gunicorn workers x {THREADS} threads, wrk 2 threads x {CONNECTIONS} connections, "
        f"{DURATION} s per URL, {os.cpu_count()} cores shared by server, database and load generator; "
        f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}.",
        "",
        "| page | req/s | p50 ms | p99 ms | errors | bare view just before, req/s | vs bare |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r, ceiling in results:
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} "
            f"| {ceiling:.0f} | {r['rps'] / ceiling:.0%} |"
        )
    lines += ["", f"Peak memory of a gunicorn worker (VmHWM): {memory:.0f} MB", ""]
    if not ONLY:
        lines += ["Targets of the performance issue:", ""] + [
            f"- [{'x' if met else ' '}] {target}" for target, met in targets(results, memory)
        ]
    if floor_lines := floors(results):
        lines += ["", "Floors (scripts/bench/floors.py), same run:", "", *floor_lines]
    text = "\n".join(lines) + "\n"
    (OUT / "results.md").write_text(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
