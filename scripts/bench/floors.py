"""The least the two slow rows' work can cost on this stack: their floors, measured beside them.

Two of the performance issue's targets (vacancy search p99 <= 150 ms, admin queues p99 <= 300 ms)
are not met. These views answer whether any amount of work on the portal's pages could meet them
on the machine the benchmark runs on:

- ``search_floor``: a vacancy search cut down to its work: the same filters, the same two queries
  (``bounded_page``: the best matches, then the page's cards) and the cards (jobboard.cards), answered as a bare
  list of them, without the form, the template or the page's chrome; kept by the same page cache as
  the search, so the row has the same misses and hits as the real one.
- ``floor_admin``: a Django admin change list with nothing on it an officer needs: one column,
  one row, no filter, no search box, no actions, no sidebar, over the same waiting job seekers.

Both run through the same middleware, sessions and permissions as the real pages. They are
served only by the benchmark's own URL configuration (scripts/bench/urls.py), never by the
portal's.
"""

from django.contrib import admin
from django.http import HttpResponse

from jobboard import search
from jobboard.cards import cards
from jobboard.models import JobSeeker, RegistrationStatus, Vacancy
from jobboard.views.public import LIST_FIELDS, MAX_PAGES, PAGE_SIZE
from portal.pagecache import cache_public_page


@cache_public_page(params=("q", "education", "work_type"))
def search_floor(request):
    vacancies = Vacancy.objects.published()
    if education := request.GET.get("education"):
        vacancies = vacancies.filter(min_education__in=search.levels_up_to(education))
    if work_type := request.GET.get("work_type"):
        vacancies = vacancies.filter(work_type=work_type)
    text = request.GET.get("q", "")
    page = search.bounded_page(
        vacancies,
        vacancies.select_related("employer").only(*LIST_FIELDS),
        search.to_query(text) and text,
        None,
        per_page=PAGE_SIZE,
        max_pages=MAX_PAGES,
        newest=("-published_at", "-pk"),
    )
    return HttpResponse("<!doctype html><title>floor</title>" + "".join(cards(page)))


class FloorAdminSite(admin.AdminSite):
    enable_nav_sidebar = False


class FloorJobSeekerAdmin(admin.ModelAdmin):
    list_display = ["full_name"]
    list_per_page = 1
    ordering = ["submitted_at", "pk"]  # the queue's order
    show_full_result_count = False
    actions = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=RegistrationStatus.WAITING)


floor_admin = FloorAdminSite(name="floor_admin")
floor_admin.register(JobSeeker, FloorJobSeekerAdmin)
