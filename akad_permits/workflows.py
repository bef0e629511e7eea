"""The moves of an AKAD application: the six steps of the Lumajang procedure (seed 002) as one
table, and the engine that applies it with the service clock running.

Each row says from which state, by which action, to which state, under which permission
(``None``: the applicant's own move, decided by ``is_applicant``), with the label its step
carries on the timeline, the officer's button, the admin form of the step and the service
that makes it (``services.py``: each step's own changes, through ``WORKFLOW.apply``).
"""

from django.utils.translation import gettext_lazy as _

from jobboard import rules
from portal.workflow import Move, Workflow

from . import standards
from .models import PermitStep, RecommendationStatus, RecommendationStep, Status

FORMS = "akad_permits.forms."
SERVICES = "akad_permits.services."


def refusal(source):
    """The Kadis may refuse at each of the Kadis's steps: the same move from two states."""
    return Move(
        source,
        "refuse",
        Status.REFUSED,
        "akad_permits.refuse_permit",
        _("Refused"),
        _("Refuse"),
        FORMS + "RefuseForm",
        service=SERVICES + "refuse",
        note_required=_("Write the reasons for the refusal."),
    )


MOVES = [
    Move(
        Status.DRAFT,
        "submit",
        Status.SUBMITTED,
        None,
        _("Submitted the application"),
        service=SERVICES + "submit",
    ),
    Move(
        Status.RETURNED,
        "resubmit",
        Status.SUBMITTED,
        None,
        _("Resubmitted the corrected application"),
        service=SERVICES + "submit",
    ),
    # The first officer move out of each state is the one that normally ends the wait there;
    # a return or refusal beside it is measured against the same standard (STATE_ACTION).
    Move(
        Status.SUBMITTED,
        "register",
        Status.REGISTERED,
        "akad_permits.register_permit",
        _("Registered the incoming letter"),
        _("Register"),
        FORMS + "RegisterForm",
        service=SERVICES + "register",
    ),
    Move(
        Status.SUBMITTED,
        "return",
        Status.RETURNED,
        "akad_permits.return_permit",
        _("Returned the file to the applicant"),
        _("Return to applicant"),
        FORMS + "ReturnForm",
        service=SERVICES + "return_to_applicant",
    ),
    Move(
        Status.REGISTERED,
        "dispose",
        Status.DISPOSED,
        "akad_permits.dispose_permit",
        _("Disposition to the Bidang Penempatan dan Pelatihan"),
        _("Dispose"),
        FORMS + "DisposeForm",
        service=SERVICES + "dispose",
        note_required=_("Write the instruction for the Bidang."),
        note_field="disposition_instruction",
    ),
    refusal(Status.REGISTERED),
    Move(
        Status.DISPOSED,
        "consult",
        Status.CONSULTED,
        "akad_permits.consult_permit",
        _("Consultation with the Kadis"),
        _("Record consultation"),
        FORMS + "ConsultForm",
        service=SERVICES + "consult",
        note_required=_("Write the outcome of the consultation."),
        note_field="consultation_outcome",
    ),
    Move(
        Status.CONSULTED,
        "draft",
        Status.DRAFTED,
        "akad_permits.draft_permit",
        _("Permit prepared by the Seksi Penempatan dan Pemagangan"),
        _("Prepare permit"),
        FORMS + "DraftForm",
        service=SERVICES + "draft",
    ),
    Move(
        Status.DRAFTED,
        "sign",
        Status.ISSUED,
        "akad_permits.sign_permit",
        _("Signed by the Kadis: permit issued"),
        _("Sign permit"),
        FORMS + "SignForm",
        service=SERVICES + "sign",
    ),
    refusal(Status.DRAFTED),
]

# The officers' states, where the service clock runs, each with the action its standard is
# named after (standards.STEP_STANDARD_MINUTES), in the order of the procedure.


def _waits(moves):
    waits = {}
    for move in moves:
        if move.is_officer_move:
            waits.setdefault(move.source, move.action)
    return waits


STATE_ACTION = _waits(MOVES)

LABELS = {m.action: m.label for m in MOVES}


def is_applicant(user, application):
    """The object rule for the applicant's moves: its own employer account, still active."""
    employer = rules.active_employer(user)
    return employer is not None and employer.pk == application.employer_id


class PermitWorkflow(Workflow):
    def stamp(self, locked, move, now):
        """The service clock: working minutes the file waited in an officers' state.

        The applicant's own time (a draft, a returned file) is not counted by the standard.
        """
        minutes = 0
        if locked.status in STATE_ACTION:
            minutes = standards.working_minutes(locked.state_entered_at, now, office=locked.office)
            locked.elapsed_minutes += minutes
        locked.state_entered_at = now
        return {"minutes": minutes}


WORKFLOW = PermitWorkflow(
    MOVES,
    step_model=PermitStep,
    step_subject="application",
    party=is_applicant,
    lock_related=("employer__user",),
)


# --- the AKAD recruitment recommendation ------------------------------------------------------
# One step at the destination region's office: its Kepala Dinas signs the recommendation (or
# refuses it), as the same seed has the Kepala Dinas sign the office's AKAD letters; the Kasi's
# preparation of the draft is the office's own paperwork before that signature.

RECOMMENDATION_MOVES = [
    Move(
        RecommendationStatus.REQUESTED,
        "issue",
        RecommendationStatus.ISSUED,
        "akad_permits.issue_recommendation",
        _("Recommendation signed by the Kadis and issued"),
        _("Sign recommendation"),
        FORMS + "IssueRecommendationForm",
        service=SERVICES + "issue_recommendation",
    ),
    Move(
        RecommendationStatus.REQUESTED,
        "refuse",
        RecommendationStatus.REFUSED,
        "akad_permits.refuse_recommendation",
        _("Recommendation refused"),
        _("Refuse"),
        FORMS + "RefuseRecommendationForm",
        service=SERVICES + "refuse_recommendation",
        note_required=_("Write the reasons for the refusal."),
        note_field="refusal_reason",
    ),
]


def is_requester(user, recommendation):
    employer = rules.active_employer(user)
    return employer is not None and employer.pk == recommendation.employer_id


RECOMMENDATION_WORKFLOW = Workflow(
    RECOMMENDATION_MOVES,
    step_model=RecommendationStep,
    step_subject="recommendation",
    party=is_requester,
    lock_related=("employer__user",),
)
