"""What the job exchange's services share: the refused-move exception and who decides."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..models import Employer, JobSeeker


class TransitionNotAllowed(Exception):
    """The object is not in a state from which this move is possible (someone was quicker)."""


DECISION_PERMISSIONS = {
    JobSeeker: "jobboard.activate_jobseeker",
    Employer: "jobboard.activate_employer",
}


def _required_reason(reason, message):
    """A refusal the person cannot act on is no answer: the reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(message)
    return reason


def _check_decider(profile, actor):
    if not actor.has_perm(DECISION_PERMISSIONS[type(profile)]):
        raise PermissionDenied(_("You may not activate or reject this account."))
