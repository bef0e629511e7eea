"""Every move of an AKAD application, as the six steps of the Lumajang procedure (seed 002).

One function per step, and one that saves the applicant's file. Each takes cleaned data and
the acting user and makes its step's own changes through ``workflow.WORKFLOW.apply``, which
checks the permission (the table's row) and the state, locks the row, writes the new state
and a ``PermitStep``, and queues the applicant's e-mail for after the commit. Views, admin
buttons and the demo all call these functions; nothing else assigns ``status``.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobboard import rules
from portal import numbering
from portal.codes import random_code
from portal.workflow import Mail, MoveRefused

from .models import (
    ATTACHMENT_FIELDS,
    PermitApplication,
    PermitNumberCounter,
    PermitPosition,
    Recommendation,
    RecommendationNumberCounter,
    RecommendationStatus,
    Status,
)
from .pdf import printed_values
from .workflows import RECOMMENDATION_WORKFLOW, WORKFLOW, is_applicant


def _employer_addresses(employer):
    return sorted({a for a in (employer.email, employer.user.email) if a})


def _mail(template):
    """The applicant's e-mail about the locked application, sent once the move commits."""

    def mails(application):
        url = settings.SITE_URL + reverse("akad_permits:application_detail", args=[application.pk])
        return [
            Mail(
                f"akad_permits/email/{template}",
                {"application": application, "url": url},
                _employer_addresses(application.employer),
            )
        ]

    return mails


# --- step 1: the applicant -----------------------------------------------------------------


def check_recommendation(application, recommendation):
    """A recommendation issued in the portal that ``application`` may refer to: issued, to the
    same employer, for recruiting in the region of the office the application is addressed to.
    Refused with MoveRefused otherwise; None (a letter from an office not on the portal) passes.
    """
    if recommendation is None:
        return
    if recommendation.employer_id != application.employer_id:
        raise MoveRefused(_("This recommendation was issued to another company."))
    if recommendation.status != RecommendationStatus.ISSUED:
        raise MoveRefused(_("This recommendation has not been issued."))
    if recommendation.recruiting_office_id != application.office_id:
        raise MoveRefused(
            _("This recommendation is for recruiting in the region of %(office)s.")
            % {"office": recommendation.recruiting_office}
        )


def save_application(*, actor, data, positions=(), application=None, submitting=False, office=None):
    """Step 1: the applicant writes the application (a draft, or a returned one) and, when
    ``submitting``, submits it to the Kadis, in one transaction.

    ``data`` holds the cleaned fields of the application (files as uploaded, or the stored
    file kept); ``positions`` the rows of the positions table, each with its ``id`` (None for
    a new one), ``delete``, and its title and numbers. Refused with MoveRefused when the
    application can no longer be changed or the submission is refused: nothing is saved then.
    A new application is addressed to ``office`` (the office that will issue the permit),
    by default the office the applicant registered with; a saved one keeps its office.
    """
    with transaction.atomic():
        if application is None or application.pk is None:
            employer = rules.active_employer(actor)
            if employer is None:
                raise PermissionDenied(_("Only the applicant can do this."))
            application = PermitApplication(employer=employer, office=office or employer.office)
        else:
            application = (
                PermitApplication.objects.select_for_update(of=("self",))
                .select_related("employer__user")
                .get(pk=application.pk)
            )
            if not is_applicant(actor, application):
                raise PermissionDenied(_("Only the applicant can do this."))
            if not application.is_editable:
                raise MoveRefused(_("This application can no longer be changed."))
        if "recommendation" in data:
            check_recommendation(application, data["recommendation"])
        fields = [application._meta.get_field(name) for name in data]
        # Files last, as a ModelForm saves them, so their names can use the other fields.
        for field in sorted(fields, key=lambda f: f.name in ATTACHMENT_FIELDS):
            field.save_form_data(application, data[field.name])
        application._history_user = actor
        application.save()
        _save_positions(application, positions)
        if submitting:
            submit(application=application, actor=actor)
    return application


def _save_positions(application, rows):
    for row in rows:
        values = {
            name: row[name] for name in ("title", "male_count", "female_count") if name in row
        }
        if row.get("id") is None:
            if not row.get("delete"):
                PermitPosition.objects.create(application=application, **values)
            continue
        position = application.positions.get(pk=row["id"])
        if row.get("delete"):
            position.delete()
        else:
            for name, value in values.items():
                setattr(position, name, value)
            position.save()


def submit(*, application, actor):
    """Step 1: the applicant submits the application with its attachments to the Kadis.

    Also the resubmission after the Sekretariat returned an incomplete file; each attachment
    the Sekretariat asked to correct must then have been replaced.
    """
    action = "resubmit" if application.status == Status.RETURNED else "submit"

    def changes(app, now):
        check_recommendation(app, app.recommendation)
        missing = app.missing_items()
        if missing:
            raise MoveRefused(
                _("The application is not complete yet. Still missing: %(items)s.")
                % {"items": ", ".join(str(m) for m in missing)}
            )
        if app.status == Status.RETURNED:
            unchanged = [
                str(app._meta.get_field(field).verbose_name)
                for field, old_name in app.returned_items.items()
                if getattr(app, field).name == old_name
            ]
            if unchanged:
                raise MoveRefused(
                    _("Upload a corrected file for: %(items)s.") % {"items": ", ".join(unchanged)}
                )
        app.returned_items = {}
        if app.submitted_at is None:
            app.submitted_at = now

    return WORKFLOW.apply(application, action, actor=actor, changes=changes)


# --- step 2: the Sekretariat ------------------------------------------------------------------


def register(*, application, actor, agenda_number, agenda_date, note=""):
    """Step 2: the Sekretariat processes the incoming letter (agenda number and date)."""
    agenda_number = (agenda_number or "").strip()

    def changes(app, now):
        if not agenda_number:
            raise MoveRefused(_("Enter the agenda number."))
        if not agenda_date:
            raise MoveRefused(_("Enter the agenda date."))
        app.agenda_number = agenda_number
        app.agenda_date = agenda_date

    return WORKFLOW.apply(
        application,
        "register",
        actor=actor,
        note=note or _("Agenda %(number)s") % {"number": agenda_number},
        changes=changes,
    )


def return_to_applicant(*, application, actor, items=(), reason=""):
    """Step 2, incomplete file: the Sekretariat returns it with what is missing."""
    items = [field for field in items if field in ATTACHMENT_FIELDS]
    reason = (reason or "").strip()

    def changes(app, now):
        if not items and not reason:
            raise MoveRefused(_("Say what is missing: tick an attachment or write a note."))
        app.returned_items = {field: getattr(app, field).name for field in items}
        # Stored text, read later by the applicant and in the e-mail: the office's language.
        with translation.override(settings.LANGUAGE_CODE):
            labels = [str(app._meta.get_field(field).verbose_name) for field in items]
        app.return_reason = "\n".join(filter(None, ["; ".join(labels), reason]))

    return WORKFLOW.apply(
        application, "return", actor=actor, note=reason, changes=changes, mail=_mail("returned")
    )


# --- step 3: the Kadis's disposition ---------------------------------------------------------


def dispose(*, application, actor, instruction):
    """Step 3: the Kadis disposes the application to the Bidang Penempatan dan Pelatihan
    (the instruction is kept on the application: the move's ``note_field``)."""
    return WORKFLOW.apply(application, "dispose", actor=actor, note=instruction)


# --- step 4: the Kabid consults the Kadis ---------------------------------------------------


def consult(*, application, actor, outcome):
    """Step 4: the Kabid consults the Kadis; the outcome is recorded (``note_field``)."""
    return WORKFLOW.apply(application, "consult", actor=actor, note=outcome)


# --- step 5: the Kasi prepares the permit ---------------------------------------------------


def _book_permit_number(office, now):
    """The next running permit number of the permit's office in the year, in its format.

    The counter row is locked until the transaction ends, so two permits drafted at the same
    moment get consecutive numbers, never the same one.
    """
    return numbering.book_or_refuse(
        PermitNumberCounter,
        office,
        office.permit_number_format,
        now,
        _("The permit number format in the office profile is not valid: %(format)s"),
    )


def draft(*, application, actor, valid_from, valid_until, coverage, note=""):
    """Step 5: the Kasi Penempatan dan Pemagangan prepares the permit.

    Books the permit number (running per year), the validity and what the permit covers.
    """
    coverage = (coverage or "").strip()

    def changes(app, now):
        if not valid_from:
            raise MoveRefused(_("Enter the date the permit is valid from."))
        if not valid_until:
            raise MoveRefused(_("Enter the date the permit is valid until."))
        if not coverage:
            raise MoveRefused(_("Describe what the permit covers."))
        if valid_until < valid_from:
            raise MoveRefused(_("The permit cannot end before it starts."))
        app.permit_year, app.permit_seq, app.permit_number = _book_permit_number(app.office, now)
        app.valid_from, app.valid_until = valid_from, valid_until
        app.coverage = coverage

    return WORKFLOW.apply(application, "draft", actor=actor, note=note, changes=changes)


# --- step 6: the Kadis signs --------------------------------------------------------------


def _new_verification_code():
    raw = random_code(12)
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def sign(*, application, actor, note=""):
    """Step 6: the Kadis signs; the permit is issued with a code anyone can verify."""

    def changes(app, now):
        office = app.office  # the office that issues it: its head signs, its letterhead prints
        app.issued_at = now
        app.signer_title = office.head_title
        app.signer_name = office.head_name or actor.display_name()
        app.signer_nip = office.head_nip
        app.printed = printed_values(app, office)
        code = _new_verification_code()
        while PermitApplication.objects.filter(verification_code=code).exists():
            code = _new_verification_code()
        app.verification_code = code

    return WORKFLOW.apply(
        application, "sign", actor=actor, note=note, changes=changes, mail=_mail("issued")
    )


def refuse(*, application, actor, reason):
    """The Kadis refuses the application, with reasons, at one of the Kadis's steps."""

    def changes(app, now):
        app.refusal_reason = reason.strip()

    return WORKFLOW.apply(
        application, "refuse", actor=actor, note=reason, changes=changes, mail=_mail("refused")
    )


# --- the AKAD recruitment recommendation, at the destination region's office -----------------


def request_recommendation(
    *, actor, office, recruiting_office, user_company, positions, male_count, female_count
):
    """The employer asks the labour office of the region the workers go to (``office``) for
    the "Rekomendasi Rekrutmen AKAD", the first requirement of the AKAD permit that
    ``recruiting_office`` (the region where they are recruited) issues."""
    employer = rules.active_employer(actor)
    if employer is None:
        raise PermissionDenied(_("Only the applicant can do this."))
    if not (office.is_active and office.offers_akad):
        raise MoveRefused(_("This office does not issue AKAD recommendations in the portal."))
    if office.pk == recruiting_office.pk:
        raise MoveRefused(
            _(
                "The recommendation comes from the office of the region the workers go to, not of the region where they are recruited."
            )
        )
    if (male_count or 0) + (female_count or 0) <= 0:
        raise MoveRefused(_("Enter the number of workers: at least one, male or female."))
    if not (positions or "").strip() or not (user_company or "").strip():
        raise MoveRefused(_("Enter the company using the workers and the positions."))
    recommendation = Recommendation(
        office=office,
        employer=employer,
        recruiting_office=recruiting_office,
        user_company=user_company.strip(),
        positions=positions.strip(),
        male_count=male_count or 0,
        female_count=female_count or 0,
    )
    recommendation._history_user = actor
    recommendation.save()
    return recommendation


def _book_recommendation_number(office, now):
    """The next recommendation number of the issuing office in the year, in its own format."""
    return numbering.book_or_refuse(
        RecommendationNumberCounter,
        office,
        office.recommendation_number_format,
        now,
        _("The recommendation number format in the office profile is not valid: %(format)s"),
    )


def _recommendation_mail(template):
    def mails(recommendation):
        url = settings.SITE_URL + reverse("akad_permits:recommendation_list")
        return [
            Mail(
                f"akad_permits/email/{template}",
                {"recommendation": recommendation, "url": url},
                _employer_addresses(recommendation.employer),
            )
        ]

    return mails


def issue_recommendation(*, recommendation, actor, valid_until, note=""):
    """The destination office's Kepala Dinas signs the recommendation: its own number from its
    office's counter and format, dated today, valid until ``valid_until``."""

    def changes(rec, now):
        today = timezone.localdate(now)
        if not valid_until:
            raise MoveRefused(_("Enter the date the recommendation is valid until."))
        if valid_until < today:
            raise MoveRefused(_("The recommendation cannot end before it is issued."))
        office = rec.office
        rec.year, rec.seq, rec.number = _book_recommendation_number(office, now)
        rec.issued_on = today
        rec.valid_until = valid_until
        rec.signer_title = office.head_title
        rec.signer_name = office.head_name or actor.display_name()
        rec.signer_nip = office.head_nip

    return RECOMMENDATION_WORKFLOW.apply(
        recommendation,
        "issue",
        actor=actor,
        note=note,
        changes=changes,
        mail=_recommendation_mail("recommendation_issued"),
    )


def refuse_recommendation(*, recommendation, actor, reason):
    """The destination office's Kepala Dinas refuses the recommendation, with reasons (kept
    on the recommendation: the move's ``note_field``)."""
    return RECOMMENDATION_WORKFLOW.apply(
        recommendation,
        "refuse",
        actor=actor,
        note=reason,
        mail=_recommendation_mail("recommendation_refused"),
    )
