"""Recording a complaint at the counter, by telephone, from the radio or from an e-mail,
also one the mailbox could not read (sarana pengaduan 1-4)."""

from email.utils import parseaddr

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal import offices
from portal.forms import offices_offering
from portal.workflow import MoveRefused

from .. import mailbox, services
from ..forms import IntakeForm
from ..models import UnreadableMail


def _office_of_form(request, mail):
    """An unreadable e-mail is recorded in the book of the office whose mailbox it came to;
    otherwise the officer chooses among the offices where a role of theirs records complaints
    (a superuser: every office that takes complaints)."""
    if mail is not None:
        return {"office": mail.office}
    taking = offices_offering("offers_complaints")
    if request.user.is_superuser:
        return {"offices": taking}
    # the offices where a role of the officer records complaints (portal.offices)
    return {
        "offices": taking.filter(
            pk__in=offices.offices_for(request.user, "complaints.record_complaint")
        )
    }


def intake_view(model_admin, request):
    if not request.user.has_perm("complaints.record_complaint"):
        raise PermissionDenied
    mail = None
    if request.GET.get("mail"):
        waiting = UnreadableMail.objects.filter(state=UnreadableMail.State.WAITING)
        mail = get_object_or_404(
            offices.scope_for(waiting, request.user, "complaints.handle_unreadable_mail"),
            pk=request.GET["mail"],
        )
    if request.method == "POST":
        form = IntakeForm(request.POST, **_office_of_form(request, mail))
        if form.is_valid():
            data = form.complaint_data()
            if mail is not None:
                try:
                    complaint = services.record_unreadable_mail(
                        mail=mail, actor=request.user, data=data
                    )
                except MoveRefused as exc:  # another officer handled it a moment ago
                    model_admin.message_user(request, exc.message, messages.ERROR)
                    return redirect("admin:complaints_unreadablemail_change", mail.pk)
            else:
                complaint = services.record_complaint(
                    office=form.chosen_office(),
                    actor=request.user,
                    channel=form.cleaned_data["channel"],
                    data=data,
                )
            model_admin.message_user(
                request,
                _("Complaint %(number)s recorded. Reference for the complainant: %(ref)s")
                % {"number": complaint.book_label, "ref": complaint.reference},
                messages.SUCCESS,
            )
            if "_addanother" in request.POST:
                return redirect("admin:complaints_complaint_intake")
            return redirect("admin:complaints_complaint_change", complaint.pk)
    else:
        form = IntakeForm(
            initial=initial_from_mail(mail) if mail else {"channel": "counter"},
            **_office_of_form(request, mail),
        )
    return TemplateResponse(
        request,
        "admin/complaints/complaint/intake.html",
        model_admin.page_context(request, form=form, mail=mail, title=_("Record a complaint")),
    )


def initial_from_mail(mail):
    """The intake form filled in from a kept e-mail, read with the mailbox's own parser."""
    name, address = parseaddr(mail.sender)
    return {
        "channel": "email",
        "complainant_name": name,
        "complainant_email": address,
        "subject": mail.subject,
        "text": mailbox.readable_part(bytes(mail.raw)),
    }
