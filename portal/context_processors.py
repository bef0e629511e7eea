from django.utils.functional import SimpleLazyObject

from .models import OfficeProfile


def office(request):
    """The office profile for every page, read only when a template uses it."""
    return {"office": SimpleLazyObject(OfficeProfile.for_pages)}
