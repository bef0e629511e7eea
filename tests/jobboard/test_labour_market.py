"""The monthly labour-market report (issue 18 item 5): its figures against counts made here in
plain Python over the records, the month-to-month identity, the province sum, the office
check, the figures' links, the XLSX and the PDF, and the demo's month."""

import datetime
import io
import itertools
import random
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobboard import labour_market as lm
from jobboard.models import Ak1Card, Education, JobSeeker, Placement, Vacancy, VacancyStep
from portal import roles
from portal.demo import load_offices
from portal.working_time import WORK_TZ
from tests.factories import make_employer
from tests.jobboard.factories import make_application, make_seeker, make_vacancy
from tests.offices import office_url

pytestmark = pytest.mark.django_db

JAN, FEB, MAR, APR = (datetime.date(2026, m, 1) for m in (1, 2, 3, 4))
_card_seq = itertools.count(1)
MONTH_ENDS = (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28))
SECTORS = ("Industri pengolahan", "Perdagangan", "Pertanian")


def wib(day, hour=10, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), WORK_TZ)


def day_between(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange((end - start).days))


def build_world(offices, rng, *, seekers=36, vacancies=10, officer):
    """Job seekers, vacancies, placements, AK/I cards and AKAD permits with known dates
    between December 2025 and March 2026 in ``offices``."""
    from akad_permits.models import PermitApplication, Status
    from tests.akad_permits.conftest import make_application as make_permit

    employers = [
        make_employer(status="active", office=o, sector=SECTORS[i % 3])
        for i, o in enumerate(offices * 2)
    ]
    # one employer per office holds an AKAD permit valid in February
    for employer in employers[: len(offices)]:
        permit = make_permit(employer)
        PermitApplication.objects.filter(pk=permit.pk).update(
            status=Status.ISSUED, valid_from=FEB, valid_until=datetime.date(2026, 2, 28)
        )
    opened = []
    for i in range(vacancies):
        employer = employers[i % len(employers)]
        published = wib(day_between(rng, datetime.date(2025, 12, 1), datetime.date(2026, 3, 20)))
        if i % 5 == 0:
            published = wib(datetime.date(2026, 1, 31), 23, 30)  # late at night, WIB
        vacancy = make_vacancy(
            employer,
            openings_male=rng.choice((0, 1, 2)),
            openings_female=rng.choice((0, 1)),
            openings_any=rng.choice((1, 2)),
            min_education=rng.choice(("SMA", "SMK", "S1")),
            closing_date=published.date() + datetime.timedelta(days=rng.choice((20, 45, 90))),
            status="closed" if i % 4 == 3 else "published",
        )
        Vacancy.objects.filter(pk=vacancy.pk).update(published_at=published)
        if i % 4 == 3:
            VacancyStep.objects.create(
                vacancy=vacancy,
                action="close",
                from_status="published",
                to_status="closed",
                created_at=published + datetime.timedelta(days=10),
            )
        opened.append(Vacancy.objects.get(pk=vacancy.pk))
    # never published: not counted
    make_vacancy(employers[0], status="submitted")
    people = []
    for i in range(seekers):
        office = offices[i % len(offices)]
        seeker = make_seeker(
            office=office,
            sex="L" if i % 3 else "P",
            education_level=rng.choice(("SD", "SMP", "SMA", "SMK", "D3", "S1")),
            birth_date=datetime.date(rng.choice((1965, 1975, 1985, 1995, 2000, 2008)), 6, 15),
        )
        entered = day_between(rng, datetime.date(2025, 12, 1), datetime.date(2026, 3, 31))
        hour = 9
        if i % 7 == 0:  # activated late on a month's last day (after 17:00 UTC: the next day)
            entered, hour = rng.choice(MONTH_ENDS), 23
        JobSeeker.objects.filter(pk=seeker.pk).update(decided_at=wib(entered, hour, 30))
        if i % 4 == 1:  # an AK/I card that lapses in the span
            valid_until = day_between(rng, datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
            if i % 8 == 1:  # valid to the month's last day: removed on the next month's first
                valid_until = rng.choice(MONTH_ENDS)
            Ak1Card.objects.create(
                jobseeker=seeker,
                office=office,
                number=f"AK1/{(seq := next(_card_seq))}",
                year=2025,
                seq=seq,
                issued_at=wib(entered),
                issued_by=officer,
                valid_from=valid_until - datetime.timedelta(days=730),
                valid_until=valid_until,
            )
        people.append((seeker, entered))
    make_seeker(office=offices[0], status="waiting")  # not activated: not counted
    # in each office, a placement in February with the employer holding the AKAD permit
    for employer in employers[: len(offices)]:
        vacancy = make_vacancy(employer, openings_any=3, closing_date=datetime.date(2026, 3, 31))
        Vacancy.objects.filter(pk=vacancy.pk).update(published_at=wib(datetime.date(2026, 1, 5)))
        seeker = make_seeker(office=employer.office, sex="P", education_level="SMA")
        JobSeeker.objects.filter(pk=seeker.pk).update(decided_at=wib(datetime.date(2026, 1, 10)))
        Placement.objects.create(
            application=make_application(vacancy, seeker, status="hired"),
            jobseeker=seeker,
            employer=employer,
            vacancy=vacancy,
            placed_on=datetime.date(2026, 2, 10),
            recorded_by=officer,
        )
    for i, (seeker, entered) in enumerate(people):
        if i % 3 == 0:
            vacancy = opened[i % len(opened)]
            placed = entered + datetime.timedelta(days=rng.randrange(-3, 60))  # some "before"
            application = make_application(vacancy, seeker, status="hired")
            Placement.objects.create(
                application=application,
                jobseeker=seeker,
                employer=vacancy.employer,
                vacancy=vacancy,
                placed_on=placed,
                recorded_by=officer,
            )


# --- the report counted again, in Python, from the records -----------------------------------


def band_of(age):
    for label, _low, high in lm.AGE_BANDS:
        if high is None or age <= high:
            return label


def classify(entered, first, second, month):
    """The states (of lm.STATES) a record with these dates is in during ``month``."""
    s = month
    e = (month + datetime.timedelta(days=32)).replace(day=1)
    ends = [d for d in (first, second) if d is not None]
    left = max(entered, min(ends)) if ends else None
    by_first = first is not None and (second is None or first <= second)
    states = []
    if entered < s and (left is None or left >= s):
        states.append(lm.CARRIED_OVER)
    if s <= entered < e:
        states.append(lm.REGISTERED)
    if left is not None and s <= left < e:
        states.append(lm.LEFT_FIRST if by_first else lm.LEFT_SECOND)
    if entered < e and (left is None or left >= e):
        states.append(lm.CARRIED_FORWARD)
    return states


def expected_seekers(month, offices):
    """Counter over (state, education, sex, band)."""
    out = Counter()
    for seeker in JobSeeker.objects.filter(office__in=offices):
        if seeker.status != "active" or seeker.decided_at is None:
            continue
        entered = timezone.localtime(seeker.decided_at, WORK_TZ).date()
        placed = min(
            (p.placed_on for p in Placement.objects.filter(jobseeker=seeker)), default=None
        )
        card = Ak1Card.objects.filter(jobseeker=seeker).first()
        removed = card.valid_until + datetime.timedelta(days=1) if card else None
        b = seeker.birth_date
        age = entered.year - b.year - ((entered.month, entered.day) < (b.month, b.day))
        for state in classify(entered, placed, removed, month):
            out[(state, seeker.education_level, seeker.sex, band_of(age))] += 1
    return out


def expected_openings(month, offices):
    """Counter over (state, education, sex column) of openings."""
    out = Counter()
    for vacancy in Vacancy.objects.filter(office__in=offices):
        if vacancy.status not in ("published", "closed") or vacancy.published_at is None:
            continue
        entered = timezone.localtime(vacancy.published_at, WORK_TZ).date()
        dates = sorted((p.placed_on, p.pk) for p in Placement.objects.filter(vacancy=vacancy))
        n = vacancy.openings
        filled = dates[n - 1][0] if n and len(dates) >= n else None
        ends = [vacancy.closing_date + datetime.timedelta(days=1)]
        ends += [
            timezone.localtime(step.created_at, WORK_TZ).date()
            for step in VacancyStep.objects.filter(vacancy=vacancy, to_status="closed")
        ]
        for state in classify(entered, filled, min(ends), month):
            for sex, field in lm.OPENINGS:
                out[(state, vacancy.min_education, sex)] += getattr(vacancy, field)
    return out


def expected_placements(month, offices):
    """Counter over (sector, sex, region)."""
    from akad_permits.models import PermitApplication

    out = Counter()
    end = (month + datetime.timedelta(days=32)).replace(day=1)
    for p in Placement.objects.filter(office__in=offices):
        if not (month <= p.placed_on < end):
            continue
        akad = any(
            permit.status == "issued"
            and permit.office_id == p.office_id
            and permit.valid_from <= p.placed_on <= permit.valid_until
            for permit in PermitApplication.objects.filter(employer=p.employer)
        )
        out[(p.employer.sector, p.jobseeker.sex, lm.AKAD if akad else lm.LOCAL)] += 1
    return out


def cells(table, label):
    row = next(r for r in table.rows if r.label == str(label))
    return [c.value for c in row.cells]


def assert_report_matches(month, office_ids):
    report = lm.Report(lm.compute(month, office_ids), office_ids)
    seekers = expected_seekers(month, office_ids)
    by_education = report.seeker_table("education")
    for level in Education:
        want = []
        for state in lm.STATES:
            m, f = (
                sum(
                    n
                    for (st, ed, sx, _b), n in seekers.items()
                    if (st, ed, sx) == (state, level, x)
                )
                for x in ("L", "P")
            )
            want += [m, f, m + f]
        assert cells(by_education, level.label) == want, level
    by_age = report.seeker_table("age")
    for band, _low, _high in lm.AGE_BANDS:
        want = []
        for state in lm.STATES:
            m, f = (
                sum(
                    n for (st, _e, sx, bd), n in seekers.items() if (st, sx, bd) == (state, x, band)
                )
                for x in ("L", "P")
            )
            want += [m, f, m + f]
        assert cells(by_age, band) == want, band
    openings = expected_openings(month, office_ids)
    table = report.vacancy_table()
    for level in Education:
        want = []
        for state in lm.STATES:
            by_sex = [openings[(state, level, sex)] for sex, _f in lm.OPENINGS]
            want += [*by_sex, sum(by_sex)]
        assert cells(table, level.label) == want, level
    placements = expected_placements(month, office_ids)
    by_sector = report.placement_table("sector")
    for sector in {k[0] for k in placements}:
        m, f = (
            sum(n for (sc, sx, _r), n in placements.items() if (sc, sx) == (sector, x))
            for x in "LP"
        )
        assert cells(by_sector, sector) == [m, f, m + f]
    by_region = report.placement_table("region")
    for region, label in lm.REGIONS:
        m, f = (
            sum(n for (_s, sx, r), n in placements.items() if (r, sx) == (region, x)) for x in "LP"
        )
        assert cells(by_region, label) == [m, f, m + f]
    return report, seekers, openings, placements


# --- the fixtures ----------------------------------------------------------------------------


@pytest.fixture
def world(office, make_user, roles_synced):
    first, province, lumajang = load_offices()
    officer = make_user("pak-antarkerja", role=roles.JOB_PLACEMENT_OFFICER, office=first)
    build_world([first, lumajang], random.Random(18), officer=officer)
    return first, province, lumajang


# --- the tests -------------------------------------------------------------------------------


def test_the_figures_of_february_match_the_records_counted_in_python(world):
    first, _province, lumajang = world
    for office_ids in ([first.pk], [lumajang.pk]):
        assert_report_matches(FEB, office_ids)
    # the data set reaches every kind of figure in some month, so the comparison means something
    reached = set()
    for month in (JAN, FEB, MAR):
        _r, seekers, openings, placements = assert_report_matches(month, [first.pk, lumajang.pk])
        reached |= {k[0] for k in seekers} | {f"vacancy {k[0]}" for k, n in openings.items() if n}
        reached |= {f"placement {k[2]}" for k in placements}
    assert {f"placement {lm.LOCAL}", f"placement {lm.AKAD}"} <= reached
    reached -= {f"placement {lm.LOCAL}", f"placement {lm.AKAD}"}
    assert reached == {*lm.STATES, *(f"vacancy {s}" for s in lm.STATES)}


def test_carried_forward_of_a_month_is_carried_over_of_the_next(world):
    first, _province, lumajang = world
    ids = [first.pk, lumajang.pk]
    for month, following in ((JAN, FEB), (FEB, MAR), (MAR, APR)):
        this = lm.Report(lm.compute(month, ids), ids)
        nxt = lm.Report(lm.compute(following, ids), ids)
        for key in ("education", "age"):
            a, b = this.seeker_table(key), nxt.seeker_table(key)
            for row_a, row_b in zip(a.rows, b.rows, strict=True):
                values_a, values_b = [c.value for c in row_a.cells], [c.value for c in row_b.cells]
                assert values_a[12:15] == values_b[0:3], (month, row_a.label)
                # carried over + registered - placed - removed = carried forward
                for sex in range(3):
                    co, reg, pl, rm, cf = (values_a[i * 3 + sex] for i in range(5))
                    assert co + reg - pl - rm == cf
        va, vb = this.vacancy_table(), nxt.vacancy_table()
        for row_a, row_b in zip(va.rows, vb.rows, strict=True):
            assert [c.value for c in row_a.cells][16:20] == [c.value for c in row_b.cells][0:4]


def test_the_report_is_three_queries_whatever_the_data(world, make_user):
    first, _province, lumajang = world
    ids = [first.pk, lumajang.pk]
    with CaptureQueriesContext(connection) as before:
        lm.Report(lm.compute(FEB, ids), ids).tables()
    officer = make_user("pak-dua", role=roles.JOB_PLACEMENT_OFFICER, office=first)
    build_world([first, lumajang], random.Random(7), seekers=30, vacancies=8, officer=officer)
    with CaptureQueriesContext(connection) as after:
        lm.Report(lm.compute(FEB, ids), ids).tables()
    assert len(before) == len(after) == 3


def test_the_province_reader_sees_the_sum_of_the_offices_and_each_office(world, client, make_user):
    first, province, lumajang = world
    reader = make_user("pembaca", role=roles.PROVINCE_READER, office=province)
    client.force_login(reader)
    response = client.get(office_url("quality:labour_report", office=first), {"bulan": "2026-02"})
    assert response.status_code == 200
    summed = response.context["tables"]
    assert [o.pk for o in response.context["offices"]] == sorted(
        [first.pk, lumajang.pk],
        key=lambda pk: [first, lumajang][[first.pk, lumajang.pk].index(pk)].name,
    )
    apart = []
    for o in (first, lumajang):
        one = client.get(
            office_url("quality:labour_report", office=first), {"bulan": "2026-02", "kantor": o.pk}
        )
        assert one.status_code == 200
        apart.append(one.context["tables"])
    for i, table in enumerate(summed):
        if table.key == "penempatan_sektor":
            continue  # the rows are the sectors present: compared through the totals below
        for r, row in enumerate(table.rows):
            assert [c.value for c in row.cells] == [
                a.value + b.value
                for a, b in zip(apart[0][i].rows[r].cells, apart[1][i].rows[r].cells, strict=True)
            ], (table.key, row.label)
    assert summed[3].rows[-1].cells[2].value == sum(t[3].rows[-1].cells[2].value for t in apart)
    assert "Dinas Tenaga Kerja Kabupaten Lumajang" in response.text


def test_an_officer_of_another_office_is_refused(world, client, make_user):
    first, _province, lumajang = world
    officer = make_user("lmj-petugas", role=roles.JOB_PLACEMENT_OFFICER, office=lumajang)
    client.force_login(officer)
    url = office_url("quality:labour_report", office=first)
    assert client.get(url, {"kantor": lumajang.pk}).status_code == 200
    for name in (
        "quality:labour_report",
        "quality:labour_report_xlsx",
        "quality:labour_report_pdf",
    ):
        url = office_url(name, office=first)
        assert client.get(url, {"kantor": first.pk}).status_code == 403
    # a job seeker (no office role) is refused too
    seeker = JobSeeker.objects.filter(office=first).first()
    client.force_login(seeker.user)
    assert client.get(office_url("quality:labour_report"), {}).status_code in (302, 403)


def test_each_figure_link_lists_as_many_records_as_the_figure_says(world, client, make_user):
    first, _province, lumajang = world
    officer = make_user("petugas-link", role=roles.JOB_PLACEMENT_OFFICER, office=first)
    client.force_login(officer)
    response = client.get(
        office_url("quality:labour_report", office=first), {"bulan": "2026-02", "kantor": first.pk}
    )
    tables = {t.key: t for t in response.context["tables"]}
    checked = 0
    for key in ("pencaker_pendidikan", "pencaker_umur", "penempatan_sektor", "penempatan_wilayah"):
        for row in tables[key].rows:
            for cell in row.cells:
                if cell.value:
                    listed = client.get(cell.url)
                    assert listed.status_code == 200
                    assert listed.context["cl"].queryset.count() == cell.value, (key, row.label)
                    checked += 1
    assert checked > 20
    # openings: the vacancies listed hold the openings the figure counts
    fields = dict(lm.OPENINGS)
    for row in tables["lowongan"].rows:
        for i, cell in enumerate(row.cells):
            if cell.value:
                listed = client.get(cell.url).context["cl"].queryset
                sex = [s for s, _f in lm.OPENINGS][i % 4] if i % 4 < 3 else None
                total = sum(getattr(v, fields[sex]) if sex else v.openings for v in listed)
                assert total == cell.value, (row.label, i)
    # the page shows them as links
    assert tables["pencaker_pendidikan"].rows[-1].cells[2].url in response.text.replace(
        "&amp;", "&"
    )


def test_the_xlsx_and_the_pdf_carry_the_figures(world, client, make_user):
    from openpyxl import load_workbook

    first, _province, _lumajang = world
    head = make_user("kadis", role=roles.HEAD_OF_OFFICE, office=first)
    client.force_login(head)
    params = {"bulan": "2026-02", "kantor": first.pk}
    page = client.get(office_url("quality:labour_report", office=first), params)
    total = page.context["tables"][0].rows[-1].cells
    response = client.get(office_url("quality:labour_report_xlsx", office=first), params)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["pencaker_pendidikan"]
    assert "Pencari kerja" in sheet["A1"].value
    last = [c.value for c in sheet[sheet.max_row]]
    assert last[0] == "Jumlah" and last[1:] == [c.value for c in total]
    assert all(isinstance(v, int) for v in last[1:])
    pdf = client.get(office_url("quality:labour_report_pdf", office=first), params)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "DINAS PERINDUSTRIAN DAN TENAGA KERJA" in text.upper()
    assert "Februari 2026" in text


def test_the_demo_gives_a_report_of_its_month_that_matches_its_records():
    call_command("load_demo", stdout=io.StringIO())
    month = timezone.localdate(timezone=WORK_TZ).replace(day=1)
    first, _province, lumajang = load_offices()
    report, seekers, openings, placements = assert_report_matches(month, [first.pk, lumajang.pk])
    totals = report.totals()
    assert totals[0][lm.CARRIED_FORWARD] > 0 and totals[1][lm.REGISTERED] > 0
