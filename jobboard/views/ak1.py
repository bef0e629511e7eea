"""The holder's AK/I card: see it, download it, report every six months."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.workflow import MoveRefused

from .. import rules, services
from ..forms import Ak1ReportForm, model_data
from ..models import Ak1Card
from ..services import ak1_pdf


def _own_card(user):
    seeker = rules.jobseeker_of(user)
    if seeker is None:
        raise PermissionDenied
    card = Ak1Card.objects.filter(jobseeker=seeker).select_related("jobseeker").first()
    if card is None:
        raise Http404(_("You have no AK/I card issued by this portal."))
    return card


@login_required
def my_card(request):
    card = _own_card(request.user)
    return render(
        request,
        "jobboard/ak1/my_card.html",
        {
            "card": card,
            "columns": card.columns(),
            "refusal": services.ak1_report_refusal(card),
        },
    )


@login_required
def report(request):
    card = _own_card(request.user)
    refusal = services.ak1_report_refusal(card)
    if refusal:
        messages.warning(request, refusal)
        return redirect("jobboard:my_ak1")
    seeker = card.jobseeker
    change = services.waiting_change(seeker)
    initial = change.initial() if change else {}
    if request.method == "POST":
        form = Ak1ReportForm(request.POST, instance=seeker, initial=initial)
        if form.is_valid():
            try:
                done = services.report_ak1(card, actor=request.user, data=model_data(form))
            except MoveRefused as exc:
                messages.warning(request, str(exc))
            else:
                messages.success(
                    request,
                    _("Thank you: your report is recorded in column %(column)s of your AK/I card.")
                    % {"column": done.period},
                )
            return redirect("jobboard:my_ak1")
    else:
        form = Ak1ReportForm(instance=seeker, initial=initial)
    return render(request, "jobboard/ak1/report.html", {"card": card, "form": form})


@login_required
@never_cache
def card_pdf(request, pk):
    """The card as PDF, for its holder and for officers allowed to print cards."""
    card = get_object_or_404(Ak1Card.objects.select_related("jobseeker", "issued_by"), pk=pk)
    if not rules.can_download_ak1(request.user, card):
        raise PermissionDenied
    response = HttpResponse(ak1_pdf.render_card(card), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{ak1_pdf.filename(card)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
