"""The public side: the web form, its confirmation, the status page and its neutral refusal."""

import pytest
from django.urls import reverse

from complaints.models import Channel, Complaint, Status
from tests.complaints.conftest import ours
from tests.offices import office_url

pytestmark = pytest.mark.django_db

VALID = {
    "complainant_name": "Dewi Lestari",
    "complainant_institution": "",
    "complainant_address": "Jl. Suroyo 3",
    "complainant_phone": "0821 9988 7766",
    "complainant_email": "dewi@example.com",
    "subject": "Akun belum aktif",
    "text": "Akun saya belum diaktifkan.",
}

NEUTRAL = "Kami tidak menemukan pengaduan"


@pytest.mark.parametrize("language", ["id", "en"])
def test_public_pages_render_in_both_languages(client, office, language):
    client.cookies["django_language"] = language
    for url in (office_url("complaints:create"), reverse("complaints:status")):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        assert f'lang="{language}"' in response.text


def test_the_navbar_links_to_the_complaint_form(client, office):
    assert 'href="/pengaduan/"' in client.get("/").text


def test_form_shows_the_offices_own_channels(client, office):
    page = client.get(office_url("complaints:create")).text
    assert "(0335) 422121" in page
    assert "pentalasker@yahoo.co.id" in page
    assert "Laporo Rek" in page


def test_a_web_complaint_is_recorded_and_confirmed_with_its_reference(
    client, office, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(office_url("complaints:create"), VALID)
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.WEB
    assert complaint.status == Status.RECORDED
    page = client.get(response["Location"]).text
    assert complaint.reference in page
    assert complaint.reference in ours(mailoutbox)[0].body


def test_the_confirmation_page_needs_the_session_that_sent_it(client, office):
    client.post(office_url("complaints:create"), VALID)
    other = client.__class__()
    response = other.get(office_url("complaints:confirmation"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"complainant_name": ""}, "complainant_name", "Bidang ini tidak boleh kosong."),
        ({"complainant_phone": ""}, "complainant_phone", "Bidang ini tidak boleh kosong."),
        ({"complainant_phone": "12ab"}, "complainant_phone", "8 sampai 15 digit"),
        ({"complainant_address": ""}, "complainant_address", "Bidang ini tidak boleh kosong."),
        ({"complainant_email": "dewi@@example"}, "complainant_email", "alamat email yang valid"),
        ({"text": "   "}, "text", "Tuliskan pengaduan Anda."),
        ({"text": "a"}, "text", "sekurang-kurangnya 15 karakter"),
        ({"text": "Akun belum  "}, "text", "sekurang-kurangnya 15 karakter"),
    ],
)
def test_bad_input_is_refused_with_its_message_and_nothing_typed_is_lost(
    client, office, change, field, message
):
    data = {**VALID, **change}
    response = client.post(office_url("complaints:create"), data)
    assert response.status_code == 200
    assert not Complaint.objects.exists()
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    page = response.text
    for name, value in data.items():
        if value.strip() and name != field:
            assert f'value="{value}"' in page or f"{value}</textarea>" in page, name
    if change[field].strip():
        assert change[field] in page  # the wrong value stays to be corrected


def _check(client, reference, contact):
    return client.post(reverse("complaints:status"), {"reference": reference, "contact": contact})


def test_status_page_shows_steps_and_the_answer_once_sent(client, make_complaint):
    complaint = make_complaint("coordinated")
    page = _check(client, complaint.reference, "0812 3334 4455").text
    assert "Dilaporkan kepada Kepala Seksi Penempatan" in page
    assert "Cek pencetakan kartu." not in page  # the office's internal instruction stays inside
    assert 'id="complaint-answer"' not in page

    answered = make_complaint("answered")
    page = _check(client, answered.reference.lower(), "SITI@example.com").text
    assert "Kartu dapat diambil di loket 2." in page
    letter = client.get(reverse("complaints:answer_letter", args=[answered.reference]))
    assert letter.status_code == 200
    assert letter["Content-Type"] == "application/pdf"


def test_status_accepts_the_reference_in_any_case_with_spaces_or_without_dashes(
    client, make_complaint
):
    complaint = make_complaint("coordinated")
    word, year, code = complaint.reference.split("-")
    for typed in (
        f"{word}{year}{code}".lower(),
        f"{word} {year} {code}",
        f" {complaint.reference.lower()} ",
    ):
        page = _check(client, typed, "0812 3334 4455").text
        assert "Dilaporkan kepada Kepala Seksi Penempatan" in page, typed
        assert NEUTRAL not in page, typed


def test_answer_letter_is_not_served_without_a_successful_check(client, make_complaint):
    answered = make_complaint("answered")
    url = reverse("complaints:answer_letter", args=[answered.reference])
    assert client.get(url).status_code == 404
    _check(client, answered.reference, "0000000000")
    assert client.get(url).status_code == 404


def test_the_letter_is_served_only_to_the_browser_that_opened_its_complaint(client, make_complaint):
    """The opened complaints are kept in a signed cookie: another browser, or one that writes
    another complaint's number into the cookie, gets nothing."""
    from django.contrib.sessions.models import Session
    from django.test import Client

    from complaints.views import CHECKED_COOKIE

    mine, theirs = make_complaint("answered"), make_complaint("answered")
    _check(client, mine.reference, "SITI@example.com")
    assert Session.objects.count() == 0  # a status check writes nothing to the database
    assert client.get(reverse("complaints:answer_letter", args=[mine.reference])).status_code == 200
    theirs_url = reverse("complaints:answer_letter", args=[theirs.reference])
    assert client.get(theirs_url).status_code == 404

    signed = client.cookies[CHECKED_COOKIE].value
    value, _, signature = signed.rpartition(":")
    client.cookies[CHECKED_COOKIE] = f"{mine.pk},{theirs.pk}:{signature}"
    assert client.get(theirs_url).status_code == 404
    client.cookies[CHECKED_COOKIE] = f"{theirs.pk}"
    assert client.get(theirs_url).status_code == 404

    stranger = Client()
    letter = stranger.get(reverse("complaints:answer_letter", args=[mine.reference]))
    assert letter.status_code == 404


def test_status_page_refuses_wrong_contact_without_saying_whether_the_reference_exists(
    client, make_complaint
):
    complaint = make_complaint()
    wrong_contact = _check(client, complaint.reference, "081299999999")
    wrong_email = _check(client, complaint.reference, "other@example.com")
    unknown_ref = _check(client, "ADU-2026-ZZZZZZ", "0812 3334 4455")
    for response in (wrong_contact, wrong_email, unknown_ref):
        assert response.status_code == 200
        assert NEUTRAL in response.text
        assert complaint.complainant_name not in response.text
        assert "Kartu AK/I saya belum jadi." not in response.text

    def body(response):
        # Same page apart from the echoed input and the CSRF token.
        text = response.text
        for echoed in (complaint.reference, "ADU-2026-ZZZZZZ", "081299999999", "0812 3334 4455"):
            text = text.replace(echoed, "")
        return [line for line in text.splitlines() if "csrf" not in line]

    assert body(wrong_contact) == body(unknown_ref)


def test_status_form_needs_both_fields(client, office):
    response = client.post(reverse("complaints:status"), {"reference": "ADU-2026-AAAAAA"})
    assert "contact" in response.context["form"].errors
    assert 'value="ADU-2026-AAAAAA"' in response.text


def test_status_checks_from_one_address_are_limited(client, make_complaint):
    complaint = make_complaint()
    for _ in range(30):
        assert _check(client, "ADU-2026-AAAAAA", "081200000000").status_code == 200
    response = _check(client, complaint.reference, "0812 3334 4455")
    assert response.status_code == 429
    assert complaint.complainant_name not in response.text
