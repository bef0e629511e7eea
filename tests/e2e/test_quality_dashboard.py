"""A head opens the service-quality dashboard, picks last month, finds a late AKAD permit and
downloads the list as CSV."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import check_accessibility, login

pytestmark = pytest.mark.e2e


def late_permit_last_month():
    """A permit issued on the 10th of last month after 700 working minutes (1 day is 480),
    its signature 250 minutes against the SOP's 5."""
    from akad_permits.models import PermitApplication, PermitStep
    from akad_permits.standards import WORK_TZ
    from jobboard.models import Employer
    from quality.stats import current_month, shift_month

    month = shift_month(current_month(), -1)
    at = datetime.datetime.combine(month.replace(day=10), datetime.time(10), WORK_TZ)
    employer = Employer.objects.active().first()
    application = PermitApplication.objects.create(
        employer=employer,
        office=employer.office,
        status="issued",
        elapsed_minutes=700,
        state_entered_at=at,
        submitted_at=at - datetime.timedelta(days=1),
    )
    kadis = employer.user.__class__.objects.get(username="kadis")
    PermitStep.objects.create(
        application=application,
        action="sign",
        from_status="drafted",
        to_status="issued",
        actor=kadis,
        created_at=at,
        minutes=250,
    )
    return application, month


def test_a_head_finds_a_late_permit_and_downloads_the_csv(page, demo_site, tmp_path):
    url = demo_site.url
    application, month = late_permit_last_month()

    login(page, url, "kabid", DEMO_PASSWORD)
    # Officers land in the admin; its index leads to the dashboard.
    page.get_by_role("link", name="Dasbor mutu pelayanan").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor mutu pelayanan")

    page.get_by_label("Bulan", exact=True).fill(f"{month:%Y-%m}")
    page.get_by_role("button", name="Tampilkan", exact=True).click()
    expect(page).to_have_url(f"{url}/mutu/dasbor/?bulan={month:%Y-%m}")

    late = page.locator("#table-permits_late")
    expect(late.get_by_role("heading")).to_have_text("Izin AKAD terlambat")
    row = late.get_by_role("row").filter(has_text=application.reference)
    expect(row).to_be_visible()
    expect(row).to_contain_text("ya")  # over 1 working day
    check_accessibility(page)

    with page.expect_download() as info:
        late.get_by_role("link", name="Unduh CSV").click()
    download = info.value
    assert download.suggested_filename == f"permits_late-{month:%Y-%m}.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Nomor permohonan,Pemohon,")
    assert application.reference in text and ",700," in text

    # This month's page does not list it: it was decided last month and is not waiting.
    page.get_by_role("link", name="Bulan berikutnya").click()
    expect(page.locator("#table-permits_late")).not_to_contain_text(application.reference)
    assert timezone.now()  # the clock is the real one: the month is computed from it
