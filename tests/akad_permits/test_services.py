"""Each step of the Lumajang procedure through its service: path, wrong state, record, mail."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from akad_permits import services
from akad_permits.models import PermitNumberCounter, Status
from portal import roles
from portal.workflow import MoveRefused
from tests.conftest import PDF_BYTES
from tests.factories import make_employer

from .conftest import PATH, make_application, step_kwargs, step_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Messages are matched in English here; the pages' tests read them in Indonesian."""
    with translation.override("en"):
        yield


def permit_mails(app):
    """This app's mails about the application (other apps may mail on the same events)."""
    return [m for m in mail.outbox if f"/akad/{app.pk}/" in m.body]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Mail goes out on commit: ``with committed(): ...`` runs what the block queued."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_whole_path_writes_one_step_per_move_and_mails_only_the_issue(
    application, officers, office, committed
):
    with committed():
        services.submit(application=application, actor=application.employer.user)
    assert application.status == Status.SUBMITTED
    assert application.submitted_at is not None
    for reached, name, _kwargs, role in PATH:
        before = application.status
        with committed():
            step_service(name)(application=application, actor=officers[role], **step_kwargs(name))
        assert application.status == reached
        step = application.steps.last()
        assert (step.from_status, step.to_status, step.action) == (before, reached, name)
        assert step.actor == officers[role]
    assert [s.action for s in application.steps.all()] == [
        "submit",
        "register",
        "dispose",
        "consult",
        "draft",
        "sign",
    ]
    assert application.agenda_number == "005/1/2026"
    assert application.disposition_instruction == "Proses sesuai ketentuan."
    assert application.consultation_outcome == "Disetujui untuk diproses."
    assert application.steps.get(action="dispose").note == "Proses sesuai ketentuan."
    # One mail, to the applicant, when the permit is issued.
    (sent,) = permit_mails(application)
    assert application.permit_number in sent.subject
    assert sent.to == [application.employer.email]
    assert application.verification_code in sent.body
    # The history keeps the field-by-field audit beside the step log.
    assert application.history.count() >= 6


def test_signing_books_the_office_format_number_and_the_kadis_from_the_profile(in_state, office):
    office.permit_number_format = "560/{seq:03d}/AKAD/{month:02d}/{year}"
    office.save()
    app = in_state("issued")
    year = timezone.localtime(app.issued_at).year
    assert re.fullmatch(rf"560/001/AKAD/\d\d/{year}", app.permit_number)
    assert (app.permit_year, app.permit_seq) == (year, 1)
    assert app.signer_name == office.head_name
    assert app.signer_nip == office.head_nip
    assert app.signer_title == office.head_title
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", app.verification_code)
    assert app.issued_at is not None


def test_numbers_run_on_per_year(employer, officers, office):
    from .conftest import bring_to

    first = bring_to(make_application(employer), "drafted", officers)
    second = bring_to(make_application(employer), "drafted", officers)
    assert second.permit_seq == first.permit_seq + 1
    assert first.permit_number != second.permit_number
    assert PermitNumberCounter.objects.get(year=first.permit_year).last == 2


@pytest.mark.parametrize("fmt", ["560/{nomor}/AKAD", "560/AKAD/{year}", "560/{seq:04d/{year}"])
def test_an_invalid_number_format_stops_the_draft_and_changes_nothing(
    in_state, office, officers, fmt
):
    app = in_state("consulted")
    office.permit_number_format = fmt
    office.save()
    with pytest.raises(MoveRefused, match="format"):
        services.draft(application=app, actor=officers[roles.SECTION_HEAD], **step_kwargs("draft"))
    app.refresh_from_db()
    assert app.status == Status.CONSULTED and app.permit_number is None
    assert not PermitNumberCounter.objects.filter(last__gt=0).exists()


def test_submitting_an_incomplete_draft_names_what_is_missing(employer):
    app = make_application(employer, complete=False, destination_city="")
    with pytest.raises(MoveRefused) as error:
        services.submit(application=app, actor=employer.user)
    assert "destination regency/city" in error.value.message
    assert "data of the number of workers needed" in error.value.message
    assert "at least one position" in error.value.message
    app.refresh_from_db()
    assert app.status == Status.DRAFT and not app.steps.exists()


def test_only_the_applicant_submits_and_only_while_active(application, officers):
    stranger = make_employer(status="active")
    with pytest.raises(PermissionDenied):
        services.submit(application=application, actor=stranger.user)
    with pytest.raises(PermissionDenied):
        services.submit(application=application, actor=officers[roles.SECRETARIAT])
    application.employer.status = "rejected"
    application.employer.save()
    with pytest.raises(PermissionDenied):
        services.submit(application=application, actor=application.employer.user)
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_return_mails_what_is_missing_and_resubmission_needs_the_corrected_file(
    in_state, officers, committed
):
    with committed():
        app = in_state("returned")
    assert app.returned_items == {"workforce_file": app.workforce_file.name}
    assert "data jumlah kebutuhan rekrutmen tenaga kerja" in app.return_reason
    (sent,) = permit_mails(app)
    assert "belum ditandatangani" in sent.body
    assert app.reference in sent.subject
    step = app.steps.last()
    assert (step.action, step.from_status, step.to_status) == ("return", "submitted", "returned")
    assert step.actor == officers[roles.SECRETARIAT]

    with pytest.raises(MoveRefused, match="corrected file"):
        services.submit(application=app, actor=app.employer.user)
    app.workforce_file.save("new.pdf", ContentFile(PDF_BYTES))
    services.submit(application=app, actor=app.employer.user)
    assert app.status == Status.SUBMITTED
    assert app.returned_items == {}
    assert app.steps.last().action == "resubmit"
    # The Sekretariat can then register it and the path goes on.
    services.register(application=app, actor=officers[roles.SECRETARIAT], **step_kwargs("register"))
    assert app.status == Status.REGISTERED


def test_a_return_must_say_what_is_missing(in_state, officers):
    app = in_state("submitted")
    with pytest.raises(MoveRefused):
        services.return_to_applicant(
            application=app, actor=officers[roles.SECRETARIAT], items=[], reason="  "
        )
    assert permit_mails(app) == []


@pytest.mark.parametrize("state", ["registered", "drafted"])
def test_the_kadis_refuses_with_reasons_at_the_kadis_steps(in_state, officers, state, committed):
    app = in_state(state)
    with committed():
        services.refuse(
            application=app,
            actor=officers[roles.HEAD_OF_OFFICE],
            reason="Kuota daerah tujuan penuh.",
        )
    assert app.status == Status.REFUSED
    assert app.refusal_reason == "Kuota daerah tujuan penuh."
    step = app.steps.last()
    assert (step.action, step.from_status, step.note) == ("refuse", state, app.refusal_reason)
    (sent,) = permit_mails(app)
    assert "Kuota daerah tujuan penuh." in sent.body


def test_a_refusal_needs_reasons(in_state, officers):
    app = in_state("registered")
    with pytest.raises(MoveRefused, match="reasons"):
        services.refuse(application=app, actor=officers[roles.HEAD_OF_OFFICE], reason="")
    assert app.status == Status.REGISTERED


# Every officer step tried from a state where it is not open.
WRONG_STATES = [
    ("register", "draft"),
    ("register", "registered"),
    ("return", "registered"),
    ("dispose", "submitted"),
    ("dispose", "consulted"),
    ("consult", "registered"),
    ("draft", "disposed"),
    ("draft", "drafted"),
    ("sign", "consulted"),
    ("sign", "issued"),
    ("refuse", "disposed"),
    ("refuse", "issued"),
]
ACTOR = {
    "register": roles.SECRETARIAT,
    "return": roles.SECRETARIAT,
    "dispose": roles.HEAD_OF_OFFICE,
    "consult": roles.DIVISION_HEAD,
    "draft": roles.SECTION_HEAD,
    "sign": roles.HEAD_OF_OFFICE,
    "refuse": roles.HEAD_OF_OFFICE,
}
EXTRA = {"return": {"items": ["vacancy_file"]}, "refuse": {"reason": "Tidak sesuai."}}


@pytest.mark.parametrize(("action", "state"), WRONG_STATES)
def test_a_step_from_the_wrong_state_is_refused_and_changes_nothing(
    in_state, officers, action, state
):
    app = in_state(state)
    steps = app.steps.count()
    kwargs = step_kwargs(action) if action in {n for _s, n, _k, _r in PATH} else {}
    kwargs.update(EXTRA.get(action, {}))
    with pytest.raises(MoveRefused) as error:
        step_service(action)(application=app, actor=officers[ACTOR[action]], **kwargs)
    assert "cannot be taken now" in error.value.message
    app.refresh_from_db()
    assert app.status == state and app.steps.count() == steps


def test_resubmitting_is_only_for_returned_or_draft_applications(in_state):
    app = in_state("registered")
    with pytest.raises(MoveRefused):
        services.submit(application=app, actor=app.employer.user)


def test_draft_rejects_a_validity_that_ends_before_it_starts(in_state, officers):
    app = in_state("consulted")
    today = datetime.date(2026, 5, 1)
    with pytest.raises(MoveRefused, match="end before"):
        services.draft(
            application=app,
            actor=officers[roles.SECTION_HEAD],
            valid_from=today,
            valid_until=today - datetime.timedelta(days=1),
            coverage="x",
        )
    assert app.status == Status.CONSULTED


def test_step_records_carry_the_working_minutes_against_the_standard(
    in_state, officers, monkeypatch
):
    app = in_state("submitted")
    jakarta = datetime.timezone(datetime.timedelta(hours=7))
    # Entered the Sekretariat's queue on Monday at 09:00; registered at 09:40 (standard 15).
    app.state_entered_at = datetime.datetime(2026, 11, 16, 9, 0, tzinfo=jakarta)
    app.save()
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.datetime(2026, 11, 16, 9, 40, tzinfo=jakarta)
    )
    services.register(application=app, actor=officers[roles.SECRETARIAT], **step_kwargs("register"))
    step = app.steps.get(action="register")
    assert (step.minutes, step.standard_minutes, step.is_late) == (40, 15, True)
    assert app.elapsed_minutes == 40
    # The Kadis disposes 3 minutes later: on time against the standard 5.
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.datetime(2026, 11, 16, 9, 43, tzinfo=jakarta)
    )
    services.dispose(application=app, actor=officers[roles.HEAD_OF_OFFICE], instruction="Proses")
    step = app.steps.get(action="dispose")
    assert (step.minutes, step.standard_minutes, step.is_late) == (3, 5, False)
    assert app.total_minutes(datetime.datetime(2026, 11, 16, 9, 43, tzinfo=jakarta)) == 43
    assert not app.is_total_late(datetime.datetime(2026, 11, 16, 9, 43, tzinfo=jakarta))
    # Waiting for the Kabid until Tuesday 10:00: 43 + 6 h 17 min + 2 h = over one working day.
    tuesday = datetime.datetime(2026, 11, 17, 10, 0, tzinfo=jakarta)
    assert app.current_step_minutes(tuesday) == 377 + 120
    assert app.is_step_late(tuesday) and app.is_total_late(tuesday)


def test_pdf_holds_the_number_company_kadis_and_verification_code(in_state, office):
    import io

    from pypdf import PdfReader

    from akad_permits.pdf import render_permit

    app = in_state("issued")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_permit(app))).pages)
    flat = " ".join(text.split())
    assert app.permit_number in flat
    assert "PT Karya Abadi Sejahtera" in flat
    assert office.head_name in flat and office.head_nip in flat
    assert app.verification_code in flat
    assert "Kabupaten Kutai Kartanegara" in flat


def test_no_mail_leaves_for_a_step_that_was_rolled_back(in_state, officers, committed):
    from django.db import transaction

    app = in_state("registered")
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        services.refuse(application=app, actor=officers[roles.HEAD_OF_OFFICE], reason="x")
        raise RuntimeError("the request failed after the step")
    app.refresh_from_db()
    assert app.status == Status.REGISTERED
    assert permit_mails(app) == []


# --- the applicant's file: saved and, if asked, submitted in one service -----------------


def _fields(app):
    """The application's fields as the applicant's form hands them over."""
    from akad_permits.forms import ApplicationForm

    return {name: getattr(app, name) for name in ApplicationForm.Meta.fields}


def test_save_application_creates_a_draft_for_the_actors_own_employer(employer):
    app = services.save_application(
        actor=employer.user,
        data={"recruiter_name": "PT Karya", "user_company": "PT Kebun"},
        positions=[
            {"id": None, "delete": False, "title": "Operator", "male_count": 3, "female_count": 0}
        ],
    )
    app.refresh_from_db()
    assert (app.employer, app.status, app.user_company) == (employer, Status.DRAFT, "PT Kebun")
    assert [(p.title, p.total) for p in app.positions.all()] == [("Operator", 3)]
    assert not app.steps.exists()


def test_save_application_changes_positions_and_submits_in_one_go(application):
    position = application.positions.get()
    app = services.save_application(
        actor=application.employer.user,
        application=application,
        data={**_fields(application), "user_company": "PT Baru"},
        positions=[
            {"id": position.pk, "delete": True},
            {"id": None, "delete": False, "title": "Mandor", "male_count": 1, "female_count": 1},
        ],
        submitting=True,
    )
    app.refresh_from_db()
    assert (app.status, app.user_company) == (Status.SUBMITTED, "PT Baru")
    assert [p.title for p in app.positions.all()] == ["Mandor"]
    assert [s.action for s in app.steps.all()] == ["submit"]


def test_a_refused_submission_saves_nothing(employer):
    app = make_application(employer, complete=False)
    with pytest.raises(MoveRefused, match="not complete"):
        services.save_application(
            actor=employer.user,
            application=app,
            data={"user_company": "PT Lain"},
            submitting=True,
        )
    app.refresh_from_db()
    assert (app.status, app.user_company) == (Status.DRAFT, "PT Kebun Makmur")


def test_only_its_applicant_saves_an_application_and_only_while_it_is_editable(in_state, officers):
    app = in_state("submitted")
    with pytest.raises(MoveRefused, match="can no longer be changed"):
        services.save_application(
            actor=app.employer.user, application=app, data={"user_company": "X"}
        )
    stranger = make_employer(status="active")
    for actor in (stranger.user, officers[roles.SECRETARIAT]):
        with pytest.raises(PermissionDenied):
            services.save_application(actor=actor, application=app, data={"user_company": "X"})
    with pytest.raises(PermissionDenied):
        services.save_application(actor=officers[roles.SECRETARIAT], data={"user_company": "X"})
    app.refresh_from_db()
    assert app.user_company == "PT Kebun Makmur"
