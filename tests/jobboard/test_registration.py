"""Steps 1-2 and 5: registering, with every bad input refused on its field and the rest kept."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from jobboard.models import Employer, JobSeeker
from tests.conftest import make_nik
from tests.jobboard.factories import make_employer, make_jobseeker

pytestmark = pytest.mark.django_db

SEEKER_URL = reverse("jobboard:register_jobseeker")
EMPLOYER_URL = reverse("jobboard:register_employer")
BIRTH = datetime.date(1998, 5, 17)


def seeker_data(**overrides):
    data = {
        "nik": make_nik(BIRTH, "P", seq=42),
        "full_name": "Siti Aminah",
        "birth_place": "Probolinggo",
        "birth_date": "1998-05-17",
        "sex": "P",
        "marital_status": "belum_kawin",
        "religion": "islam",
        "address": "Jl. Mawar No. 3 RT 02/RW 01",
        "kelurahan": "Kanigaran",
        "kecamatan": "Kanigaran",
        "city": "Kota Probolinggo",
        "phone": "0812 3456 7890",
        "email": "siti@example.com",
        "password1": "Kerja-Keras-2026",
        "password2": "Kerja-Keras-2026",
        "education_level": "SMK",
        "education_major": "Akuntansi",
        "education_institution": "SMKN 2 Probolinggo",
        "graduation_year": "2016",
        "skills": "Microsoft Excel, kasir",
        "work_experience": "2 tahun kasir minimarket",
        "desired_job": "Staf administrasi",
        "discoverable": "on",
    }
    data.update(overrides)
    return data


def seeker_files(upload, **overrides):
    files = {"ktp_scan": upload("pdf", "ktp.pdf"), "ak1_scan": upload("png", "ak1.png")}
    files.update(overrides)
    return files


def post_seeker(client, upload, data=None, files=None):
    return client.post(SEEKER_URL, {**(data or seeker_data()), **(files or seeker_files(upload))})


def test_a_job_seeker_registers_in_one_sitting_and_sees_the_waiting_state(
    client, upload, django_capture_on_commit_callbacks
):
    assert client.get(SEEKER_URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = post_seeker(client, upload)
    assert response.status_code == 302
    # The same answer whatever happened (issue 16, item 9): look in your mailbox.
    assert response["Location"] == reverse("jobboard:registration_sent")
    assert "Periksa e-mail Anda" in client.get(response["Location"]).text
    seeker = JobSeeker.objects.get()
    assert seeker.is_waiting and seeker.user.email == "siti@example.com"
    assert seeker.ktp_scan.name.startswith("jobseekers/ktp/")
    assert seeker.ak1_scan.name.endswith(".png")
    [received] = mail.outbox
    assert received.to == ["siti@example.com"] and "telah diterima" in received.subject
    # The e-mail address is the login; the state page shows the waiting registration.
    login = client.post(
        reverse("login"), {"username": "siti@example.com", "password": "Kerja-Keras-2026"}
    )
    assert login.status_code == 302
    page = client.get(reverse("jobboard:my_status"))
    assert "Menunggu aktivasi" in page.content.decode()


def _assert_refused(response, field, fragment):
    assert response.status_code == 200, "should have been refused"
    form = response.context["form"]
    messages = " ".join(form.errors.get(field, []))
    assert fragment in messages, form.errors
    return form


def _assert_kept(form, data, skip=()):
    """Everything typed comes back in the form (passwords excepted, as browsers expect)."""
    for name, value in data.items():
        if name in ("password1", "password2", *skip):
            continue
        assert str(form[name].value()) in (value, "True" if value == "on" else value), name


@pytest.mark.parametrize(
    ("nik", "fragment"),
    [
        ("357401571980004", "tepat 16 digit"),  # 15 digits
        ("3574015705980042", "tidak sesuai dengan tanggal lahir"),  # wrong: day of a woman +40
        ("35740157059800AB", "hanya boleh berisi angka"),
        ("9974015705980042", "kode provinsi"),
    ],
    ids=["wrong-length", "birth-date-mismatch", "letters", "province"],
)
def test_bad_niks_are_refused_with_their_message_and_the_rest_kept(client, upload, nik, fragment):
    data = seeker_data(nik=nik, birth_date="1998-05-18" if "tanggal" in fragment else "1998-05-17")
    if "tanggal" in fragment:
        data["nik"] = make_nik(BIRTH, "P", seq=42)  # a NIK for the 17th, date typed as the 18th
    response = post_seeker(client, upload, data)
    form = _assert_refused(response, "nik", fragment)
    _assert_kept(form, data)
    assert not JobSeeker.objects.exists()
    html = response.content.decode()
    assert "pilih lagi file berikut" in html  # the files must be chosen again, and it says so


def test_a_nik_of_a_woman_given_as_a_man_points_at_the_sex(client, upload):
    data = seeker_data(sex="L")
    response = post_seeker(client, upload, data)
    _assert_refused(response, "sex", "perempuan")


# A registered NIK or e-mail address makes no second account, and the answer does not say so
# (issue 16, item 9; tests/security/test_registration_clash.py compares it with a success).
def test_an_already_registered_nik_is_refused(client, upload):
    make_jobseeker(nik=make_nik(BIRTH, "P", seq=42), birth_date=BIRTH, sex="P")
    response = post_seeker(client, upload)
    assert response["Location"] == reverse("jobboard:registration_sent")
    assert JobSeeker.objects.count() == 1


def test_an_already_used_email_is_refused(client, upload, make_user):
    make_user("lama", email="siti@example.com")
    response = post_seeker(client, upload)
    assert response["Location"] == reverse("jobboard:registration_sent")
    assert not JobSeeker.objects.exists()


def test_a_renamed_executable_is_refused_as_a_pdf(client, upload):
    data = seeker_data()
    response = post_seeker(
        client, upload, data, seeker_files(upload, ktp_scan=upload("exe", "ktp.pdf"))
    )
    form = _assert_refused(response, "ktp_scan", "bukan dokumen")
    _assert_kept(form, data)
    assert "KTP" in response.content.decode().split("pilih lagi file berikut")[1][:300]


def test_a_6_mb_file_is_refused(client, upload):
    data = seeker_data()
    big = upload("pdf", "ak1.pdf", size=6 * 1024 * 1024)
    response = post_seeker(client, upload, data, seeker_files(upload, ak1_scan=big))
    form = _assert_refused(response, "ak1_scan", "terlalu besar")
    _assert_kept(form, data)


def test_both_required_uploads_are_required(client, upload):
    response = post_seeker(client, upload, files={"ktp_scan": upload("pdf")})
    _assert_refused(response, "ak1_scan", "AK/I")


def test_passwords_must_agree(client, upload):
    response = post_seeker(client, upload, seeker_data(password2="lain-lagi-2026"))
    _assert_refused(response, "password2", "tidak sama")


# --- employers -----------------------------------------------------------------------------


def employer_data(**overrides):
    data = {
        "company_name": "PT Sumber Rejeki",
        "legal_form": "PT",
        "nib": "9120001234567",
        "npwp": "01.234.567.4-901.000",
        "sector": "Industri pengolahan",
        "address": "Jl. Raya Bromo 12",
        "city": "Kota Probolinggo",
        "contact_person": "Hendra Wijaya",
        "phone": "(0335) 421234",
        "email": "hrd@sumberrejeki.example",
        "password1": "Rekrut-Baik-2026",
        "password2": "Rekrut-Baik-2026",
    }
    data.update(overrides)
    return data


def test_an_employer_registers_and_waits(client):
    response = client.post(EMPLOYER_URL, employer_data())
    assert response.status_code == 302
    employer = Employer.objects.get()
    assert employer.npwp == "012345674901000"  # stored as digits
    assert employer.is_waiting
    client.force_login(employer.user)
    assert "Menunggu aktivasi" in client.get(reverse("jobboard:my_status")).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("nib", "912000123456", "13 digit"),
        ("nib", "91200012345AB", "13 digit"),
        ("npwp", "01.234.567.8-901", "15 atau 16 digit"),
        ("npwp", "0123456789012345678", "15 atau 16 digit"),
        ("phone", "12ab", "8 sampai 15 digit"),
    ],
)
def test_bad_company_numbers_are_refused_and_the_rest_kept(client, field, value, fragment):
    data = employer_data(**{field: value})
    response = client.post(EMPLOYER_URL, data)
    form = _assert_refused(response, field, fragment)
    _assert_kept(form, data)
    assert not Employer.objects.exists()


# NPWPs as the tax office writes them: 15 digits whose 9th is the Luhn check digit of the
# first eight; since 2024 16 digits, a 0 before the 15, or the owner's NIK.
OWNER_NIK = make_nik(datetime.date(1985, 3, 12), seq=7)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param("01.234.567.4-901.000", "012345674901000", id="15-digits-dotted"),
        pytest.param("013456785623000", "013456785623000", id="15-digits"),
        pytest.param("0012 3456 7490 1000", "0012345674901000", id="16-digits-new-format"),
        pytest.param("0013456785623000", "0013456785623000", id="16-digits"),
        pytest.param(OWNER_NIK, OWNER_NIK, id="16-digits-owners-nik"),
    ],
)
def test_a_valid_npwp_of_15_or_16_digits_passes(client, typed, stored):
    response = client.post(EMPLOYER_URL, employer_data(npwp=typed))
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert Employer.objects.get().npwp == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param(
            "01.234.567.8-901.000",
            "NPWP ini tidak valid: angka pemeriksanya (digit ke-9) tidak cocok",
            id="15-digits-wrong-check-digit",
        ),
        pytest.param(
            "012345675901000",
            "NPWP ini tidak valid: angka pemeriksanya (digit ke-9) tidak cocok",
            id="15-digits-one-digit-off",
        ),
        pytest.param(
            "0012345678901000",
            "NPWP ini tidak valid: angka pemeriksanya (digit ke-10) tidak cocok",
            id="16-digits-wrong-check-digit",
        ),
        pytest.param(
            "3574011203850000",
            "NPWP 16 digit yang tidak diawali 0 adalah NIK pemilik",
            id="16-digits-not-a-nik",
        ),
        pytest.param("01.234.567.8-901", "15 atau 16 digit; Anda memasukkan 12", id="12-digits"),
        pytest.param("01.234.567.4-901.00O", "hanya boleh berisi angka", id="a-letter"),
    ],
)
def test_an_invalid_npwp_is_refused_with_a_clear_message(client, typed, message):
    data = employer_data(npwp=typed)
    response = client.post(EMPLOYER_URL, data)
    form = _assert_refused(response, "npwp", message)
    _assert_kept(form, data)
    assert not Employer.objects.exists()


def test_an_already_registered_nib_is_refused(client):
    make_employer(nib="9120001234567")
    response = client.post(EMPLOYER_URL, employer_data())
    assert response["Location"] == reverse("jobboard:registration_sent")
    assert Employer.objects.count() == 1


# --- after a rejection ---------------------------------------------------------------------


def test_a_rejected_job_seeker_sees_the_reason_corrects_and_resubmits(client, officer, upload):
    from jobboard import services

    seeker = make_jobseeker()
    services.reject_registration(seeker, actor=officer, reason="Fotokopi AK/I buram")
    client.force_login(seeker.user)
    # After login the dashboard leads straight to the state and the reason.
    landing = client.get(reverse("portal:dashboard"), follow=True)
    html = landing.content.decode()
    assert "Ditolak" in html and "Fotokopi AK/I buram" in html
    edit = client.get(reverse("jobboard:profile_edit"))
    form = edit.context["form"]
    data = {
        name: (
            form[name].value().isoformat()
            if hasattr(form[name].value(), "isoformat")
            else form[name].value()
        )
        for name in form.fields
        if name not in ("ktp_scan", "ak1_scan", "photo", "cv")
    }
    data = {k: v for k, v in data.items() if v is not None and v is not False}
    data["ak1_scan"] = upload("pdf", "ak1-baru.pdf")
    response = client.post(reverse("jobboard:profile_edit"), data)
    assert response.status_code == 302, response.context["form"].errors
    seeker.refresh_from_db()
    assert seeker.is_waiting
    assert "Menunggu aktivasi" in client.get(reverse("jobboard:my_status")).content.decode()


def test_an_active_job_seeker_edits_the_profile_but_not_the_checked_identity(client, upload):
    seeker = make_jobseeker(status="active")
    original_nik = seeker.nik
    client.force_login(seeker.user)
    form = client.get(reverse("jobboard:profile_edit")).context["form"]
    assert "diperiksa petugas" in str(form.fields["nik"].help_text).lower()
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name in ("ktp_scan", "ak1_scan", "photo", "cv") or value in (None, False):
            continue
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data.update(nik="3574010101010001", skills="las listrik, bubut, CNC", email="baru@example.com")
    response = client.post(reverse("jobboard:profile_edit"), data)
    assert response.status_code == 200  # that NIK does not match the birth date: refused
    data["nik"] = make_nik(seeker.birth_date, seeker.sex, seq=4321)
    response = client.post(reverse("jobboard:profile_edit"), data)
    assert response.status_code == 302, response.context["form"].errors
    seeker.refresh_from_db()
    assert seeker.skills == "las listrik, bubut, CNC" and seeker.nik == original_nik
    # the checked NIK waits for an officer instead
    assert seeker.changes.get().values == {"nik": data["nik"]}
    assert seeker.is_active  # an edit does not send an active account back to the queue
    assert seeker.user.email == "baru@example.com"  # the login follows the profile
    other = make_jobseeker()
    data["email"] = other.user.email
    refused = client.post(reverse("jobboard:profile_edit"), data)
    assert "Sudah ada akun" in refused.context["form"].errors["email"][0]
