"""(d) An employer searches job seekers and saves one to its own list with a note."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_accessibility, login

pytestmark = pytest.mark.e2e


def test_employer_searches_job_seekers_and_saves_one_with_a_note(page, demo_site):
    from portal.demo import DEMO_PASSWORD

    login(page, demo_site.url, "perusahaan", DEMO_PASSWORD)
    page.get_by_role("link", name="Cari pencari kerja").click()
    expect(page.get_by_role("heading", name="Cari pencari kerja")).to_be_visible()
    # The active job seekers of every office (Probolinggo's three, Lumajang's two: one job
    # market); the waiting one is not findable.
    expect(page.locator("article.candidate")).to_have_count(5)
    expect(page.locator("main")).to_contain_text("Nur Aini Rahmawati")
    expect(page.locator("main")).not_to_contain_text("Sari Indah Lestari")

    page.get_by_label("Keterampilan").fill("las")
    page.get_by_label("Pendidikan minimal").select_option("SMK")
    page.get_by_label("Kota/kabupaten").fill("Probolinggo")
    page.get_by_role("button", name="Cari", exact=True).click()
    expect(page.locator("article.candidate")).to_have_count(1)
    check_accessibility(page)

    page.get_by_role("link", name="Agus Setiawan").click()
    expect(page.get_by_text("las listrik, las argon")).to_be_visible()
    page.get_by_label("Catatan (hanya perusahaan Anda yang melihat)").fill(
        "Cocok untuk proyek gudang, hubungi minggu depan"
    )
    page.get_by_role("button", name="Simpan ke daftar saya").click()

    expect(page.get_by_role("heading", name="Pencari kerja tersimpan")).to_be_visible()
    expect(page.get_by_text("Agus Setiawan sudah disimpan di daftar Anda.")).to_be_visible()
    saved = page.locator("article.saved-candidate")
    expect(saved).to_have_count(1)
    expect(saved).to_contain_text("Cocok untuk proyek gudang, hubungi minggu depan")
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Back in the search, the saved one is marked.
    page.goto(demo_site.url + "/loker/perusahaan/pencari-kerja/?skills=las")
    expect(page.locator("article.candidate").first).to_contain_text("Tersimpan")
