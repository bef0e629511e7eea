import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import offices
from portal.exports import csv_cell, csv_writer

from . import charts, escalation, services, skm
from . import dashboard as figures
from .digest import waiting_for
from .forms import MonthForm, SurveyForm
from .headline import headline
from .models import MorningDigest, SurveyInvitation
from .public import service_rows
from .stats import current_month, month_bounds, shift_month
from .templatetags.quality import SESSION_LATER


def _check_head(request):
    if not (request.user.is_staff and request.user.has_perm("quality.view_dashboard")):
        raise PermissionDenied


def _period(request):
    form = MonthForm(request.GET or None)
    month = form.cleaned_data["bulan"] if form.is_valid() else current_month()
    return form, figures.Period(month=month, now=timezone.now(), offices=_offices(request))


def _offices(request):
    """The offices whose figures this head sees: where a role of theirs shows the dashboard
    (a province reader: the province's offices); a superuser: every office (None)."""
    user = request.user
    if user.is_superuser:
        return None
    return offices.offices_for(user, "quality.view_dashboard")


def _charts(tables):
    by_key = {t.key: t for t in tables}
    months = [row[0] for row in by_key["registrations"].rows]
    short = [m.split(" ")[0][:3] + " " + m.split(" ")[-1][-2:] for m in months]
    reg = by_key["registrations"]
    steps = by_key["permit_steps"]
    survey = by_key["survey_elements"]
    return {
        "registrations": charts.bar_chart(
            "registrations",
            _("Registrations and activations per month"),
            short,
            [
                (
                    _("Registered"),
                    [
                        a + b
                        for a, b in zip(charts.column(reg, 1), charts.column(reg, 2), strict=True)
                    ],
                ),
                (
                    _("Activated"),
                    [
                        a + b
                        for a, b in zip(charts.column(reg, 3), charts.column(reg, 4), strict=True)
                    ],
                ),
            ],
        ),
        "complaints_channels": charts.bar_chart(
            "complaints",
            _("Complaints received per month"),
            short,
            [(_("Complaints"), charts.column(by_key["complaints_channels"], -1))],
        ),
        "permit_steps": charts.bar_chart(
            "permit-steps",
            _("Median minutes in each step against the SOP standard"),
            [str(i + 1) for i in range(len(steps.rows))],
            [
                (_("SOP standard"), charts.column(steps, 1)),
                (_("Median in the month"), charts.column(steps, 3)),
            ],
        ),
        "survey_elements": charts.bar_chart(
            "ikm",
            _("IKM per service in the month (25-100)"),
            [row[0].split(" (")[0] for row in survey.rows],
            [(_("IKM"), [row[-2] for row in survey.rows])],
            maximum=100,
        ),
    }


@never_cache
@login_required
@require_GET
def dashboard(request):
    """The heads' daily view: service times against the standards, and the survey."""
    _check_head(request)
    form, period = _period(request)
    sections = figures.build(period)
    tables = [t for _title, ts in sections for t in ts]
    context = {
        "form": form,
        "period": period,
        "month_label": period.label(period.month),
        "sections": sections,
        "charts": _charts(tables),
        "headline": headline({t.key: t for t in tables}),
        "query": f"bulan={period.month:%Y-%m}",
        "previous": f"{shift_month(period.month, -1):%Y-%m}",
        "next": f"{shift_month(period.month, 1):%Y-%m}" if not period.is_current else None,
        "escalations": _escalations(request.user),
    }
    return render(request, "quality/dashboard.html", context)


ESCALATION_LIMIT = 100


def _offices_of(user):
    """The offices whose dashboard ``user`` reads (portal.offices; a province reader: its
    province's offices)."""
    return offices.offices_for(user, "quality.view_dashboard")


def _escalations(user):
    """The open reports of late steps in the offices the head serves, with their links."""
    rows = list(escalation.open_escalations(_offices_of(user))[: ESCALATION_LIMIT + 1])
    return {
        "rows": [(e, escalation.admin_url(e)) for e in rows[:ESCALATION_LIMIT]],
        "more": len(rows) > ESCALATION_LIMIT,
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def digest(request):
    """An officer asks for (or stops) the morning digest of what waits for him."""
    if not request.user.is_staff:
        raise PermissionDenied
    subscribed = MorningDigest.objects.filter(user=request.user).exists()
    if request.method == "POST":
        if request.POST.get("want") == "1":
            MorningDigest.objects.get_or_create(user=request.user)
            messages.success(
                request, _("You will receive the morning digest from tomorrow at 07:00.")
            )
        else:
            MorningDigest.objects.filter(user=request.user).delete()
            messages.success(request, _("You will no longer receive the morning digest."))
        return redirect("quality:digest")
    return render(
        request,
        "quality/digest.html",
        {"subscribed": subscribed, "queues": waiting_for(request.user)},
    )


@never_cache
@login_required
@require_GET
def dashboard_csv(request, table):
    _check_head(request)
    builder = figures.TABLE_BUILDERS.get(table)
    if builder is None:
        raise Http404
    _form, period = _period(request)
    result = builder(period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{result.key}-{period.month:%Y-%m}.csv"'
    )
    writer = csv_writer(response)  # opens in columns in an Indonesian Excel
    writer.writerow([str(c) for c in result.columns])
    for row in result.rows:
        writer.writerow([csv_cell(v) for v in row])
    return response


@require_POST
def survey_later(request):
    """ "Nanti saja": the survey banner keeps quiet for the rest of this session."""
    request.session[SESSION_LATER] = True
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("portal:home")
    return redirect(target)


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request, token):
    """The SKM form for one service event, reached by the random token in the invitation."""
    invitation = get_object_or_404(SurveyInvitation.objects.select_related("response"), token=token)
    if invitation.is_answered:
        return render(
            request,
            "quality/survey_answered.html",
            {"invitation": invitation, "again": request.method == "POST"},
            status=409 if request.method == "POST" else 200,
        )
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer(
                invitation=invitation,
                answers=form.cleaned_data,
                comment=form.cleaned_data["comment"],
            )
        except services.AlreadyAnswered as exc:
            messages.error(request, str(exc))
            return render(
                request,
                "quality/survey_answered.html",
                {"invitation": invitation, "again": True},
                status=409,
            )
        messages.success(request, _("Thank you: your answers have been recorded."))
        return redirect("quality:public")
    return render(
        request,
        "quality/survey.html",
        {"invitation": invitation, "form": form, "elements": skm.ELEMENTS},
    )


@require_GET
def public_index(request):
    """Each service's IKM and grade, and its promised versus actual time (public, no login).

    The last twelve months by default, or a calendar year (``?tahun=2026``), as units publish
    their index yearly.
    """
    month = current_month()
    years = list(range(month.year, month.year - 5, -1))
    year = request.GET.get("tahun", "")
    if year.isdigit() and int(year) in years:
        first, last = datetime.date(int(year), 1, 1), min(datetime.date(int(year), 12, 1), month)
    else:
        year, first, last = "", shift_month(month, -11), month
    period = figures.Period(month=last, now=timezone.now())
    return render(
        request,
        "quality/public.html",
        {
            "rows": service_rows(
                month_bounds(first)[0], month_bounds(last)[1], office=request.office
            ),
            "first_month": period.label(first),
            "last_month": period.label(last),
            "years": years,
            "year": year,
            "ikm_note": figures.ikm_note(),
            "grades": skm.GRADES,
        },
    )
