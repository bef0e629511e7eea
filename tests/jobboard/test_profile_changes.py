"""Issue 16 item 2, written as the attack: an activated person changes what the officer checked.

For every field of ``CHECKED_FIELDS`` (job seekers and employers) the owner changes it through
the real profile form: the live record and the AK/I card (PDF text through pdftotext, the
holder's card page) keep the checked value; a change waits, visible to the owner and in the
officers' queue; accepted, the card shows the new value; rejected, the reason is mailed.
"""

import datetime
import io
import re
import subprocess

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, translation
from django.utils.text import capfirst
from PIL import Image

from jobboard import services
from jobboard.models import (
    Ak1Card,
    Employer,
    JobSeeker,
    ProfileChange,
    ProfileChangeStatus,
)
from portal.dates import tanggal
from portal.workflow import MoveRefused
from tests.conftest import make_nik
from tests.jobboard.ak1_helpers import issued_card
from tests.jobboard.factories import make_employer, make_jobseeker

pytestmark = pytest.mark.django_db

FILES = ("ktp_scan", "ak1_scan", "photo", "cv")
BIRTH = datetime.date(1996, 3, 14)


def pdf_text(data):
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def png(colour):
    out = io.BytesIO()
    Image.new("RGB", (4, 6), colour).save(out, "PNG")
    return out.getvalue()


def uploaded_png(colour, name="foto.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, png(colour), content_type="image/png")


def form_data(client):
    """What the profile form shows now, as a browser would send it back unchanged."""
    form = client.get(reverse("jobboard:profile_edit")).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name in FILES or value in (None, False):
            continue
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def printed(value):
    """A value as the card prints it (in Indonesian)."""
    with translation.override("id"):
        if isinstance(value, datetime.date):
            return formats.date_format(value, "j F Y")
        return str(value)


# field -> (what the person types, what the card then prints; None: not printed as text)
NEW_NIK = make_nik(BIRTH, "L", seq=7777)
SEEKER_CHANGES = {
    "nik": ({"nik": NEW_NIK}, NEW_NIK),
    "full_name": ({"full_name": "Siti Rahmawati"}, "Siti Rahmawati"),
    "birth_place": ({"birth_place": "Lumajang"}, "Lumajang"),
    # the NIK carries the birth date and sex: they change together, as on a new KTP
    "birth_date": (
        {"birth_date": "1996-03-15", "nik": make_nik(datetime.date(1996, 3, 15), "L", seq=7)},
        printed(datetime.date(1996, 3, 15)),
    ),
    "sex": ({"sex": "P", "nik": make_nik(BIRTH, "P", seq=7)}, "Perempuan"),
    "marital_status": ({"marital_status": "kawin"}, "Kawin"),
    "religion": ({"religion": "kristen"}, "Kristen"),
    "address": ({"address": "Jl. Melati No. 9 RT 03/RW 04"}, "Jl. Melati No. 9 RT 03/RW 04"),
    "kelurahan": ({"kelurahan": "Mangunharjo"}, "Mangunharjo"),
    "kecamatan": ({"kecamatan": "Mayangan"}, "Mayangan"),
    "city": ({"city": "Kabupaten Lumajang"}, "Kabupaten Lumajang"),
    "education_level": ({"education_level": "S1"}, "Sarjana (S1)"),
    "education_major": ({"education_major": "Akuntansi"}, "Akuntansi"),
    "education_institution": (
        {"education_institution": "Universitas Jember"},
        "Universitas Jember",
    ),
    "graduation_year": ({"graduation_year": "2018"}, "(2018)"),
    "photo": ({}, None),
    "ktp_scan": ({}, None),
    "ak1_scan": ({}, None),
}
NEW_FILES = {
    "photo": lambda upload: uploaded_png("red"),
    "ktp_scan": lambda upload: upload("pdf", "ktp-baru.pdf", size=700),
    "ak1_scan": lambda upload: upload("pdf", "ak1-baru.pdf", size=800),
}


def test_the_table_covers_every_checked_field():
    assert set(SEEKER_CHANGES) == set(JobSeeker.CHECKED_FIELDS)
    assert set(EMPLOYER_CHANGES) == set(Employer.CHECKED_FIELDS)


def _card_pdf(client, card):
    response = client.get(reverse("jobboard:ak1_pdf", args=[card.pk]))
    assert response.status_code == 200
    return pdf_text(response.content)


def _card_page(client):
    """What the holder's card page says about the card (its <dl>)."""
    html = client.get(reverse("jobboard:my_ak1")).content.decode()
    return re.search(r"<dl.*?</dl>", html, re.S).group()


@pytest.mark.parametrize("field", list(SEEKER_CHANGES))
def test_a_changed_checked_field_waits_and_the_card_keeps_the_checked_value(
    field, client, officer, upload, django_capture_on_commit_callbacks
):
    card = issued_card(
        officer,
        birth_date=BIRTH,
        sex="L",
        nik=make_nik(BIRTH, "L", seq=1),
        photo=uploaded_png("blue"),
    )
    seeker = card.jobseeker
    old = {name: getattr(seeker, name) for name in JobSeeker.CHECKED_FIELDS}
    old_files = {name: getattr(seeker, name).name for name in NEW_FILES}
    old_photo = card.snapshot_photo.read()
    client.force_login(seeker.user)
    before = _card_pdf(client, card)
    page_before = _card_page(client)

    typed, shown = SEEKER_CHANGES[field]
    data = form_data(client) | typed
    if field in NEW_FILES:
        data[field] = NEW_FILES[field](upload)
    response = client.post(reverse("jobboard:profile_edit"), data)
    assert response.status_code == 302, response.context["form"].errors

    # the live record and the card still say what the officer checked
    seeker.refresh_from_db()
    assert {
        name: getattr(seeker, name) for name in JobSeeker.CHECKED_FIELDS if name not in NEW_FILES
    } == {name: value for name, value in old.items() if name not in NEW_FILES}
    assert {name: getattr(seeker, name).name for name in NEW_FILES} == old_files
    assert seeker.is_active
    after = _card_pdf(client, card)
    assert after == before
    assert _card_page(client) == page_before  # the holder's card page too
    card.refresh_from_db()
    assert card.snapshot_photo.read() == old_photo
    if shown:
        assert shown not in before and shown not in after
    # the owner sees that it waits, which field and since when
    change = ProfileChange.objects.get(jobseeker=seeker)
    assert field in change.field_names() and change.is_waiting
    with translation.override("id"):
        label = str(capfirst(JobSeeker._meta.get_field(field).verbose_name))
    status = client.get(reverse("jobboard:my_status")).content.decode()
    assert 'id="pending-change"' in status and label in status
    assert tanggal(change.submitted_at) in status
    assert 'id="pending-change"' in client.get(reverse("jobboard:profile_edit")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.accept_profile_change(change, actor=officer)
    seeker.refresh_from_db()
    card.refresh_from_db()
    now_text = _card_pdf(client, card)
    if shown:
        assert shown in now_text
    elif field == "photo":
        # a private copy of the new photo as stored (uploads are re-encoded on the way in)
        assert card.snapshot_photo.read() == seeker.photo.read() != old_photo
        assert seeker.photo.name != old_files["photo"]
    else:
        change.refresh_from_db()
        assert getattr(seeker, field).name == getattr(change, field).name != old_files[field]
    if field in ("nik", "full_name"):  # what the holder's card page shows
        assert shown in _card_page(client) and shown not in page_before
    assert "diterima" in mail.outbox[-1].subject.lower()
    assert label in mail.outbox[-1].body


def test_an_issued_card_does_not_follow_the_live_record(client, officer):
    """Whatever changes the record (a script, the admin), the card prints the frozen values."""
    card = issued_card(officer, full_name="Ahmad Fauzi")
    JobSeeker.objects.filter(pk=card.jobseeker_id).update(full_name="Nama Palsu", nik="1" * 16)
    client.force_login(card.jobseeker.user)
    text = _card_pdf(client, card)
    assert "Ahmad Fauzi" in text and "Nama Palsu" not in text and "1" * 16 not in text
    page = client.get(reverse("jobboard:my_ak1")).content.decode()
    assert "Ahmad Fauzi" in page and "Nama Palsu" not in page


def test_the_ak1_report_cannot_change_checked_fields_either(client, officer):
    from tests.jobboard.ak1_helpers import backdate

    card = backdate(issued_card(officer), months=6)
    seeker = card.jobseeker
    client.force_login(seeker.user)
    form = client.get(reverse("jobboard:ak1_report")).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data |= {"still_looking": "on", "address": "Jl. Palsu 1", "skills": "CNC"}
    response = client.post(reverse("jobboard:ak1_report"), data)
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.skills == "CNC" and seeker.address != "Jl. Palsu 1"
    assert seeker.changes.get().values == {"address": "Jl. Palsu 1"}


def test_a_second_edit_updates_the_waiting_request_and_undoing_it_withdraws(client):
    seeker = make_jobseeker(status="active", full_name="Dewi Lestari")
    client.force_login(seeker.user)
    data = form_data(client)
    client.post(reverse("jobboard:profile_edit"), data | {"full_name": "Dewi L."})
    change = seeker.changes.get()
    # the form now shows what was asked for; a second edit changes the same request
    assert (
        client.get(reverse("jobboard:profile_edit")).context["form"]["full_name"].value()
        == "Dewi L."
    )
    client.post(
        reverse("jobboard:profile_edit"),
        data | {"full_name": "Dewi Lestari S.", "religion": "hindu"},
    )
    change.refresh_from_db()
    assert seeker.changes.count() == 1
    assert change.values == {"full_name": "Dewi Lestari S.", "religion": "hindu"}
    assert [s.action for s in change.steps.all()] == ["send", "update"]
    # back to the checked values: the request is withdrawn
    client.post(reverse("jobboard:profile_edit"), data)
    change.refresh_from_db()
    assert change.status == ProfileChangeStatus.WITHDRAWN
    assert services.waiting_change(seeker) is None
    seeker.refresh_from_db()
    assert seeker.full_name == "Dewi Lestari"


def test_reject_mails_the_reason_and_keeps_the_checked_values(
    client, officer, django_capture_on_commit_callbacks
):
    seeker = make_jobseeker(status="active", full_name="Rudi Hartono")
    client.force_login(seeker.user)
    client.post(reverse("jobboard:profile_edit"), form_data(client) | {"full_name": "Kepala Dinas"})
    change = seeker.changes.get()
    with pytest.raises(MoveRefused):
        services.reject_profile_change(change, actor=officer, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_profile_change(change, actor=officer, reason="Nama tidak sesuai KTP")
    seeker.refresh_from_db()
    assert seeker.full_name == "Rudi Hartono"
    message = mail.outbox[-1]
    assert message.to == [seeker.email] and "Nama tidak sesuai KTP" in message.body
    assert "Nama lengkap" in message.body
    status = client.get(reverse("jobboard:my_status")).content.decode()
    assert "Nama tidak sesuai KTP" in status and 'id="pending-change"' not in status


def test_a_waiting_change_is_not_accepted_when_its_nik_was_registered_since(client, officer):
    seeker = make_jobseeker(
        status="active", birth_date=BIRTH, sex="L", nik=make_nik(BIRTH, "L", seq=1)
    )
    client.force_login(seeker.user)
    client.post(reverse("jobboard:profile_edit"), form_data(client) | {"nik": NEW_NIK})
    make_jobseeker(nik=NEW_NIK)
    with pytest.raises(MoveRefused):
        services.accept_profile_change(seeker.changes.get(), actor=officer)
    assert seeker.changes.get().is_waiting


def test_before_activation_the_owner_edits_freely(client):
    seeker = make_jobseeker(status="waiting")
    client.force_login(seeker.user)
    client.post(reverse("jobboard:profile_edit"), form_data(client) | {"full_name": "Nama Baru"})
    seeker.refresh_from_db()
    assert seeker.full_name == "Nama Baru" and not seeker.changes.exists()


# --- employers --------------------------------------------------------------------------------

EMPLOYER_CHANGES = {
    "company_name": "Dinas Tenaga Kerja Kota Probolinggo",
    "legal_form": "CV",
    "nib": "9120009998887",
    "npwp": "099988875766655",
    "sector": "Perdagangan",
    "address": "Jl. Panglima Sudirman 1",
    "city": "Kota Pasuruan",
}


@pytest.mark.parametrize("field", list(EMPLOYER_CHANGES))
def test_an_active_employer_changing_checked_data_waits_for_the_officer(
    field, client, officer, django_capture_on_commit_callbacks
):
    employer = make_employer(status="active")
    old = {name: getattr(employer, name) for name in Employer.CHECKED_FIELDS}
    client.force_login(employer.user)
    data = form_data(client) | {field: EMPLOYER_CHANGES[field], "phone": "0335999111"}
    response = client.post(reverse("jobboard:profile_edit"), data)
    assert response.status_code == 302, response.context["form"].errors
    employer.refresh_from_db()
    assert {name: getattr(employer, name) for name in Employer.CHECKED_FIELDS} == old
    assert employer.phone == "0335999111"  # contact data saves at once
    change = employer.changes.get()
    assert change.field_names() == [field]
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_profile_change(change, actor=officer)
    employer.refresh_from_db()
    assert getattr(employer, field) == EMPLOYER_CHANGES[field]
    assert mail.outbox[-1].to == [employer.email]


# --- the officers' side -----------------------------------------------------------------------


def test_the_officer_queue_shows_old_and_new_side_by_side_and_accepts(client, officer, upload):
    seeker = make_jobseeker(status="active", full_name="Andi Wijaya")
    client.force_login(seeker.user)
    data = form_data(client) | {"full_name": "Andi Wijaya Kusuma", "photo": uploaded_png("green")}
    client.post(reverse("jobboard:profile_edit"), data)
    change = seeker.changes.get()
    client.force_login(officer)
    queue = client.get(reverse("admin:jobboard_profilechange_changelist")).content.decode()
    assert "Andi Wijaya" in queue and "Nama lengkap" in queue
    page = client.get(reverse("admin:jobboard_profilechange_change", args=[change.pk]))
    html = page.content.decode()
    assert "Andi Wijaya Kusuma" in html and "Andi Wijaya</td>" in html
    download = reverse("portal:download", args=["jobboard.ProfileChange", change.pk, "photo"])
    assert download in html
    assert client.get(download).status_code == 200
    assert change.photo.name not in html  # only ever the checked download view
    step = reverse("admin:jobboard_profilechange_step", args=[change.pk, "accept"])
    assert step in html
    assert client.post(step).status_code == 302
    seeker.refresh_from_db()
    assert seeker.full_name == "Andi Wijaya Kusuma"


def test_the_new_files_are_for_the_owner_and_the_reviewing_officers_only(
    client, officer, make_user
):
    from portal import roles

    seeker = make_jobseeker(status="active")
    client.force_login(seeker.user)
    client.post(
        reverse("jobboard:profile_edit"), form_data(client) | {"photo": uploaded_png("red")}
    )
    url = reverse(
        "portal:download", args=["jobboard.ProfileChange", seeker.changes.get().pk, "photo"]
    )
    assert client.get(url).status_code == 200
    for user, expected in [
        (make_jobseeker(status="active").user, 403),
        (make_user("kabid", role=roles.DIVISION_HEAD), 403),
        (officer, 200),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == expected, user


def test_the_card_is_refrozen_when_legalised(client, officer):
    card = issued_card(officer)
    Ak1Card.objects.filter(pk=card.pk).update(snapshot={**card.snapshot, "officer": "lama"})
    services.legalise_ak1_card(card, actor=officer)
    card.refresh_from_db()
    assert card.snapshot["officer"] == officer.display_name() and card.legalised_at
