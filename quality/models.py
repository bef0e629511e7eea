"""The satisfaction survey (SKM): one invitation per completed service event, one answer each."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.models import ServiceStandard, office_field

from . import skm

Service = ServiceStandard.Service


def new_token():
    return secrets.token_urlsafe(24)


class SurveyInvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(response__isnull=True)

    def for_user(self, user):
        return self.filter(user=user).open().order_by("-completed_at", "-pk")


class SurveyInvitation(models.Model):
    """An invitation to rate one service event (an activation, a permit decision, an answer).

    ``event_key`` names the event ("jobseeker:12", "permit:7", "complaint:31") and is unique,
    so however often the other apps' step rows are saved, a person is invited once. The link
    carries only the random token.
    """

    # the office whose service was used: its figures count the answer
    office = office_field()
    service = models.CharField(_("service"), max_length=20, choices=Service)
    event_key = models.CharField(_("service event"), max_length=60, unique=True, editable=False)
    event_label = models.CharField(_("what was done"), max_length=200)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_invitations",
        verbose_name=_("account"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    completed_at = models.DateTimeField(_("service completed at"), default=timezone.now)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    objects = SurveyInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "completed_at"], name="quality_inv_user_idx")]

    def __str__(self):
        return f"{self.get_service_display()}: {self.event_label}"

    @property
    def is_answered(self):
        return hasattr(self, "response")


def _answer_field(element):
    return models.PositiveSmallIntegerField(
        format_lazy("{} {}", element.code, element.name),
        choices=list(zip(skm.SCALE, element.answers, strict=True)),
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )


class SurveyResponse(models.Model):
    """One respondent's answers to the nine elements; one per invitation (a second is refused)."""

    invitation = models.OneToOneField(
        SurveyInvitation,
        on_delete=models.PROTECT,
        related_name="response",
        verbose_name=_("invitation"),
    )
    # Copied from the invitation so the index is grouped without a join.
    office = office_field()
    service = models.CharField(_("service"), max_length=20, choices=Service, editable=False)
    u1_requirements = _answer_field(skm.ELEMENTS[0])
    u2_procedure = _answer_field(skm.ELEMENTS[1])
    u3_time = _answer_field(skm.ELEMENTS[2])
    u4_fee = _answer_field(skm.ELEMENTS[3])
    u5_product = _answer_field(skm.ELEMENTS[4])
    u6_competence = _answer_field(skm.ELEMENTS[5])
    u7_behaviour = _answer_field(skm.ELEMENTS[6])
    u8_complaints = _answer_field(skm.ELEMENTS[7])
    u9_facilities = _answer_field(skm.ELEMENTS[8])
    comment = models.TextField(_("comment or suggestion"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(_("answered at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["service", "submitted_at"], name="quality_resp_period_idx"),
            models.Index(
                fields=["office", "service", "submitted_at"], name="quality_resp_office_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{f}__gte": 1, f"{f}__lte": 4}), name=f"quality_{f}_1_to_4"
            )
            for f in skm.FIELDS
        ]
        permissions = [
            ("view_dashboard", _("Can view the service-quality dashboard")),
            ("view_labour_report", _("Can view the monthly labour-market report")),
        ]

    def __str__(self):
        return f"{self.get_service_display()} · {self.submitted_at:%Y-%m-%d}"


class Dashboard(SurveyResponse):
    """No data of its own: gives the heads a "Service quality dashboard" entry in the admin."""

    class Meta:
        proxy = True
        verbose_name = _("service quality dashboard")
        verbose_name_plural = _("service quality dashboard")
        default_permissions = ()


class Escalation(models.Model):
    """A step that waited past its standard, reported once to the next person up the chain.

    One row per object, state and entry into that state (``state_entered_at``): the unique
    constraint makes a second worker's insert fail, so the report goes out once however many
    workers run the check. It stays open while the object is still in that state since that
    moment (quality.escalation closes it when the object moves on).
    """

    office = office_field()
    rule = models.CharField(_("rule"), max_length=30)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    label = models.CharField(_("what waits"), max_length=250)
    state = models.CharField(_("step"), max_length=20)
    state_label = models.CharField(_("step"), max_length=150)
    state_entered_at = models.DateTimeField(_("in this step since"))
    waiting_role = models.CharField(_("waits for"), max_length=80)
    escalated_to = models.CharField(_("reported to"), max_length=80)
    standard_minutes = models.PositiveIntegerField(_("standard (working minutes)"))
    waited_minutes = models.PositiveIntegerField(_("waited (working minutes)"))
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("sent to")
    )
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("moved on at"), null=True, blank=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "state", "state_entered_at"],
                name="escalation_once_per_state_entry",
            )
        ]
        indexes = [
            models.Index(
                fields=["office", "created_at"],
                name="escalation_open_idx",
                condition=Q(resolved_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.label} · {self.state_label}"


class MorningDigest(models.Model):
    """An officer's wish to receive, each working morning, what waits for him (opt-in)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="morning_digest",
        verbose_name=_("officer"),
    )
    created_at = models.DateTimeField(_("asked for at"), auto_now_add=True)
    # The office day of the last digest: a task run twice that morning sends it once.
    last_sent_on = models.DateField(_("last sent on"), null=True, blank=True)

    class Meta:
        verbose_name = _("morning digest")
        verbose_name_plural = _("morning digests")

    def __str__(self):
        return str(self.user)
