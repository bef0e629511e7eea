"""Where a service ends for a person, read from the other apps' step logs (never editing them).

- Bursa Kerja On Line: a job seeker's or employer's account is activated
  (jobboard.RegistrationStep to "active").
- AKAD permit: the permit is issued or refused (akad_permits.PermitStep to "issued"/"refused").
- Complaints: the written answer is sent (complaints.FollowUp to "answered").

Each creates at most one SurveyInvitation per event (its key is unique).
"""

from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from akad_permits.models import Status as PermitStatus
from complaints.models import Status as ComplaintStatus
from jobboard.models import RegistrationStatus

from .models import Service
from .services import invite


def registration_step_saved(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.to_status != RegistrationStatus.ACTIVE:
        return
    profile = instance.jobseeker or instance.employer
    kind = "jobseeker" if instance.jobseeker_id else "employer"
    label = (
        _("Job seeker registration activated")
        if kind == "jobseeker"
        else _("Employer registration activated")
    )
    invite(
        office_id=profile.office_id,
        service=Service.JOB_EXCHANGE,
        event_key=f"{kind}:{profile.pk}",
        event_label=label,
        user=profile.user,
        email=profile.email,
        completed_at=instance.created_at,
    )


def permit_step_saved(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.to_status not in (PermitStatus.ISSUED, PermitStatus.REFUSED):
        return
    application = instance.application
    employer = application.employer
    label = (
        _("AKAD permit %(reference)s issued")
        if instance.to_status == PermitStatus.ISSUED
        else _("AKAD permit application %(reference)s refused")
    ) % {"reference": application.reference}
    invite(
        office_id=application.office_id,
        service=Service.AKAD_PERMIT,
        event_key=f"permit:{application.pk}",
        event_label=label,
        user=employer.user,
        email=employer.email,
        completed_at=instance.created_at,
    )


def follow_up_saved(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.to_status != ComplaintStatus.ANSWERED:
        return
    complaint = instance.complaint
    invite(
        office_id=complaint.office_id,
        service=Service.COMPLAINTS,
        event_key=f"complaint:{complaint.pk}",
        event_label=_("Complaint %(reference)s answered") % {"reference": complaint.reference},
        user=None,
        email=complaint.complainant_email,
        completed_at=instance.created_at,
    )


def connect():
    from akad_permits.models import PermitStep
    from complaints.models import FollowUp
    from jobboard.models import RegistrationStep

    post_save.connect(registration_step_saved, sender=RegistrationStep, dispatch_uid="quality_reg")
    post_save.connect(permit_step_saved, sender=PermitStep, dispatch_uid="quality_permit")
    post_save.connect(follow_up_saved, sender=FollowUp, dispatch_uid="quality_complaint")
