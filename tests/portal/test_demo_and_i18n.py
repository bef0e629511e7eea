import io
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

from portal.models import Office, ServiceStandard

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_load_demo_twice_creates_no_duplicates():
    from django.contrib.auth import get_user_model

    call_command("load_demo", stdout=io.StringIO())
    counts = (
        Office.objects.count(),
        ServiceStandard.objects.count(),
        get_user_model().objects.count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert (
        Office.objects.count(),
        ServiceStandard.objects.count(),
        get_user_model().objects.count(),
    ) == counts
    assert counts[0] == 1 and counts[1] == 3
    assert Office.objects.get().region == "Kota Probolinggo"


def test_indonesian_catalogue_is_complete_and_current(tmp_path):
    """makemessages over a copy of the sources finds no string without an Indonesian translation."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", ".git", "node_modules", "__pycache__", "tests"
        ),
    )
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
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
    )
    po = polib.pofile(str(copy / "locale/id/LC_MESSAGES/django.po"))
    untranslated = [e.msgid for e in po if not e.translated() and not e.obsolete]
    assert untranslated == [], f"run scripts/po.py update and translate: {untranslated[:20]}"
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert fuzzy == []
