"""The sitemap's public pages: the offices, each office's home page and service standards,
the vacancy list."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import offices
from .models import Office, ServiceStandard


class PortalSitemap(Sitemap):
    """Addresses on the portal's public address (SITE_URL), as its e-mails and link previews
    give them, not on whatever host name a request came in by."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        return [(None, "portal:offices"), (None, "jobboard:vacancy_list")] + [
            (office, "portal:home") for office in _offices()
        ]

    def location(self, item):
        office, name = item
        return offices.office_reverse(office, name) if office else reverse(name)


class StandardSitemap(PortalSitemap):
    """Each office's standard of each service it offers, at the office's own address."""

    changefreq = "monthly"

    def items(self):
        # One query for every office's standards, whatever the number of offices.
        found = (
            ServiceStandard.objects.published()
            .filter(office__in=_offices())
            .select_related("office")
            .only("service", "office")
            .order_by("office__region_code", "service")
        )
        return [
            (standard.office, standard.service)
            for standard in found
            if offices.offers(standard.office, standard.service)
        ]

    def location(self, item):
        office, service = item
        return offices.office_reverse(office, "portal:service_standard", args=[service])


def _offices():
    return Office.objects.filter(is_active=True).order_by("region_code")
