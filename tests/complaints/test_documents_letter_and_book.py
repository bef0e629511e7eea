"""Issue 18 item 3, the complaint answer letter and the complaint book as the office sends
and files them: Nomor (from the office's letter register when the officer gives none),
Sifat, Lampiran, Perihal; signed "a.n." the head of office with the official's name and NIP;
the channel written once; one typeface with the other documents; the book under the
letterhead with the head's "Mengetahui", its words never broken."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import letters
from complaints.admin import book
from complaints.models import Complaint
from portal import roles
from portal.dates import tanggal
from portal.models import LetterCounter, Office
from tests.complaints.conftest import CHAIN, COMPLAINANT, step_service
from tests.documents import OTHER_DATE_FORMS, page_one_png, pdf_text, typefaces

pytestmark = pytest.mark.django_db


@pytest.fixture
def answering_officer(officers):
    officer = officers[roles.COMPLAINT_OFFICER]
    officer.first_name, officer.last_name = "Dewi", "Lestari"
    officer.nip = "198811222014022001"
    officer.position = "Kepala Seksi Penempatan Tenaga Kerja"
    officer.rank = "Penata Tingkat I (III/d)"
    officer.save()
    return officer


def answered(make_complaint, officers, **answer):
    complaint = make_complaint("followed_up")
    step_service("answer")(
        complaint=complaint,
        actor=officers[roles.COMPLAINT_OFFICER],
        answer="Kartu AK/I Saudara dapat diambil di loket 2 pada hari kerja.",
        **answer,
    )
    return Complaint.objects.get(pk=complaint.pk)


def test_the_letter_prints_number_nature_enclosures_subject_and_the_official(
    make_complaint, officers, answering_officer, office, tmp_path
):
    office.letterhead = "PEMERINTAH KOTA PROBOLINGGO\nDINAS PERINDUSTRIAN DAN TENAGA KERJA"
    office.save()
    complaint = answered(make_complaint, officers)
    year = timezone.localdate().year
    assert complaint.answer_letter_number == f"560/0001/{year}"  # the office's register

    data = letters.letter_pdf(complaint)
    text = pdf_text(data, layout=False)
    rows = pdf_text(data)  # as the page lays them out
    page_one_png(data, "answer-letter")
    assert f"Nomor : 560/0001/{year}" in rows
    assert "Nomor : -" not in rows
    assert "Sifat : Biasa" in rows
    assert "Lampiran : -" in rows
    assert f"Perihal : Jawaban atas pengaduan Anda {complaint.reference}" in rows
    # signed on behalf of the head of office, by the official, with rank and NIP
    assert (
        "a.n. Kepala Dinas Perindustrian dan Tenaga Kerja Kota Probolinggo "
        "Kepala Seksi Penempatan Tenaga Kerja Dewi Lestari Penata Tingkat I (III/d) "
        "NIP. 198811222014022001"
    ) in text
    # the channel once, in one pair of brackets
    assert "melalui Loket (datang langsung), tercatat" in text
    assert text.count("Loket (datang langsung)") == 1
    assert "((" not in text and "))" not in text
    # the letterhead, one date form, the same typeface as the permit and the card
    assert "DINAS PERINDUSTRIAN DAN TENAGA KERJA" in text
    assert tanggal(complaint.answered_at) in text
    assert not OTHER_DATE_FORMS.search(text)
    assert typefaces(data, tmp_path) == {"DejaVu-Sans"}


def test_the_officers_number_nature_and_enclosures_are_kept(
    make_complaint, officers, answering_officer
):
    complaint = answered(
        make_complaint,
        officers,
        letter_number="560/77/PGD/2026",
        nature="Segera",
        enclosures="1 (satu) berkas",
    )
    text = pdf_text(letters.letter_pdf(complaint))
    assert "Nomor : 560/77/PGD/2026" in text
    assert "Sifat : Segera" in text and "Lampiran : 1 (satu) berkas" in text
    assert not LetterCounter.objects.exists()  # nothing taken from the register


def test_each_office_numbers_its_letters_from_one(make_complaint, officers, office):
    from complaints import services

    first = answered(make_complaint, officers)
    second = answered(make_complaint, officers)
    year = timezone.localdate().year
    assert (first.answer_letter_number, second.answer_letter_number) == (
        f"560/0001/{year}",
        f"560/0002/{year}",
    )
    lumajang = Office.objects.create(
        slug="kab-lumajang",
        region_code="3508",
        name="Dinas Tenaga Kerja Kabupaten Lumajang",
        government="Pemerintah Kabupaten Lumajang",
        region="Kabupaten Lumajang",
        letter_number_format="560/{seq:03d}/427.57/{year}",
    )
    from portal.offices import give_role

    for role, officer in officers.items():
        give_role(officer, lumajang, role)
    complaint = services.record_complaint(
        office=lumajang,
        actor=officers[roles.COMPLAINT_OFFICER],
        channel="telephone",
        data=dict(COMPLAINANT),
    )
    for action, role, extra in CHAIN[:5]:
        step_service(action)(complaint=complaint, actor=officers[role], **extra)
    complaint.refresh_from_db()
    assert complaint.answer_letter_number == f"560/001/427.57/{year}"
    text = pdf_text(letters.letter_pdf(complaint), layout=False)
    assert "a.n. Kepala Dinas Kabupaten Lumajang" in text
    assert "melalui Telepon, tercatat" in text


def test_a_format_that_cannot_number_refuses_the_answer(make_complaint, officers, office):
    from portal.workflow import MoveRefused

    office.letter_number_format = "SURAT/{year}"  # no running number
    office.save()
    complaint = make_complaint("followed_up")
    with pytest.raises(MoveRefused):
        step_service("answer")(
            complaint=complaint, actor=officers[roles.COMPLAINT_OFFICER], answer="Jawaban."
        )
    complaint.refresh_from_db()
    assert complaint.status == "followed_up" and not complaint.answer_letter_number


# --- the book ----------------------------------------------------------------------------

LONG_WORDS = (
    "Ketenagakerjaan pemberitahuan penyelenggaraan pertanggungjawaban "
    "memperkerjakan keterlambatan pengembalian penandatanganan"
)


def test_the_book_prints_the_letterhead_and_mengetahui_and_breaks_no_word(
    client, make_complaint, officers, office, answering_officer, tmp_path
):
    office.head_rank, office.head_grade = "Pembina Tingkat I", "IV/b"
    office.save()
    make_complaint("recorded", text=LONG_WORDS, subject="Keterlambatan penandatanganan")
    make_complaint("recorded", channel="radio", radio_forwarded_by="Penyiar Laporo Rek")
    officer = officers[roles.COMPLAINT_OFFICER]
    client.force_login(officer)
    today = timezone.localdate()
    query = f"?start={today:%Y-%m-%d}&end={today:%Y-%m-%d}"
    page = client.get(reverse("admin:complaints_complaint_book") + query)
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("admin:complaints_complaint_book_pdf") in html
    assert office.head_name in html

    response = client.get(reverse("admin:complaints_complaint_book_pdf") + query)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = response.content
    text = pdf_text(data, layout=False)
    page_one_png(data, "complaint-book")
    assert office.name.upper() in text.upper()
    assert (
        f"Mengetahui, Kepala Dinas Perindustrian dan Tenaga Kerja Kota Probolinggo "
        f"{office.head_name} Pembina Tingkat I (IV/b) NIP. {office.head_nip}"
    ) in text
    # every long word of the complaint comes out whole: no hyphen, no break inside it
    words = set(re.findall(r"\w+", text))
    for word in LONG_WORDS.split():
        assert word in words, word
    assert tanggal(today) in text and "WIB" in text
    assert not OTHER_DATE_FORMS.search(text)
    assert typefaces(data, tmp_path) == {"DejaVu-Sans"}


def test_the_book_of_another_office_is_not_shown(client, make_complaint, officers, make_user):
    make_complaint("recorded", complainant_name="Pengadu Probolinggo")
    lumajang = Office.objects.create(
        slug="kab-lumajang", region_code="3508", name="Disnaker Lumajang", government="Pemkab"
    )
    other = make_user("pengaduan-lumajang", role=roles.COMPLAINT_OFFICER, office=lumajang)
    client.force_login(other)
    today = timezone.localdate()
    query = f"?start={today:%Y-%m-%d}&end={today:%Y-%m-%d}"
    response = client.get(reverse("admin:complaints_complaint_book_pdf") + query)
    assert response.status_code == 200
    text = pdf_text(response.content, layout=False)
    assert "Disnaker Lumajang".upper() in text.upper()
    assert "Pengadu Probolinggo" not in text
    # asking for the other office's book by its id gives nothing of it either
    first = Office.objects.order_by("pk").first()
    response = client.get(
        reverse("admin:complaints_complaint_book_pdf") + query + f"&office={first.pk}"
    )
    assert response.status_code == 302  # not an office of theirs: the period page again


def test_the_book_css_never_breaks_words():
    from django.contrib.staticfiles import finders

    sheets = {}
    for path in ("portal/documents.css", "complaints/book.css"):
        with open(finders.find(path), encoding="utf-8") as handle:
            sheets[path] = handle.read()
    for css in sheets.values():
        assert "break-all" not in css and "hyphens: auto" not in css
        assert "word-break: break-word" not in css
    assert "hyphens: none" in sheets["complaints/book.css"]
    # the PDF reads the same template as the page the browser prints
    assert book.BOOK_TEMPLATE == "complaints/book.html"
