"""Backs up the demo portal, restores it into a fresh database and folder, and shows the
portal serving the restored data. Prints each check; exits 1 if anything was lost.

    bash scripts/restore_check.sh
"""

import hashlib
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PGBIN = sorted(
    Path("/usr/lib/postgresql").glob("*/bin"),
    key=lambda p: [int(x) for x in p.parent.name.split(".")],
)[-1]
sys.path.insert(0, str(ROOT))
from scripts.serving import gunicorn  # noqa: E402

SOURCE_DB = os.environ.get("PGDATABASE", "disnaker")
failures = []


def check(ok, message):
    print(("  ok    " if ok else "  FAIL  ") + message, flush=True)
    if not ok:
        failures.append(message)


def psql(db, sql):
    out = subprocess.run(
        [str(PGBIN / "psql"), "-qAtX", "-d", db, "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def table_counts(db):
    tables = psql(
        db, "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1"
    ).split()
    return {t: int(psql(db, f'SELECT count(*) FROM "{t}"')) for t in tables}


def file_digests(folder):
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file()
    }


def main():
    stamp = time.strftime("%Y%m%d%H%M%S")
    target_db = f"disnaker_restore_{stamp}"
    target_files = ROOT / "var" / f"restore-{stamp}" / "private"
    source_files = Path(os.environ.get("PRIVATE_MEDIA_ROOT", ROOT / "var" / "private"))
    print(f"backing up {SOURCE_DB} and {source_files}")
    backup = (
        subprocess.run(
            ["bash", str(ROOT / "scripts/backup.sh"), str(ROOT / "var/backups/restore-check")],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    print(f"restoring {backup} into {target_db} and {target_files}")
    subprocess.run(
        ["bash", str(ROOT / "scripts/restore.sh"), backup, target_db, str(target_files)], check=True
    )

    before, after = table_counts(SOURCE_DB), table_counts(target_db)
    check(
        before == after,
        f"{len(before)} tables, {sum(before.values())} rows restored with the same count in each table",
    )
    for table in sorted(set(before) | set(after)):
        if before.get(table) != after.get(table):
            check(False, f"{table}: {before.get(table)} rows before, {after.get(table)} after")
    source_digests, target_digests = file_digests(source_files), file_digests(target_files)
    check(
        source_digests == target_digests,
        f"{len(source_digests)} private files restored byte for byte",
    )

    env = {
        "PGDATABASE": target_db,
        "PRIVATE_MEDIA_ROOT": str(target_files),
        "DJANGO_SETTINGS_MODULE": "scripts.bench.settings",
    }
    with gunicorn("--workers", "1", env=env, stderr=subprocess.DEVNULL) as (base, _server):
        home = urllib.request.urlopen(base + "/").read().decode()  # noqa: S310 - loopback
        office = psql(target_db, "SELECT name FROM portal_officeprofile ORDER BY id LIMIT 1")
        check(
            office and office in home,
            f"the restored portal serves its home page with the office '{office}'",
        )
        vacancy = psql(
            target_db,
            "SELECT id, title FROM jobboard_vacancy WHERE status='published' ORDER BY id LIMIT 1",
        )
        if vacancy:
            pk, title = vacancy.split("|", 1)
            page = urllib.request.urlopen(f"{base}/loker/lowongan/{pk}/").read().decode()  # noqa: S310
            check(title in page.replace("&amp;", "&"), f"a restored vacancy page shows '{title}'")
        seeker = psql(
            target_db,
            "SELECT u.username, j.id, j.ktp_scan FROM jobboard_jobseeker j JOIN portal_user u ON u.id=j.user_id "
            "WHERE j.ktp_scan <> '' ORDER BY j.id LIMIT 1",
        )
        if seeker:
            username, pk, name = seeker.split("|")
            cookie = subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "scripts/scan_login.py"),
                    base,
                    username,
                    os.environ.get("DEMO_PASSWORD", "Disnaker2026!"),
                ],
                capture_output=True,
                text=True,
            ).stdout.strip()
            if cookie:
                request = urllib.request.Request(
                    f"{base}/berkas/jobboard.JobSeeker/{pk}/ktp_scan/", headers={"Cookie": cookie}
                )
                body = urllib.request.urlopen(request).read()  # noqa: S310 - loopback
                check(
                    hashlib.sha256(body).hexdigest() == source_digests.get(name),
                    f"{username} downloads the restored KTP scan through the checked view, identical to the original",
                )
    print(f"restored database kept as {target_db}, files in {target_files} (drop them when done)")
    print(f"{len(failures)} lost or partial records" if failures else "0 lost or partial records")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
