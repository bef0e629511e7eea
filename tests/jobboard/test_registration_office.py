"""Issue 15: a person registers with one office. With more than one office on the portal the
form asks which; a job seeker who leaves it empty is registered with the office of the region
in the NIK; where the address names an office (request.office), nothing is asked."""

import pytest
from django.test import RequestFactory

from jobboard.forms import JobSeekerRegistrationForm
from jobboard.models import Employer, JobSeeker
from portal.models import Office
from tests.conftest import make_nik
from tests.jobboard.test_registration import (
    BIRTH,
    EMPLOYER_URL,
    SEEKER_URL,
    employer_data,
    post_seeker,
    seeker_data,
    seeker_files,
)
from tests.jobboard.test_registration_steps import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def lumajang(office):
    return Office.objects.create(
        slug="kab-lumajang",
        region_code="3508",
        level="kabupaten",
        region="Kabupaten Lumajang",
        government="Pemerintah Kabupaten Lumajang",
        name="Dinas Tenaga Kerja Kabupaten Lumajang",
    )


def test_one_office_asks_nothing(client, office):
    send(client, "nik")
    send(client, "identitas")
    page = client.get(f"{SEEKER_URL}?langkah=3").text
    assert "Langkah 3 dari 6" in page and 'name="office"' not in page
    assert 'name="office"' not in client.get(EMPLOYER_URL).text


def test_the_nik_proposes_the_office_and_the_person_may_choose_another(
    client, upload, office, lumajang
):
    # asked on the address step of the registration in steps (issue 19)
    send(client, "nik")
    send(client, "identitas")
    page = client.get(f"{SEEKER_URL}?langkah=3").text
    assert 'name="office"' in page and "Kantor pendaftaran" in page
    lumajang_nik = make_nik(BIRTH, "P", seq=7, region="350801")
    assert post_seeker(client, upload, seeker_data(nik=lumajang_nik)).status_code == 302
    assert JobSeeker.objects.get(nik=lumajang_nik).office == lumajang

    client.logout()
    moved = make_nik(BIRTH, "P", seq=8, region="350801")  # born in Lumajang, lives in Probolinggo
    data = seeker_data(nik=moved, email="pindah@example.com", office=office.pk)
    assert post_seeker(client, upload, data).status_code == 302
    assert JobSeeker.objects.get(nik=moved).office == office


def test_a_nik_of_a_region_without_an_office_asks_to_choose(client, upload, office, lumajang):
    surabaya = make_nik(BIRTH, "P", seq=9, region="357801")
    response = post_seeker(client, upload, seeker_data(nik=surabaya))
    assert response.status_code == 200
    assert "pilih kantor di tempat Anda tinggal sekarang" in response.text
    assert not JobSeeker.objects.exists()


def test_an_employer_chooses_its_office(client, office, lumajang):
    response = client.post(EMPLOYER_URL, employer_data())
    assert response.status_code == 200 and "Pilih kantor." in response.text
    assert client.post(EMPLOYER_URL, employer_data(office=lumajang.pk)).status_code == 302
    assert Employer.objects.get().office == lumajang


def test_the_address_of_an_office_fixes_it(upload, office, lumajang):
    request = RequestFactory().get(SEEKER_URL)
    request.office = lumajang
    form = JobSeekerRegistrationForm(
        {**seeker_data(), "office": office.pk}, seeker_files(upload), office=request.office
    )
    assert "office" not in form.fields
    assert form.is_valid(), form.errors
    assert form.chosen_office() == lumajang


def test_in_steps_the_office_of_the_nik_is_proposed_and_registered(client, upload, lumajang):
    data = seeker_data(nik=make_nik(BIRTH, "P", seq=7, region="350801"))
    send(client, "nik", data)
    assert "Kabupaten Lumajang (3508)" in client.get(f"{SEEKER_URL}?langkah=2").text
    send(client, "identitas", data)
    form = client.get(f"{SEEKER_URL}?langkah=3").context["form"]
    assert form["office"].value() == lumajang.pk and form["city"].value() == "Kabupaten Lumajang"
    data.pop("office", None)
    for slug in ("alamat", "pendidikan"):
        assert send(client, slug, data).status_code == 302
    send(client, "dokumen", files={"ktp_scan": upload("pdf"), "ak1_scan": upload("png")})
    send(client, "akun", data)
    assert JobSeeker.objects.get().office == lumajang
