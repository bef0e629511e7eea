"""Each office's service standards: its own seed's words, or a marked copy of another's until
an officer of that office adapts and confirms it."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.models import Office, ServiceStandard
from portal.standards import standard_for, standards_from_template
from tests.offices import office_url

pytestmark = pytest.mark.django_db

COPY_NOTE = "Salinan dari standar"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    return (
        Office.objects.get(region_code="3574"),
        Office.objects.get(region_code="3508"),
    )


def _page(client, service, office=None):
    return client.get(
        office_url("portal:service_standard", service, office=office)
    ).content.decode()


def test_lumajang_akad_standard_is_the_lumajang_seeds_words(demo):
    probolinggo, lumajang = demo
    akad = standard_for(lumajang, "akad")
    assert not akad.is_copy
    # the first step of the six in Lumajang's document (002), word for word
    assert (
        "Pemohon mengajukan permohonan kepada Kepala Dinas Tenaga Kerja dan Transmigrasi "
        "Kabupaten Lumajang dilampiri dengan"
    ) in akad.procedure
    assert akad.requirement_list()[:3] == [
        "Rekomendasi Rekrutmen AKAD.",
        "Surat Tugas Pengerahan Tenaga Kerja.",
        "Data Jumlah Kebutuhan Rekrutmen Tenaga Kerja.",
    ]
    assert akad.completion_time == "1 Hari"
    assert "Telepon Dinas (0334) 881546" in akad.complaint_channel_list()
    assert "Laporo Rek" not in akad.complaint_channels  # Probolinggo's radio is not Lumajang's


def test_lumajang_job_exchange_and_complaints_are_marked_copies_of_probolinggos(demo):
    probolinggo, lumajang = demo
    for service in ("bkol", "pengaduan"):
        copy, original = standard_for(lumajang, service), standard_for(probolinggo, service)
        assert copy.copied_from == probolinggo.name and not original.is_copy
        assert copy.requirements == original.requirements
    assert standard_for(probolinggo, "akad").copied_from == lumajang.name


def test_the_public_page_marks_a_copy_and_not_the_offices_own_text(client, demo):
    probolinggo, lumajang = demo
    # Probolinggo's pages, under /kota-probolinggo/
    own = _page(client, "bkol")
    assert "Membawa Foto Copy Kartu AK/I 1 lembar." in own and COPY_NOTE not in own
    akad = _page(client, "akad")
    assert (
        "Salinan dari standar Dinas Tenaga Kerja Kabupaten Lumajang; belum disesuaikan oleh "
        "kantor ini."
    ) in akad
    home = client.get(office_url("portal:home")).content.decode()
    assert home.count("Standar disalin dari") == 1
    assert "Standar disalin dari Dinas Tenaga Kerja Kabupaten Lumajang" in home


def _office_page(office, service):
    """The standard page as the office's own pages will ask for it (request.office, set by the
    office-address middleware of issue 15)."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import Http404
    from django.test import RequestFactory

    from portal import views

    request = RequestFactory().get(reverse("portal:service_standard", args=[service]))
    request.user, request.session, request.office = AnonymousUser(), SessionStore(), office
    request._messages = FallbackStorage(request)
    try:
        return views.service_standard(request, service).content.decode()
    except Http404:
        return None


def test_lumajangs_job_exchange_page_is_marked_as_a_copy(demo):
    probolinggo, lumajang = demo
    page = _office_page(lumajang, "bkol")
    assert (
        "Salinan dari standar Dinas Perindustrian dan Tenaga Kerja Kota Probolinggo; belum "
        "disesuaikan oleh kantor ini."
    ) in page
    assert "Membawa Foto Copy Kartu AK/I 1 lembar." in page
    akad = _office_page(lumajang, "akad")
    assert COPY_NOTE not in akad
    assert "Transmigrasi Kabupaten Lumajang" in akad
    province = Office.objects.get(region_code="35")
    assert _office_page(province, "akad") is None  # the province offers no counter service


def test_an_officer_confirms_the_adapted_copy_in_the_admin(admin_client, demo):
    probolinggo, lumajang = demo
    copy = standard_for(lumajang, "bkol")
    url = reverse("admin:portal_servicestandard_change", args=[copy.pk])
    form = admin_client.get(url).content.decode()
    assert 'name="adapted"' in form
    data = {
        field: getattr(copy, field)
        for field in [
            "title",
            "decree_number",
            "summary",
            "order",
            "requirements",
            "procedure",
            "completion_time",
            "completion_time_details",
            "fee",
            "product",
            "complaint_channels",
        ]
    }
    data.update(is_published="on", fee="Gratis", adapted="on")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    copy.refresh_from_db()
    assert copy.copied_from == "" and copy.fee == "Gratis"
    assert copy.history.count() >= 2
    # the office's own text has nothing to confirm
    own = standard_for(lumajang, "akad")
    page = admin_client.get(reverse("admin:portal_servicestandard_change", args=[own.pk]))
    assert 'name="adapted"' not in page.content.decode()


def test_an_edit_without_the_confirmation_keeps_the_mark(admin_client, demo):
    probolinggo, lumajang = demo
    copy = standard_for(lumajang, "pengaduan")
    url = reverse("admin:portal_servicestandard_change", args=[copy.pk])
    data = {
        field: getattr(copy, field)
        for field in [
            "title",
            "summary",
            "order",
            "requirements",
            "procedure",
            "completion_time",
            "fee",
            "product",
        ]
    }
    data.update(is_published="on")
    assert admin_client.post(url, data).status_code == 302
    copy.refresh_from_db()
    assert copy.copied_from == probolinggo.name


def test_one_standard_per_office_and_service(demo):
    from django.db import IntegrityError, transaction

    probolinggo, lumajang = demo
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceStandard.objects.create(
            office=lumajang,
            service="akad",
            title="x",
            requirements="x",
            procedure="x",
            completion_time="x",
            fee="x",
            product="x",
        )


def test_a_copy_of_a_copy_still_names_the_office_that_wrote_it(demo):
    probolinggo, lumajang = demo
    province = Office.objects.get(region_code="35")
    jember = Office.objects.create(
        slug="kab-jember",
        region_code="3509",
        level="kabupaten",
        parent=province,
        government="Pemerintah Kabupaten Jember",
        name="Dinas Tenaga Kerja Kabupaten Jember",
        address="Jember",
        region="Kabupaten Jember",
        province="Jawa Timur",
        phone="(0331) 000000",
        offers_complaints=False,
    )
    made = standards_from_template(office=jember, template=lumajang)
    by_service = {s.service: s for s in made}
    assert set(by_service) == {"bkol", "akad"}
    assert by_service["bkol"].copied_from == probolinggo.name  # Lumajang's is itself a copy
    assert by_service["akad"].copied_from == lumajang.name
    assert "Telepon Dinas (0331) 000000" in by_service["akad"].complaint_channels
    assert standard_for(jember, "pengaduan") is None


def test_load_demo_fills_both_offices_with_officers_of_each_role_once():
    from django.contrib.auth import get_user_model

    from portal import roles
    from portal.models import OfficeRole

    out = io.StringIO()
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=out)
    province = Office.objects.get(region_code="35")
    assert province.level == "provinsi"
    assert province.name == "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Timur"
    probolinggo = Office.objects.get(region_code="3574")
    lumajang = Office.objects.get(region_code="3508")
    assert Office.objects.count() == 3
    assert probolinggo.parent == province and lumajang.parent == province
    assert Office.current() == probolinggo  # the first office of the one-office portal
    assert lumajang.name == "Dinas Tenaga Kerja Kabupaten Lumajang"
    assert lumajang.address == "Jl. Veteran No.53 Lumajang 67311"
    assert lumajang.head_name and lumajang.head_nip != probolinggo.head_nip
    assert lumajang.permit_number_format != probolinggo.permit_number_format
    assert lumajang.letterhead_lines() == ["PEMERINTAH KABUPATEN LUMAJANG", "DINAS TENAGA KERJA"]
    for office, prefix in ((probolinggo, ""), (lumajang, "lmj-")):
        held = set(
            OfficeRole.objects.filter(office=office).values_list("user__username", "group__name")
        )
        assert {role for _, role in held} == set(roles.ALL_ROLES)
        assert (f"{prefix}kasi", roles.SECTION_HEAD) in held
        assert all(name.startswith(prefix) for name, _ in held)
    assert OfficeRole.objects.exclude(office=province).count() == 2 * len(roles.ALL_ROLES)
    # and the province's reader, once
    assert list(
        OfficeRole.objects.filter(office=province).values_list("user__username", "group__name")
    ) == [("pembaca-provinsi", roles.PROVINCE_READER)]
    # a Kasi of Lumajang is nobody in Probolinggo: no role there, no global group
    kasi = get_user_model().objects.get(username="lmj-kasi")
    assert list(kasi.office_roles.values_list("office", flat=True)) == [lumajang.pk]
    assert not kasi.groups.exists()
    assert ServiceStandard.objects.filter(office=lumajang).count() == 3
    # the log-ins printed grouped by office
    text = out.getvalue()
    assert (
        text.index(f"{probolinggo.name}:")
        < text.index("  Kepala Seksi Penempatan  ")
        < (text.index(f"{lumajang.name}:"))
        < text.index("lmj-kasi")
    )
