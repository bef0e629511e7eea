"""Two offices on one portal, in a browser at 360 px: one job market, each office's own queue.

(a) A job seeker of Kabupaten Lumajang finds a Kota Probolinggo vacancy with the vacancy
search's office filter, applies, and the Probolinggo employer sees the application.
(b) Lumajang's Kasi finds Lumajang's complaint waiting for him and none of Probolinggo's.
"""

import re

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import check_accessibility, login
from tests.jobboard.e2e_helpers import admin_login, logout

pytestmark = pytest.mark.e2e

PROBOLINGGO = "Dinas Perindustrian dan Tenaga Kerja Kota Probolinggo"


def test_a_lumajang_job_seeker_applies_to_a_probolinggo_vacancy_its_employer_sees_it(
    page, demo_site
):
    base = demo_site.url

    # The job seeker of Lumajang narrows the one job market to Probolinggo's office.
    login(page, base, "lmj-pencaker2", DEMO_PASSWORD)
    page.goto(base + "/loker/")
    page.get_by_label("Dinas tenaga kerja").select_option(label=PROBOLINGGO)
    page.get_by_role("button", name="Cari", exact=True).click()
    results = page.locator("article.vacancy-card")
    expect(results).to_have_count(4)  # Probolinggo's four, none of Lumajang's own
    expect(page.locator("main")).not_to_contain_text("Mandor Kebun Pisang")
    expect(results.filter(has_text="Staf Administrasi Gudang")).to_have_count(1)
    check_accessibility(page)

    page.get_by_role("link", name="Staf Administrasi Gudang").click()
    expect(page.get_by_role("heading", name="Staf Administrasi Gudang")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Lamar sekarang").click()
    expect(page.get_by_text("Lamaran Anda sudah dikirim")).to_be_visible()
    page.goto(base + "/loker/akun/lamaran/")
    expect(page.locator("main")).to_contain_text("Staf Administrasi Gudang")
    logout(page)

    # The Probolinggo employer sees her among the applicants of his vacancy.
    login(page, base, "perusahaan", DEMO_PASSWORD)
    page.get_by_role("link", name="Lowongan saya").click()
    mine = page.locator("article", has_text="Staf Administrasi Gudang")
    expect(mine).to_contain_text("1 pelamar")
    mine.get_by_role("link", name="Pelamar", exact=True).click()
    applicant = page.locator("article.applicant", has_text="Nur Aini Rahmawati")
    expect(applicant).to_be_visible()
    expect(applicant).to_contain_text("Perawat")  # her profile: the job she wants
    check_accessibility(page)
    logout(page)

    # Probolinggo's Petugas Antar Kerja sees the application (it is the vacancy's office's);
    # Lumajang's does not.
    admin_login(page, base, "antarkerja", DEMO_PASSWORD)
    page.goto(base + "/admin/jobboard/application/")
    expect(page.locator("#result_list")).to_contain_text("Nur Aini Rahmawati")
    logout(page)
    admin_login(page, base, "lmj-antarkerja", DEMO_PASSWORD)
    page.goto(base + "/admin/jobboard/application/")
    expect(page.locator("#content")).not_to_contain_text("Nur Aini Rahmawati")


def test_a_lumajang_kasis_queue_holds_lumajangs_complaint_and_none_of_probolinggos(page, demo_site):
    from django.contrib.auth import get_user_model

    from complaints import services
    from complaints.models import Complaint

    base = demo_site.url
    # One of Probolinggo's complaints waits for Probolinggo's Kasi too.
    probolinggo = Complaint.objects.get(complainant_name="Pak Hadi")
    services.report_to_section_head(
        complaint=probolinggo, actor=get_user_model().objects.get(username="pengaduan")
    )

    admin_login(page, base, "kasi", DEMO_PASSWORD)
    page.goto(base + "/admin/complaints/complaint/")
    expect(page.locator("#queue-pass")).to_contain_text("Pak Hadi")
    expect(page.locator("#queue-pass")).not_to_contain_text("Suparman")
    logout(page)

    admin_login(page, base, "lmj-kasi", DEMO_PASSWORD)
    page.goto(base + "/admin/complaints/complaint/")
    queue = page.locator("#queue-pass")
    expect(queue).to_contain_text("Suparman")
    expect(queue.get_by_role("link", name=re.compile(r"PGD-LMJ"))).to_have_count(1)
    content = page.locator("#content")
    for name in ("Pak Hadi", "Siti Aminah", "Bambang Setiawan", "Dewi Lestari"):
        expect(content).not_to_contain_text(name)
    expect(content).to_contain_text("Ika Puspitasari")  # Lumajang's other one, in the list
    check_accessibility(page)

    # Probolinggo's complaint is nothing to him, even by its address.
    response = page.goto(f"{base}/admin/complaints/complaint/{probolinggo.pk}/change/")
    assert response.status == 403
    expect(page.locator("body")).not_to_contain_text("Pak Hadi")
