"""The move tables of the job exchange: registrations, vacancies, applications.

Each row is one move (portal.workflow.Move): from which state, by which action, to which
state, under which permission (None: the party's own move, decided by ``party``), with its
label, its admin form and the service that makes it. The services (jobboard.services) apply
these tables; the admin reads its buttons, bulk actions and queues off them.

Changes of checked data (after activation) have their own small table: the owner sends or
changes the request, a Petugas Antar Kerja accepts or rejects it.

Registrations are one table for job seekers and employers; only the officers' permission
differs, so the rows are built by one function and applied by one Workflow per model.
"""

from django.utils.translation import gettext_lazy as _

from portal.workflow import Move, Workflow

from . import rules
from .models import (
    ApplicationStatus,
    ApplicationStep,
    Employer,
    JobSeeker,
    ProfileChangeStatus,
    ProfileChangeStep,
    RegistrationStatus,
    RegistrationStep,
    VacancyStatus,
    VacancyStep,
)

REASON_FORM = "jobboard.forms.ReasonForm"

# --- Registrations (steps 1-3 and 5 of the document) -----------------------------------------


def registration_moves(permission):
    """The moves of a registration; ``permission`` is the officers' (per model)."""
    return [
        Move(
            RegistrationStatus.WAITING,
            "activate",
            RegistrationStatus.ACTIVE,
            permission,
            _("activated"),
            button=_("Activate"),
            service="jobboard.services.activate_registration",
        ),
        Move(
            RegistrationStatus.WAITING,
            "reject",
            RegistrationStatus.REJECTED,
            permission,
            _("rejected"),
            button=_("Reject with reason"),
            form=REASON_FORM,
            service="jobboard.services.reject_registration",
            note_required=_("Give the reason, so the person knows what to correct."),
        ),
        Move(
            RegistrationStatus.REJECTED,
            "resubmit",
            RegistrationStatus.WAITING,
            None,
            _("sent again"),
        ),
    ]


def owns_registration(actor, profile):
    return actor.pk == profile.user_id


def _registration_workflow(permission):
    return Workflow(
        registration_moves(permission),
        step_model=RegistrationStep,
        party=owns_registration,
        refused_message=_("%(name)s is “%(state)s”: this cannot be done now."),
    )


REGISTRATIONS = {
    JobSeeker: _registration_workflow("jobboard.activate_jobseeker"),
    Employer: _registration_workflow("jobboard.activate_employer"),
}


def registration_workflow(profile_or_model):
    model = profile_or_model if isinstance(profile_or_model, type) else type(profile_or_model)
    return REGISTRATIONS[model]


# --- Vacancies (step 7) ----------------------------------------------------------------------

VACANCIES = Workflow(
    [
        Move(
            VacancyStatus.SUBMITTED,
            "publish",
            VacancyStatus.PUBLISHED,
            "jobboard.verify_vacancy",
            _("published"),
            button=_("Publish"),
            service="jobboard.services.publish_vacancy",
        ),
        Move(
            VacancyStatus.SUBMITTED,
            "return",
            VacancyStatus.RETURNED,
            "jobboard.verify_vacancy",
            _("returned"),
            button=_("Return with reason"),
            form=REASON_FORM,
            service="jobboard.services.return_vacancy",
            note_required=_("Give the reason, so the employer knows what to correct."),
        ),
        Move(
            VacancyStatus.RETURNED,
            "resubmit",
            VacancyStatus.SUBMITTED,
            None,
            _("sent again"),
        ),
        Move(VacancyStatus.PUBLISHED, "close", VacancyStatus.CLOSED, None, _("closed")),
    ],
    step_model=VacancyStep,
    # The vacancy's own employer, and only while that employer is active.
    party=rules.owns_vacancy,
    lock_related=("employer",),
    refused_message=_("The vacancy is “%(state)s”: this cannot be done now."),
)

# --- Applications (step 4): the vacancy's employer moves each applicant on --------------------

_A = ApplicationStatus
APPLICATIONS = Workflow(
    [
        Move(_A.APPLIED, "shortlist", _A.SHORTLISTED, None, _("shortlisted")),
        Move(_A.APPLIED, "reject", _A.REJECTED, None, _("not selected")),
        Move(_A.SHORTLISTED, "interview", _A.INTERVIEW, None, _("invited to interview")),
        Move(_A.SHORTLISTED, "reject", _A.REJECTED, None, _("not selected")),
        Move(_A.INTERVIEW, "hire", _A.HIRED, None, _("hired")),
        Move(_A.INTERVIEW, "reject", _A.REJECTED, None, _("not selected")),
    ],
    step_model=ApplicationStep,
    party=lambda actor, application: rules.owns_vacancy(actor, application.vacancy),
    lock_related=("vacancy__employer", "jobseeker"),
    refused_message=_("The application is “%(state)s”: this step cannot be taken now."),
)


# --- Changes of checked data after activation ------------------------------------------------

_C = ProfileChangeStatus
REVIEW_PROFILE_CHANGE = "jobboard.review_profile_change"

# The first step row of a new request (written by the service that creates it, not a move
# of the table: the request starts waiting).
PROFILE_CHANGE_SENT = Move("", "send", _C.WAITING, None, _("sent for checking"))

PROFILE_CHANGES = Workflow(
    [
        Move(
            _C.WAITING,
            "accept",
            _C.ACCEPTED,
            REVIEW_PROFILE_CHANGE,
            _("accepted"),
            button=_("Accept the change"),
            service="jobboard.services.accept_profile_change",
        ),
        Move(
            _C.WAITING,
            "reject",
            _C.REJECTED,
            REVIEW_PROFILE_CHANGE,
            _("rejected"),
            button=_("Reject with reason"),
            form=REASON_FORM,
            service="jobboard.services.reject_profile_change",
            note_required=_("Give the reason, so the person knows what to correct."),
        ),
        Move(_C.WAITING, "update", _C.WAITING, None, _("changed again")),
        Move(_C.WAITING, "withdraw", _C.WITHDRAWN, None, _("withdrawn")),
    ],
    step_model=ProfileChangeStep,
    step_subject="change",
    party=lambda actor, change: owns_registration(actor, change.profile),
    lock_related=("jobseeker", "employer"),
    refused_message=_("The change is “%(state)s”: this cannot be done now."),
)
