"""Issue 18 item 3, the AK/I card as the office signs it: the officer's name and NIP where it
is signed (the officer who legalised it, else the one who activated it, as frozen then), a
stamp space in each report column, the letterhead with the coat of arms, one date form."""

import pytest
from django.core.files.base import ContentFile

from jobboard import services
from jobboard.services.ak1_pdf import render_card
from portal import roles
from portal.dates import tanggal
from tests.documents import (
    OTHER_DATE_FORMS,
    logo_png,
    page_one_png,
    pdf_image_count,
    pdf_pages,
    pdf_text,
    typefaces,
)
from tests.jobboard.ak1_helpers import issued_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def activating_officer(officers):
    officer = officers[roles.JOB_PLACEMENT_OFFICER]
    officer.first_name, officer.last_name = "Rina", "Wulandari"
    officer.nip, officer.position = "198703152010012003", "Pengantar Kerja Ahli Pertama"
    officer.save()
    return officer


def test_the_card_prints_the_activating_officer_and_a_stamp_space_per_column(
    office, activating_officer, tmp_path
):
    office.logo.save("lambang.png", ContentFile(logo_png()), save=True)
    card = issued_card(activating_officer, full_name="Budi Santoso")
    data = render_card(card)
    text = pdf_text(data, layout=False)
    page_one_png(data, "ak1-card")

    assert "Rina Wulandari NIP. 198703152010012003" in text
    assert "Pengantar Kerja Ahli Pertama" in text
    # page one: the four report columns, each with its own place for the stamp
    assert text.count("Tanda tangan petugas dan cap") == 4
    assert pdf_pages(data, tmp_path) == 2  # the card's two sides, nothing spilt over
    # the letterhead with the coat of arms (an image of its own: the holder has no photo)
    assert office.name.upper() in text.upper()
    assert pdf_image_count(data, tmp_path) == 1
    assert tanggal(card.valid_from) in text and tanggal(card.valid_until) in text
    assert not OTHER_DATE_FORMS.search(text)
    assert "ijin" not in text.lower()
    assert typefaces(data, tmp_path) == {"DejaVu-Sans"}


def test_the_legalising_officer_signs_and_later_changes_do_not_move_the_card(
    office, activating_officer, make_user
):
    card = issued_card(activating_officer)
    legaliser = make_user(
        "petugas-legalisasi",
        role=roles.JOB_PLACEMENT_OFFICER,
        first_name="Agus",
        last_name="Prasetyo",
        nip="198905102015031004",
        position="Petugas Antar Kerja",
    )
    card = services.legalise_ak1_card(card, actor=legaliser)
    text = pdf_text(render_card(card), layout=False)
    assert "Agus Prasetyo NIP. 198905102015031004" in text
    assert "Rina Wulandari" not in text

    # the officer's NIP was frozen with the card: a later correction waits for a new check
    legaliser.nip = "199001012020121001"
    legaliser.last_name = "Lain"
    legaliser.save()
    card.refresh_from_db()
    text = pdf_text(render_card(card), layout=False)
    assert "Agus Prasetyo NIP. 198905102015031004" in text
    assert "199001012020121001" not in text


def test_a_card_frozen_before_the_officers_nip_still_prints(office, activating_officer):
    from jobboard.models import Ak1Card

    card = issued_card(activating_officer)
    snapshot = {
        k: v for k, v in card.snapshot.items() if k not in ("officer_nip", "officer_position")
    }
    snapshot["office"] = {k: v for k, v in snapshot["office"].items() if k != "logo"}
    Ak1Card.objects.filter(pk=card.pk).update(snapshot=snapshot)
    card.refresh_from_db()
    text = pdf_text(render_card(card), layout=False)
    assert "Rina Wulandari" in text and "NIP." not in text
    assert "Pengantar Kerja / Petugas Antar Kerja" in text
