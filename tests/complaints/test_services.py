"""Every step of 7.2.1-7.2.3: the allowed path, every wrong state, every refused role."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from complaints import services
from complaints.models import Channel, Complaint, FollowUp, Status
from complaints.workflows import WORKFLOW
from portal import roles
from portal.workflow import MoveRefused
from tests.complaints.conftest import CHAIN, COMPLAINANT, ours, step_service
from tests.factories import default_office

pytestmark = pytest.mark.django_db

STATUS_ORDER = [s.value for s in Status]
STEPS = [
    pytest.param(action, role, extra, STATUS_ORDER[i], STATUS_ORDER[i + 1], id=action)
    for i, (action, role, extra) in enumerate(CHAIN)
]


@pytest.mark.parametrize(("action", "role", "extra", "start", "end"), STEPS)
def test_allowed_path_writes_status_step_and_history(
    make_complaint, officers, action, role, extra, start, end
):
    complaint = make_complaint(start)
    history_before = complaint.history.count()
    step_service(action)(complaint=complaint, actor=officers[role], **extra)
    complaint.refresh_from_db()
    assert complaint.status == end
    step = complaint.steps.last()
    assert (step.from_status, step.to_status, step.actor) == (start, end, officers[role])
    assert complaint.history.count() == history_before + 1
    assert complaint.history.first().status == end


@pytest.mark.parametrize(("action", "role", "extra", "start", "end"), STEPS)
def test_wrong_state_is_refused_and_changes_nothing(
    make_complaint, officers, action, role, extra, start, end
):
    for status in STATUS_ORDER:
        if status == start:
            continue
        complaint = make_complaint(status)
        steps = complaint.steps.count()
        with pytest.raises(MoveRefused):
            step_service(action)(complaint=complaint, actor=officers[role], **extra)
        complaint.refresh_from_db()
        assert complaint.status == status
        assert complaint.steps.count() == steps


@pytest.mark.parametrize(("action", "role", "extra", "start", "end"), STEPS)
def test_every_other_role_is_refused(
    make_complaint, officers, make_user, action, role, extra, start, end
):
    complaint = make_complaint(start)
    outsiders = [officers[r] for r in roles.ALL_ROLES if r != role]
    outsiders += [make_user("citizen", staff=False), make_user("bare-staff", staff=True)]
    for actor in outsiders:
        with pytest.raises(PermissionDenied):
            step_service(action)(complaint=complaint, actor=actor, **extra)
    with pytest.raises(PermissionDenied):
        step_service(action)(complaint=complaint, actor=None, **extra)
    complaint.refresh_from_db()
    assert complaint.status == start


@pytest.mark.parametrize(
    ("start", "service", "role", "kwargs", "message"),
    [
        (
            "with_kabid",
            "coordinate_follow_up",
            roles.DIVISION_HEAD,
            {"instruction": "  "},
            "Tulis instruksi",
        ),
        ("coordinated", "hand_back_follow_up", roles.SECTION_HEAD, {"follow_up": ""}, "Tulis"),
        ("followed_up", "send_answer", roles.COMPLAINT_OFFICER, {"answer": " \n"}, "Tulis"),
    ],
)
def test_steps_that_need_text_refuse_it_empty(
    make_complaint, officers, start, service, role, kwargs, message
):
    complaint = make_complaint(start)
    with translation.override("id"), pytest.raises(MoveRefused) as refused:
        getattr(services, service)(complaint=complaint, actor=officers[role], **kwargs)
    # Said to the officer in the portal's language.
    assert message in str(refused.value.message)
    assert Complaint.objects.get(pk=complaint.pk).status == start
    assert complaint.steps.count() == STATUS_ORDER.index(start) + 1


def test_the_whole_chain_keeps_instruction_follow_up_and_answer(make_complaint, officers):
    complaint = make_complaint("closed")
    assert complaint.instruction == "Cek pencetakan kartu."
    assert complaint.follow_up == "Kartu sudah dicetak."
    assert complaint.answer == "Kartu dapat diambil di loket 2."
    assert complaint.answered_by == officers[roles.COMPLAINT_OFFICER]
    assert list(complaint.steps.values_list("to_status", flat=True)) == STATUS_ORDER


def test_recording_numbers_the_book_and_draws_a_reference(officers, office):
    officer = officers[roles.COMPLAINT_OFFICER]
    first = services.record_complaint(
        office=default_office(), actor=officer, channel=Channel.COUNTER, data=COMPLAINANT
    )
    second = services.record_complaint(
        office=default_office(), actor=officer, channel=Channel.TELEPHONE, data=COMPLAINANT
    )
    assert second.book_number == first.book_number + 1
    assert first.reference.startswith(f"ADU-{first.book_year}-")
    assert len(first.reference) == len("ADU-2026-XXXXXX")
    assert first.reference != second.reference
    assert first.received_by == officer
    assert FollowUp.objects.filter(complaint=first, to_status=Status.RECORDED).count() == 1


def test_only_officers_may_record_counter_phone_and_radio(officers, office, make_user):
    for channel in (Channel.COUNTER, Channel.TELEPHONE, Channel.RADIO):
        with pytest.raises(PermissionDenied):
            services.record_complaint(
                office=default_office(), actor=None, channel=channel, data=COMPLAINANT
            )
        for role in roles.ALL_ROLES:
            if role == roles.COMPLAINT_OFFICER:
                continue
            with pytest.raises(PermissionDenied):
                services.record_complaint(
                    office=default_office(), actor=officers[role], channel=channel, data=COMPLAINANT
                )
    assert not Complaint.objects.exists()


def test_receipt_notification_has_reference_and_how_to_follow(
    officers, office, mailoutbox, django_capture_on_commit_callbacks
):
    from django.conf import settings

    with django_capture_on_commit_callbacks(execute=True):
        complaint = services.record_complaint(
            office=default_office(), actor=None, channel=Channel.WEB, data=COMPLAINANT
        )
    assert len(ours(mailoutbox)) == 1
    message = ours(mailoutbox)[0]
    assert message.to == ["siti@example.com"]
    assert complaint.reference in message.subject
    assert complaint.reference in message.body
    assert f"{settings.SITE_URL}/pengaduan/status/" in message.body


def test_no_notification_without_an_address(
    officers, office, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.record_complaint(
            office=default_office(),
            actor=officers[roles.COMPLAINT_OFFICER],
            channel=Channel.TELEPHONE,
            data={**COMPLAINANT, "complainant_email": ""},
        )
    assert ours(mailoutbox) == []


def test_answer_goes_by_email_only_where_there_is_an_address(
    make_complaint, officers, mailoutbox, django_capture_on_commit_callbacks
):
    with_address = make_complaint("followed_up")
    without = make_complaint("followed_up", complainant_email="")
    officer = officers[roles.COMPLAINT_OFFICER]
    with django_capture_on_commit_callbacks(execute=True):
        services.send_answer(complaint=with_address, actor=officer, answer="Jawaban kami.")
        services.send_answer(complaint=without, actor=officer, answer="Jawaban kami.")
    answers = ours(mailoutbox)
    assert len(answers) == 1
    assert "Jawaban kami." in answers[0].body
    assert with_address.reference in answers[0].subject


def test_web_complaint_gets_its_receiving_officer_when_reported(officers, office):
    complaint = services.record_complaint(
        office=default_office(), actor=None, channel=Channel.WEB, data=COMPLAINANT
    )
    assert complaint.received_by is None
    officer = officers[roles.COMPLAINT_OFFICER]
    services.report_to_section_head(complaint=complaint, actor=officer)
    assert complaint.received_by == officer


def test_actions_for_lists_what_a_role_may_do_now(make_complaint, officers):
    complaint = make_complaint("reported")
    assert WORKFLOW.allowed_actions(officers[roles.SECTION_HEAD], complaint) == ["pass"]
    assert WORKFLOW.allowed_actions(officers[roles.COMPLAINT_OFFICER], complaint) == []
    assert WORKFLOW.allowed_actions(officers[roles.DIVISION_HEAD], complaint) == []


def test_status_check_matches_phone_in_any_writing_and_email_in_any_case(make_complaint):
    complaint = make_complaint()
    ref = complaint.reference
    assert Complaint.objects.matching_contact(ref.lower(), "+62 812 3334 4455").get() == complaint
    assert Complaint.objects.matching_contact(ref, "081233344455").get() == complaint
    assert Complaint.objects.matching_contact(ref, "SITI@example.com").get() == complaint
    assert not Complaint.objects.matching_contact(ref, "081233344456").exists()
    assert not Complaint.objects.matching_contact(ref, "other@example.com").exists()
    assert not Complaint.objects.matching_contact(ref, "").exists()
    assert not Complaint.objects.matching_contact("", "081233344455").exists()


def test_history_names_the_actor_of_each_step(make_complaint, officers):
    complaint = make_complaint("with_kabid")
    latest = complaint.history.first()
    assert latest.status == Status.WITH_KABID
    assert latest.history_user == officers[roles.SECTION_HEAD]
