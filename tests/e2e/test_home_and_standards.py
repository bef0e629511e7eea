"""A visitor on a phone opens the portal, switches language, reads a service standard."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_accessibility

pytestmark = pytest.mark.e2e


def test_visitor_reads_the_job_exchange_requirements(page, demo_site):
    page.goto(demo_site.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", name="Layanan kami")).to_be_visible()
    check_accessibility(page)

    # The menu is collapsed on a 360 px screen; the language switch lives inside it.
    page.get_by_role("button", name="Tampilkan menu").click()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Our services")).to_be_visible()

    page.get_by_role("button", name="Show menu").click()
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.get_by_role("heading", name="Layanan kami")).to_be_visible()

    page.get_by_role("link", name=re.compile("Standar pelayanan.*Bursa Kerja On Line")).click()
    expect(
        page.get_by_role("heading", name="Pelayanan Bursa Kerja On Line", level=1)
    ).to_be_visible()
    requirements = page.locator("#requirements li")
    expect(requirements).to_have_count(3)
    expect(requirements.first).to_have_text("Membawa Foto Copy Kartu AK/I 1 lembar.")
    expect(page.get_by_text("20 Menit")).to_be_visible()
    check_accessibility(page)

    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
