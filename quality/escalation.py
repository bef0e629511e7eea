"""Steps that waited past their standard go up the chain, once (issue 17 item 5).

``QUEUES`` is the one table of the officers' work queues: which model and workflow, when an
object entered its state, and, where a document gives one, the standard of each state in
working minutes. Who a state waits for is read off the workflow's table (the role that holds
the permission of the first officer move out of it); whom a late step is reported to is
``portal.roles.NEXT_UP`` in the object's own office. The morning digest (quality.digest)
reads the same table.

A new rule is a row here (or a standard added to a row), not code.
"""

import datetime
import logging
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, Exists, ExpressionWrapper, OuterRef, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from akad_permits.standards import STEP_STANDARD_MINUTES, working_minutes
from akad_permits.workflows import STATE_ACTION
from complaints.models import Status as ComplaintStatus
from portal import roles
from portal.notifications import notify
from portal.working_time import WorkingCalendar

from . import targets
from .models import Escalation

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OfficeStandard:
    """A standard each office sets for itself (a complaint's written answer): its working
    minutes for one office, and the same as an SQL expression of each row's office."""

    minutes: object  # callable(office) -> working minutes
    sql: object  # callable() -> an integer expression over the row's office

    def of(self, office):
        return self.minutes(office)


def standard_of(standard, office):
    """A queue's standard for one object's office: fixed minutes, or the office's own."""
    return standard.of(office) if isinstance(standard, OfficeStandard) else standard


@dataclass(frozen=True)
class Queue:
    key: str
    model: str  # "app_label.ModelName"
    workflow: str  # dotted path of its portal.workflow.Workflow
    since: str  # the field holding when the object entered its current state
    title: object
    # state -> working minutes it may wait, or the OfficeStandard of the object's office;
    # empty: no standard (the digest lists it only)
    standards: dict = field(default_factory=dict)
    # the field the standard's clock runs from, when not the state entry (a complaint's
    # answer is due a number of working days after it was received, whatever its step)
    clock: str = ""
    # a field naming the object in mails and on the dashboard, when its str() says too much
    # (a complaint's str carries the complainant's reference)
    label_field: str = ""

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def workflow_table(self):
        return import_string(self.workflow)

    def clock_field(self):
        return self.clock or self.since

    def label(self, obj):
        if self.label_field:
            return f"{self.model_class._meta.verbose_name} {getattr(obj, self.label_field)}"
        return str(obj)

    def admin_url(self, obj):
        opts = self.model_class._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


# A complaint waits for its written answer until it is answered.
COMPLAINT_OPEN_STATES = [
    ComplaintStatus.RECORDED,
    ComplaintStatus.REPORTED,
    ComplaintStatus.WITH_KABID,
    ComplaintStatus.COORDINATED,
    ComplaintStatus.FOLLOWED_UP,
]

QUEUES = [
    # seed 000: "± 5 menit untuk melakukan pengecekan data dan AKTIVASI"
    Queue(
        "jobseeker",
        "jobboard.JobSeeker",
        "jobboard.workflows.REGISTRATIONS",
        "submitted_at",
        _("Job seekers waiting for activation"),
        {"waiting": targets.ACTIVATION_MINUTES},
    ),
    Queue(
        "employer",
        "jobboard.Employer",
        "jobboard.workflows.REGISTRATIONS",
        "submitted_at",
        _("Employers waiting for activation"),
        {"waiting": targets.ACTIVATION_MINUTES},
    ),
    Queue(
        "vacancy",
        "jobboard.Vacancy",
        "jobboard.workflows.VACANCIES",
        "submitted_at",
        _("Vacancies waiting for verification"),
    ),
    Queue(
        "profilechange",
        "jobboard.ProfileChange",
        "jobboard.workflows.PROFILE_CHANGES",
        "submitted_at",
        _("Changes of checked data waiting for checking"),
    ),
    # seed 002: the SOP table's minutes of each officer's step
    Queue(
        "permit",
        "akad_permits.PermitApplication",
        "akad_permits.workflows.WORKFLOW",
        "state_entered_at",
        _("AKAD permit applications"),
        {str(state): STEP_STANDARD_MINUTES[action] for state, action in STATE_ACTION.items()},
    ),
    # seed 000 promises a written answer and names no time: each office's own target
    # (Office.complaint_answer_days, quality.targets), from receipt, in each step it waits in.
    Queue(
        "complaint",
        "complaints.Complaint",
        "complaints.workflows.WORKFLOW",
        "status_changed_at",
        _("Complaints"),
        dict.fromkeys(
            [str(state) for state in COMPLAINT_OPEN_STATES],
            OfficeStandard(targets.complaint_answer_minutes, targets.complaint_answer_minutes_sql),
        ),
        clock="received_at",
        label_field="book_label",
    ),
    Queue(
        "unreadablemail",
        "complaints.UnreadableMail",
        "complaints.workflows.MAIL_WORKFLOW",
        "received_at",
        _("E-mails the intake could not read"),
    ),
]

BY_KEY = {q.key: q for q in QUEUES}


def workflow_of(queue):
    table = queue.workflow_table
    if isinstance(table, dict):  # registrations: one workflow per model
        return table[queue.model_class]
    return table


def waiting_move(queue, state):
    """The officer move that normally ends the wait in ``state`` (the first in the table)."""
    return next(m for m in workflow_of(queue).moves if m.source == state and m.is_officer_move)


@cache
def waiting_role(queue_key, state):
    """The role a state waits for: the one holding the permission of its officer move."""
    move = waiting_move(BY_KEY[queue_key], state)
    holders = roles.roles_holding(move.permission)
    if len(holders) != 1:
        raise LookupError(f"{move.permission} is held by {holders}, not by one role")
    return holders[0]


def holders_in(office, role):
    """The active officers holding ``role`` in ``office`` (portal.models.OfficeRole)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, office_roles__office=office, office_roles__group__name=role)
        .distinct()
        .order_by("pk")
    )


def escalate_late_steps(now=None):
    """Report every step that has waited past its standard to the next person up the chain.

    Run every few minutes by the task queue (background/schedule.py); safe to run twice or in
    two workers at once: each (object, state, entry) is reported once. Returns how many
    reports were made.
    """
    now = now or timezone.now()
    made = 0
    calendars = {}
    for queue in QUEUES:
        if not queue.standards:
            continue
        model = queue.model_class
        content_type = ContentType.objects.get_for_model(model)
        state_field = workflow_of(queue).state_field
        for state, standard in queue.standards.items():
            reported = Escalation.objects.filter(
                content_type=content_type,
                object_id=OuterRef("pk"),
                state=state,
                state_entered_at=OuterRef(queue.since),
            )
            # Working minutes never exceed wall-clock ones: what started less than the
            # standard's minutes ago cannot be late yet (an office's own standard: its own).
            if isinstance(standard, OfficeStandard):
                started_by = ExpressionWrapper(
                    Value(now) - standard.sql() * Value(datetime.timedelta(minutes=1)),
                    output_field=DateTimeField(),
                )
            else:
                started_by = now - datetime.timedelta(minutes=standard)
            candidates = (
                model._default_manager.filter(
                    **{state_field: state, f"{queue.clock_field()}__lte": started_by}
                )
                .exclude(Exists(reported))
                .select_related("office")
                .order_by(queue.since, "pk")
            )
            for obj in candidates.iterator(chunk_size=200):
                calendar = calendars.get(obj.office_id)
                if calendar is None:  # each office's hours and days, read once a run
                    calendar = calendars[obj.office_id] = WorkingCalendar.of(obj.office)
                minutes = standard_of(standard, obj.office)
                waited = working_minutes(
                    getattr(obj, queue.clock_field()), now, office=obj.office, calendar=calendar
                )
                if waited <= minutes:
                    continue
                if _report(queue, obj, state, content_type, minutes, waited, now):
                    made += 1
    close_moved_on(now)
    return made


def _report(queue, obj, state, content_type, minutes, waited, now):
    waits_for = waiting_role(queue.key, state)
    up = roles.NEXT_UP[waits_for]
    state_field = workflow_of(queue).state_field
    recipients = list(holders_in(obj.office, up))
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                office=obj.office,
                rule=queue.key,
                content_type=content_type,
                object_id=obj.pk,
                label=queue.label(obj)[:250],
                state=state,
                state_label=str(getattr(obj, f"get_{state_field}_display")())[:150],
                state_entered_at=getattr(obj, queue.since),
                waiting_role=waits_for,
                escalated_to=up,
                standard_minutes=minutes,
                waited_minutes=waited,
                created_at=now,
            )
            escalation.recipients.set(recipients)
            for person in recipients:
                notify(
                    "quality/email/escalation",
                    {
                        "person": person,
                        "escalation": escalation,
                        "url": queue.admin_url(obj),
                    },
                    person.email,
                    office=obj.office,
                )
    except IntegrityError:
        return False  # another worker reported this entry a moment ago
    if not recipients:
        logger.warning(
            "escalation %s: no %s in office %s to report to", escalation.pk, up, obj.office_id
        )
    return True


def close_moved_on(now):
    """Close the open reports whose object has left the state (or entered it anew)."""
    for queue in QUEUES:
        if not queue.standards:
            continue
        model = queue.model_class
        state_field = workflow_of(queue).state_field
        content_type = ContentType.objects.get_for_model(model)
        still = model._default_manager.filter(
            pk=OuterRef("object_id"),
            **{state_field: OuterRef("state"), queue.since: OuterRef("state_entered_at")},
        )
        Escalation.objects.filter(content_type=content_type, resolved_at__isnull=True).exclude(
            Exists(still)
        ).update(resolved_at=now)


def open_escalations(offices):
    """The open reports of ``offices`` (a queryset or list of offices), newest first."""
    return (
        Escalation.objects.filter(office__in=offices, resolved_at__isnull=True)
        .select_related("office", "content_type")
        .order_by("-created_at", "-pk")
    )


def admin_url(escalation):
    ct = escalation.content_type
    return reverse(f"admin:{ct.app_label}_{ct.model}_change", args=[escalation.object_id])
