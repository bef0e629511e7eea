"""The applicant's pages and the public verification page."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from akad_permits.models import PermitApplication, Status
from portal import roles
from tests.factories import make_account, make_employer

from .conftest import make_application

pytestmark = pytest.mark.django_db

LIST = reverse("akad_permits:application_list")
CREATE = reverse("akad_permits:application_create")


@pytest.fixture
def employer_client(client, employer):
    client.force_login(employer.user)
    return client


def form_data(**overrides):
    data = {
        "recruiter_name": "PT Karya Abadi Sejahtera",
        "user_company": "PT Kebun Makmur",
        "destination_province": "Kalimantan Timur",
        "destination_city": "Kabupaten Berau",
        "recruitment_start": "2026-12-01",
        "recruitment_end": "2027-02-28",
        "recommendation_number": "562/77/AKAD/2026",
        "recommendation_date": "2026-11-10",
        "recommendation_issuer": "Disnakertrans Kaltim",
        "assignment_number": "ST/09/KAS/2026",
        "assignment_date": "2026-11-12",
        "assignment_person": "Dewi Lestari",
        "positions-TOTAL_FORMS": "2",
        "positions-INITIAL_FORMS": "0",
        "positions-MIN_NUM_FORMS": "0",
        "positions-MAX_NUM_FORMS": "1000",
        "positions-0-title": "Operator alat berat",
        "positions-0-male_count": "12",
        "positions-0-female_count": "3",
        "positions-1-title": "",
        "positions-1-male_count": "0",
        "positions-1-female_count": "0",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def files(upload, **kinds):
    names = ("vacancy_file", "recommendation_file", "assignment_file", "workforce_file")
    return {n: upload(kinds.get(n, "pdf")) for n in names if kinds.get(n, "pdf")}


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/masuk/" in response["Location"]


@pytest.mark.parametrize("status", ["waiting", "rejected", None])
def test_only_an_active_employer_may_apply(client, status):
    user = make_account("x")
    if status:
        make_employer(user, status=status)
    client.force_login(user)
    for url in (LIST, CREATE):
        response = client.get(url)
        assert response.status_code == 403
        assert "Hanya akun pemberi kerja" in response.content.decode()


def test_empty_list_explains_what_to_prepare(employer_client):
    response = employer_client.get(LIST)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Anda belum memiliki permohonan" in body
    assert CREATE in body


def test_list_shows_only_own_applications_in_few_queries(
    employer_client, employer, django_assert_max_num_queries
):
    for _ in range(55):
        make_application(employer, complete=False)
    make_application(make_employer(status="active"), complete=False, destination_city="Rahasia")
    with django_assert_max_num_queries(12):
        response = employer_client.get(LIST)
    body = response.content.decode()
    assert body.count("/akad/") >= 20
    assert "Rahasia" not in body
    assert "Halaman 1 dari 3" in body


def test_a_draft_is_saved_half_done_and_finished_later(employer_client, employer, upload):
    response = employer_client.post(
        CREATE,
        form_data(destination_city="", recruitment_end="", save="1")
        | {"vacancy_file": upload("pdf")},
    )
    app = PermitApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("akad_permits:application_edit", args=[app.pk])
    assert app.status == Status.DRAFT and app.vacancy_file and not app.recommendation_file
    assert app.positions.get().male_count == 12
    page = employer_client.get(response["Location"]).content.decode()
    assert "Draf disimpan" in page
    assert "562/77/AKAD/2026" in page
    # Later: the rest, then submit.
    data = form_data(
        submit="1",
        **{
            "positions-TOTAL_FORMS": "3",
            "positions-INITIAL_FORMS": "1",
            "positions-0-id": str(app.positions.get().pk),
            "positions-2-title": "",
            "positions-2-male_count": "0",
            "positions-2-female_count": "0",
        },
    )
    response = employer_client.post(response["Location"], data | files(upload, vacancy_file=None))
    app.refresh_from_db()
    assert response.status_code == 302, response.context["form"].errors
    assert app.status == Status.SUBMITTED
    assert app.positions.count() == 1
    assert app.steps.get().action == "submit"
    detail = employer_client.get(response["Location"]).content.decode()
    assert "Diajukan" in detail


def test_submitting_in_one_go(employer_client, upload):
    response = employer_client.post(CREATE, form_data(submit="1") | files(upload))
    app = PermitApplication.objects.get()
    assert response["Location"] == reverse("akad_permits:application_detail", args=[app.pk])
    assert app.status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("overrides", "kinds", "field", "message"),
    [
        ({}, {"workforce_file": None}, "workforce_file", "Bidang ini tidak boleh kosong"),
        ({}, {"assignment_file": "exe"}, "assignment_file", "bukan dokumen"),
        ({}, {"vacancy_file": "html"}, "vacancy_file", "bukan dokumen"),
        (
            {"recruitment_start": "2027-03-01", "recruitment_end": "2027-01-01"},
            {},
            "recruitment_end",
            "tidak dapat berakhir sebelum dimulai",
        ),
        (
            {"positions-0-male_count": "0", "positions-0-female_count": "0"},
            {},
            "male_count",
            "sedikitnya satu",
        ),
        ({"positions-0-male_count": "-2"}, {}, "male_count", "lebih besar dari atau sama dengan 0"),
        (
            {"recommendation_number": ""},
            {},
            "recommendation_number",
            "Bidang ini tidak boleh kosong",
        ),
    ],
)
def test_bad_input_is_refused_with_its_message_and_nothing_typed_is_lost(
    employer_client, upload, overrides, kinds, field, message
):
    data = form_data(submit="1", **overrides)
    response = employer_client.post(CREATE, data | files(upload, **kinds))
    assert response.status_code == 200
    assert PermitApplication.objects.count() == 0
    body = response.content.decode()
    assert message in body, field
    # Everything typed comes back.
    for typed in ("PT Kebun Makmur", "Dewi Lestari", "ST/09/KAS/2026", "Operator alat berat"):
        assert typed in body
    assert "Perbaiki isian yang ditandai" in body


def test_no_positions_at_all_is_refused_on_submit(employer_client, upload):
    data = form_data(
        submit="1",
        **{"positions-0-title": "", "positions-0-male_count": "0", "positions-0-female_count": "0"},
    )
    response = employer_client.post(CREATE, data | files(upload))
    assert response.status_code == 200
    assert "Tambahkan sedikitnya satu jabatan" in response.content.decode()
    assert PermitApplication.objects.count() == 0


def test_another_employers_application_is_not_found(employer_client):
    other = make_application(make_employer(status="active"))
    for name in ("application_detail", "application_edit"):
        assert (
            employer_client.get(reverse(f"akad_permits:{name}", args=[other.pk])).status_code == 404
        )
    download = reverse(
        "portal:download", args=["akad_permits.PermitApplication", other.pk, "vacancy_file"]
    )
    assert employer_client.get(download).status_code == 403


def test_a_submitted_application_can_no_longer_be_edited(employer_client, in_state, upload):
    app = in_state("submitted")
    url = reverse("akad_permits:application_edit", args=[app.pk])
    response = employer_client.get(url)
    assert response.status_code == 302
    response = employer_client.post(url, form_data(save="1", user_company="Changed"))
    app.refresh_from_db()
    assert app.user_company == "PT Kebun Makmur"


def test_returned_application_is_corrected_and_resubmitted(
    employer_client, in_state, upload, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        app = in_state("returned")
    assert any(f"/akad/{app.pk}/" in m.body for m in mail.outbox)
    detail = employer_client.get(reverse("akad_permits:application_detail", args=[app.pk]))
    assert "belum ditandatangani" in detail.content.decode()
    url = reverse("akad_permits:application_edit", args=[app.pk])
    base = form_data(
        submit="1",
        **{
            "positions-TOTAL_FORMS": "1",
            "positions-INITIAL_FORMS": "1",
            "positions-0-id": str(app.positions.get().pk),
        },
    )
    response = employer_client.post(url, base)
    assert response.status_code == 200
    assert "Unggah berkas yang sudah diperbaiki" in response.content.decode()
    response = employer_client.post(url, base | {"workforce_file": upload("pdf")})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED
    assert [s.action for s in app.steps.all()] == ["submit", "return", "resubmit"]


def test_timeline_shows_each_step_with_time_against_the_standard(employer_client, in_state):
    app = in_state("disposed")
    body = employer_client.get(
        reverse("akad_permits:application_detail", args=[app.pk])
    ).content.decode()
    assert "Surat masuk dicatat" in body
    assert "standar 15 menit" in body
    assert "standar 480 menit" in body
    assert "Sekarang:" in body


def test_the_issued_permit_downloads_as_pdf_for_its_owner_and_officers(
    employer_client, client, in_state, officers
):
    app = in_state("issued")
    url = reverse("akad_permits:permit_pdf", args=[app.pk])
    response = employer_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(officers[roles.SECRETARIAT])
    assert client.get(url).status_code == 200
    client.force_login(officers[roles.COMPLAINT_OFFICER])
    assert client.get(url).status_code == 403
    client.force_login(make_employer(status="active").user)
    assert client.get(url).status_code == 403


def test_no_pdf_before_the_kadis_signs(employer_client, in_state):
    app = in_state("drafted")
    assert employer_client.get(reverse("akad_permits:permit_pdf", args=[app.pk])).status_code == 404


def test_verification_confirms_an_issued_permit(client, in_state):
    app = in_state("issued")
    response = client.get(reverse("akad_permits:verify", args=[app.verification_code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Izin ini asli" in body
    assert app.permit_number in body and "PT Karya Abadi Sejahtera" in body
    # Typed in lower case into the form, it is found too.
    response = client.get(
        reverse("akad_permits:verify_lookup"), {"code": app.verification_code.lower()}
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_verification_accepts_every_spelling_of_a_genuine_code(client, in_state):
    app = in_state("issued")
    compact = app.verification_code.replace("-", "")
    spellings = [
        compact.lower(),  # 6br4r795gucq
        " ".join(app.verification_code.split("-")),  # 6BR4 R795 GUCQ
        app.verification_code,  # 6BR4-R795-GUCQ
        f" {app.verification_code.lower()} ",
    ]
    for typed in spellings:
        response = client.get(reverse("akad_permits:verify_lookup"), {"code": typed}, follow=True)
        assert response.status_code == 200, typed
        assert "Izin ini asli" in response.content.decode(), typed
        # The address itself, as a QR reader or a person types it.
        response = client.get(reverse("akad_permits:verify", args=[typed.strip()]))
        assert response.status_code == 200, typed
        assert "Izin ini asli" in response.content.decode(), typed
    wrong = compact[:-1] + ("A" if compact[-1] != "A" else "B")
    response = client.get(reverse("akad_permits:verify_lookup"), {"code": wrong}, follow=True)
    assert response.status_code == 404
    assert "tidak dikenal" in response.content.decode()


def test_verification_says_plainly_that_a_code_is_unknown(client, in_state):
    in_state("drafted")
    response = client.get(reverse("akad_permits:verify", args=["AAAA-BBBB-CCCC"]))
    assert response.status_code == 404
    assert "tidak dikenal" in response.content.decode()


@pytest.mark.parametrize("language", ["id", "en"])
def test_pages_render_in_both_languages(employer_client, in_state, language):
    app = in_state("issued")
    employer_client.cookies["django_language"] = language
    for url in (
        LIST,
        CREATE,
        reverse("akad_permits:application_detail", args=[app.pk]),
        reverse("akad_permits:verify", args=[app.verification_code]),
        reverse("akad_permits:verify_lookup"),
    ):
        response = employer_client.get(url)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode()


def test_account_page_links_the_employer_to_the_applications(employer, officers):
    from django.apps import apps
    from django.utils import translation

    config = apps.get_app_config("akad_permits")
    with translation.override("id"):
        assert config.account_links(employer.user) == [("Permohonan izin AKAD saya", LIST)]
    assert config.account_links(officers[roles.SECRETARIAT]) == []
    assert config.account_links(make_account("plain")) == []


def test_the_qr_code_leads_to_the_verification_page(in_state, settings):
    from akad_permits import pdf
    from portal.pdf import qr_data_uri

    settings.SITE_URL = "https://disnaker.example.go.id"
    app = in_state("issued")
    url = pdf.verification_url(app)
    assert url == f"https://disnaker.example.go.id/akad/verifikasi/{app.verification_code}/"
    assert qr_data_uri(url).startswith("data:image/png;base64,")


def test_dates_after_submission_are_kept_in_iso_form(employer_client, upload):
    employer_client.post(CREATE, form_data(save="1"))
    app = PermitApplication.objects.get()
    assert app.recruitment_start == datetime.date(2026, 12, 1)


def test_a_late_application_is_flagged_on_its_timeline(employer_client, in_state):
    from django.utils import timezone

    app = in_state("registered")
    PermitApplication.objects.filter(pk=app.pk).update(
        state_entered_at=timezone.now() - datetime.timedelta(days=7)
    )
    body = employer_client.get(
        reverse("akad_permits:application_detail", args=[app.pk])
    ).content.decode()
    assert "Terlambat" in body
    assert "Lebih dari 1 hari kerja" in body


def test_the_applicant_reads_kepala_dinas_not_kadis_on_pages_and_in_mails(
    employer_client, in_state, employer, django_capture_on_commit_callbacks
):
    """Kadis is the officers' word; the public and its e-mails say Kepala Dinas."""
    import re

    kadis = re.compile(r"\bKadis\b")
    with django_capture_on_commit_callbacks(execute=True):
        issued = in_state("issued")
        refused = in_state("refused", app=make_application(employer))
    for app in (issued, refused):
        page = employer_client.get(reverse("akad_permits:application_detail", args=[app.pk])).text
        assert not kadis.findall(page), app.status
        assert "Kepala Dinas" in page, app.status
    mails = [m for m in mail.outbox if m.to == [employer.email]]
    assert mails
    for sent in mails:
        assert not kadis.findall(sent.subject + sent.body), sent.subject
    assert any("Kepala Dinas" in m.body for m in mails)
