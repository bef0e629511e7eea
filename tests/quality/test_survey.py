"""Invitations once per completed service event; one answer each; the form and the banner."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from jobboard import services as jobboard_services
from jobboard.models import RegistrationStep
from portal import roles
from quality import services, skm
from quality.models import SurveyInvitation, SurveyResponse
from tests.factories import make_employer, make_jobseeker

pytestmark = pytest.mark.django_db

ALL_FOURS = {f: "4" for f in skm.FIELDS}


def activate(profile, officers):
    return jobboard_services.activate_registration(
        profile, actor=officers[roles.JOB_PLACEMENT_OFFICER]
    )


def survey_mails():
    return [
        m for m in mail.outbox if "survei" in m.subject.lower() or "survey" in m.subject.lower()
    ]


def test_an_activated_job_seeker_is_invited_once_by_mail_with_a_token_link(
    officers, office, django_capture_on_commit_callbacks
):
    seeker = make_jobseeker()
    with django_capture_on_commit_callbacks(execute=True):
        activate(seeker, officers)
    invitation = SurveyInvitation.objects.get()
    assert invitation.service == "bkol"
    assert invitation.event_key == f"jobseeker:{seeker.pk}"
    assert invitation.user == seeker.user
    [message] = survey_mails()
    assert message.to == [seeker.email]
    url = re.search(r"https?://\S+", message.body).group(0)
    assert url.endswith(f"/mutu/survei/{invitation.token}/")
    # No personal data in the link: only the random token.
    for personal in (seeker.nik, seeker.email, seeker.full_name, seeker.user.username):
        assert personal not in url.split("/mutu/survei/")[1]
    assert len(invitation.token) >= 30

    # The same event saved again (a step row written twice) invites nobody new.
    with django_capture_on_commit_callbacks(execute=True):
        RegistrationStep.objects.create(
            jobseeker=seeker,
            from_status="waiting",
            to_status="active",
            actor=officers[roles.JOB_PLACEMENT_OFFICER],
        )
    assert SurveyInvitation.objects.count() == 1
    assert len(survey_mails()) == 1


def test_a_rejection_is_not_a_completed_service(officers, office):
    employer = make_employer()
    jobboard_services.reject_registration(
        employer, actor=officers[roles.JOB_PLACEMENT_OFFICER], reason="NIB tidak cocok."
    )
    assert not SurveyInvitation.objects.exists()


def test_an_employer_activation_is_its_own_event(officers, office):
    employer = make_employer()
    activate(employer, officers)
    assert SurveyInvitation.objects.get().event_key == f"employer:{employer.pk}"


@pytest.mark.parametrize("state", ["issued", "refused"])
def test_a_permit_decision_invites_the_applicant_once(permit_in, state):
    application = permit_in(state)
    invitation = SurveyInvitation.objects.get(service="akad")
    assert invitation.event_key == f"permit:{application.pk}"
    assert invitation.user == application.employer.user
    assert application.reference in invitation.event_label


def test_an_answered_complaint_invites_the_complainant_once(make_complaint):
    complaint = make_complaint("answered")
    invitation = SurveyInvitation.objects.get(service="pengaduan")
    assert invitation.email == complaint.complainant_email
    assert invitation.user is None
    from complaints import services as complaint_services

    complaint_services.close_complaint(complaint=complaint, actor=complaint.answered_by)
    assert SurveyInvitation.objects.filter(service="pengaduan").count() == 1


def test_no_invitation_before_the_service_is_completed(make_complaint, permit_in):
    make_complaint("followed_up")
    permit_in("drafted")
    assert not SurveyInvitation.objects.exists()


@pytest.fixture
def invitation(officers, office):
    activate(make_jobseeker(), officers)
    return SurveyInvitation.objects.get()


def test_the_form_shows_the_nine_elements_with_the_regulations_answers(client, invitation):
    response = client.get(reverse("quality:survey", args=[invitation.token]))
    assert response.status_code == 200
    page = response.text
    assert page.count("<fieldset") == 9
    for words in (
        "Persyaratan",
        "Sistem, mekanisme dan prosedur",
        "Waktu penyelesaian",
        "Biaya/tarif",
        "Produk spesifikasi jenis pelayanan",
        "Kompetensi pelaksana",
        "Perilaku pelaksana",
        "Penanganan pengaduan, saran dan masukan",
        "Sarana dan prasarana",
        "Sangat sesuai",
        "Gratis",
        "Dikelola dengan baik",
    ):
        assert words in page, words


def test_a_missing_answer_keeps_the_others_and_says_where(client, invitation):
    url = reverse("quality:survey", args=[invitation.token])
    data = {**ALL_FOURS, "u3_time": "", "u1_requirements": "2", "comment": "Antrean panjang"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["u3_time"]
    assert "Pilih salah satu dari empat jawaban" in response.text
    assert re.search(r'value="2"\s+checked', response.text)
    assert "Antrean panjang" in response.text
    assert not SurveyResponse.objects.exists()


def test_one_answer_is_recorded_and_a_second_is_refused(client, invitation):
    url = reverse("quality:survey", args=[invitation.token])
    response = client.post(url, {**ALL_FOURS, "u4_fee": "3", "comment": "Cepat"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("quality:public")
    assert "Terima kasih" in response.text
    answer = SurveyResponse.objects.get()
    assert (answer.service, answer.u4_fee, answer.u1_requirements, answer.comment) == (
        "bkol",
        3,
        4,
        "Cepat",
    )

    response = client.post(url, {**ALL_FOURS, "u4_fee": "1"})
    assert response.status_code == 409
    assert "sudah diisi" in response.text
    assert SurveyResponse.objects.count() == 1
    assert SurveyResponse.objects.get().u4_fee == 3
    # Opening the link again says so too, without a form.
    response = client.get(url)
    assert "sudah diisi" in response.text and "<fieldset" not in response.text

    with pytest.raises(services.AlreadyAnswered):
        services.answer(invitation=invitation, answers=dict.fromkeys(skm.FIELDS, 2))


def test_an_unknown_token_is_not_found(client, db):
    assert client.get(reverse("quality:survey", args=["nope"])).status_code == 404


def test_the_banner_after_login_until_answered(client, invitation, office):
    client.force_login(invitation.user)
    page = client.get(reverse("portal:home")).text
    assert 'id="survey-banner"' in page
    assert reverse("quality:survey", args=[invitation.token]) in page
    services.answer(invitation=invitation, answers=dict.fromkeys(skm.FIELDS, 3))
    assert 'id="survey-banner"' not in client.get(reverse("portal:home")).text


def test_the_account_page_links_the_survey(client, invitation, office):
    client.force_login(invitation.user)
    response = client.get(reverse("portal:dashboard"), follow=True)
    assert reverse("quality:survey", args=[invitation.token]) in response.text


def test_officers_and_strangers_see_no_banner(client, invitation, officers, office):
    assert 'id="survey-banner"' not in client.get(reverse("portal:home")).text
    client.force_login(officers[roles.HEAD_OF_OFFICE])
    assert 'id="survey-banner"' not in client.get(reverse("portal:home")).text


def test_the_complaint_status_banner_tag(make_complaint):
    from django.template import Context, Template

    template = Template("{% include 'quality/complaint_banner.html' %}")
    waiting = make_complaint("followed_up")
    assert "survey-banner" not in template.render(Context({"complaint": waiting}))
    answered = make_complaint("answered")
    token = SurveyInvitation.objects.get().token
    assert token in template.render(Context({"complaint": answered}))


def test_a_failing_invitation_does_not_undo_the_activation(officers, office, monkeypatch):
    from django.db import DatabaseError

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(SurveyInvitation.objects, "get_or_create", broken)
    seeker = make_jobseeker()
    activate(seeker, officers)
    seeker.refresh_from_db()
    assert seeker.is_active
    assert not SurveyInvitation.objects.exists()


@pytest.mark.parametrize("language", ["id", "en"])
def test_survey_and_public_pages_render_in_both_languages(client, invitation, language):
    client.cookies["django_language"] = language
    survey = client.get(reverse("quality:survey", args=[invitation.token]))
    public = client.get(reverse("quality:public"))
    assert survey.status_code == public.status_code == 200
    words = (
        ("Sangat sesuai", "Mutu pelayanan")
        if language == "id"
        else ("Very appropriate", "Service quality")
    )
    assert words[0] in survey.text and words[1] in public.text


def test_admin_pages_of_the_survey_records(admin_client, invitation):
    services.answer(invitation=invitation, answers=dict.fromkeys(skm.FIELDS, 4))
    answer = SurveyResponse.objects.get()
    for url in (
        reverse("admin:quality_surveyinvitation_changelist"),
        reverse("admin:quality_surveyinvitation_change", args=[invitation.pk]),
        reverse("admin:quality_surveyresponse_changelist"),
        reverse("admin:quality_surveyresponse_change", args=[answer.pk]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert invitation.token not in response.text  # the link stays with the person
        assert invitation.email not in response.text
    assert admin_client.get(reverse("admin:quality_surveyresponse_add")).status_code == 403


def test_the_complaint_status_page_invites_to_the_survey_once_answered(client, make_complaint):
    waiting = make_complaint("followed_up")
    answered = make_complaint("answered")
    status = reverse("complaints:status")
    contact = "siti@example.com"
    page = client.post(status, {"reference": waiting.reference, "contact": contact}).text
    assert 'id="survey-banner"' not in page
    page = client.post(status, {"reference": answered.reference, "contact": contact}).text
    token = SurveyInvitation.objects.get(event_key=f"complaint:{answered.pk}").token
    assert 'id="survey-banner"' in page and reverse("quality:survey", args=[token]) in page
    services.answer(
        invitation=SurveyInvitation.objects.get(token=token),
        answers=dict.fromkeys(skm.FIELDS, 3),
    )
    page = client.post(status, {"reference": answered.reference, "contact": contact}).text
    assert 'id="survey-banner"' not in page


def test_the_banner_sits_under_the_pages_heading_not_above_it(client, invitation, office):
    client.force_login(invitation.user)
    for url in (reverse("portal:home"), reverse("jobboard:vacancy_list")):
        page = client.get(url).text
        main = page[page.index('<main id="main"') :]
        assert main.index("</h1>") < main.index('id="survey-banner"'), url


def test_no_banner_on_the_survey_page_itself(client, invitation, office):
    client.force_login(invitation.user)
    page = client.get(reverse("quality:survey", args=[invitation.token])).text
    assert 'id="survey-banner"' not in page


def test_not_now_quiets_the_banner_for_the_session_and_returns_to_the_page(
    client, invitation, office
):
    client.force_login(invitation.user)
    page = client.get(reverse("jobboard:vacancy_list")).text
    assert "Nanti saja" in page
    response = client.post(reverse("quality:survey_later"), {"next": "/loker/?q=las"})
    assert response.status_code == 302 and response["Location"] == "/loker/?q=las"
    assert 'id="survey-banner"' not in client.get(reverse("portal:home")).text
    # The invitation itself still waits on the account page.
    account = client.get(reverse("portal:dashboard"), follow=True).text
    assert reverse("quality:survey", args=[invitation.token]) in account
    # Elsewhere is not a place "Nanti saja" sends anyone.
    response = client.post(reverse("quality:survey_later"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("portal:home")
    # A new session asks again.
    client.logout()
    client.force_login(invitation.user)
    assert 'id="survey-banner"' in client.get(reverse("portal:home")).text


@pytest.mark.parametrize(
    ("jakarta_time", "greeting"),
    [
        ("02:37", "Selamat malam"),
        ("07:15", "Selamat pagi"),
        ("12:00", "Selamat siang"),
        ("16:30", "Selamat sore"),
        ("20:05", "Selamat malam"),
    ],
)
def test_the_invitation_greets_by_the_time_of_day_in_jakarta(
    invitation, office, monkeypatch, jakarta_time, greeting
):
    import datetime
    import zoneinfo

    from django.utils import timezone

    from portal.notifications import render_mail

    hour, minute = map(int, jakarta_time.split(":"))
    moment = datetime.datetime(2026, 3, 2, hour, minute, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
    # The clock reads UTC (02:37 in Jakarta is 19:37 the day before); the hour is Jakarta's.
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(datetime.UTC))
    _subject, body = render_mail(
        "quality/email/invitation", {"invitation": invitation, "url": "x"}, invitation.office
    )
    assert body.startswith(f"{greeting},\n")
    others = {"Selamat pagi", "Selamat siang", "Selamat sore", "Selamat malam"} - {greeting}
    assert not any(other in body for other in others)
