"""What the background work keeps: the mail outbox, the periodic slots already taken and the
workers' heartbeats."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The service a mail belongs to is the app of its template ("complaints/email/answer"); the
# officers of that service may resend it (permission resend_<service>_mail).
SERVICES = {
    "jobboard": _("Job exchange"),
    "akad_permits": _("AKAD permits"),
    "complaints": _("Complaints"),
}


class OutboxMail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RETRYING = "retrying", _("Waiting to retry")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    service = models.CharField(_("service"), max_length=30, db_index=True)
    template = models.CharField(_("template"), max_length=120)
    to = models.JSONField(_("to"), default=list)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    # Extra headers the mail carries (the job alerts' List-Unsubscribe), name -> value.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # the office whose record the mail is about: its officers read and resend it; a mail of
    # no office (none yet) is the superuser's alone
    office = models.ForeignKey(
        "portal.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("why it failed"), blank=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    give_up_at = models.DateTimeField(_("given up at the latest"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-queued_at", "-pk"]
        permissions = [
            (f"resend_{service}_mail", f"Can resend {service} e-mails") for service in SERVICES
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_due_idx",
                condition=models.Q(status__in=["queued", "retrying"]),
            )
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"


class PeriodicRun(models.Model):
    """One row per periodic task and time slot: whichever scheduler inserts it enqueues it."""

    name = models.CharField(max_length=100)
    slot = models.CharField(max_length=40)
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "slot"], name="periodic_run_once_per_slot")
        ]

    def __str__(self):
        return f"{self.name} @ {self.slot}"


class WorkerBeat(models.Model):
    """A live worker writes its row every few seconds; a task claimed by a worker whose beat
    stopped is given back to the queue."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.worker_id} ({self.host}:{self.pid})"
