"""The moves of a complaint along 7.2.1-7.2.3 of the standard, and of an unreadable e-mail.

Each row says from which state, by which action, to which state, under which permission,
with the step's label (its button in the admin), its form and the service that makes it
(``services.py``, through ``WORKFLOW.apply`` / ``MAIL_WORKFLOW.apply``).
"""

from django.utils.translation import gettext_lazy as _

from portal.workflow import Move, Workflow

from .models import FollowUp, Status, UnreadableMail

FORMS = "complaints.forms."
SERVICES = "complaints.services."

# The first step of every complaint, written when it is recorded in the book
# (services.record_complaint); not a move between states, so not a row of the table.
RECORD = Move("", "record", Status.RECORDED, "complaints.record_complaint", Status.RECORDED.label)

MOVES = [
    Move(
        Status.RECORDED,
        "report",
        Status.REPORTED,
        "complaints.report_complaint",
        _("Report to the Kepala Seksi Penempatan"),
        form=FORMS + "NoteForm",
        service=SERVICES + "report_to_section_head",
    ),
    Move(
        Status.REPORTED,
        "pass",
        Status.WITH_KABID,
        "complaints.pass_complaint",
        _("Pass to the Kepala Bidang"),
        form=FORMS + "NoteForm",
        service=SERVICES + "pass_to_division_head",
    ),
    Move(
        Status.WITH_KABID,
        "coordinate",
        Status.COORDINATED,
        "complaints.coordinate_complaint",
        _("Coordinate the follow-up with the Kasi"),
        form=FORMS + "InstructionForm",
        service=SERVICES + "coordinate_follow_up",
        note_required=_("Write the instruction for the Kepala Seksi."),
        note_field="instruction",
    ),
    Move(
        Status.COORDINATED,
        "hand_back",
        Status.FOLLOWED_UP,
        "complaints.hand_back_complaint",
        _("Hand the follow-up to the receiving officer"),
        form=FORMS + "FollowUpForm",
        service=SERVICES + "hand_back_follow_up",
        note_required=_("Write the follow-up for the receiving officer."),
        note_field="follow_up",
    ),
    Move(
        Status.FOLLOWED_UP,
        "answer",
        Status.ANSWERED,
        "complaints.answer_complaint",
        _("Send the written answer"),
        form=FORMS + "AnswerForm",
        service=SERVICES + "send_answer",
    ),
    Move(
        Status.ANSWERED,
        "close",
        Status.CLOSED,
        "complaints.close_complaint",
        _("Close"),
        form=FORMS + "NoteForm",
        service=SERVICES + "close_complaint",
    ),
]


class ComplaintWorkflow(Workflow):
    def stamp(self, locked, move, now):
        """The queues' clock: how long a complaint has waited in its step."""
        locked.status_changed_at = now
        return {}


WORKFLOW = ComplaintWorkflow(MOVES, step_model=FollowUp)


# --- an e-mail the intake could not read, until an officer has handled it ----------------
# Its one step is kept on its own row (handled_by, handled_at, handling_note), so the table
# has no step model.

MailState = UnreadableMail.State
HANDLE_MAIL = "complaints.handle_unreadable_mail"

MAIL_MOVES = [
    Move(
        MailState.WAITING,
        "record",
        MailState.RECORDED,
        HANDLE_MAIL,
        _("Recorded as a complaint"),
        service=SERVICES + "record_unreadable_mail",
    ),
    Move(
        MailState.WAITING,
        "dismiss",
        MailState.DISMISSED,
        HANDLE_MAIL,
        _("Dismissed"),
        form=FORMS + "DismissForm",
        service=SERVICES + "dismiss_unreadable_mail",
        note_required=_("Give a reason for dismissing."),
    ),
]

MAIL_WORKFLOW = Workflow(
    MAIL_MOVES,
    step_model=None,
    state_field="state",
    refused_message=_("This e-mail has already been handled."),
)
