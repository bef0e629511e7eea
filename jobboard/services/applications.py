"""Applications (step 4 of the document) and the placements a hire records."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.notifications import notify
from portal.workflow import Mail, MoveRefused

from .. import rules
from ..models import Application, ApplicationStatus, Placement, Vacancy
from ..workflows import APPLICATIONS
from .ak1 import _close_ak1_card_at_placement


def next_application_statuses(application):
    """The states the employer can move ``application`` to now, in the table's order."""
    return APPLICATIONS.targets(application)


def apply(vacancy, *, actor, letter=""):
    """Step 4: an active job seeker applies to an open vacancy with one click."""
    seeker = rules.active_jobseeker(actor)
    if seeker is None:
        raise PermissionDenied(_("Only an active job seeker may apply."))
    try:
        with transaction.atomic():
            # Lock the vacancy so an application cannot slip in while it is being closed.
            locked = (
                Vacancy.objects.select_for_update()
                .select_related("employer", "office")
                .get(pk=vacancy.pk)
            )
            if not locked.is_open:
                raise MoveRefused(_("This vacancy is closed."))
            application = Application.objects.create(
                vacancy=locked,
                office=locked.office,  # the vacancy's: its employer's office
                jobseeker=seeker,
                letter=(letter or "").strip(),
            )
            notify(
                "jobboard/email/application_received",
                {"application": application, "vacancy": locked, "jobseeker": seeker},
                locked.employer.email,
                office=locked.office,
            )
    except IntegrityError:
        raise MoveRefused(_("You have already applied for this vacancy.")) from None
    return application


def _record_placement(actor, placed_on):
    def changes(locked, now):
        # One application, one placement: the OneToOne key makes a second count impossible.
        placement, created = Placement.objects.get_or_create(
            application=locked,
            defaults={
                "jobseeker": locked.jobseeker,
                "employer": locked.vacancy.employer,
                "vacancy": locked.vacancy,
                "placed_on": placed_on or timezone.localdate(),
                "recorded_by": actor,
            },
        )
        if created:
            _close_ak1_card_at_placement(placement)

    return changes


def move_application(application, *, actor, to_status, note="", placed_on=None):
    """The employer moves an applicant on (shortlist, interview, hire or not selected); a
    hire is recorded as a placement (penempatan)."""
    move = next((m for m in APPLICATIONS.moves if m.target == to_status), None)
    if move is None:
        raise MoveRefused(
            _("An application cannot be moved back to “%(state)s”.")
            % {"state": ApplicationStatus(to_status).label}
        )
    note = (note or "").strip()
    return APPLICATIONS.apply(
        application,
        move.action,
        actor=actor,
        note=note,
        target=to_status,
        changes=_record_placement(actor, placed_on)
        if to_status == ApplicationStatus.HIRED
        else None,
        mail=lambda locked: [
            Mail(
                "jobboard/email/application_moved",
                {"application": locked, "vacancy": locked.vacancy, "note": note},
                locked.jobseeker.email,
            )
        ],
    )
