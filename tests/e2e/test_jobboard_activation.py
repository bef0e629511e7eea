"""(b) An officer finds the registrant at the top of the queue, opens the KTP, activates;
the job seeker then logs in and applies."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import check_accessibility, login, open_menu
from tests.jobboard.e2e_helpers import admin_login, logout, run_admin_action

pytestmark = pytest.mark.e2e


def test_officer_activates_from_the_queue_and_the_job_seeker_can_apply(page, demo_site):
    from jobboard.models import JobSeeker
    from portal.demo import DEMO_PASSWORD
    from tests.factories import make_jobseeker

    seeker = make_jobseeker(full_name="Wahyu Nugroho")
    # Registered an hour before the demo's waiting job seeker: the oldest in the queue.
    JobSeeker.objects.filter(pk=seeker.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(hours=1)
    )

    admin_login(page, demo_site.url, "antarkerja", DEMO_PASSWORD)
    page.get_by_role("link", name="Pencari kerja").first.click()
    first_row = page.locator("#result_list tbody tr").first
    expect(first_row).to_contain_text("Wahyu Nugroho")
    expect(first_row).to_contain_text("1 jam")  # how long Wahyu has waited
    expect(page.locator("#result_list tbody tr").nth(1)).to_contain_text("Sari Indah Lestari")

    first_row.get_by_role("link", name="Wahyu Nugroho").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="fotokopi KTP").click()
    assert download.value.suggested_filename.endswith("ktp_scan.pdf")
    assert download.value.path().read_bytes().startswith(b"%PDF-")

    page.goto(demo_site.url + "/admin/jobboard/jobseeker/")
    run_admin_action(page, "Wahyu Nugroho", "Aktifkan (yang dipilih)")
    expect(page.get_by_text("diaktifkan: 1 selesai.")).to_be_visible()
    expect(page.locator("#result_list")).not_to_contain_text("Wahyu Nugroho")
    page.goto(demo_site.url + "/admin/jobboard/jobseeker/?queue=all&status__exact=active")
    row = page.locator("#result_list tbody tr", has_text="Wahyu Nugroho")
    expect(row).to_contain_text("Aktif")
    expect(row).to_contain_text("antarkerja")  # who decided is shown

    logout(page)
    login(page, demo_site.url, seeker.user.email, "pw-Secret-123")
    open_menu(page)
    page.get_by_role("link", name="Lowongan").first.click()
    page.get_by_role("link", name="Staf Administrasi Gudang").click()
    page.get_by_label("Surat singkat (tidak wajib)").fill("Saya teliti dan terbiasa dengan Excel.")
    page.get_by_role("button", name="Lamar sekarang").click()
    expect(page.get_by_role("heading", name="Lamaran saya")).to_be_visible()
    expect(page.get_by_text("Staf Administrasi Gudang")).to_be_visible()
    expect(page.get_by_text("Melamar", exact=True)).to_be_visible()
    check_accessibility(page)
