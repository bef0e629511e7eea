"""One engine under every workflow of the portal.

Each service declares its moves as rows of one table (``Move``: from which state, by which
action, to which state, under which permission, with which label and note form) and hands the
table to a ``Workflow``. ``Workflow.apply`` is the one place where a state changes: it checks
the actor (permission or the party's own rule), locks the row, checks the state the row is in
now, runs the move's own changes, writes the new state and a step row, and queues mail for
after the commit. Services call it; nothing else assigns a state. Moves the portal makes by itself, with no
person (the worker recording a mail's delivery), are rows marked ``system=True`` applied for
the actor ``SYSTEM``; no person can make them and the system can make no other.

Adding a step is one row here, one permission in the app's ``Meta.permissions`` and its role
migration, and one test (see docs/architecture.md).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import offices
from .notifications import notify


class _System:
    """The portal itself acting, with no person behind the move (the worker recording a mail's
    delivery, giving back a task of a stopped worker). Only a move declared ``system=True``
    accepts it, and such a move accepts no one else: a person can never trigger it."""

    is_authenticated = False
    pk = None

    def __repr__(self):
        return "SYSTEM"


SYSTEM = _System()


class MoveRefused(Exception):
    """A move that cannot be made now, with a message for the person who tried.

    The object is in another state (someone was quicker), a required note is empty, or the
    move's own rule refuses (an incomplete file, an invalid number format...).
    """

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Move:
    """One row of a workflow's table.

    ``permission`` is the ``app.codename`` an officer needs; ``None`` marks the party's own
    move (the applicant, the owner of a vacancy), decided by the workflow's ``party`` rule.
    ``service`` is the dotted path of the service function that makes the move with its own
    inputs, and ``form`` that of the step's form in the admin (both resolved when used, so
    tables import neither); the form's ``service_kwargs()`` (or its ``cleaned_data``) are
    the service's keyword arguments. ``note_required`` is the message that refuses an
    empty note; ``note_field`` names the object's field that keeps the note as the move's
    own record (the Kadis's instruction, the consultation's outcome). ``system`` marks a move the portal makes by itself (actor ``SYSTEM``, no
    permission, no party): no person may make it, and the system makes no other.
    """

    source: str
    action: str
    target: str
    permission: str | None
    label: str
    button: str = ""
    form: str = ""
    service: str = ""
    note_required: str = ""
    note_field: str = ""
    system: bool = False

    def __post_init__(self):
        if self.system and self.permission is not None:
            raise ValueError(f"system move {self.action!r} takes no permission")

    @property
    def is_officer_move(self):
        return self.permission is not None and not self.system

    def permission_for(self, obj):
        """The codename ``obj`` asks for: a permission may name a field of the object in
        braces (``background.resend_{service}_mail``: the officers of the mail's service)."""
        if self.permission is None or "{" not in self.permission:
            return self.permission
        return self.permission.format_map(_Fields(obj))

    def form_class(self):
        return import_string(self.form) if self.form else None

    def service_function(self):
        return import_string(self.service)


@dataclass(frozen=True)
class Mail:
    """A notification a move sends once its transaction commits."""

    template: str
    context: dict
    to: object  # an address or a list of them


class Workflow:
    """The table of one kind of object and the engine that applies it.

    ``step_model`` is the app's concrete ``portal.models.StepLog`` (None for an object that
    keeps its one step on its own row, as an unreadable e-mail does); ``step_subject`` names its
    foreign key to the object (default: the object's model name, so one table can serve two
    models, as registrations do for job seekers and employers). ``party`` is the object rule
    for moves without a permission: ``party(actor, obj) -> bool``. ``lock_related`` is passed
    to ``select_related`` when the row is locked. Subclasses may override ``stamp`` to keep
    per-app clocks on each move.

    Officer moves are office-bound: the actor needs a role granting the move's permission in
    the object's office, ``office_of(obj)`` (its ``office_id`` unless a subclass reaches the
    office through another record), and ``office_field`` is the same as a query lookup.
    """

    office_field = "office"

    def __init__(
        self,
        moves,
        *,
        step_model,
        step_subject=None,
        state_field="status",
        party=None,
        lock_related=(),
        refused_message=None,
    ):
        self.moves = tuple(moves)
        self.step_model = step_model
        self.step_subject = step_subject
        self.state_field = state_field
        self.party = party
        self.lock_related = tuple(lock_related)
        self.refused_message = refused_message
        keys = [(m.source, m.action) for m in self.moves]
        if len(keys) != len(set(keys)):
            raise ValueError("a workflow table names one (state, action) pair once")
        permissions = {}
        for m in self.moves:
            if permissions.setdefault(m.action, (m.permission, m.system)) != (
                m.permission,
                m.system,
            ):
                raise ValueError(f"action {m.action!r} must have one permission (or be system)")

    # --- reading the table -----------------------------------------------------------------

    @property
    def actions(self):
        return list(dict.fromkeys(m.action for m in self.moves))

    def move(self, action, source=None):
        """The row of ``action`` (from ``source`` when the same action leaves several states)."""
        for m in self.moves:
            if m.action == action and (source is None or m.source == source):
                return m
        raise KeyError(action)

    def permission(self, action):
        return self.move(action).permission

    def state_of(self, obj):
        return getattr(obj, self.state_field)

    def office_of(self, obj, user=None):
        """The id of the office whose officers move ``obj``."""
        return offices.office_id_of(obj, user)

    def may_in_office(self, user, perm, obj):
        """Does ``user`` hold ``perm`` through a role in ``obj``'s office?"""
        if not user.is_authenticated:
            return False
        if user.is_superuser and user.is_active:
            return True
        return offices.has_office_perm(user, perm, self.office_of(obj, user))

    def may(self, user, action):
        """May ``user`` take ``action`` at all, in some office (before looking at any object)?

        A permission that names a field of the object is decided per object
        (``officer_moves``, ``apply``); here only a superuser passes it."""
        perm = self.permission(action)
        return bool(perm and user.is_authenticated and user.has_perm(perm))

    def officer_moves(self, user, obj):
        """The officer moves ``user`` may make on ``obj`` as it stands: the buttons."""
        state = self.state_of(obj)
        return [
            m
            for m in self.moves
            if m.source == state
            and m.is_officer_move
            and user.has_perm(m.permission_for(obj))
            and self.may_in_office(user, m.permission_for(obj), obj)
        ]

    def allowed_actions(self, user, obj):
        return [m.action for m in self.officer_moves(user, obj)]

    def targets(self, obj):
        """The states ``obj`` can move to now, in table order (any actor)."""
        state = self.state_of(obj)
        return [m.target for m in self.moves if m.source == state]

    def queue_states(self, user):
        """The states whose objects wait for one of ``user``'s moves (in some office)."""
        return sorted(
            {m.source for m in self.moves if m.is_officer_move and user.has_perm(m.permission)}
        )

    def waiting_for(self, user, queryset):
        """The objects of ``queryset`` waiting for one of ``user``'s moves, each in an office
        where the user may make that move: the work queue."""
        query = Q(pk__in=[])
        for m in self.moves:
            if m.is_officer_move and user.has_perm(m.permission):
                query |= self.office_q(user, m.permission, queryset.model) & Q(
                    **{self.state_field: m.source}
                )
        return queryset.filter(query)

    def office_q(self, user, perm, model):
        """``Q`` of the objects of ``model`` in the offices where ``user`` holds ``perm``."""
        if user.is_superuser and user.is_active:
            return Q()
        return offices.scope_q(model, offices.offices_for(user, perm), self.office_field, user)

    # --- the one function that applies a move ----------------------------------------------

    def check_actor(self, actor, obj, move):
        """Refuse an actor who may not make ``move`` on ``obj`` (raises PermissionDenied)."""
        if move.system or actor is SYSTEM:
            return check_system(actor, move)
        if actor is None or not actor.is_authenticated:
            raise PermissionDenied(_("Log in to take this step."))
        if move.permission is not None:
            if not actor.has_perm(move.permission_for(obj)):
                raise PermissionDenied(_("Your role does not allow this step."))
            if not self.may_in_office(actor, move.permission_for(obj), obj):
                raise PermissionDenied(_("This record belongs to another office."))
        elif self.party is None or not self.party(actor, obj):
            raise PermissionDenied(_("Only the person concerned can do this."))

    def _refused(self, obj):
        message = self.refused_message or _(
            "This step cannot be taken now: it is “%(state)s”. "
            "It may have been moved on by someone else a moment ago."
        )
        state = getattr(obj, f"get_{self.state_field}_display")()
        return MoveRefused(message % {"state": state, "name": obj})

    def apply(self, obj, action, *, actor, note="", changes=None, mail=(), target=None):
        """Make ``action`` on ``obj`` for ``actor``; return the locked, updated object.

        ``changes(locked, now)`` makes the move's own changes on the locked row (it may raise
        MoveRefused); ``mail`` is a ``Mail`` or a list of them, or a callable that returns them
        from the locked row; they go out after the commit. Where one action leads to several
        states (an application moved on by its employer), ``target`` says which. ``obj`` is
        refreshed from the database afterwards.
        """
        note = (note or "").strip()
        candidates = [m for m in self.moves if m.action == action]
        if target is not None:
            candidates = [m for m in candidates if m.target == target]
        if not candidates:
            raise KeyError(action)
        model = type(obj)
        with transaction.atomic():
            query = model._default_manager.select_for_update(of=("self",))
            if self.lock_related:
                query = query.select_related(*self.lock_related)
            locked = query.get(pk=obj.pk)
            state = self.state_of(locked)
            move = next((m for m in candidates if m.source == state), None)
            # Who acts is decided on the row as it is now (an employer deactivated a moment
            # ago is no longer the applicant), before its state is judged.
            self.check_actor(actor, locked, move or candidates[0])
            if move is None:
                raise self._refused(locked)
            if move.note_required and not note:
                raise MoveRefused(str(move.note_required))
            now = timezone.now()
            extra = self.stamp(locked, move, now) or {}
            if move.note_field:
                setattr(locked, move.note_field, note)
            if changes is not None:
                changes(locked, now)
            setattr(locked, self.state_field, move.target)
            person = None if actor is SYSTEM else actor
            locked._change_reason = move.action
            locked._history_user = person
            locked.save()
            if self.step_model is not None:
                self.log(locked, move, actor=person, note=note, at=now, **extra)
            for item in mail(locked) if callable(mail) else _as_list(mail):
                notify(item.template, item.context, item.to, office=locked.office)
        if obj is not locked:
            obj.refresh_from_db()
        return locked

    def stamp(self, locked, move, now):
        """Per-app clocks kept on every move; returns extra fields for the step row."""
        return {}

    def log(self, obj, move, *, actor, note="", at=None, **extra):
        """Write the step row of ``move`` (also the first row of a record that starts in a state)."""
        subject = self.step_subject or type(obj)._meta.model_name
        return self.step_model.objects.create(
            **{subject: obj},
            action=move.action,
            from_status=move.source,
            to_status=move.target,
            actor=actor,
            note=note,
            created_at=at or timezone.now(),
            **extra,
        )


class _Fields(dict):
    def __init__(self, obj):
        super().__init__()
        self.obj = obj

    def __missing__(self, key):
        return getattr(self.obj, key)


def check_system(actor, move):
    """A system move only for the system, and the system only for system moves."""
    if actor is not SYSTEM:
        raise PermissionDenied(_("Only the portal itself takes this step."))
    if not move.system:
        raise PermissionDenied(_("This step is taken by a person, not by the portal."))


def _as_list(mail):
    if mail is None:
        return []
    return [mail] if isinstance(mail, Mail) else list(mail)
