"""Real-browser journeys: Playwright driving Debian's Chromium against pytest-django's live server."""

import io
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.second_factor import pass_second_step

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A cheap phone: the portal must work at 360 px.
    return {
        **browser_context_args,
        "viewport": {"width": 360, "height": 740},
        "locale": "id-ID",
        "accept_downloads": True,
        "bypass_csp": True,
    }  # lets the test inject axe-core; the pages themselves keep their CSP


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The live server with the demo office, standards, roles and officers loaded."""
    from django.core.management import call_command

    from portal.roles import sync_roles

    sync_roles()  # a transactional test's flush removed the migrated groups
    call_command("load_demo", stdout=io.StringIO())
    return live_server


def check_accessibility(page, impacts=("serious", "critical")):
    """Run axe-core on the page; fail on violations of the given impact."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]
    assert bad == [], "\n".join(bad)


def open_menu(page, name="Tampilkan menu"):
    """Open the collapsed phone menu and wait until it has finished opening.

    While Bootstrap's collapse animates, the menu's buttons are partly clipped and the ones
    beside each other (the language switch) can take a click meant for their neighbour.
    """
    page.get_by_role("button", name=name).click()
    expect(page.locator("#main-nav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))


def switch_language(page, language, menu="Tampilkan menu"):
    """Choose a language in the phone menu and wait for the page it reloads."""
    open_menu(page, menu)
    with page.expect_navigation(timeout=30_000):
        page.get_by_role("button", name=language).click()


def login(page, base_url, username, password):
    page.goto(f"{base_url}/masuk/")
    page.get_by_label("Alamat e-mail atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").last.click()
    pass_second_step(page, username)


@pytest.fixture
def page(page):
    page.set_default_timeout(10_000)  # a missing element fails fast, not after 30 s
    return page
