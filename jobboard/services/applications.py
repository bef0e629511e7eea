"""Applications (step 4 of the document) and the placements a hire records."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.notifications import notify

from .. import rules
from ..models import Application, ApplicationStatus, ApplicationStep, Placement, Vacancy
from .ak1 import _close_ak1_card_at_placement
from .common import TransitionNotAllowed

APPLICATION_TRANSITIONS = {
    ApplicationStatus.APPLIED: (ApplicationStatus.SHORTLISTED, ApplicationStatus.REJECTED),
    ApplicationStatus.SHORTLISTED: (ApplicationStatus.INTERVIEW, ApplicationStatus.REJECTED),
    ApplicationStatus.INTERVIEW: (ApplicationStatus.HIRED, ApplicationStatus.REJECTED),
}


def next_application_statuses(application):
    return APPLICATION_TRANSITIONS.get(application.status, ())


def apply(vacancy, *, actor, letter=""):
    """Step 4: an active job seeker applies to an open vacancy with one click."""
    seeker = rules.active_jobseeker(actor)
    if seeker is None:
        raise PermissionDenied(_("Only an active job seeker may apply."))
    try:
        with transaction.atomic():
            # Lock the vacancy so an application cannot slip in while it is being closed.
            locked = (
                Vacancy.objects.select_for_update().select_related("employer").get(pk=vacancy.pk)
            )
            if not locked.is_open:
                raise TransitionNotAllowed(_("This vacancy is closed."))
            application = Application.objects.create(
                vacancy=locked, jobseeker=seeker, letter=(letter or "").strip()
            )
            notify(
                "jobboard/email/application_received",
                {"application": application, "vacancy": locked, "jobseeker": seeker},
                locked.employer.email,
            )
    except IntegrityError:
        raise TransitionNotAllowed(_("You have already applied for this vacancy.")) from None
    return application


def move_application(application, *, actor, to_status, note="", placed_on=None):
    """The employer moves an applicant on; a hire is recorded as a placement (penempatan)."""
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("vacancy__employer", "jobseeker")
            .get(pk=application.pk)
        )
        if not rules.owns_vacancy(actor, locked.vacancy):
            raise PermissionDenied
        if to_status not in APPLICATION_TRANSITIONS.get(locked.status, ()):
            raise TransitionNotAllowed(
                _("The application is %(status)s: it cannot be moved to %(target)s.")
                % {
                    "status": locked.get_status_display().lower(),
                    "target": ApplicationStatus(to_status).label.lower(),
                }
            )
        ApplicationStep.objects.create(
            application=locked,
            from_status=locked.status,
            to_status=to_status,
            actor=actor,
            note=note,
        )
        locked.status = to_status
        locked._change_reason = to_status
        locked.save()
        if to_status == ApplicationStatus.HIRED:
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
        notify(
            "jobboard/email/application_moved",
            {"application": locked, "vacancy": locked.vacancy, "note": note},
            locked.jobseeker.email,
        )
    return locked
