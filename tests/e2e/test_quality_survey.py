"""A job seeker's account is activated; the e-mail's link opens the SKM form; the answer is
counted once; another person sees the survey banner after logging in."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import check_accessibility, login

pytestmark = pytest.mark.e2e

ELEMENTS = [
    ("U1. Persyaratan", "3. Sesuai"),
    ("U2. Sistem, mekanisme dan prosedur", "4. Sangat mudah"),
    ("U3. Waktu penyelesaian", "2. Kurang cepat"),
    ("U4. Biaya/tarif", "4. Gratis"),
    ("U5. Produk spesifikasi jenis pelayanan", "3. Sesuai"),
    ("U6. Kompetensi pelaksana", "3. Kompeten"),
    ("U7. Perilaku pelaksana", "4. Sangat sopan dan ramah"),
    ("U8. Penanganan pengaduan, saran dan masukan", "3. Berfungsi kurang maksimal"),
    ("U9. Sarana dan prasarana", "3. Baik"),
]


def activate_the_waiting_job_seeker():
    from django.contrib.auth import get_user_model

    from jobboard import services
    from jobboard.models import JobSeeker

    seeker = JobSeeker.objects.get(user__username="pencaker-baru")
    officer = get_user_model().objects.get(username="antarkerja")
    mail.outbox.clear()
    services.activate_registration(seeker, actor=officer)
    [invitation] = [m for m in mail.outbox if "survei" in m.subject.lower()]
    return re.search(r"/mutu/survei/[^/\s]+/", invitation.body).group(0)


def test_the_survey_from_the_mail_link_is_answered_once(page, demo_site):
    url = demo_site.url
    link = activate_the_waiting_job_seeker()

    page.goto(url + link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Survei kepuasan")
    check_accessibility(page)
    for legend, answer in ELEMENTS[:-1]:  # the last one forgotten
        page.get_by_role("group", name=legend).get_by_label(answer).check()
    page.get_by_label("Komentar atau saran (tidak wajib)").fill("Petugas ramah, antrean lama.")
    page.get_by_role("button", name="Kirim jawaban saya").click()

    facilities = page.get_by_role("group", name=ELEMENTS[-1][0])
    expect(facilities).to_contain_text("Pilih salah satu dari empat jawaban.")
    expect(
        page.get_by_role("group", name=ELEMENTS[2][0]).get_by_label("2. Kurang cepat")
    ).to_be_checked()
    expect(page.get_by_label("Komentar atau saran (tidak wajib)")).to_have_value(
        "Petugas ramah, antrean lama."
    )
    facilities.get_by_label(ELEMENTS[-1][1]).check()
    page.get_by_role("button", name="Kirim jawaban saya").click()

    expect(page.get_by_role("status")).to_contain_text("Terima kasih")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mutu pelayanan")
    expect(page.locator("#ikm-bkol")).to_contain_text("mutu")
    check_accessibility(page)  # the public page

    # The same link again: the survey was answered; no second form.
    page.goto(url + link)
    expect(page.locator("#survey-already-answered")).to_contain_text("sudah diisi")
    expect(page.get_by_role("button", name="Kirim jawaban saya")).to_have_count(0)


def test_a_person_with_an_unanswered_survey_sees_the_banner_after_login(page, demo_site):
    # The demo's active job seekers were activated through the service: each was invited.
    login(page, demo_site.url, "pencaker1", DEMO_PASSWORD)
    banner = page.locator("#survey-banner")
    expect(banner).to_contain_text("Bagaimana pelayanan kami?")
    banner.get_by_role("link", name="Isi survei").click()
    expect(page.get_by_role("group", name=ELEMENTS[0][0])).to_be_visible()
