"""The employer's shortlist of job seekers (step 6 of the document)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .. import rules
from ..models import SavedCandidate


def save_candidate(jobseeker, *, actor, note=""):
    """Step 6: an active employer keeps a consenting job seeker's data, with a note."""
    employer = rules.active_employer(actor)
    if employer is None:
        raise PermissionDenied(_("Only an active employer may save job seekers."))
    if not rules.jobseeker_is_findable(jobseeker):
        raise PermissionDenied
    saved, _created = SavedCandidate.objects.update_or_create(
        employer=employer, jobseeker=jobseeker, defaults={"note": (note or "").strip()}
    )
    return saved


def remove_candidate(saved, *, actor):
    if saved.employer.user_id != actor.pk:
        raise PermissionDenied
    saved.delete()
