"""What everyone sees: the vacancy list with search and filters, a vacancy, and applying to it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal import offices
from portal.pagecache import cache_public_page
from portal.submissions import record_once
from portal.workflow import MoveRefused

from .. import cards, jobposting, rules, search, services
from ..forms import ApplyForm, SavedSearchForm, VacancySearchForm
from ..models import Application, Placement, Vacancy, VacancyStatus

PAGE_SIZE = 20
MAX_PAGES = 50  # 1,000 vacancies: a search that finds more asks for another word or a filter
# What a card of the list shows (jobboard.cards): the description and the search vector stay
# in the database.
LIST_FIELDS = cards.FIELDS


@require_GET
@cache_public_page(
    params=("q", "education", "work_type", "place", "sector", "office", "province", "page")
)
def vacancy_list(request):
    """The public list: full-text search, filters, pagination. Closed vacancies drop out by date.

    The one job market: every office's vacancies, unless the visitor picks an office or a
    province; on an office's own address (``/<slug>/loker/``) its office is picked to begin with.
    """
    vacancies = Vacancy.objects.published()
    places, sectors = search.filter_choices(vacancies)
    office_choices = offices.office_choices()
    query = request.GET.copy()
    if "office" not in query and request.office is not None:
        query["office"] = request.office.slug
    form = VacancySearchForm(query or None, places=places, sectors=sectors, offices=office_choices)
    words = None
    if form.is_valid():
        vacancies, words = search.filter_vacancies(vacancies, form.cleaned_data)
    rows = applied_marker(
        vacancies.select_related("employer").only(*LIST_FIELDS), rules.jobseeker_of(request.user)
    )
    page = search.bounded_page(
        vacancies,
        rows,
        words,
        request.GET.get("page"),
        per_page=PAGE_SIZE,
        max_pages=MAX_PAGES,
        newest=("-published_at", "-pk"),
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "jobboard/vacancy_list.html",
        {
            "form": form,
            "page": page,
            "cards": cards.cards(page),
            "searching": bool(words),
            "query": query.urlencode(),
            # an active job seeker may have this search mailed to him (job alerts)
            "alert_form": SavedSearchForm()
            if form.is_valid() and rules.active_jobseeker(request.user)
            else None,
            "placements_this_year": Placement.count_in_year(timezone.localdate().year),
        },
    )


def _visible_vacancy(request, pk):
    """Published ones to everyone (closed ones say so); others to their employer and officers."""
    vacancy = get_object_or_404(Vacancy.objects.select_related("employer"), pk=pk)
    if vacancy.status in (VacancyStatus.PUBLISHED, VacancyStatus.CLOSED):
        return vacancy  # a closed one says so and takes no applications
    if rules.owns_vacancy(request.user, vacancy) or request.user.has_perm(
        "jobboard.view_vacancy", vacancy
    ):
        return vacancy
    raise Http404  # an unpublished vacancy does not exist for anyone else


@require_GET
@cache_public_page
def vacancy_detail(request, pk):
    vacancy = _visible_vacancy(request, pk)
    seeker = rules.jobseeker_of(request.user)
    application = None
    if seeker is not None:
        application = Application.objects.filter(vacancy=vacancy, jobseeker=seeker).first()
    public = vacancy.status in (VacancyStatus.PUBLISHED, VacancyStatus.CLOSED)
    share_url = settings.SITE_URL + request.path
    return render(
        request,
        "jobboard/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "seeker": seeker,
            "application": application,
            "apply_form": ApplyForm(),
            "is_owner": rules.owns_vacancy(request.user, vacancy),
            "share_url": share_url,
            "summary": jobposting.summary(vacancy),
            "job_posting": jobposting.job_posting(vacancy, share_url) if public else None,
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

    def sent(_application):
        messages.success(
            request, _("Your application has been sent. You can follow it under My applications.")
        )
        return redirect("jobboard:my_applications")

    try:
        return record_once(
            request,
            lambda: services.apply(vacancy, actor=request.user, letter=form.cleaned_data["letter"]),
            sent,
        )
    except MoveRefused as exc:
        messages.error(request, str(exc))
        return redirect("jobboard:vacancy_detail", pk=pk)


def applied_marker(queryset, seeker):
    """Annotate whether the job seeker already applied, in the same query."""
    if seeker is None:
        return queryset
    return queryset.annotate(
        applied=Exists(Application.objects.filter(vacancy=OuterRef("pk"), jobseeker=seeker))
    )
