"""A new office in minutes: manage.py create_office and the superuser's admin form."""

import io
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from portal import roles
from portal.models import Office, OfficeRole, ServiceStandard

pytestmark = pytest.mark.django_db

JEMBER = {
    "name": "Dinas Tenaga Kerja Kabupaten Jember",
    "government": "Pemerintah Kabupaten Jember",
    "level": "kabupaten",
    "region_code": "3509",
    "region": "Kabupaten Jember",
    "slug": "kab-jember",
    "address": "Jl. Contoh No. 1, Jember",
    "phone": "(0331) 123456",
    "head_name": "Contoh Kepala Dinas Jember",
    "head_nip": "197101012000031001",
}


@pytest.fixture
def province(db):
    from portal.demo import PROVINCE

    return Office.objects.create(**PROVINCE)


def _command_args(values):
    args = []
    for key, value in values.items():
        args += [f"--{key.replace('_', '-')}", value]
    return args


def run(*args):
    out = io.StringIO()
    call_command("create_office", *args, stdout=out)
    return out.getvalue()


def test_the_command_creates_the_office_its_standards_groups_and_first_officer(province, client):
    from django.contrib.auth.models import Group

    # the role groups come from a data migration; a database that lost one gets it back
    Group.objects.filter(name=roles.SECRETARIAT).delete()
    text = run(
        *_command_args(JEMBER),
        "--parent",
        "35",
        "--officer-username",
        "jbr-kadis",
        "--officer-first-name",
        "Kadis Jember",
        "--officer-email",
        "kadis@jember.example.go.id",
        "--officer-role",
        roles.HEAD_OF_OFFICE,
        "--officer-role",
        roles.SECTION_HEAD,
    )
    office = Office.objects.get(slug="kab-jember")
    assert office.parent == province and office.province == "Jawa Timur"
    assert office.permit_number_format == "560/{seq:04d}/AKAD/{year}"  # the default
    assert office.head_nip == "197101012000031001"
    standards = {s.service: s for s in office.standards.all()}
    assert set(standards) == {"bkol", "akad", "pengaduan"}
    assert standards["akad"].copied_from == "Dinas Tenaga Kerja Kabupaten Lumajang"
    assert standards["bkol"].copied_from == "Dinas Perindustrian dan Tenaga Kerja Kota Probolinggo"
    assert "Telepon Dinas (0331) 123456" in standards["pengaduan"].complaint_channels
    assert Group.objects.filter(name__in=roles.ALL_ROLES).count() == len(roles.ALL_ROLES)
    assert Group.objects.get(name=roles.HEAD_OF_OFFICE).permissions.exists()
    officer = get_user_model().objects.get(username="jbr-kadis")
    assert officer.is_staff and not officer.is_superuser and not officer.has_usable_password()
    assert set(
        OfficeRole.objects.filter(user=officer).values_list("office__slug", "group__name")
    ) == {("kab-jember", roles.HEAD_OF_OFFICE), ("kab-jember", roles.SECTION_HEAD)}
    # the printed link sets the first password once
    link = next(line.strip() for line in text.splitlines() if "/masuk/atur/" in line)
    link = urlsplit(link).path
    assert "Petugas pertama jbr-kadis" in text
    response = client.get(link, follow=True)
    assert response.status_code == 200
    set_url = response.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "Jember-2026-aman!", "new_password2": "Jember-2026-aman!"}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Jember-2026-aman!")
    assert client.get(link, follow=True).context["validlink"] is False
    # the first log-in asks for the second factor to be set up, as for every officer
    client.logout()
    response = client.post(
        reverse("login"), {"username": "jbr-kadis", "password": "Jember-2026-aman!"}
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).url.startswith(reverse("otp_setup"))


def test_the_command_copies_an_existing_offices_standards(province):
    lumajang = Office.objects.create(
        **{**JEMBER, "region_code": "3508", "slug": "kab-lumajang", "name": "Lumajang"},
        parent=province,
    )
    ServiceStandard.objects.create(
        office=lumajang,
        service="akad",
        title="Izin AKAD Lumajang",
        requirements="Rekomendasi",
        procedure="Langkah",
        completion_time="1 Hari",
        fee="Gratis",
        product="Izin",
    )
    run(
        *_command_args(JEMBER),
        "--parent",
        "prov-jawa-timur",
        "--province",
        "Jawa Timur",
        "--template",
        "kab-lumajang",
        "--no-complaints",
        "--officer-username",
        "jbr-kasi",
        "--officer-first-name",
        "Kasi",
    )
    office = Office.objects.get(slug="kab-jember")
    akad = office.standards.get(service="akad")
    assert (akad.title, akad.copied_from) == ("Izin AKAD Lumajang", "Lumajang")
    # Lumajang has no job-exchange text: the seed's, credited to its author
    assert office.standards.get(service="bkol").copied_from.endswith("Kota Probolinggo")
    assert not office.standards.filter(service="pengaduan").exists()
    assert not office.offers_complaints and office.offers_akad


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"region_code": "35X9"}, "Kode wilayah adalah kode Kemendagri"),
        ({"region_code": "3574"}, "Kode kabupaten berakhiran 01 sampai 70"),
        ({"region_code": "3309"}, "tidak berada di Dinas Tenaga Kerja dan Transmigrasi Provinsi"),
        ({"level": "kota", "region_code": "3509"}, "Kode kota berakhiran 71 sampai 99"),
        ({"slug": "Kab Jember"}, "Nama alamat hanya berisi huruf kecil"),
        ({"slug": "prov-jawa-timur"}, "Nama alamat prov-jawa-timur sudah dipakai kantor lain"),
        ({"head_nip": "1971"}, "NIP terdiri dari 18 angka"),
        ({"permit_number_format": "560/{nomor}/AKAD"}, "Gunakan hanya penanda {seq}"),
        ({"ak1_number_format": "AK1/{year}"}, "harus memuat nomor urut {seq}"),
    ],
)
def test_the_command_refuses_invalid_data_in_indonesian(province, change, message):
    with pytest.raises(CommandError) as error:
        run(
            *_command_args({**JEMBER, **change}),
            "--parent",
            "35",
            "--officer-username",
            "jbr-kadis",
            "--officer-first-name",
            "Kadis",
        )
    assert message in str(error.value)
    assert not Office.objects.filter(name=JEMBER["name"]).exists()
    assert not get_user_model().objects.filter(username="jbr-kadis").exists()


def test_the_command_refuses_a_duplicate_code_a_missing_parent_and_a_taken_user(
    province, make_user
):
    make_user("jbr-kadis")
    with pytest.raises(CommandError) as error:
        run(
            *_command_args({**JEMBER, "region_code": "35", "slug": "x"}),
            "--officer-username",
            "jbr-kadis",
            "--officer-first-name",
            "Kadis",
        )
    text = str(error.value)
    assert "Kantor dengan kode wilayah 35 sudah ada di portal" in text
    assert "Kantor kabupaten atau kota harus berada di bawah kantor provinsinya" not in text
    assert "Nama pengguna jbr-kadis sudah dipakai" in text
    with pytest.raises(CommandError) as error:
        run(
            *_command_args(JEMBER),
            "--officer-username",
            "jbr-baru",
            "--officer-first-name",
            "Kadis",
        )
    assert "Kantor kabupaten atau kota harus berada di bawah kantor provinsinya" in str(error.value)
    assert Office.objects.count() == 1


# --- the superuser's admin form ---------------------------------------------------------


def _form_data(**change):
    data = {
        **JEMBER,
        "province": "Jawa Timur",
        "short_name": "Disnaker",
        "head_title": "Kepala Dinas",
        "permit_number_format": "560/{seq:04d}/AKAD/{year}",
        "ak1_number_format": "AK1/{seq:06d}/{year}",
        "complaint_number_format": "{seq}/{year}",
        "offers_job_exchange": "on",
        "offers_akad": "on",
        "offers_complaints": "on",
        "template": "seed",
        "officer_username": "jbr-kadis",
        "officer_first_name": "Kadis",
        "officer_roles": [roles.HEAD_OF_OFFICE],
    }
    data.update(change)
    return data


def test_the_superuser_adds_an_office_from_a_template_in_the_admin(client, make_user, province):
    client.force_login(make_user("root", superuser=True))
    changelist = client.get(reverse("admin:portal_office_changelist")).content.decode()
    url = reverse("admin:portal_office_create_from_template")
    assert url in changelist and "Tambah kantor dari templat" in changelist
    form = client.get(url)
    assert form.status_code == 200 and "Buat kantor" in form.content.decode()
    response = client.post(url, _form_data(parent=province.pk))
    page = response.content.decode()
    assert response.status_code == 200 and "sudah ada di portal" in page, page[:3000]
    office = Office.objects.get(slug="kab-jember")
    assert "/masuk/atur/" in page and "jbr-kadis" in page
    assert office.standards.count() == 3
    assert "salinan standar Dinas Tenaga Kerja Kabupaten Lumajang" in page
    assert OfficeRole.objects.get(user__username="jbr-kadis").office == office


def test_the_admin_form_shows_the_errors_and_creates_nothing(client, make_user, province):
    client.force_login(make_user("root", superuser=True))
    url = reverse("admin:portal_office_create_from_template")
    response = client.post(url, _form_data(parent=province.pk, region_code="3574", slug="-x-"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kode kabupaten berakhiran 01 sampai 70" in page
    assert "Nama alamat hanya berisi huruf kecil" in page
    assert Office.objects.count() == 1


def test_only_the_superuser_adds_an_office(client, officers, province):
    officer = officers[roles.HEAD_OF_OFFICE]
    client.force_login(officer)
    url = reverse("admin:portal_office_create_from_template")
    before = Office.objects.count()
    assert client.get(url).status_code == 403
    assert client.post(url, _form_data(parent=province.pk)).status_code == 403
    assert Office.objects.count() == before
