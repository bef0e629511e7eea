"""What everyone sees: the vacancy list with search and filters, a vacancy, and applying to it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import rules, search, services
from ..forms import ApplyForm, VacancySearchForm
from ..models import Application, Placement, Vacancy, VacancyStatus

PAGE_SIZE = 20


@require_GET
def vacancy_list(request):
    """The public list: full-text search, filters, pagination. Closed vacancies drop out by date."""
    published = Vacancy.objects.published()
    places, sectors = search.filter_choices(published)
    form = VacancySearchForm(request.GET or None, places=places, sectors=sectors)
    vacancies = applied_marker(
        published.select_related("employer").order_by("-published_at", "-pk"),
        rules.jobseeker_of(request.user),
    )
    searching = False
    if form.is_valid():
        data = form.cleaned_data
        if data["education"]:
            vacancies = vacancies.filter(min_education__in=search.levels_up_to(data["education"]))
        if data["work_type"]:
            vacancies = vacancies.filter(work_type=data["work_type"])
        if data["place"]:
            vacancies = vacancies.filter(place=data["place"])
        if data["sector"]:
            vacancies = vacancies.filter(employer__sector=data["sector"])
        vacancies, searching = search.ranked(vacancies, data["q"])
    page = Paginator(vacancies, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "jobboard/vacancy_list.html",
        {
            "form": form,
            "page": page,
            "searching": searching,
            "query": query.urlencode(),
            "placements_this_year": Placement.objects.filter(
                placed_on__year=timezone.localdate().year
            ).count(),
        },
    )


def _visible_vacancy(request, pk):
    """Published ones to everyone (closed ones say so); others to their employer and officers."""
    vacancy = get_object_or_404(Vacancy.objects.select_related("employer"), pk=pk)
    if vacancy.status in (VacancyStatus.PUBLISHED, VacancyStatus.CLOSED):
        return vacancy  # a closed one says so and takes no applications
    if rules.owns_vacancy(request.user, vacancy) or request.user.has_perm("jobboard.view_vacancy"):
        return vacancy
    raise Http404  # an unpublished vacancy does not exist for anyone else


@require_GET
def vacancy_detail(request, pk):
    vacancy = _visible_vacancy(request, pk)
    seeker = rules.jobseeker_of(request.user)
    application = None
    if seeker is not None:
        application = Application.objects.filter(vacancy=vacancy, jobseeker=seeker).first()
    return render(
        request,
        "jobboard/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "seeker": seeker,
            "application": application,
            "apply_form": ApplyForm(),
            "is_owner": rules.owns_vacancy(request.user, vacancy),
        },
    )


@login_required
@require_POST
def apply(request, pk):
    vacancy = get_object_or_404(Vacancy, pk=pk)
    if rules.active_jobseeker(request.user) is None:
        raise PermissionDenied
    form = ApplyForm(request.POST)
    if not form.is_valid():
        seeker = rules.jobseeker_of(request.user)
        return render(
            request,
            "jobboard/vacancy_detail.html",
            {"vacancy": vacancy, "seeker": seeker, "apply_form": form},
            status=400,
        )
    try:
        services.apply(vacancy, actor=request.user, letter=form.cleaned_data["letter"])
    except services.TransitionNotAllowed as exc:
        messages.error(request, str(exc))
        return redirect("jobboard:vacancy_detail", pk=pk)
    messages.success(
        request, _("Your application has been sent. You can follow it under My applications.")
    )
    return redirect("jobboard:my_applications")


def applied_marker(queryset, seeker):
    """Annotate whether the job seeker already applied, in the same query."""
    if seeker is None:
        return queryset
    return queryset.annotate(
        applied=Exists(Application.objects.filter(vacancy=OuterRef("pk"), jobseeker=seeker))
    )
