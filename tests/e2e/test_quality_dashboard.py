"""A head opens the service-quality dashboard, picks last month, finds a late AKAD permit and
downloads the list as CSV."""

import datetime

import pytest
from django.utils import formats, timezone, translation
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

    # The headline counts it; its link opens the folded AKAD section at the list.
    page.locator("#headline-late a[href='#table-permits_late']").click()
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
    text = path.read_text(encoding="utf-8-sig")  # semicolons: an Indonesian Excel
    assert text.splitlines()[0].startswith("Nomor permohonan;Pemohon;")
    assert application.reference in text and ";700;" in text

    # This month's page does not list it: it was decided last month and is not waiting.
    page.get_by_role("link", name="Bulan berikutnya").click()
    expect(page.locator("#table-permits_late")).not_to_contain_text(application.reference)
    assert timezone.now()  # the clock is the real one: the month is computed from it


CHART_TEXT = """(selector) => [...document.querySelectorAll(selector)].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) *
            (t.ownerSVGElement.getBoundingClientRect().width /
             t.ownerSVGElement.viewBox.baseVal.width),
            height: r.height, right: r.right};
})"""


def test_a_head_reads_the_headline_and_the_charts_on_a_phone(page, demo_site, tmp_path):
    """At 360 px: the headline first, nothing wider than the screen, chart text of 12 px or
    more, all twelve months of the first chart in view; the folded sections open on a tap."""
    url = demo_site.url
    application, month = late_permit_last_month()
    login(page, url, "kabid", DEMO_PASSWORD)
    page.goto(f"{url}/mutu/dasbor/?bulan={month:%Y-%m}")

    headline = page.locator("#headline")
    expect(headline.get_by_role("heading", level=2)).to_contain_text("Ringkasan")
    late = page.locator("#headline-late")
    expect(late.locator("div").first).to_contain_text("AKAD")
    expect(late.locator("div").first.locator("dd")).to_have_text("1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    texts = page.evaluate(CHART_TEXT, "details[open] svg text")
    assert texts, "the first section is open and has charts"
    small = [t for t in texts if t["size"] < 12 or t["height"] < 11]
    assert small == [], small[:5]
    first = page.locator("details[open] svg").first
    labels = first.locator("text.quality-chart-category")
    expect(labels).to_have_count(12)
    last = labels.last.bounding_box()
    assert last["x"] >= 0 and last["x"] + last["width"] <= 360
    with translation.override("id"):
        name = formats.date_format(month, "YEAR_MONTH_FORMAT")
    expect(labels.last).to_have_text(f"{name[:3]} {month:%y}")  # the chosen month

    month_field = page.get_by_label("Bulan", exact=True)
    assert month_field.bounding_box()["height"] >= 44
    assert page.get_by_role("button", name="Tampilkan", exact=True).bounding_box()["height"] >= 44
    page.screenshot(path=str(tmp_path / "dashboard-360.png"), full_page=True)
    check_accessibility(page)

    # Every chart, with every section unfolded: text of 12 px or more, nothing too wide.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    texts = page.evaluate(CHART_TEXT, "svg text")
    expect(page.locator("svg.quality-chart-svg")).to_have_count(4)
    assert len(texts) > 60  # the four charts' legends, labels and values
    small = [t for t in texts if t["size"] < 12 or t["height"] < 11]
    assert small == [], small[:5]
    assert all(t["right"] <= 360 for t in texts), [t for t in texts if t["right"] > 360][:5]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / "dashboard-360-open.png"), full_page=True)
    page.reload()

    # The AKAD section is folded; its summary opens it, and a headline link opens it too.
    akad = page.locator("details").filter(has=page.get_by_role("heading", name="AKAD", exact=False))
    expect(akad).not_to_have_attribute("open", "")
    expect(page.locator("#table-permits_late")).not_to_be_visible()
    akad.locator("summary").click()
    expect(page.locator("#table-permits_late")).to_be_visible()
    akad.locator("summary").click()
    expect(page.locator("#table-permits_late")).not_to_be_visible()
    late.locator('a[href="#table-permits_late"]').click()
    expect(page.locator("#table-permits_late")).to_be_in_viewport()
    expect(page.locator("#table-permits_late")).to_contain_text(application.reference)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(tmp_path / "dashboard-1280.png"), full_page=True)
    check_accessibility(page)
    print("screenshots:", tmp_path)
