"""Each published vacancy in the sitemap, so job search engines find it the day it is out."""

from django.urls import reverse

from portal.sitemaps import PortalSitemap

from .models import Vacancy


class VacancySitemap(PortalSitemap):
    changefreq = "daily"
    limit = 5000  # a page of the sitemap stays small; the index lists the pages

    def items(self):
        # One query for a page of the sitemap, whatever its size: pk and the date only.
        return Vacancy.objects.published().only("pk", "updated_at").order_by("-pk")

    def location(self, vacancy):
        return reverse("jobboard:vacancy_detail", args=[vacancy.pk])

    def lastmod(self, vacancy):
        return vacancy.updated_at
