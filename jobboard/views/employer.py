"""An active employer's pages: its vacancies (step 7), their applicants, and the job-seeker
search with its private shortlist (step 6)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.submissions import record_once
from portal.workflow import MoveRefused

from .. import cards, rules, search, services
from ..forms import (
    CandidateSearchForm,
    MoveApplicationForm,
    SaveCandidateForm,
    VacancyForm,
    model_data,
)
from ..models import (
    Application,
    ApplicationStep,
    JobSeeker,
    RegistrationStatus,
    SavedCandidate,
    Vacancy,
    VacancyStatus,
)


def active_employer_required(view):
    """Only an active employer; a waiting or rejected one is sent to its state page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        employer = rules.employer_of(request.user)
        if employer is None:
            raise PermissionDenied
        if not employer.is_active:
            messages.warning(
                request, _("Your company account is not active yet, so this is not possible.")
            )
            return redirect("jobboard:my_status")
        request.employer = employer
        return view(request, *args, **kwargs)

    return wrapper


def _own_vacancy(request, pk):
    """Another employer's vacancy does not exist for this one (404, not 403: no probing)."""
    return get_object_or_404(
        Vacancy.objects.select_related("employer"), pk=pk, employer=request.employer
    )


@active_employer_required
def employer_vacancies(request):
    vacancies = request.employer.vacancies.annotate(applicant_count=Count("applications")).order_by(
        "-submitted_at", "-pk"
    )
    page = Paginator(vacancies, 20).get_page(request.GET.get("page"))
    return render(request, "jobboard/employer_vacancies.html", {"page": page})


@active_employer_required
def vacancy_create(request):
    if request.method == "POST":
        form = VacancyForm(request.POST, request.FILES)
        if form.is_valid():

            def sent(_vacancy):
                messages.success(
                    request,
                    _(
                        "The vacancy has been sent. A placement officer will check the letter and publish it."
                    ),
                )
                return redirect("jobboard:employer_vacancies")

            return record_once(
                request,
                lambda: services.submit_vacancy(actor=request.user, data=model_data(form)),
                sent,
            )
    else:
        form = VacancyForm()
    return render(request, "jobboard/vacancy_form.html", {"form": form})


@active_employer_required
def vacancy_edit(request, pk):
    vacancy = _own_vacancy(request, pk)
    if not rules.can_edit_vacancy(request.user, vacancy):
        messages.warning(request, _("A published or closed vacancy cannot be changed."))
        return redirect("jobboard:employer_vacancies")
    if request.method == "POST":
        form = VacancyForm(request.POST, request.FILES, instance=vacancy)
        if form.is_valid():
            was_returned = vacancy.status == VacancyStatus.RETURNED
            try:
                services.update_vacancy(vacancy, actor=request.user, data=model_data(form))
            except MoveRefused as exc:
                messages.warning(request, exc.message)
                return redirect("jobboard:employer_vacancies")
            messages.success(
                request,
                _("The corrected vacancy has been sent again for checking.")
                if was_returned
                else _("The vacancy has been saved."),
            )
            return redirect("jobboard:employer_vacancies")
    else:
        form = VacancyForm(instance=vacancy)
    return render(request, "jobboard/vacancy_form.html", {"form": form, "vacancy": vacancy})


@active_employer_required
def vacancy_close(request, pk):
    """Closing ends applications for good: a page asks first."""
    vacancy = _own_vacancy(request, pk)
    if request.method != "POST":
        return render(request, "jobboard/vacancy_close.html", {"vacancy": vacancy})
    try:
        services.close_vacancy(vacancy, actor=request.user)
    except MoveRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The vacancy is closed."))
    return redirect("jobboard:employer_vacancies")


@active_employer_required
def vacancy_applicants(request, pk):
    vacancy = _own_vacancy(request, pk)
    applications = vacancy.applications.select_related("jobseeker", "placement").prefetch_related(
        Prefetch("steps", queryset=ApplicationStep.objects.order_by("created_at"))
    )
    page = Paginator(applications.order_by("created_at", "pk"), 20).get_page(
        request.GET.get("page")
    )
    rows = [
        (
            application,
            MoveApplicationForm(
                choices=services.next_application_statuses(application),
                prefix=f"a{application.pk}",
            ),
        )
        for application in page
    ]
    return render(
        request,
        "jobboard/vacancy_applicants.html",
        {"vacancy": vacancy, "rows": rows, "page": page},
    )


@require_POST
@active_employer_required
def application_move(request, pk):
    application = get_object_or_404(
        Application.objects.select_related("vacancy", "jobseeker"),
        pk=pk,
        vacancy__employer=request.employer,
    )
    form = MoveApplicationForm(
        request.POST,
        choices=services.next_application_statuses(application),
        prefix=f"a{application.pk}",
    )
    if form.is_valid():
        try:
            moved = services.move_application(
                application,
                actor=request.user,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
                placed_on=form.cleaned_data["placed_on"],
            )
        except MoveRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s: %(status)s. The applicant has been told by e-mail.")
                % {"name": moved.jobseeker.full_name, "status": moved.get_status_display()},
            )
    else:
        messages.error(
            request,
            _("Choose a valid next step for %(name)s.") % {"name": application.jobseeker.full_name},
        )
    return redirect("jobboard:vacancy_applicants", pk=application.vacancy_id)


# --- Step 6: searching and saving job-seeker data ---------------------------------------------


def findable_jobseekers():
    return JobSeeker.objects.filter(status=RegistrationStatus.ACTIVE, discoverable=True)


PAGE_SIZE = 20
CANDIDATE_PAGES = 50  # 1,000 job seekers: a search that finds more asks for another word


@active_employer_required
def candidate_search(request):
    """Consenting active job seekers, most recently activated first, best match first when
    words are typed. Like the vacancy search, bounded: it ranks and counts at most 1,001 of
    the tens of thousands of job seekers a city has (docs/performance.md)."""
    form = CandidateSearchForm(request.GET or None)
    seekers = findable_jobseekers()
    words = None
    if form.is_valid():
        data = form.cleaned_data
        if data["education"]:
            seekers = seekers.filter(education_level__in=search.levels_from(data["education"]))
        if data["city"]:
            seekers = seekers.filter(city__icontains=data["city"].strip())
        if data["skills"]:
            for word in search.WORD.findall(data["skills"])[:5]:
                seekers = seekers.filter(skills__icontains=word)
        words = search.to_query(data["q"]) and data["q"]
    rows = seekers.annotate(
        saved=Exists(
            SavedCandidate.objects.filter(employer=request.employer, jobseeker=OuterRef("pk"))
        )
    ).defer("work_experience")
    page = search.bounded_page(
        seekers,
        rows,
        words,
        request.GET.get("page"),
        per_page=PAGE_SIZE,
        max_pages=CANDIDATE_PAGES,
        newest=("-decided_at", "-pk"),
    )
    return render(
        request,
        "jobboard/candidate_search.html",
        {
            "form": form,
            "page": page,
            "cards": cards.candidate_cards(page),
            "save_form": SaveCandidateForm(),
        },
    )


def _visible_candidate(request, pk):
    """A consenting active job seeker, or one who applied to this employer's vacancies."""
    seeker = get_object_or_404(JobSeeker, pk=pk)
    if rules.jobseeker_is_findable(seeker):
        return seeker
    if Application.objects.filter(jobseeker=seeker, vacancy__employer=request.employer).exists():
        return seeker
    raise Http404


@active_employer_required
def candidate_detail(request, pk):
    seeker = _visible_candidate(request, pk)
    saved = SavedCandidate.objects.filter(employer=request.employer, jobseeker=seeker).first()
    form = SaveCandidateForm(initial={"note": saved.note if saved else ""})
    return render(
        request,
        "jobboard/candidate_detail.html",
        {"seeker": seeker, "saved": saved, "save_form": form},
    )


@require_POST
@active_employer_required
def candidate_save(request, pk):
    seeker = get_object_or_404(findable_jobseekers(), pk=pk)
    form = SaveCandidateForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "jobboard/candidate_detail.html",
            {"seeker": seeker, "saved": None, "save_form": form},
            status=400,
        )
    services.save_candidate(seeker, actor=request.user, note=form.cleaned_data["note"])
    messages.success(request, _("%(name)s is saved in your list.") % {"name": seeker.full_name})
    return redirect("jobboard:shortlist")


@active_employer_required
def shortlist(request):
    """The employer's saved job seekers. One who withdrew consent (or is no longer active)
    shows only the employer's own note: no name, contact data or history (issue 16, item 5)."""
    saved = request.employer.saved_candidates.select_related("jobseeker")
    page = Paginator(saved, 20).get_page(request.GET.get("page"))
    for row in page:
        row.withdrawn = not rules.jobseeker_is_findable(row.jobseeker)
    return render(request, "jobboard/shortlist.html", {"page": page})


@require_POST
@active_employer_required
def shortlist_remove(request, pk):
    saved = get_object_or_404(SavedCandidate, pk=pk, employer=request.employer)
    services.remove_candidate(saved, actor=request.user)
    messages.success(request, _("Removed from your list."))
    return redirect("jobboard:shortlist")
