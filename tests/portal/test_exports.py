"""The officers' lists as XLSX (portal.exports, issue 18 item 4): each list downloads what its
filter shows, of the officer's own office only, with typed cells Excel reads in Indonesian;
the download needs its permission and is recorded.

Every test opens the downloaded bytes with openpyxl, as Excel would read them.
"""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from portal import roles
from portal.demo import LUMAJANG
from portal.exports import XLSX
from portal.models import ExportRecord, Office
from tests.factories import make_employer, make_jobseeker
from tests.jobboard.factories import make_application, make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def lumajang(office):
    return Office.objects.create(**LUMAJANG)


@pytest.fixture
def staff(make_user, roles_synced, office):
    """staff(role, office=None) -> a logged-in client of a new officer with that role."""
    from django.test import Client

    made = iter(range(1, 1000))

    def make(role, where=None):
        user = make_user(f"staf{next(made)}", role=role, office=where or office)
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return make


def export_url(name, query=""):
    url = reverse(f"admin:{name}_export")
    return f"{url}?{query}" if query else url


def download(client, name, query=""):
    """The sheet as openpyxl reads it: (response, sheet, headers, [{header: cell}])."""
    response = client.get(export_url(name, query))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows())
    headers = [cell.value for cell in rows[0]]
    return response, sheet, headers, [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def assert_text(cell, value):
    """A text cell (never a number) holding exactly ``value``, every digit kept."""
    assert cell.data_type == "s", (cell.value, cell.data_type)
    assert cell.value == value


def assert_date(cell, value):
    assert cell.is_date, (cell.value, cell.number_format)
    assert cell.number_format.startswith("dd/mm/yyyy")
    got = cell.value.date() if cell.number_format == "dd/mm/yyyy" else cell.value
    assert got == value


def assert_number(cell, value):
    assert cell.data_type == "n" and not cell.is_date, (cell.value, cell.data_type)
    assert isinstance(cell.value, int | float)
    assert cell.value == value


# --- job seekers ---------------------------------------------------------------------------


def test_job_seekers_export_what_the_filter_shows_of_the_own_office(staff, office, lumajang):
    pak = staff(roles.JOB_PLACEMENT_OFFICER)
    birth = datetime.date(1998, 5, 17)
    shown = [
        make_jobseeker(status="active", full_name="Ani Lestari", birth_date=birth),
        make_jobseeker(status="active", full_name="Budi Hartono"),
    ]
    make_jobseeker(status="waiting", full_name="Cici Menunggu")  # filtered out
    make_jobseeker(status="active", full_name="Dedi Lumajang", office=lumajang)  # other office

    response, sheet, headers, rows = download(
        pak, "jobboard_jobseeker", "queue=all&status__exact=active&o=1"
    )
    assert [row["Nama lengkap"].value for row in rows] == ["Ani Lestari", "Budi Hartono"]
    assert sheet.title == "Pencari kerja"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= 16
    assert headers[:5] == ["NIK", "Nama lengkap", "Jenis kelamin", "Tempat lahir", "Tanggal lahir"]
    ani = rows[0]
    assert len(shown[0].nik) == 16
    assert_text(ani["NIK"], shown[0].nik)
    assert ani["NIK"].number_format == "@"
    assert_text(ani["Telepon"], "081234567890")  # the leading zero stays
    assert_date(ani["Tanggal lahir"], birth)
    assert_number(ani["Tahun lulus"], 2015)
    assert_number(ani["Umur"], shown[0].age)
    assert ani["Status"].value == "Aktif"
    assert ani["Jenis kelamin"].value == "Laki-laki"
    assert "Pencari Kerja" not in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith('attachment; filename="pencari-kerja-')

    record = ExportRecord.objects.get()
    assert record.user == pak.user
    assert record.office == office
    assert record.model_label == "jobboard.jobseeker"
    assert record.list_name == "Pencari kerja"
    assert record.row_count == 2
    assert record.description == "status: Aktif"
    assert timezone.now() - record.created_at < datetime.timedelta(minutes=1)


def test_a_search_exports_its_rows_and_the_record_keeps_no_searched_text(staff, office):
    pak = staff(roles.JOB_PLACEMENT_OFFICER)
    wanted = make_jobseeker(status="active", full_name="Ani Lestari")
    make_jobseeker(status="active", full_name="Budi Hartono")

    _response, _sheet, _headers, rows = download(
        pak, "jobboard_jobseeker", f"queue=all&q={wanted.nik}"
    )
    assert [row["NIK"].value for row in rows] == [wanted.nik]
    record = ExportRecord.objects.get()
    assert wanted.nik not in record.description
    assert "pencarian teks" in record.description
    assert record.row_count == 1


def test_the_change_list_offers_the_download_with_its_own_filter(staff):
    pak = staff(roles.JOB_PLACEMENT_OFFICER)
    page = pak.get(
        reverse("admin:jobboard_jobseeker_changelist") + "?queue=all&status__exact=active"
    )
    assert "Unduh XLSX" in page.text
    assert export_url("jobboard_jobseeker", "queue=all&amp;status__exact=active") in page.text


def test_a_filter_the_list_does_not_know_exports_nothing(staff):
    pak = staff(roles.JOB_PLACEMENT_OFFICER)
    response = pak.get(export_url("jobboard_jobseeker", "nosuchfield__exact=1"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:jobboard_jobseeker_changelist") + "?e=1"
    assert pak.post(export_url("jobboard_jobseeker")).status_code == 405
    assert not ExportRecord.objects.exists()


# --- who may download --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("jobboard_jobseeker", roles.HEAD_OF_OFFICE),
        ("jobboard_employer", roles.DIVISION_HEAD),
        ("jobboard_vacancy", roles.HEAD_OF_OFFICE),
        ("jobboard_placement", roles.DIVISION_HEAD),
        ("akad_permits_permitapplication", roles.HEAD_OF_OFFICE),
        ("complaints_complaint", roles.HEAD_OF_OFFICE),
        ("akad_permits_recommendation", roles.HEAD_OF_OFFICE),
    ],
)
def test_an_officer_who_reads_the_list_without_the_permission_gets_403(staff, name, role):
    head = staff(role)
    assert head.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert "Unduh XLSX" not in head.get(reverse(f"admin:{name}_changelist")).text
    assert head.get(export_url(name)).status_code == 403
    assert not ExportRecord.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["jobboard_application", "jobboard_ak1card", "complaints_complaint", "jobboard_jobseeker"],
)
def test_an_officer_who_may_not_read_the_list_gets_403(staff, name):
    # the secretariat exports the AKAD applications, and reads none of these lists
    secretariat = staff(roles.SECRETARIAT)
    assert secretariat.get(export_url(name)).status_code == 403
    assert not ExportRecord.objects.exists()


def test_the_permission_counts_only_in_the_office_that_gives_it(staff, office, lumajang):
    """Reading both offices' job seekers but exporting only in Lumajang: only Lumajang's rows."""
    from django.contrib.auth.models import Group, Permission

    pak = staff(roles.JOB_PLACEMENT_OFFICER, lumajang)
    reader = Group.objects.create(name="Pembaca tanpa unduh")
    reader.permissions.add(Permission.objects.get(codename="view_jobseeker"))
    from portal.models import OfficeRole

    OfficeRole.objects.create(user=pak.user, office=office, group=reader)
    make_jobseeker(status="active", full_name="Ani Probolinggo")
    make_jobseeker(status="active", full_name="Dedi Lumajang", office=lumajang)
    listed = pak.get(reverse("admin:jobboard_jobseeker_changelist") + "?queue=all").text
    assert "Ani Probolinggo" in listed and "Dedi Lumajang" in listed

    _response, _sheet, _headers, rows = download(pak, "jobboard_jobseeker", "queue=all")
    assert [row["Nama lengkap"].value for row in rows] == ["Dedi Lumajang"]
    assert list(ExportRecord.objects.values_list("office", "row_count")) == [(lumajang.pk, 1)]


def test_the_heads_read_their_own_offices_export_records_only(staff, office, lumajang):
    pak = staff(roles.JOB_PLACEMENT_OFFICER)
    pak_lumajang = staff(roles.JOB_PLACEMENT_OFFICER, lumajang)
    make_jobseeker(status="active")
    download(pak, "jobboard_jobseeker", "queue=all")
    download(pak_lumajang, "jobboard_jobseeker", "queue=all")
    mine = ExportRecord.objects.get(office=office)
    theirs = ExportRecord.objects.get(office=lumajang)

    kadis = staff(roles.HEAD_OF_OFFICE)
    page = kadis.get(reverse("admin:portal_exportrecord_changelist"))
    assert page.status_code == 200
    assert pak.user.username in page.text and pak_lumajang.user.username not in page.text
    assert kadis.get(reverse("admin:portal_exportrecord_change", args=[mine.pk])).status_code == 200
    other = kadis.get(reverse("admin:portal_exportrecord_change", args=[theirs.pk]))
    assert other.status_code == 403
    # read only: nobody changes or deletes the record of an export
    assert (
        kadis.post(reverse("admin:portal_exportrecord_delete", args=[mine.pk])).status_code == 403
    )
    assert kadis.get(reverse("admin:portal_exportrecord_add")).status_code == 403
    # the officers who export do not read the records
    assert pak.get(reverse("admin:portal_exportrecord_changelist")).status_code == 403


# --- each list -----------------------------------------------------------------------------


def test_employers_keep_npwp_and_nib_as_text(staff, office, lumajang):
    pak = staff(roles.JOB_PLACEMENT_OFFICER)
    wanted = make_employer(status="active", company_name="PT Satu")  # NPWP 012345674901000
    make_employer(status="waiting", company_name="PT Dua")
    make_vacancy(wanted)
    make_vacancy(wanted)
    make_employer(status="active", company_name="PT Lumajang", office=lumajang)

    _response, _sheet, headers, rows = download(
        pak, "jobboard_employer", "queue=all&status__exact=active"
    )
    assert [row["Nama perusahaan"].value for row in rows] == ["PT Satu"]
    assert_text(rows[0]["NPWP"], "012345674901000")
    assert_text(rows[0]["Telepon"], "0335421000")
    assert_text(rows[0][headers[2]], wanted.nib)
    assert rows[0]["Diajukan pada"].is_date
    assert_number(rows[0]["Lowongan yang dipasang"], 2)


def test_vacancies_have_salaries_as_numbers_and_closing_dates_as_dates(staff, office, lumajang):
    pak = staff(roles.JOB_PLACEMENT_OFFICER)
    closing = datetime.date(2026, 12, 31)
    make_vacancy(
        make_employer(status="active"),
        title="Operator kontrak",
        work_type="contract",
        closing_date=closing,
        salary_min=2_500_000,
    )
    make_vacancy(make_employer(status="active"), title="Operator tetap", work_type="full_time")
    make_vacancy(
        make_employer(status="active", office=lumajang),
        title="Kontrak Lumajang",
        work_type="contract",
    )

    _response, _sheet, _headers, rows = download(
        pak, "jobboard_vacancy", "queue=all&work_type__exact=contract"
    )
    assert [row["Judul"].value for row in rows] == ["Operator kontrak"]
    assert_number(rows[0]["Gaji dari (Rp)"], 2_500_000)
    assert rows[0]["Gaji dari (Rp)"].number_format == "#,##0"
    assert_date(rows[0]["Batas akhir"], closing)
    assert_number(rows[0]["Kebutuhan laki-laki"], 0)
    assert ExportRecord.objects.get().description == "jenis pekerjaan: Kontrak"


def test_applications_export_the_filtered_status(staff, office, lumajang):
    pak = staff(roles.JOB_PLACEMENT_OFFICER)
    seeker = make_jobseeker(status="active", full_name="Ani Pelamar")
    make_application(make_vacancy(), seeker, status="hired")
    make_application(make_vacancy(), make_jobseeker(status="active"), status="applied")
    make_application(
        make_vacancy(make_employer(status="active", office=lumajang)),
        make_jobseeker(status="active", office=lumajang),
        status="hired",
    )

    _response, _sheet, _headers, rows = download(pak, "jobboard_application", "status__exact=hired")
    assert [row["Nama lengkap"].value for row in rows] == ["Ani Pelamar"]
    assert_text(rows[0]["NIK"], seeker.nik)
    assert rows[0]["Melamar pada"].is_date
    assert_number(rows[0]["Umur"], seeker.age)


def _placement(vacancy, seeker, placed_on, officer):
    from jobboard.models import Placement

    application = make_application(vacancy, seeker, status="hired")
    return Placement.objects.create(
        application=application,
        jobseeker=seeker,
        employer=vacancy.employer,
        vacancy=vacancy,
        placed_on=placed_on,
        recorded_by=officer,
    )


def test_placements_export_the_chosen_month(staff, office, lumajang):
    pak = staff(roles.JOB_PLACEMENT_OFFICER)
    birth = datetime.date(2000, 3, 20)
    seeker = make_jobseeker(status="active", full_name="Ani Ditempatkan", birth_date=birth)
    _placement(make_vacancy(), seeker, datetime.date(2026, 3, 10), pak.user)
    _placement(make_vacancy(), make_jobseeker(status="active"), datetime.date(2026, 4, 2), pak.user)
    _placement(
        make_vacancy(make_employer(status="active", office=lumajang)),
        make_jobseeker(status="active", office=lumajang),
        datetime.date(2026, 3, 11),
        pak.user,
    )

    _response, _sheet, _headers, rows = download(
        pak, "jobboard_placement", "placed_on__year=2026&placed_on__month=3"
    )
    assert [row["Nama lengkap"].value for row in rows] == ["Ani Ditempatkan"]
    assert_date(rows[0]["Tanggal penempatan"], datetime.date(2026, 3, 10))
    assert_number(rows[0]["Umur saat penempatan"], 25)
    assert_text(rows[0]["NIK"], seeker.nik)
    assert ExportRecord.objects.get().description == "tanggal penempatan: 2026-3"


def test_ak1_cards_export_the_chosen_year(staff, office, lumajang):
    from jobboard import services
    from jobboard.models import Ak1Card

    pak = staff(roles.JOB_PLACEMENT_OFFICER)
    pak_lumajang = staff(roles.JOB_PLACEMENT_OFFICER, lumajang)

    def card(officer, **fields):
        seeker = make_jobseeker(ak1_requested=True, **fields)
        services.activate_registration(seeker, actor=officer)
        return Ak1Card.objects.get(jobseeker=seeker)

    wanted = card(pak.user, full_name="Ani Kartu")
    old = card(pak.user, full_name="Budi Kartu Lama")
    Ak1Card.objects.filter(pk=old.pk).update(year=wanted.year - 1)
    card(pak_lumajang.user, full_name="Dedi Lumajang", office=lumajang)

    _response, _sheet, _headers, rows = download(pak, "jobboard_ak1card", f"year={wanted.year}")
    assert [row["Nama lengkap"].value for row in rows] == ["Ani Kartu"]
    assert_text(rows[0]["Nomor AK/I"], wanted.number)
    assert_text(rows[0]["NIK"], wanted.jobseeker.nik)
    assert_number(rows[0]["Tahun"], wanted.year)
    assert_date(rows[0]["Berlaku sejak"], wanted.valid_from)


def test_complaints_export_the_channel_with_local_times_and_no_formulas(
    staff, office, lumajang, officers
):
    from complaints import services
    from complaints.models import Complaint

    pengaduan = staff(roles.COMPLAINT_OFFICER)
    pengaduan_lumajang = staff(roles.COMPLAINT_OFFICER, lumajang)
    data = {
        "complainant_name": '=HYPERLINK("http://contoh.example","klik")',
        "complainant_phone": "0812-3334-4455",
        "text": "Kartu AK/I saya belum jadi.",
    }
    wanted = services.record_complaint(
        office=office, actor=pengaduan.user, channel="telephone", data=data
    )
    received = datetime.datetime(2026, 3, 17, 8, 30, tzinfo=datetime.UTC)
    Complaint.objects.filter(pk=wanted.pk).update(received_at=received)
    services.record_complaint(
        office=office, actor=pengaduan.user, channel="counter", data={**data, "text": "Loket."}
    )
    services.record_complaint(
        office=lumajang, actor=pengaduan_lumajang.user, channel="telephone", data=data
    )

    _response, _sheet, _headers, rows = download(
        pengaduan, "complaints_complaint", "channel__exact=telephone"
    )
    assert len(rows) == 1
    row = rows[0]
    assert_text(row["Nama"], data["complainant_name"])  # a name, never a formula
    assert_text(row["Telepon"], "0812-3334-4455")
    assert_text(row["Nomor buku"], wanted.book_label)
    # 08:30 UTC is 15:30 in the office (WIB), written without a zone as Excel wants it
    assert row["Diterima pada"].value == datetime.datetime(2026, 3, 17, 15, 30)
    assert row["Diterima pada"].number_format == "dd/mm/yyyy hh:mm"
    assert row["Hari kerja sejak diterima"].data_type == "n"
    assert row["Hari kerja sejak diterima"].value > 0
    # the complaint list's own buttons keep the download beside them
    page = pengaduan.get(
        reverse("admin:complaints_complaint_changelist") + "?channel__exact=telephone"
    )
    assert export_url("complaints_complaint", "channel__exact=telephone") in page.text


def test_permits_export_the_filtered_status_with_their_workers(staff, office, lumajang, officers):
    from tests.akad_permits.conftest import bring_to
    from tests.akad_permits.conftest import make_application as make_permit

    sekretariat = staff(roles.SECRETARIAT)
    employer = make_employer(status="active", company_name="PT Karya")  # NPWP 012345674901000
    wanted = bring_to(make_permit(employer), "submitted", officers)
    make_permit(make_employer(status="active"))  # a draft: filtered out
    bring_to(make_permit(make_employer(status="active", office=lumajang)), "submitted", officers)

    _response, _sheet, _headers, rows = download(
        sekretariat, "akad_permits_permitapplication", "queue=all&status__exact=submitted"
    )
    assert [row["Nomor referensi"].value for row in rows] == [wanted.reference]
    assert_text(rows[0]["NPWP"], "012345674901000")
    assert_number(rows[0]["Tenaga kerja laki-laki"], 10)
    assert_number(rows[0]["Tenaga kerja perempuan"], 2)
    assert_date(rows[0]["Masa rekrutmen dari"], wanted.recruitment_start)


def test_recommendations_export_of_the_destination_office(staff, office, lumajang):
    from akad_permits.models import Recommendation

    kasi = staff(roles.SECTION_HEAD)
    employer = make_employer(status="active", office=lumajang, company_name="PT Perekrut")
    mine = Recommendation.objects.create(
        employer=employer,
        office=office,
        recruiting_office=lumajang,
        user_company="PT Kebun",
        positions="Pemanen",
        male_count=12,
        female_count=3,
    )
    Recommendation.objects.create(
        employer=make_employer(status="active"),
        office=lumajang,
        recruiting_office=office,
        user_company="PT Lain",
        positions="Operator",
        male_count=1,
    )

    _response, _sheet, _headers, rows = download(kasi, "akad_permits_recommendation", "queue=all")
    assert [row["Pemberi kerja"].value for row in rows] == ["PT Perekrut"]
    assert_number(rows[0]["Tenaga kerja laki-laki"], 12)
    assert rows[0]["Diminta pada"].is_date
    assert mine.office == office


# --- cost --------------------------------------------------------------------------------


def _queries(client, name, query):
    download(client, name, query)  # the session's first request of the admin asks more
    with CaptureQueriesContext(connection) as captured:
        download(client, name, query)
    return len(captured)


@pytest.mark.parametrize(
    ("name", "query", "make"),
    [
        (
            "jobboard_jobseeker",
            "queue=all",
            lambda n, officer: [make_jobseeker(status="active") for _ in range(n)],
        ),
        (
            "jobboard_application",
            "",
            lambda n, officer: [make_application(status="hired") for _ in range(n)],
        ),
        (
            "jobboard_placement",
            "",
            lambda n, officer: [
                _placement(
                    make_vacancy(),
                    make_jobseeker(status="active"),
                    datetime.date(2026, 3, 1),
                    officer,
                )
                for _ in range(n)
            ],
        ),
    ],
)
def test_the_query_count_of_an_export_does_not_grow_with_its_rows(staff, name, query, make):
    pak = staff(roles.JOB_PLACEMENT_OFFICER)
    make(3, pak.user)
    few = _queries(pak, name, query)
    make(25, pak.user)
    many = _queries(pak, name, query)
    assert few == many
    assert ExportRecord.objects.count() == 4


def test_complaints_and_permits_cost_the_same_few_or_many(staff, office, officers):
    from complaints import services
    from tests.akad_permits.conftest import make_application as make_permit

    pengaduan = staff(roles.COMPLAINT_OFFICER)
    sekretariat = staff(roles.SECRETARIAT)

    def more(n):
        for i in range(n):
            services.record_complaint(
                office=office,
                actor=pengaduan.user,
                channel="counter",
                data={"complainant_name": f"Pengadu {i}", "text": "Isi."},
            )
            make_permit(make_employer(status="active"))

    more(2)
    few = (
        _queries(pengaduan, "complaints_complaint", ""),
        _queries(sekretariat, "akad_permits_permitapplication", "queue=all"),
    )
    more(15)
    many = (
        _queries(pengaduan, "complaints_complaint", ""),
        _queries(sekretariat, "akad_permits_permitapplication", "queue=all"),
    )
    assert few == many


# --- the writer alone ----------------------------------------------------------------------


def test_the_writer_keeps_text_as_text_and_drops_what_a_cell_cannot_hold():
    """Unsaved rows, no database: what the cells become, whatever a person typed."""
    from jobboard.models import JobSeeker
    from portal.exports import CODE, Column, Export, write_workbook

    export = Export(
        slug="uji",
        title="Uji: [daftar]/pencari*kerja?",
        columns=(
            Column("nik", CODE),
            Column("full_name"),
            Column("skills"),
            Column("graduation_year"),
            Column("discoverable"),
        ),
    )
    rows = [
        JobSeeker(
            nik="3574015705980001",
            full_name="@SUM(A1:A2)",
            skills="las\x07 listrik" + "x" * 40_000,
            graduation_year=2015,
            discoverable=False,
        )
    ]
    out = io.BytesIO()
    assert write_workbook(export, JobSeeker, rows, out) == {None: 1}
    sheet = load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
    assert sheet.title == "Uji daftarpencarikerja"
    nik, name, skills, year, discoverable = next(sheet.iter_rows(min_row=2))
    assert_text(nik, "3574015705980001")
    assert_text(name, "@SUM(A1:A2)")
    assert skills.value.startswith("las listrik") and len(skills.value) == 32_767
    assert_number(year, 2015)
    assert discoverable.value == "tidak"
