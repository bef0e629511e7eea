"""A visitor on a phone finds the labour office of Lumajang from the portal's root and opens it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_accessibility

pytestmark = pytest.mark.e2e


def test_a_visitor_types_lumajang_and_opens_its_office(page, demo_site):
    from portal.demo import LUMAJANG, OFFICE  # the demo holds both offices

    page.goto(demo_site.url + "/")
    expect(page.get_by_role("heading", name="Dinas tenaga kerja di portal ini")).to_be_visible()
    expect(page.get_by_role("heading", name="Jawa Timur", exact=True)).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Kota, kabupaten atau provinsi").fill("Lumajang")
    page.get_by_role("button", name="Cari", exact=True).click()
    expect(page.get_by_role("link", name="Dinas Tenaga Kerja Kabupaten Lumajang")).to_be_visible()
    expect(page.get_by_role("link", name=OFFICE["name"])).to_have_count(0)
    check_accessibility(page)

    page.get_by_role("link", name="Dinas Tenaga Kerja Kabupaten Lumajang").click()
    expect(page).to_have_url(demo_site.url + "/kab-lumajang/")
    expect(
        page.get_by_role("heading", name="Dinas Tenaga Kerja Kabupaten Lumajang", level=1)
    ).to_be_visible()
    expect(page.locator("footer")).to_contain_text(LUMAJANG["phone"])
    expect(page.get_by_role("heading", name="Layanan kami")).to_be_visible()
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
