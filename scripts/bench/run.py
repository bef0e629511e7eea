"""Loads each kind of page with wrk against gunicorn (production settings) and prints figures.

Called by scripts/benchmark.sh after the benchmark database is filled. Environment:
BENCH_DURATION (seconds per URL, default 15), BENCH_CONNECTIONS (32), BENCH_WORKERS (2),
BENCH_THREADS (4), BENCH_BARE_DURATION (seconds of the bare view measured before each page, 5),
BENCH_ONLY (measure only the rows whose name contains one of these comma-separated words),
BENCH_REPLICA=1 (the public read-only pages read from a streaming standby of the cluster,
scripts/bench/replica.py; BENCH_KEEP_REPLICA=1 keeps its data folder).
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
from scripts.bench import replica  # noqa: E402
from scripts.bench.open_loop import measure as open_loop  # noqa: E402
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
# issue 20's rows: what a logged-in visitor and each officer's queue cost (all uncached)
SEARCH_MISS = "vacancy search, uncached"
SEARCH_WORDS = "vacancy search by 1-2 words, no filter, uncached"
DETAIL_MISS = "vacancy detail, uncached"
STATUS = "complaint status check (POST)"
SEEKER_SEARCH = "vacancy search as a logged-in job seeker"
SEEKER_DETAIL = "vacancy detail as a logged-in job seeker"
DASHBOARD = "job seeker's own pages (account, applications, AK/I card)"
CANDIDATES = "employer's job-seeker search"
QUEUES = (
    *ADMIN,
    "admin: complaints as Kepala Seksi",
    "admin: AKAD permits as Sekretariat",
)
OFFICE_PATH = "vacancy search at an office's address (/<office>/loker/), uncached"
OFFICE_FILTER = "vacancy search filtered by office (?office=), uncached"
PROVINCE = "vacancy search filtered by province (?province=), uncached"
# the rows an anonymous visitor searches in: what the router reads from a replica
ANONYMOUS_SEARCHES = (
    SEARCH,
    SEARCH_MISS,
    SEARCH_WORDS,
    OFFICE_PATH,
    OFFICE_FILTER,
    PROVINCE,
    PAGE_1,
    PAGE_50,
)
SEARCH_FLOOR = "floor: the search's queries, no page"
# the same, never from the page cache: what the uncached search rows cost at the least
SEARCH_FLOOR_MISS = "floor: the search's queries, no page, uncached"
ADMIN_FLOOR = "floor: admin change list, 1 row, 1 column, nothing else"
DURATION = int(os.environ.get("BENCH_DURATION", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
BARE_DURATION = int(os.environ.get("BENCH_BARE_DURATION", "5"))
ONLY = [word for word in os.environ.get("BENCH_ONLY", "").split(",") if word]
# the open-loop measurement after each row: at this share of the rate the row reached
OPEN_SHARE = float(os.environ.get("BENCH_OPEN_SHARE", "0.5"))
OPEN_DURATION = int(os.environ.get("BENCH_OPEN_DURATION", os.environ.get("BENCH_DURATION", "15")))
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


def word_queries(n):
    """1-2 words and no filter at all: what most people type."""
    typed = sorted({w.lower() for phrase in POSITIONS + SKILLS for w in phrase.split()})
    queries = set()
    while len(queries) < n:
        words = (
            rng.choice(typed if rng.random() < 0.5 else VOCABULARY)
            for _ in range(rng.choice([1, 2]))
        )
        queries.add(urllib.parse.urlencode({"q": " ".join(words)}))
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


def log_in(base, username, role=None):
    """The session cookie of ``username`` logged in through the real log-in page. With a
    ``role`` the account is an officer of the first office with that one role (OfficeRole), and
    its second factor has a known key."""
    from portal.demo import demo_office
    from portal.offices import give_role

    args = [sys.executable, str(ROOT / "scripts/scan_login.py"), base, username, "Bench2026!"]
    if role:
        User = get_user_model()
        officer, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True}
        )
        if created:
            officer.set_password("Bench2026!")
            officer.save()
        # its one role, in the first office: the admin shows it that office's queues
        give_role(officer, demo_office(), role)
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _ = TOTPDevice.objects.get_or_create(
            user=officer, name="bench", defaults={"confirmed": True}
        )
        args.append(device.key)
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def officer_cookie(base):
    """A Petugas Antar Kerja of the first office, logged in."""
    return log_in(base, "bench-officer", roles.JOB_PLACEMENT_OFFICER)


def busy_accounts():
    """An active job seeker with applications and an AK/I card (a full account page) and an
    active employer, both of the benchmark's fill."""
    from jobboard.models import Employer, JobSeeker
    from portal.demo import demo_office

    seeker = (
        JobSeeker.objects.filter(status="active", applications__isnull=False, office=demo_office())
        .order_by("pk")
        .select_related("user")
        .first()
    )
    if not hasattr(seeker, "ak1_card"):  # the fill issues no cards: this one has its card
        from jobboard.services.ak1 import issue_ak1_card

        issue_ak1_card(seeker, actor=get_user_model().objects.get(username="bench-officer"))
    employer = (
        Employer.objects.filter(status="active")
        .values_list("user__username", flat=True)
        .order_by("pk")
        .first()
    )
    return seeker.user.username, employer


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
    """The performance issue's targets (issue 20), each with whether this run met it: what the
    uncached pages cost as a share of the bare view in the same run, and their latency at a
    fixed arrival rate below capacity (open loop)."""
    row = {name: (r, r["rps"] / ceiling) for name, r, ceiling in results}
    public = [r for name, (r, _) in row.items() if "uncached" in name or name == STATUS]
    queues = [row[name] for name in QUEUES]
    return [
        (
            "uncached vacancy search at least 20 % of the bare view, with filters and without",
            row[SEARCH_MISS][1] >= 0.20 and row[SEARCH_WORDS][1] >= 0.20,
        ),
        ("uncached vacancy detail at least 30 %", row[DETAIL_MISS][1] >= 0.30),
        ("complaint status check at least 25 %", row[STATUS][1] >= 0.25),
        ("each officer queue at least 8 %", all(ratio >= 0.08 for _, ratio in queues)),
        ("the job seeker's own pages at least 25 %", row[DASHBOARD][1] >= 0.25),
        (
            f"at {OPEN_SHARE:.0%} of capacity, p99 of every uncached public row at most 50 ms",
            all(r["open"]["p99"] <= 50 for r in public),
        ),
        (
            f"at {OPEN_SHARE:.0%} of capacity, p99 of every officer queue at most 150 ms",
            all(r["open"]["p99"] <= 150 for r, _ in queues),
        ),
        (
            "no errors",
            all(r["errors"] == 0 and r["open"]["errors"] == 0 for _, r, _ in results),
        ),
        ("a gunicorn worker under 150 MB", memory < 150),
    ]


def floors(results):
    """How the open-loop p99 targets compare with the least their pages' work can cost here."""
    row = {name: r for name, r, _ in results}
    lines = []
    for floor, target, what in (
        (SEARCH_FLOOR, 50, "vacancy search"),
        (ADMIN_FLOOR, 150, "admin queues"),
    ):
        if floor in row:
            p99 = row[floor]["open"]["p99"]
            verdict = "within" if p99 <= target else "beyond"
            lines.append(
                f"- {what}: its floor's p99 at {OPEN_SHARE:.0%} of capacity is {p99:.0f} ms, "
                f"{verdict} the {target} ms target"
            )
    return lines


def replica_lines(results, standby):
    """Where the rows read: a summary line, and a table of the standby's and the primary's
    counters over each row (none without a standby)."""
    if standby is None:
        return (
            "Replica: none; every row read the primary (BENCH_REPLICA=1 for a streaming one).",
            [],
        )
    # the anonymous vacancy searches: the rows the router sends to the replica
    searches = [r["replica"] for name, r, _ in results if name in ANONYMOUS_SEARCHES]
    total = {
        server: {field: sum(c[server][field] for c in searches) for field in replica.FIELDS}
        for server in ("replica", "primary")
    }
    on, off = total["replica"], total["primary"]
    scans = on["vacancy_idx_scan"] + off["vacancy_idx_scan"]
    share = f"{on['vacancy_idx_scan'] / scans:.0%}" if scans else "none"
    summary = (
        f"Replica: a streaming standby of the primary (pg_basebackup -R -X stream of "
        f"{standby.size / 2**20:,.0f} MB in {standby.basebackup_seconds:.0f} s, "
        f"scripts/bench/replica.py); it {'served' if on['vacancy_idx_scan'] else 'did NOT serve'} "
        f"the public search rows ({share} of their index scans on jobboard_vacancy). "
        f"replica: {on['transactions']} transactions / {on['vacancy_idx_scan']} index scans on "
        f"jobboard_vacancy during the search rows; primary: {off['transactions']} / "
        f"{off['vacancy_idx_scan']}."
    )
    table = [
        "| page | replica: transactions | jobboard_vacancy index scans | seq scans "
        "| tuples returned | primary: transactions | jobboard_vacancy index scans | seq scans "
        "| tuples returned |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r, _ in results:
        cells = [
            f"{c['transactions']} | {c['vacancy_idx_scan']} | {c['vacancy_seq_scan']} "
            f"| {c['tup_returned']}"
            for c in (r["replica"]["replica"], r["replica"]["primary"])
        ]
        table.append(f"| {name} | {' | '.join(cells)} |")
    return summary, table


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    cache.clear()  # no page or list of an earlier fill
    with (
        replica.standby_if_asked(replica.FOLDER, settings.DATABASES["default"]["NAME"]) as standby,
        gunicorn(
            *("--workers", str(WORKERS), "--threads", str(THREADS), "--worker-class", "gthread"),
            *("--error-logfile", str(OUT / "gunicorn.log")),
            env={
                "DJANGO_SETTINGS_MODULE": "scripts.bench.settings",
                **replica.environment(standby),
            },
            ready_path="/__bare__/",
        ) as (base, server),
    ):
        search_url = reverse("jobboard:vacancy_list")
        ids = list(Vacancy.objects.published().values_list("pk", flat=True).order_by("?")[:1000])
        queries = search_queries(1000)
        words = word_queries(1000)
        deep = deep_queries(50)
        status_path = reverse("complaints:status")
        csrf_cookie, token = csrf_for(base, status_path)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reference, complainant_phone FROM complaints_complaint ORDER BY random() LIMIT 1000"
            )
            complaints = cursor.fetchall()
        officer = officer_cookie(base)
        section_head = log_in(base, "bench-kasi", roles.SECTION_HEAD)
        secretariat = log_in(base, "bench-sekretariat", roles.SECRETARIAT)
        seeker_name, employer_name = busy_accounts()
        seeker = log_in(base, seeker_name)
        employer = log_in(base, employer_name)
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
            (
                SEARCH_WORDS,
                write("search_words.txt", [f"{search_url}?{q}&r={{rand}}" for q in words]),
                None,
                None,
            ),
            # A logged-in visitor is never served from the page cache.
            (
                SEEKER_SEARCH,
                write("search_seeker.txt", [f"{search_url}?{q}" for q in queries + words]),
                seeker,
                None,
            ),
            # The one job market narrowed to one office (its own address, or the filter) or one
            # province: the same searches, uncached, each line on a random office.
            (
                OFFICE_PATH,
                write(
                    "search_office_path.txt",
                    [f"/{rng.choice(slugs)}{search_url}?{q}&r={{rand}}" for q in queries],
                ),
                None,
                None,
            ),
            (
                OFFICE_FILTER,
                write(
                    "search_office_filter.txt",
                    [f"{search_url}?{q}&office={rng.choice(slugs)}&r={{rand}}" for q in queries],
                ),
                None,
                None,
            ),
            (
                PROVINCE,
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
                SEEKER_DETAIL,
                write(
                    "detail_seeker.txt",
                    [reverse("jobboard:vacancy_detail", args=[pk]) for pk in ids],
                ),
                seeker,
                None,
            ),
            (
                DASHBOARD,
                write(
                    "seeker_pages.txt",
                    [
                        reverse("portal:dashboard"),
                        reverse("jobboard:my_applications"),
                        reverse("jobboard:my_ak1"),
                    ],
                ),
                seeker,
                None,
            ),
            (
                CANDIDATES,
                write(
                    "candidates.txt",
                    [reverse("jobboard:candidate_search")]
                    + [f"{reverse('jobboard:candidate_search')}?{q}" for q in words[:200]],
                ),
                employer,
                None,
            ),
            (
                STATUS,
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
            (
                QUEUES[2],
                write("admin_complaints.txt", ["/admin/complaints/complaint/"]),
                section_head,
                None,
            ),
            (
                QUEUES[3],
                write("admin_permits.txt", ["/admin/akad_permits/permitapplication/"]),
                secretariat,
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
                SEARCH_FLOOR_MISS,
                write(
                    "floor_search_miss.txt",
                    [f"/__floor__/search/?{q}&r={{rand}}" for q in queries],
                ),
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
            before = standby and standby.snapshot()
            result = run_wrk(base, paths_file, cookie, post_path)
            settle()
            # latency where the server is not saturated: a fixed arrival rate below capacity
            result["open"] = open_loop(
                base, paths_file, max(1.0, result["rps"] * OPEN_SHARE), OPEN_DURATION,
                cookie, post_path,
            )  # fmt: skip
            results.append((name, result, ceiling))
            opened = result["open"]
            where = ""
            if standby:
                settle(replica.REPORTED_WITHIN)  # or the next row gets this one's late counts
                result["replica"] = counts = standby.since(before)
                where = "".join(
                    f"; {server} {c['transactions']} transactions / {c['vacancy_idx_scan']} "
                    "index scans on jobboard_vacancy"
                    for server, c in counts.items()
                )
            print(
                f"  measured {name}: {result['rps']:.0f} req/s (bare {ceiling:.0f}); at "
                f"{opened['rate']:.0f}/s p99 {opened['p99']:.1f} ms{where}",
                flush=True,
            )
            (OUT / f"wrk-{paths_file.stem}.txt").write_text(result["raw"])
        memory = worker_peak_memory(server.pid)
    replica_summary, replica_table = replica_lines(results, standby)
    lines = [
        f"{WORKERS} gunicorn workers x {THREADS} threads, wrk 2 threads x {CONNECTIONS} connections, "
        f"{DURATION} s per URL, {os.cpu_count()} cores shared by server, database and load generator; "
        f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}.",
        "",
        f"Open loop: each row again at {OPEN_SHARE:.0%} of the rate it reached, {OPEN_DURATION} s, "
        "latency from each request's due time (scripts/bench/open_loop.py).",
        "",
        replica_summary,
        "",
        "| page | req/s | p50 ms | p99 ms | errors | bare view just before, req/s | vs bare "
        "| open loop req/s | p50 ms | p99 ms | p99.9 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r, ceiling in results:
        o = r["open"]
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} "
            f"| {ceiling:.0f} | {r['rps'] / ceiling:.0%} "
            f"| {o['rate']:.0f} | {o['p50']:.1f} | {o['p99']:.1f} | {o['p999']:.1f} | {o['errors']} |"
        )
    lines += ["", f"Peak memory of a gunicorn worker (VmHWM): {memory:.0f} MB", ""]
    if replica_table:
        lines += ["Reads of each row, from each server's statistics for the bench database:", ""]
        lines += replica_table + [""]
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
