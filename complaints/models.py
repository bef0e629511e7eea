"""Penanganan Pengaduan, Saran dan Masukan: the complaint book and its follow-up chain.

From the Probolinggo "Pengaduan Layanan" standard (shared/seeds/000_*.txt): complaints arrive
at the counter, by telephone, by e-mail and through the city radio's programme, are written in
the complaint book (buku pengaduan), and follow 7.2.1-7.2.3 until the receiving officer answers
the complainant in writing. The portal adds a public web form as a fifth channel.
"""

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.codes import normalise_code
from portal.files import PrivateUploadTo, validate_document
from portal.models import StepLog, YearCounter, office_field


class Channel(models.TextChoices):
    COUNTER = "counter", _("Counter (in person)")
    TELEPHONE = "telephone", _("Telephone")
    EMAIL = "email", _("E-mail")
    RADIO = "radio", _("City radio programme")
    WEB = "web", _("Web form")


class Status(models.TextChoices):
    RECORDED = "recorded", _("Recorded in the complaint book")
    REPORTED = "reported", _("Reported to the Kepala Seksi Penempatan")
    WITH_KABID = "with_kabid", _("Passed to the Kepala Bidang")
    COORDINATED = "coordinated", _("Follow-up coordinated with the Kasi")
    FOLLOWED_UP = "followed_up", _("Follow-up handed to the receiving officer")
    ANSWERED = "answered", _("Answered in writing")
    CLOSED = "closed", _("Closed")


# ADU-2026-K7M2QX: the word, the year, the random code (complaints.services.new_reference).
REFERENCE_GROUPS = (3, 4, 6)


def normalise_phone(value):
    """Digits only, with Indonesia's +62 written as the leading 0 people usually give."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    return digits


class ComplaintQuerySet(models.QuerySet):
    def in_status(self, *statuses):
        return self.filter(status__in=statuses).order_by("status_changed_at", "pk")

    def in_period(self, start, end):
        return self.filter(received_at__date__gte=start, received_at__date__lte=end)

    def matching_contact(self, reference, contact):
        """The complaint with this reference whose phone or e-mail is ``contact``, or none."""
        reference = normalise_code(reference, REFERENCE_GROUPS)
        contact = (contact or "").strip()
        if not reference or not contact:
            return self.none()
        found = self.filter(reference=reference)
        if "@" in contact:
            return found.filter(complainant_email__iexact=contact)
        phone = normalise_phone(contact)
        if len(phone) < 6:
            return self.none()
        return found.filter(complainant_phone_digits=phone)


class Complaint(models.Model):
    """One entry of the complaint book, whichever channel it came through."""

    # the office the complaint is addressed to: its book, its officers, its letter
    office = office_field()
    book_year = models.PositiveSmallIntegerField(_("book year"), editable=False)
    book_number = models.PositiveIntegerField(_("running number"), editable=False)
    # the running number in the office's complaint book number format, given when recorded
    book_label = models.CharField(_("book number"), max_length=100, editable=False)
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)

    complainant_name = models.CharField(_("name"), max_length=150)
    complainant_institution = models.CharField(_("institution"), max_length=200, blank=True)
    complainant_address = models.CharField(_("address"), max_length=300, blank=True)
    complainant_phone = models.CharField(_("telephone"), max_length=30, blank=True)
    # The digits alone, so "0812-3456 7890" and "+62 812 3456 7890" match on the status page.
    complainant_phone_digits = models.CharField(max_length=30, blank=True, editable=False)
    complainant_email = models.EmailField(_("e-mail address"), blank=True)

    subject = models.CharField(_("subject"), max_length=200, blank=True)
    text = models.TextField(_("complaint"))

    radio_forwarded_by = models.CharField(
        _("forwarded by (radio staff)"), max_length=150, blank=True
    )
    radio_broadcast_date = models.DateField(_("broadcast date"), null=True, blank=True)
    email_message_id = models.CharField(
        _("e-mail Message-ID"), max_length=300, blank=True, editable=False
    )

    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.RECORDED, editable=False
    )
    status_changed_at = models.DateTimeField(
        _("in this step since"), default=timezone.now, editable=False
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("receiving officer"),
    )
    instruction = models.TextField(_("Kabid's instruction"), blank=True, editable=False)
    follow_up = models.TextField(_("Kasi's follow-up"), blank=True, editable=False)
    answer_letter_number = models.CharField(
        _("answer letter number"), max_length=100, blank=True, editable=False
    )
    answer = models.TextField(_("written answer"), blank=True, editable=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    # What the answer letter prints beyond the answer itself (letterhead, signer, complainant,
    # channel, date, number), frozen when it is sent (complaints.letters.letter_values).
    letter = models.JSONField(_("printed letter data"), default=dict, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("answered by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["complainant_phone_digits"])

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-book_year", "-book_number"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "book_year", "book_number"], name="complaint_book_number_unique"
            ),
            models.UniqueConstraint(
                fields=["email_message_id"],
                condition=~models.Q(email_message_id=""),
                name="complaint_message_id_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "status_changed_at"]),
            models.Index(
                fields=["office", "status", "status_changed_at"], name="complaint_office_queue_idx"
            ),
            # the officers' "received" filter (today, past 7 days, this month, this year)
            models.Index(fields=["received_at"], name="complaint_received_idx"),
        ]
        permissions = [
            ("record_complaint", _("Can record a complaint in the complaint book")),
            ("report_complaint", _("Can report a complaint to the Kepala Seksi")),
            ("pass_complaint", _("Can pass a complaint to the Kepala Bidang")),
            ("coordinate_complaint", _("Can coordinate a complaint's follow-up")),
            ("hand_back_complaint", _("Can hand a complaint's follow-up to the receiving officer")),
            ("answer_complaint", _("Can answer a complaint in writing")),
            ("close_complaint", _("Can close an answered complaint")),
            # reading a complaint is not reading what the complainant sent with it: the
            # province reader reads the record, the office's own officers also its files
            ("view_complaint_files", _("Can read the files sent with a complaint")),
        ]

    def __str__(self):
        return f"{self.book_number}/{self.book_year} · {self.reference}"

    def save(self, *args, **kwargs):
        self.complainant_phone_digits = normalise_phone(self.complainant_phone)
        if (
            kwargs.get("update_fields") is not None
            and "complainant_phone" in kwargs["update_fields"]
        ):
            kwargs["update_fields"] = {*kwargs["update_fields"], "complainant_phone_digits"}
        super().save(*args, **kwargs)

    @property
    def is_answered(self):
        return self.status in (Status.ANSWERED, Status.CLOSED)

    def age(self):
        """How long the complaint has waited in its current step."""
        return timezone.now() - self.status_changed_at


class FollowUp(StepLog):
    """One step of the chain, as a person reads it: who moved it, from where to where, why."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="steps", verbose_name=_("complaint")
    )
    from_status = models.CharField(_("from"), max_length=12, choices=Status, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Status)

    class Meta(StepLog.Meta):
        verbose_name = _("follow-up step")
        verbose_name_plural = _("follow-up steps")

    def __str__(self):
        return f"{self.complaint_id}: {self.from_status or '-'} → {self.to_status}"


class BookCounter(YearCounter):
    """The last complaint book number given in a year."""

    class Meta(YearCounter.Meta):
        verbose_name = _("complaint book counter")
        verbose_name_plural = _("complaint book counters")


class UnreadableMail(models.Model):
    """A message in the complaint mailbox that could not be read as a complaint.

    It is kept, whole, for an officer to read and record by hand or dismiss: a complaint must
    never disappear because its e-mail was malformed.
    """

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for an officer")
        RECORDED = "recorded", _("Recorded as a complaint")
        DISMISSED = "dismissed", _("Dismissed")

    # the office whose complaint mailbox the message came in
    office = office_field()
    fingerprint = models.CharField(_("Message-ID or digest"), max_length=300, unique=True)
    sender = models.CharField(_("sender"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    problem = models.CharField(_("problem"), max_length=300)
    raw = models.BinaryField(_("raw message"))
    received_at = models.DateTimeField(_("fetched at"), default=timezone.now, editable=False)
    state = models.CharField(
        _("state"), max_length=10, choices=State, default=State.WAITING, editable=False
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True, editable=False)
    handling_note = models.TextField(_("note"), blank=True, editable=False)
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("complaint"),
    )
    history = HistoricalRecords(excluded_fields=["raw"])

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [
            models.Index(fields=["office", "state", "received_at"], name="unreadable_office_idx")
        ]
        verbose_name = _("unreadable e-mail")
        verbose_name_plural = _("unreadable e-mails")
        permissions = [("handle_unreadable_mail", _("Can record or dismiss an unreadable e-mail"))]

    def __str__(self):
        return self.subject or self.fingerprint

    def raw_text(self):
        """The message as text, undecodable bytes shown as replacement marks, for reading."""
        return bytes(self.raw).decode("utf-8", errors="replace")


class MailAttachment(models.Model):
    """A file that came with an e-mail complaint: checked like any upload (portal.files) and
    kept as the complaint's private file, or, when refused, named with the reason."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("complaint")
    )
    name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=PrivateUploadTo("complaints/mail"),
        validators=[validate_document],
        blank=True,
    )
    refused = models.CharField(_("not kept because"), max_length=300, blank=True)

    private_file_fields = ("file",)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("e-mail attachment")
        verbose_name_plural = _("e-mail attachments")

    def __str__(self):
        return self.name

    def can_read_files(self, user):
        # the officers of the complaint's office who work complaints (portal.offices)
        return user.has_perm("complaints.view_complaint_files", self.complaint)


class MailboxCursor(models.Model):
    """How far the complaint mailbox has been read: the highest UID taken in, valid while the
    mailbox keeps its UIDVALIDITY (a new one means the UIDs were renumbered)."""

    mailbox = models.CharField(max_length=300, unique=True)
    uidvalidity = models.BigIntegerField()
    last_uid = models.BigIntegerField(default=0)
    read_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"{self.mailbox} {self.uidvalidity}:{self.last_uid}"
