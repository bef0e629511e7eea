"""A visitor on a phone opens the portal, switches language, reads a service standard."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_accessibility, switch_language

pytestmark = pytest.mark.e2e


def test_visitor_reads_the_job_exchange_requirements(page, demo_site):
    page.goto(demo_site.url + "/kota-probolinggo/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", name="Layanan kami")).to_be_visible()
    check_accessibility(page)

    # The menu is collapsed on a 360 px screen; the language switch lives inside it.
    switch_language(page, "English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Our services")).to_be_visible()

    switch_language(page, "Bahasa Indonesia", menu="Show menu")
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


PUBLIC_PAGES = [
    "/",  # the offices
    "/?q=zzzz",  # a region that is not on the portal
    "/kota-probolinggo/",
    "/kota-probolinggo/standar-pelayanan/bkol/",
    "/kota-probolinggo/standar-pelayanan/akad/",
    "/kota-probolinggo/standar-pelayanan/pengaduan/",
    "/loker/",
    "/kota-probolinggo/loker/",
    "/loker/?q=zzzz",  # a search that finds nothing
    "/loker/daftar/pencari-kerja/",
    "/loker/daftar/perusahaan/",
    "/kota-probolinggo/pengaduan/",
    "/pengaduan/status/",
    "/akad/verifikasi/",
    "/akad/verifikasi/AAAA-BBBB-CCCC/",  # an unknown code
    "/kota-probolinggo/mutu/",
    "/masuk/",
]


@pytest.mark.parametrize("width", [360, 1280])
def test_every_public_page_passes_axe_on_a_phone_and_a_desktop(page, demo_site, width):
    from jobboard.models import Vacancy

    page.set_viewport_size({"width": width, "height": 800})
    vacancy = Vacancy.objects.published().first()
    assert vacancy is not None, "the demo data has a published vacancy"
    for path in [*PUBLIC_PAGES, f"/loker/lowongan/{vacancy.pk}/"]:
        page.goto(demo_site.url + path)
        try:
            check_accessibility(page)
        except AssertionError as failure:
            raise AssertionError(f"{path} at {width} px:\n{failure}") from None
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path


def test_a_desktop_visitor_finds_registration_in_the_menu(page, demo_site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(demo_site.url + "/")
    menu = page.get_by_role("navigation", name="Navigasi utama")
    menu.get_by_role("button", name="Daftar").click()
    menu.get_by_role("link", name="Daftar sebagai pencari kerja").click()
    expect(page).to_have_url(re.compile(r"/loker/daftar/pencari-kerja/$"))
    check_accessibility(page)
