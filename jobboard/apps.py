from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobboardConfig(AppConfig):
    name = "jobboard"
    verbose_name = _("Online job exchange")

    def ready(self):
        from portal.pagecache import invalidate_on_change

        from .models import Employer, Placement, Vacancy

        # What the public vacancy pages show (portal.pagecache).
        invalidate_on_change(Vacancy, Employer, Placement)

    def menu_links(self, user):
        """The vacancies are public: everyone's menu shows them."""
        return [(_("Vacancies"), reverse("jobboard:vacancy_list"))]

    def account_links(self, user):
        """The job seeker's or employer's own pages, for the portal's account page."""
        from . import rules

        seeker = rules.jobseeker_of(user)
        employer = None if seeker else rules.employer_of(user)
        profile = seeker or employer
        if profile is None:
            return []
        links = [(_("My registration"), reverse("jobboard:my_status"))]
        if not profile.is_active:
            # One link: the dashboard goes straight to the state and the reason.
            return links
        if seeker and seeker.is_active:
            links += [
                (_("Vacancies"), reverse("jobboard:vacancy_list")),
                (_("My applications"), reverse("jobboard:my_applications")),
            ]
            if hasattr(seeker, "ak1_card"):
                links.append((_("My AK/I card"), reverse("jobboard:my_ak1")))
        if employer and employer.is_active:
            links += [
                (_("My vacancies"), reverse("jobboard:employer_vacancies")),
                (_("Post a vacancy"), reverse("jobboard:vacancy_create")),
                (_("Search job seekers"), reverse("jobboard:candidate_search")),
                (_("Saved job seekers"), reverse("jobboard:shortlist")),
            ]
        links.append((_("Edit my data"), reverse("jobboard:profile_edit")))
        return links
