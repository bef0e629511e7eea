"""The README's serve command: the portal's address follows the port it serves on."""

import os
import signal
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from scripts.serving import free_port

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not os.environ.get("PGHOST"), reason="needs the PostgreSQL server")


def serve_and_read_robots(env):
    """Run scripts/serve.sh with ``env``; the Sitemap line of robots.txt carries SITE_URL."""
    port = free_port()
    env = {**env, "PORT": str(port)}
    process = subprocess.Popen(
        ["bash", "scripts/serve.sh"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5) as r:
                    return port, r.read().decode()
            except OSError:
                time.sleep(1)
        raise AssertionError("serve.sh did not answer within 300 s")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_serve_sets_the_site_address_from_its_port_unless_site_url_is_given():
    database = f"disnaker_serve_{uuid.uuid4().hex[:8]}"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "SITE_URL", "DATABASE_URL")
    }
    env["PGDATABASE"] = database
    subprocess.run(["createdb", database], env=env, check=True)
    try:
        port, robots = serve_and_read_robots(env)
        assert f"Sitemap: http://127.0.0.1:{port}/sitemap.xml" in robots
        _port, robots = serve_and_read_robots({**env, "SITE_URL": "https://loker.example.go.id"})
        assert "Sitemap: https://loker.example.go.id/sitemap.xml" in robots
    finally:
        subprocess.run(["dropdb", "--if-exists", database], env=env, check=False)
