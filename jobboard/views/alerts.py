"""Job alerts: saving the vacancy list's search, the account page's list of them, and the
one-click unsubscribe of the mail (no login: the signed token in the address is the key)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from portal.workflow import MoveRefused

from .. import rules, search, services
from ..forms import SavedSearchForm, VacancySearchForm
from ..models import SavedSearch, Vacancy


@login_required
@require_POST
def alert_create(request):
    """Save the search of the vacancy list: its words and filters are the list's own query
    parameters (this form's address carries them), read by the list's search form."""
    if rules.active_jobseeker(request.user) is None:
        raise PermissionDenied
    places, sectors = search.filter_choices(Vacancy.objects.published())
    searched = VacancySearchForm(request.GET, places=places, sectors=sectors)
    how = SavedSearchForm(request.POST)
    back = reverse("jobboard:vacancy_list") + (f"?{request.GET.urlencode()}" if request.GET else "")
    if not (searched.is_valid() and how.is_valid()):
        messages.error(request, _("This search could not be saved. Check it and try again."))
        return redirect(back)
    try:
        services.save_search(
            actor=request.user,
            filters=searched.saved_filters(),
            frequency=how.cleaned_data["frequency"],
        )
    except MoveRefused as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(
        request,
        _("Your search has been saved. New vacancies that match it will be sent to your e-mail."),
    )
    return redirect(reverse("jobboard:my_status") + "#job-alerts")


@login_required
@require_POST
def alert_delete(request, pk):
    seeker = rules.jobseeker_of(request.user)
    if seeker is None:
        raise PermissionDenied
    saved = get_object_or_404(SavedSearch, pk=pk, jobseeker=seeker)
    services.delete_search(saved, actor=request.user)
    messages.success(request, _("The saved search has been deleted."))
    return redirect(reverse("jobboard:my_status") + "#job-alerts")


@login_required
@require_POST
def alert_suggestions(request):
    """Stop or start again the weekly vacancy suggestions."""
    if rules.active_jobseeker(request.user) is None:
        raise PermissionDenied
    wanted = request.POST.get("wanted") == "1"
    services.set_suggestions(actor=request.user, wanted=wanted)
    messages.success(
        request,
        _("You will receive the weekly vacancy suggestions.")
        if wanted
        else _("You will receive no more weekly vacancy suggestions."),
    )
    return redirect(reverse("jobboard:my_status") + "#job-alerts")


# The mail's one-click unsubscribe (RFC 8058): a mail program POSTs here without cookies or a
# CSRF token. The signed token in the address is what no forger has, so it stands for both.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, token):
    alert = services.alert_of_token(token)
    if alert is None:
        raise Http404
    is_search = isinstance(alert, SavedSearch)
    if request.method == "POST":
        services.stop_alert(alert)
        return render(
            request, "jobboard/alert_unsubscribed.html", {"alert": alert, "is_search": is_search}
        )
    return render(
        request,
        "jobboard/alert_unsubscribe.html",
        {
            "alert": alert,
            "is_search": is_search,
            "criteria": VacancySearchForm.describe(alert.filters) if is_search else [],
        },
    )
