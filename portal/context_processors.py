from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from .models import Office


def office(request):
    """The office a page is for (``request.office``, portal.offices) as ``page_office``: the
    header and footer show it, or the portal's name on the global pages.

    ``office`` is the same on an office's pages; elsewhere it stays the first office, read only
    when a template uses it, for the pages not yet told their record's office (the admin's
    complaint book, the lock-out page's telephone number; issue 15's other branches).
    """
    current = getattr(request, "office", None)
    return {
        "page_office": current,
        "office": current if current is not None else SimpleLazyObject(Office.for_pages),
    }


def menu_links(user):
    """The main menu: each app offers, through ``AppConfig.menu_links(user)``, only the pages
    this person can use (a job seeker is not shown the employers' AKAD permits)."""
    links = []
    for config in apps.get_app_configs():
        hook = getattr(config, "menu_links", None)
        if hook:
            links.extend(hook(user))
    return links


def menu(request):
    """The main menu's links, worked out only when a template shows them (as for a visitor on
    a page answered before the user is known, such as the rate limiter's)."""
    return {
        "menu_links": SimpleLazyObject(
            lambda: menu_links(getattr(request, "user", None) or AnonymousUser())
        )
    }
