"""The README's test command installs on a fresh machine what the tests need; CI only calls it."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_fresh_machine_gets_chromium_poppler_the_pdf_libraries_and_gettext(tmp_path):
    # A machine with none of them: no chromium, pdftotext or msgfmt on the PATH, dpkg knows no
    # package. apt-get is a stand-in that writes down what it was asked to install.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    (bin_dir / "dpkg").write_text("#!/bin/sh\nexit 1\n")
    (bin_dir / "sudo").write_text('#!/bin/sh\n"$@"\n')
    for tool in ("apt-get", "dpkg", "sudo"):
        (bin_dir / tool).chmod(0o755)
    (bin_dir / "id").symlink_to("/usr/bin/id")
    subprocess.run(
        ["/bin/bash", "-c", "source scripts/system-packages.sh"],
        cwd=ROOT,
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        check=True,
    )
    calls = log.read_text().splitlines()
    assert calls[0].startswith("update")
    installed = calls[1].split()
    for package in (
        "chromium",
        "poppler-utils",
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "libharfbuzz0b",
        "libfontconfig1",
        "fonts-dejavu-core",
        "gettext",
    ):
        assert package in installed, package


def test_a_machine_that_has_everything_installs_nothing(tmp_path):
    log = tmp_path / "apt.log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    (bin_dir / "apt-get").chmod(0o755)
    subprocess.run(
        ["/bin/bash", "-c", "source scripts/system-packages.sh"],
        cwd=ROOT,
        env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"},
        check=True,
    )
    assert not log.exists()


def test_the_test_command_installs_them_and_ci_only_calls_it():
    test_sh = (ROOT / "scripts/test.sh").read_text()
    assert test_sh.index("system-packages.sh") < test_sh.index("setup.sh")
    ci = [
        line
        for line in (ROOT / ".ci/run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert ci[-1] == 'exec bash scripts/test.sh "$@"'
    assert "apt-get" not in "\n".join(ci)
