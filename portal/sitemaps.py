"""The sitemap's public pages: the home page, the service standards, the vacancy list."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Office
from .standards import standards_of


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
        return ["portal:home", "jobboard:vacancy_list"]

    def location(self, name):
        return reverse(name)


class StandardSitemap(PortalSitemap):
    changefreq = "monthly"

    def items(self):
        return standards_of(Office.current()).only("service").order_by("service")

    def location(self, standard):
        return reverse("portal:service_standard", args=[standard.service])
