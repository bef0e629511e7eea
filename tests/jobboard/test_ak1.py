"""The AK/I card: issued at activation, printed, reported every six months, closed at placement."""

import io
import subprocess

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jobboard import services
from jobboard.models import Ak1Card, Ak1Reminder, Ak1Report, Placement, months_later
from portal import roles
from portal.dates import tanggal
from portal.workflow import MoveRefused
from tests.factories import default_office
from tests.jobboard.ak1_helpers import backdate, issued_card
from tests.jobboard.factories import make_application, make_jobseeker, make_vacancy
from tests.jobboard.test_registration import post_seeker, seeker_data, seeker_files

pytestmark = pytest.mark.django_db


def pdf_text(data):
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


# --- registration and issue -------------------------------------------------------------------


def test_registering_without_a_card_asks_for_one_instead_of_the_photocopy(client, upload):
    from jobboard.models import JobSeeker

    files = seeker_files(upload)
    del files["ak1_scan"]
    response = post_seeker(client, upload, seeker_data(ak1_requested="on"), files)
    assert response.status_code == 302
    seeker = JobSeeker.objects.get()
    assert seeker.ak1_requested and not seeker.ak1_scan
    client.force_login(seeker.user)
    page = client.get(reverse("jobboard:my_status")).content.decode()
    assert "diterbitkan saat akun diaktifkan" in page


def test_neither_a_photocopy_nor_a_request_is_refused_on_the_field(client, upload):
    files = seeker_files(upload)
    del files["ak1_scan"]
    response = post_seeker(client, upload, seeker_data(), files)
    assert response.status_code == 200
    assert "atau centang" in " ".join(response.context["form"].errors["ak1_scan"])
    files = seeker_files(upload)
    del files["ktp_scan"]
    response = post_seeker(client, upload, seeker_data(ak1_requested="on"), files)
    assert response.status_code == 200  # the KTP is still required; the AK/I upload contradicts
    assert set(response.context["form"].errors) == {"ktp_scan", "ak1_requested"}


def test_activation_issues_a_numbered_card_valid_two_years(
    officer, django_capture_on_commit_callbacks
):
    seeker = make_jobseeker(ak1_requested=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.activate_registration(seeker, actor=officer)
    card = Ak1Card.objects.get(jobseeker=seeker)
    year = timezone.localdate().year
    assert card.number == f"AK1/000001/{year}" and card.issued_by == officer
    assert card.valid_from == timezone.localdate()
    assert card.valid_until == months_later(card.valid_from, 24)
    assert (card.next_report_period, card.next_report_due) == (2, months_later(card.valid_from, 6))
    assert card.history.count() == 1
    assert card.number in mail.outbox[-1].body
    # A job seeker who brought a photocopy gets no second card.
    other = make_jobseeker()
    services.activate_registration(other, actor=officer)
    assert Ak1Card.objects.count() == 1


def test_numbers_follow_the_office_format_and_restart_each_year(officer):
    profile = default_office()
    profile.ak1_number_format = "{year}/{seq:03d}/AK1/Disnaker"
    profile.save()
    year = timezone.localdate().year
    numbers = [issued_card(officer).number for _ in range(3)]
    assert numbers == [f"{year}/{n:03d}/AK1/Disnaker" for n in (1, 2, 3)]


def test_a_bad_number_format_rolls_the_activation_back(officer):
    profile = default_office()
    profile.ak1_number_format = "AK1/{year}"  # no running number: every card the same
    profile.save()
    seeker = make_jobseeker(ak1_requested=True)
    with pytest.raises(MoveRefused, match="(?i)format"):
        services.activate_registration(seeker, actor=officer)
    seeker.refresh_from_db()
    assert seeker.is_waiting and not Ak1Card.objects.exists()
    # The number booked by the rolled-back activation was given back: no gap.
    profile.ak1_number_format = "AK1/{seq:06d}/{year}"
    profile.save()
    services.activate_registration(seeker, actor=officer)
    assert Ak1Card.objects.get().seq == 1


# --- the PDF and who may download it --------------------------------------------------------


def test_the_card_pdf_has_two_pages_with_number_nik_data_and_officer(client, officer):
    card = issued_card(officer, full_name="Siti Aminah")
    client.force_login(card.jobseeker.user)
    response = client.get(reverse("jobboard:ak1_pdf", args=[card.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    first, second = (" ".join(page.extract_text().split()) for page in reader.pages)
    assert card.number in first and card.jobseeker.nik in first
    assert "Siti Aminah" in second and "Probolinggo" in second and "Islam" in second
    assert officer.display_name() in second and card.office.name in second


def test_the_photo_from_the_private_upload_is_embedded(client, officer, upload):
    # the photo the officer saw at activation is the card's (a private copy of it)
    card = issued_card(officer, photo=upload("png", "foto.png"))
    seeker = card.jobseeker
    assert card.snapshot_photo and card.snapshot_photo.name != seeker.photo.name
    client.force_login(seeker.user)
    response = client.get(reverse("jobboard:ak1_pdf", args=[card.pk]))
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(response.content)).pages[0].images) == 1


def test_only_the_holder_and_permitted_officers_download_the_card(client, officer, make_user):
    card = issued_card(officer)
    url = reverse("jobboard:ak1_pdf", args=[card.pk])
    assert client.get(url).status_code == 302  # to the login page
    stranger = make_jobseeker(status="active")
    head = make_user("kasi", role=roles.SECTION_HEAD)  # sees the list, may not print cards
    for user, expected in [
        (stranger.user, 403),
        (head, 403),
        (make_user("staf", staff=True), 403),
        (card.jobseeker.user, 200),
        (officer, 200),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == expected, user
    client.force_login(stranger.user)
    assert client.get(reverse("jobboard:my_ak1")).status_code == 404


def test_legalising_needs_the_permission_and_happens_once(officer, plain_staff):
    card = issued_card(officer)
    with pytest.raises(PermissionDenied):
        services.legalise_ak1_card(card, actor=plain_staff)
    services.legalise_ak1_card(card, actor=officer)
    card.refresh_from_db()
    assert card.legalised_by == officer and card.legalised_at
    with pytest.raises(MoveRefused):
        services.legalise_ak1_card(card, actor=officer)


def test_the_admin_action_legalises_through_the_service(client, officer):
    card = issued_card(officer)
    client.force_login(officer)
    url = reverse("admin:jobboard_ak1card_changelist")
    response = client.post(url, {"action": "legalise", "_selected_action": [card.pk]}, follow=True)
    assert response.status_code == 200
    card.refresh_from_db()
    assert card.legalised_by == officer


def test_the_button_on_the_card_page_legalises_once(client, officer, plain_staff):
    card = issued_card(officer)
    change = reverse("admin:jobboard_ak1card_change", args=[card.pk])
    button = reverse("admin:jobboard_ak1card_legalise", args=[card.pk])
    client.force_login(officer)
    assert button in client.get(change).content.decode()
    assert client.get(button).status_code == 403  # a change only by POST
    response = client.post(button, follow=True)
    assert "1 data selesai diproses." in response.content.decode()
    assert button not in response.content.decode()  # done: no button any more
    card.refresh_from_db()
    assert card.legalised_by == officer
    client.force_login(plain_staff)
    assert client.post(button).status_code == 403


# --- six-monthly reports ---------------------------------------------------------------------


def report_page(client, card):
    client.force_login(card.jobseeker.user)
    return client.get(reverse("jobboard:my_ak1")).content.decode()


def report_data(card, **overrides):
    s = card.jobseeker
    data = {
        "still_looking": "on",
        "address": s.address,
        "kelurahan": s.kelurahan,
        "kecamatan": s.kecamatan,
        "city": s.city,
        "phone": s.phone,
        "education_level": s.education_level,
        "education_major": s.education_major,
        "education_institution": s.education_institution,
        "graduation_year": s.graduation_year,
        "skills": s.skills,
        "work_experience": s.work_experience,
        "desired_job": s.desired_job,
    }
    data.update(overrides)
    return data


def test_a_report_too_early_is_refused_saying_when_it_is_due(client, officer):
    card = issued_card(officer)
    due = months_later(timezone.localdate(), 6)
    html = report_page(client, card)
    assert f"jatuh tempo pada {tanggal(due)}" in html
    response = client.post(reverse("jobboard:ak1_report"), report_data(card), follow=True)
    assert tanggal(due) in response.content.decode()
    assert not Ak1Report.objects.exists()
    with pytest.raises(MoveRefused, match=tanggal(due)):
        services.report_ak1(card, actor=card.jobseeker.user)


def test_reports_fill_the_next_column_and_update_the_profile(client, officer):
    card = backdate(issued_card(officer), months=6)
    client.force_login(card.jobseeker.user)
    url = reverse("jobboard:ak1_report")
    response = client.post(url, report_data(card, still_looking="", skills="las argon"))
    assert "still_looking" in response.context["form"].errors  # nothing saved without it
    assert response.context["form"]["skills"].value() == "las argon"
    response = client.post(url, report_data(card, skills="las argon, K3"))
    assert response.status_code == 302
    card.refresh_from_db()
    assert [r.period for r in card.reports.all()] == [2]
    assert card.jobseeker.skills == "las argon, K3"
    assert (card.next_report_period, card.next_report_due) == (3, card.period_start(3))
    today = tanggal(timezone.localdate())
    assert [when for _, when, _ in card.columns()][1] == timezone.localdate()
    assert today in pdf_text(client.get(reverse("jobboard:ak1_pdf", args=[card.pk])).content)
    # A second report in the same period is refused.
    with pytest.raises(MoveRefused):
        services.report_ak1(card, actor=card.jobseeker.user)


def test_at_most_four_columns_and_a_missed_period_stays_empty(officer):
    card = backdate(issued_card(officer), months=12, days=1)  # period 2 passed unreported
    user = card.jobseeker.user
    assert services.report_ak1(card, actor=user).period == 3
    backdate(card, months=18)
    assert services.report_ak1(card, actor=user).period == 4
    card.refresh_from_db()
    assert card.next_report_period is None
    with pytest.raises(MoveRefused, match="empat"):
        services.report_ak1(card, actor=user)
    assert [when is not None for _, when, _ in card.columns()] == [True, False, True, True]


def test_only_the_holder_reports(officer):
    card = backdate(issued_card(officer), months=6)
    with pytest.raises(PermissionDenied):
        services.report_ak1(card, actor=officer)


# --- expiry ---------------------------------------------------------------------------------


def test_a_card_expires_two_years_after_issue(client, officer):
    card = backdate(issued_card(officer), months=24)
    assert not card.is_expired  # the last valid day
    assert Ak1Card.objects.expired().count() == 0
    card = backdate(card, months=24, days=1)
    assert card.is_expired and card.state_label() == "Sudah tidak berlaku"
    assert list(Ak1Card.objects.expired()) == [card]
    assert not Ak1Card.objects.report_overdue().exists()  # expired, not overdue
    with pytest.raises(MoveRefused, match="kedaluwarsa"):
        services.report_ak1(card, actor=card.jobseeker.user)


# --- reminders ------------------------------------------------------------------------------


def test_reminders_go_exactly_to_the_due_and_overdue_and_never_twice(officer):
    due_soon = backdate(issued_card(officer), months=6, days=-5)  # due in 5 days
    overdue = backdate(issued_card(officer), months=6, days=10)
    not_yet = backdate(issued_card(officer), months=6, days=-20)
    reported = backdate(issued_card(officer), months=6)
    services.report_ak1(reported, actor=reported.jobseeker.user)
    backdate(issued_card(officer), months=25)  # expired
    placed = backdate(issued_card(officer), months=6, days=3)
    application = make_application(jobseeker=placed.jobseeker, status="interview")
    services.move_application(
        application, actor=application.vacancy.employer.user, to_status="hired"
    )
    mail.outbox.clear()

    out = io.StringIO()
    call_command("send_ak1_reminders", stdout=out)
    assert "sent: 2" in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [due_soon.jobseeker.email, overdue.jobseeker.email]
    )
    assert all(due_soon.number in m.subject or overdue.number in m.subject for m in mail.outbox)
    assert "/loker/akun/kartu-ak1/lapor/" in mail.outbox[0].body
    assert Ak1Reminder.objects.count() == 2

    call_command("send_ak1_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2  # none twice
    assert not_yet.pk not in Ak1Reminder.objects.values_list("card", flat=True)

    # The next period's report is a new due report: one more reminder, once.
    services.report_ak1(overdue, actor=overdue.jobseeker.user)
    backdate(overdue, months=12, days=-3)
    call_command("send_ak1_reminders", stdout=io.StringIO())
    call_command("send_ak1_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 3 and mail.outbox[-1].to == [overdue.jobseeker.email]


def test_a_refused_mail_is_tried_again_on_the_next_run(officer, monkeypatch):
    card = backdate(issued_card(officer), months=6, days=1)
    mail.outbox.clear()

    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(services.ak1, "send_now", refuse)
    assert services.send_ak1_reminders() == (0, 1)
    assert not Ak1Reminder.objects.exists()
    monkeypatch.undo()
    assert services.send_ak1_reminders() == (1, 0)
    assert mail.outbox[0].to == [card.jobseeker.email]


# --- placement ------------------------------------------------------------------------------


def test_a_hire_closes_the_card_as_placed_and_counts_once(officer):
    card = issued_card(officer)
    application = make_application(jobseeker=card.jobseeker, status="interview")
    employer = application.vacancy.employer
    services.move_application(application, actor=employer.user, to_status="hired")
    card.refresh_from_db()
    placement = Placement.objects.get()
    assert card.closed_reason == "placed" and card.closed_at
    assert card.placed_with == employer and card.placement == placement
    assert card.next_report_due is None and card.state_label() == "Ditempatkan kerja"
    with pytest.raises(MoveRefused, match="ditutup"):
        services.report_ak1(card, actor=card.jobseeker.user)

    # A second hire of the same person elsewhere is a second placement, the card stays as closed.
    other = make_application(vacancy=make_vacancy(), jobseeker=card.jobseeker, status="interview")
    services.move_application(other, actor=other.vacancy.employer.user, to_status="hired")
    card.refresh_from_db()
    assert card.placement == placement and Placement.objects.count() == 2
    assert Ak1Card.objects.filter(closed_reason="placed").count() == 1


# --- the officers' list -----------------------------------------------------------------------


def test_the_admin_lists_due_overdue_and_expired_oldest_first(
    client, officer, django_assert_max_num_queries
):
    due = backdate(issued_card(officer), months=6, days=-2)
    overdue = [backdate(issued_card(officer), months=6, days=d) for d in (30, 3)]
    expired = backdate(issued_card(officer), months=26)
    backdate(issued_card(officer), months=1)
    client.force_login(officer)
    url = reverse("admin:jobboard_ak1card_changelist")

    def listed(state):
        return list(client.get(url, {"state": state}).context["cl"].result_list)

    assert listed("due") == [due]
    assert listed("overdue") == overdue  # the one issued longest ago first
    assert listed("expired") == [expired]
    for _ in range(50):
        issued_card(officer)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200 and len(response.context["cl"].result_list) == 50
    card = Ak1Card.objects.first()
    page = client.get(reverse("admin:jobboard_ak1card_change", args=[card.pk]))
    assert page.status_code == 200 and card.number in page.content.decode()


def test_the_account_pages_link_the_card(client, officer):
    card = issued_card(officer)
    client.force_login(card.jobseeker.user)
    html = client.get(reverse("jobboard:my_status")).content.decode()
    assert reverse("jobboard:my_ak1") in html and card.number in html
    html = client.get(reverse("jobboard:my_ak1")).content.decode()
    assert card.number in html and reverse("jobboard:ak1_pdf", args=[card.pk]) in html
