"""Every move of an AKAD application, as the six steps of the Lumajang procedure (seed 002).

One function per step. Each takes the acting user, checks the permission the step needs and
the state the application is in, locks the row, writes the new state and a ``PermitStep``,
and queues the applicant's e-mail for after the commit. Views, admin buttons and the demo
all call these functions; nothing else assigns ``status``.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import numbering
from portal.codes import random_code
from portal.models import OfficeProfile
from portal.notifications import notify

from . import standards
from .models import (
    ATTACHMENT_FIELDS,
    STATE_ACTION,
    PermitApplication,
    PermitNumberCounter,
    PermitStep,
    Status,
)

# (state, action) -> (new state, permission). ``None`` as permission: the applicant's own
# move, decided by ``is_applicant`` instead of a role.
TRANSITIONS = {
    (Status.DRAFT, "submit"): (Status.SUBMITTED, None),
    (Status.RETURNED, "resubmit"): (Status.SUBMITTED, None),
    (Status.SUBMITTED, "register"): (Status.REGISTERED, "akad_permits.register_permit"),
    (Status.SUBMITTED, "return"): (Status.RETURNED, "akad_permits.return_permit"),
    (Status.REGISTERED, "dispose"): (Status.DISPOSED, "akad_permits.dispose_permit"),
    (Status.REGISTERED, "refuse"): (Status.REFUSED, "akad_permits.refuse_permit"),
    (Status.DISPOSED, "consult"): (Status.CONSULTED, "akad_permits.consult_permit"),
    (Status.CONSULTED, "draft"): (Status.DRAFTED, "akad_permits.draft_permit"),
    (Status.DRAFTED, "sign"): (Status.ISSUED, "akad_permits.sign_permit"),
    (Status.DRAFTED, "refuse"): (Status.REFUSED, "akad_permits.refuse_permit"),
}

ACTION_PERMISSION = {action: perm for (_state, action), (_to, perm) in TRANSITIONS.items()}
OFFICER_ACTIONS = [a for a, perm in ACTION_PERMISSION.items() if perm]

ACTION_LABELS = {
    "submit": gettext_lazy("Submitted the application"),
    "resubmit": gettext_lazy("Resubmitted the corrected application"),
    "register": gettext_lazy("Registered the incoming letter"),
    "return": gettext_lazy("Returned the file to the applicant"),
    "dispose": gettext_lazy("Disposition to the Bidang Penempatan dan Pelatihan"),
    "consult": gettext_lazy("Consultation with the Kadis"),
    "draft": gettext_lazy("Permit prepared by the Seksi Penempatan dan Pemagangan"),
    "sign": gettext_lazy("Signed by the Kadis: permit issued"),
    "refuse": gettext_lazy("Refused"),
}

# The officers' buttons, as short verbs.
ACTION_BUTTONS = {
    "register": gettext_lazy("Register"),
    "return": gettext_lazy("Return to applicant"),
    "dispose": gettext_lazy("Dispose"),
    "consult": gettext_lazy("Record consultation"),
    "draft": gettext_lazy("Prepare permit"),
    "sign": gettext_lazy("Sign permit"),
    "refuse": gettext_lazy("Refuse"),
}


class TransitionError(Exception):
    """A step that cannot be taken now, with a message for the person who tried."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- who may do what -------------------------------------------------------------------------


def is_applicant(user, application):
    """The object rule for the applicant's moves: its own employer account, still active."""
    employer = application.employer
    return bool(user.is_authenticated and user.pk == employer.user_id and employer.is_active)


def may_take(user, action):
    perm = ACTION_PERMISSION.get(action)
    return bool(perm and user.has_perm(perm))


def allowed_actions(user, application):
    """The officer actions this user may take on the application as it stands."""
    return [
        action
        for (state, action), (_to, perm) in TRANSITIONS.items()
        if state == application.status and perm and user.has_perm(perm)
    ]


def queue_states(user):
    """The states whose applications wait for this user: their work queue."""
    return sorted(
        {state for (state, _a), (_to, perm) in TRANSITIONS.items() if perm and user.has_perm(perm)}
    )


# --- the one function that applies a move -----------------------------------------------------


def _move(application, action, actor, note="", apply=None):
    """Apply ``action`` to the locked row; return the updated application."""
    perm = ACTION_PERMISSION.get(action)
    if perm is not None and not actor.has_perm(perm):
        raise PermissionDenied(_("Your role does not allow this step."))
    with transaction.atomic():
        locked = (
            PermitApplication.objects.select_for_update()
            .select_related("employer__user")
            .get(pk=application.pk)
        )
        if perm is None and not is_applicant(actor, locked):
            raise PermissionDenied(_("Only the applicant can do this."))
        key = (locked.status, action)
        if key not in TRANSITIONS:
            raise TransitionError(
                _(
                    "This step cannot be taken now: the application is “%(status)s”. "
                    "It may have been moved on by someone else a moment ago."
                )
                % {"status": locked.get_status_display()}
            )
        new_status = TRANSITIONS[key][0]
        now = timezone.now()
        minutes = 0
        if locked.status in STATE_ACTION:
            minutes = standards.working_minutes(locked.state_entered_at, now)
            locked.elapsed_minutes += minutes
        if apply:
            apply(locked, now)
        old_status = locked.status
        locked.status = new_status
        locked.state_entered_at = now
        locked.save()
        PermitStep.objects.create(
            application=locked,
            action=action,
            from_status=old_status,
            to_status=new_status,
            actor=actor,
            note=note,
            created_at=now,
            minutes=minutes,
        )
    application.refresh_from_db()
    return locked


def _require(value, message):
    if not (value.strip() if isinstance(value, str) else value):
        raise TransitionError(message)


def _applicant_addresses(application):
    employer = application.employer
    return sorted({a for a in (employer.email, employer.user.email) if a})


def _mail(application, template):
    notify(
        f"akad_permits/email/{template}",
        {
            "application": application,
            "url": settings.SITE_URL
            + reverse("akad_permits:application_detail", args=[application.pk]),
        },
        _applicant_addresses(application),
    )


# --- step 1: the applicant -----------------------------------------------------------------


def submit(*, application, actor):
    """Step 1: the applicant submits the application with its attachments to the Kadis.

    Also the resubmission after the Sekretariat returned an incomplete file; each attachment
    the Sekretariat asked to correct must then have been replaced.
    """
    action = "resubmit" if application.status == Status.RETURNED else "submit"

    def apply(app, now):
        missing = app.missing_items()
        if missing:
            raise TransitionError(
                _("The application is not complete yet. Still missing: %(items)s.")
                % {"items": ", ".join(str(m) for m in missing)}
            )
        if app.status == Status.RETURNED:
            unchanged = [
                str(app._meta.get_field(field).verbose_name)
                for field, old_name in app.returned_items.items()
                if getattr(app, field).name == old_name
            ]
            if unchanged:
                raise TransitionError(
                    _("Upload a corrected file for: %(items)s.") % {"items": ", ".join(unchanged)}
                )
        app.returned_items = {}
        if app.submitted_at is None:
            app.submitted_at = now

    return _move(application, action, actor, apply=apply)


# --- step 2: the Sekretariat ------------------------------------------------------------------


def register(*, application, actor, agenda_number, agenda_date, note=""):
    """Step 2: the Sekretariat processes the incoming letter (agenda number and date)."""
    _require(agenda_number, _("Enter the agenda number."))
    _require(agenda_date, _("Enter the agenda date."))

    def apply(app, now):
        app.agenda_number = agenda_number.strip()
        app.agenda_date = agenda_date

    return _move(
        application,
        "register",
        actor,
        note=note or _("Agenda %(number)s") % {"number": agenda_number},
        apply=apply,
    )


def return_to_applicant(*, application, actor, items=(), reason=""):
    """Step 2, incomplete file: the Sekretariat returns it with what is missing."""
    items = [field for field in items if field in ATTACHMENT_FIELDS]
    if not items and not reason.strip():
        raise TransitionError(_("Say what is missing: tick an attachment or write a note."))

    def apply(app, now):
        app.returned_items = {field: getattr(app, field).name for field in items}
        # Stored text, read later by the applicant and in the e-mail: the office's language.
        with translation.override(settings.LANGUAGE_CODE):
            labels = [str(app._meta.get_field(field).verbose_name) for field in items]
        app.return_reason = "\n".join(filter(None, ["; ".join(labels), reason.strip()]))

    app = _move(application, "return", actor, note=reason.strip(), apply=apply)
    _mail(app, "returned")
    return app


# --- step 3: the Kadis's disposition ---------------------------------------------------------


def dispose(*, application, actor, instruction):
    """Step 3: the Kadis disposes the application to the Bidang Penempatan dan Pelatihan."""
    _require(instruction, _("Write the instruction for the Bidang."))

    def apply(app, now):
        app.disposition_instruction = instruction.strip()

    return _move(application, "dispose", actor, note=instruction.strip(), apply=apply)


# --- step 4: the Kabid consults the Kadis ---------------------------------------------------


def consult(*, application, actor, outcome):
    """Step 4: the Kabid consults the Kadis; the outcome is recorded."""
    _require(outcome, _("Write the outcome of the consultation."))

    def apply(app, now):
        app.consultation_outcome = outcome.strip()

    return _move(application, "consult", actor, note=outcome.strip(), apply=apply)


# --- step 5: the Kasi prepares the permit ---------------------------------------------------


def _book_permit_number(now):
    """The next running number of the year, formatted as the office profile says.

    The counter row is locked until the transaction ends, so two permits drafted at the same
    moment get consecutive numbers, never the same one.
    """
    fmt = OfficeProfile.current().permit_number_format
    try:
        return numbering.book(PermitNumberCounter, fmt, timezone.localtime(now))
    except numbering.NumberFormatError as exc:
        raise TransitionError(
            _("The permit number format in the office profile is not valid: %(format)s")
            % {"format": fmt}
        ) from exc


def draft(*, application, actor, valid_from, valid_until, coverage, note=""):
    """Step 5: the Kasi Penempatan dan Pemagangan prepares the permit.

    Books the permit number (running per year), the validity and what the permit covers.
    """
    _require(valid_from, _("Enter the date the permit is valid from."))
    _require(valid_until, _("Enter the date the permit is valid until."))
    _require(coverage, _("Describe what the permit covers."))
    if valid_until < valid_from:
        raise TransitionError(_("The permit cannot end before it starts."))

    def apply(app, now):
        app.permit_year, app.permit_seq, app.permit_number = _book_permit_number(now)
        app.valid_from, app.valid_until = valid_from, valid_until
        app.coverage = coverage.strip()

    app = _move(application, "draft", actor, note=note, apply=apply)
    return app


# --- step 6: the Kadis signs --------------------------------------------------------------


def _new_verification_code():
    raw = random_code(12)
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def sign(*, application, actor, note=""):
    """Step 6: the Kadis signs; the permit is issued with a code anyone can verify."""

    def apply(app, now):
        office = OfficeProfile.current()
        app.issued_at = now
        app.signer_title = office.head_title
        app.signer_name = office.head_name or actor.display_name()
        app.signer_nip = office.head_nip
        code = _new_verification_code()
        while PermitApplication.objects.filter(verification_code=code).exists():
            code = _new_verification_code()
        app.verification_code = code

    app = _move(application, "sign", actor, note=note, apply=apply)
    _mail(app, "issued")
    return app


def refuse(*, application, actor, reason):
    """The Kadis refuses the application, with reasons, at one of the Kadis's steps."""
    _require(reason, _("Write the reasons for the refusal."))

    def apply(app, now):
        app.refusal_reason = reason.strip()

    app = _move(application, "refuse", actor, note=reason.strip(), apply=apply)
    _mail(app, "refused")
    return app


STEP_SERVICES = {
    "register": register,
    "return": return_to_applicant,
    "dispose": dispose,
    "consult": consult,
    "draft": draft,
    "sign": sign,
    "refuse": refuse,
}
