"""Issue 18 item 3, the permit as an office signs and sends it: the coat of arms in the
letterhead, the "Dasar", rank and grade with the NIP under the signer, one paragraph of what
it covers, "izin" spelled as the dictionary does, one date form; the Kadis's preview before
signing; the old "ijin" address answering 301."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from akad_permits import pdf, services
from akad_permits.models import PermitApplication
from portal import roles
from portal.dates import tanggal
from portal.models import Office
from portal.offices import give_role
from tests.akad_permits.conftest import bring_to, make_application
from tests.documents import (
    OTHER_DATE_FORMS,
    logo_png,
    page_one_png,
    pdf_image_count,
    pdf_text,
    typefaces,
)
from tests.factories import make_employer

pytestmark = pytest.mark.django_db

BASIS = (
    "Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan\n"
    "Peraturan Menteri Ketenagakerjaan Nomor 39 Tahun 2016 tentang Penempatan Tenaga Kerja"
)


@pytest.fixture
def signing_office(office):
    office.head_rank, office.head_grade = "Pembina Utama Muda", "IV/c"
    office.permit_legal_basis = BASIS
    office.logo.save("lambang.png", ContentFile(logo_png()), save=False)
    office.save()
    return office


def permit_in(office, officers, state):
    employer = make_employer(status="active", office=office, company_name="PT Karya Abadi")
    app = make_application(employer, office=office)
    return bring_to(app, state, officers)


def test_the_signed_permit_prints_every_element(signing_office, officers, tmp_path):
    permit = permit_in(signing_office, officers, "issued")
    data = pdf.render_permit(permit)
    text = pdf_text(data)
    flow = pdf_text(data, layout=False)  # the reading order, column by column
    page_one_png(data, "permit")

    # the letterhead: its lines and the coat of arms (an image besides the QR code)
    assert signing_office.name.upper() in text.upper()
    assert pdf_image_count(data, tmp_path) == 2
    # the legal basis: the office's regulations, then the application's own letters
    assert "Dasar 1. Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan;" in text
    assert "2. Peraturan Menteri Ketenagakerjaan Nomor 39 Tahun 2016" in text
    assert f"Rekomendasi Rekrutmen AKAD Nomor {permit.recommendation_number}" in text
    assert f"Surat Tugas Pengerahan Tenaga Kerja Nomor {permit.assignment_number}" in text
    assert f"nomor agenda {permit.agenda_number}" in text
    # the signer: name, rank with grade, NIP, in that order
    signer = f"{signing_office.head_name} Pembina Utama Muda (IV/c) NIP. {signing_office.head_nip}"
    assert signer in flow
    # what it covers: one sentence that names the table (the draft's "Operator: 10 L" only
    # repeated it), with the count written out
    assert (
        "Izin ini mencakup rekrutmen 12 (dua belas) orang tenaga kerja, 10 laki-laki dan "
        "2 perempuan, untuk 1 (satu) jabatan sebagaimana tercantum dalam tabel di atas"
    ) in text
    assert "Operator: 10 L" not in text
    # the spelling, and one form of dates (2 Desember 2026)
    assert "ijin" not in text.lower() and "Izin Pelayanan Antar Kerja Antar Daerah" in text
    assert tanggal(permit.valid_from) in text and tanggal(permit.issued_at) in text
    assert not OTHER_DATE_FORMS.search(text)
    assert typefaces(data, tmp_path) == {"DejaVu-Sans"}


def test_without_a_coat_of_arms_the_letterhead_has_the_blank_shield(office, officers, tmp_path):
    assert not office.logo
    permit = permit_in(office, officers, "issued")
    data = pdf.render_permit(permit)
    assert pdf_image_count(data, tmp_path) == 1  # the QR code; the shield is drawn (SVG)
    assert office.name.upper() in pdf_text(data).upper()


def test_the_coat_of_arms_printed_is_the_one_of_the_signing_day(signing_office, officers, tmp_path):
    permit = permit_in(signing_office, officers, "issued")
    frozen = permit.printed["office"]["logo"]
    signing_office.logo.save("baru.png", ContentFile(logo_png()), save=True)
    permit.refresh_from_db()
    assert permit.printed["office"]["logo"] == frozen != signing_office.logo.name
    assert pdf_image_count(pdf.render_permit(permit), tmp_path) == 2


def test_an_older_permit_without_the_new_values_still_prints(office, officers):
    permit = permit_in(office, officers, "issued")
    printed = dict(permit.printed)
    printed["office"] = {
        k: v
        for k, v in printed["office"].items()
        if k not in ("logo", "head_grade", "permit_legal_basis", "time_zone")
    }
    printed["office"]["head_rank"] = "Pembina Tingkat I (IV/b)"
    PermitApplication.objects.filter(pk=permit.pk).update(printed=printed)
    permit.refresh_from_db()
    text = pdf_text(pdf.render_permit(permit), layout=False)
    assert "Pembina Tingkat I (IV/b) NIP." in text
    assert "Dasar 1. Rekomendasi Rekrutmen AKAD" in text


# --- the Kadis's preview before signing ------------------------------------------------------


def preview_url(app):
    return reverse("admin:akad_permits_permitapplication_preview", args=[app.pk])


def test_the_kadis_previews_the_drafted_permit_and_nothing_is_consumed(
    client, signing_office, officers
):
    app = permit_in(signing_office, officers, "drafted")
    kadis = officers[roles.HEAD_OF_OFFICE]
    client.force_login(kadis)
    # the signing page offers it
    step = client.get(reverse("admin:akad_permits_permitapplication_step", args=[app.pk, "sign"]))
    assert preview_url(app) in step.content.decode()
    change = client.get(reverse("admin:akad_permits_permitapplication_change", args=[app.pk]))
    assert preview_url(app) in change.content.decode()

    response = client.get(preview_url(app))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    data = response.content
    text = pdf_text(data)
    page_one_png(data, "permit-preview")
    assert "PRATINJAU" in text
    assert app.permit_number not in text  # no number on a draft
    assert "Kode verifikasi diberikan saat izin ditandatangani" in text
    assert f"NIP. {signing_office.head_nip}" in text
    assert "Dasar 1. Undang-Undang Nomor 13 Tahun 2003" in text

    app.refresh_from_db()
    assert app.status == "drafted"
    assert app.verification_code is None and app.printed == {} and app.issued_at is None


def test_only_the_signer_of_the_permits_office_previews_a_drafted_permit(
    client, office, officers, make_user
):
    app = permit_in(office, officers, "drafted")
    client.force_login(officers[roles.SECTION_HEAD])  # the Kasi drafts, the Kadis signs
    assert client.get(preview_url(app)).status_code == 403

    lumajang = Office.objects.create(
        slug="kab-lumajang", region_code="3508", name="Disnaker Lumajang", government="Pemkab"
    )
    other_kadis = make_user("kadis-lumajang", role=roles.HEAD_OF_OFFICE, office=lumajang)
    client.force_login(other_kadis)
    assert client.get(preview_url(app)).status_code in (403, 404)

    kadis = officers[roles.HEAD_OF_OFFICE]
    give_role(kadis, lumajang, roles.HEAD_OF_OFFICE)
    client.force_login(kadis)
    assert client.get(preview_url(app)).status_code == 200
    services.sign(application=app, actor=kadis)
    assert client.get(preview_url(app)).status_code == 404  # signed: the permit itself


# --- the addresses ---------------------------------------------------------------------------


def test_the_old_ijin_address_answers_301_to_the_izin_one(client, office, officers):
    permit = permit_in(office, officers, "issued")
    new = reverse("akad_permits:permit_pdf", args=[permit.pk])
    assert new.endswith(f"/{permit.pk}/izin.pdf")
    old = new.replace("izin.pdf", "ijin.pdf")
    response = client.get(old + "?unduh=1")
    assert response.status_code == 301
    assert response["Location"] == new + "?unduh=1"
    client.force_login(permit.employer.user)
    response = client.get(new)
    assert response.status_code == 200
    assert 'filename="izin-akad-' in response["Content-Disposition"]
