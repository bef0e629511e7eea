"""A job seeker saves a search from the vacancy list, finds it on his account page, and stops
its e-mails from the link in the mail (issue 17 item 6), on a 360 px phone."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_accessibility, login

pytestmark = pytest.mark.e2e


def test_a_job_seeker_saves_a_search_and_sees_it_on_his_account_page(page, demo_site):
    from jobboard import services
    from jobboard.models import SavedSearch
    from portal.demo import DEMO_PASSWORD

    login(page, demo_site.url, "pencaker1", DEMO_PASSWORD)
    page.goto(demo_site.url + "/loker/")
    page.get_by_label("Kata pencarian").fill("las")
    page.get_by_role("button", name="Cari", exact=True).click()
    expect(page.locator("article.vacancy-card")).to_have_count(1)
    expect(page.locator("article.vacancy-card")).to_contain_text("Juru Las Konstruksi")

    alert = page.locator("#save-search")
    expect(alert).to_contain_text("Terima lowongan baru dari pencarian ini lewat e-mail")
    alert.get_by_label("Kirimi saya lowongan baru").select_option(label="Mingguan")
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    alert.get_by_role("button", name="Simpan pencarian ini").click()

    expect(page.get_by_text("Pencarian Anda sudah disimpan.")).to_be_visible()
    section = page.locator("#job-alerts")
    expect(section.get_by_role("heading", name="Pemberitahuan lowongan saya")).to_be_visible()
    saved = section.locator("li.saved-search")
    expect(saved).to_have_count(1)
    expect(saved).to_contain_text("Kata pencarian: las")
    expect(saved).to_contain_text("Mingguan")
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The link in the mail, opened without being logged in: one question, one button.
    search = SavedSearch.objects.get()
    assert search.filters == {"q": "las"} and search.frequency == "weekly"
    page.context.clear_cookies()
    page.goto(
        demo_site.url
        + f"/loker/pemberitahuan-lowongan/berhenti/{services.unsubscribe_token(search)}/"
    )
    expect(page.get_by_role("heading", name="Hentikan e-mail ini")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Hentikan e-mail").click()
    expect(page.get_by_role("heading", name="E-mail dihentikan")).to_be_visible()

    # Back on the account page the search shows as stopped, and he deletes it.
    login(page, demo_site.url, "pencaker1", DEMO_PASSWORD)
    page.goto(demo_site.url + "/loker/akun/status/")
    expect(page.locator("li.saved-search")).to_contain_text("E-mail dihentikan pada")
    page.get_by_role("button", name="Hapus pencarian ini").click()
    expect(page.get_by_text("Pencarian tersimpan sudah dihapus.")).to_be_visible()
    expect(page.locator("li.saved-search")).to_have_count(0)
    expect(page.locator("#job-alerts")).to_contain_text("Anda belum punya pencarian tersimpan.")
