#!/usr/bin/env python
"""Keep the Indonesian catalogue complete.

    .venv/bin/python scripts/po.py update          # makemessages -l id (all apps, templates)
    .venv/bin/python scripts/po.py missing         # list msgids without a translation
    .venv/bin/python scripts/po.py fill FILE.json [--force]  # {"English msgid": "Teks Indonesia", ...}, then compiles

Every command holds an exclusive lock on the catalogue, so several people (or agents)
can update it at once without losing each other's translations.
"""

import fcntl
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"


@contextmanager
def locked():
    with open(ROOT / "locale" / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def update():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "portal.settings.dev"),
    }
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "id",
            "--no-obsolete",
            "--ignore=.venv",
            "--ignore=var",
            "--ignore=tests",
            "--ignore=node_modules",
            "-v",
            "0",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )


def missing():
    po = polib.pofile(str(PO))
    return [e for e in po if not e.translated() and not e.obsolete]


def fill(path, force=False):
    """Fill untranslated entries. An existing, different translation is kept (another app may
    show the same English text) unless ``--force``; conflicts are listed."""
    mapping = json.loads(Path(path).read_text(encoding="utf-8"))
    po = polib.pofile(str(PO), wrapwidth=0)
    filled = 0
    for entry in po:
        if entry.msgid in mapping:
            value = mapping[entry.msgid]
            if entry.msgstr and entry.msgstr != value and not entry.msgid_plural and not force:
                print(
                    f"kept existing translation of {entry.msgid!r}: {entry.msgstr!r} (yours: {value!r}; --force to replace)"
                )
                continue
            if entry.msgid_plural:
                values = value if isinstance(value, list) else [value, value]
                entry.msgstr_plural = {i: v for i, v in enumerate(values)}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
    po.save()
    return filled, len(mapping)


def main(argv):
    if not argv or argv[0] not in {"update", "missing", "fill"}:
        print(__doc__)
        return 2
    with locked():
        if argv[0] == "update":
            update()
            print(f"{len(missing())} untranslated")
        elif argv[0] == "missing":
            for entry in missing():
                print(
                    json.dumps(entry.msgid, ensure_ascii=False)
                    + (f"  [plural: {entry.msgid_plural}]" if entry.msgid_plural else "")
                    + f"  # {entry.occurrences[0][0] if entry.occurrences else ''}"
                )
        else:
            filled, given = fill(argv[1], force="--force" in argv[2:])
            subprocess.run(
                ["msgfmt", "--check-format", "-o", str(PO.with_suffix(".mo")), str(PO)], check=True
            )
            print(
                f"filled {filled} entries from {given} translations; {len(missing())} still untranslated"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
