from django.http import HttpResponse
from django.urls import include, path

from scripts.bench.floors import floor_admin, search_floor


def bare(request):
    """A short page through the same middleware: what the stack costs with no work at all."""
    return HttpResponse("<!doctype html><title>ok</title><p>ok</p>")


urlpatterns = [
    path("__bare__/", bare),
    path("__floor__/search/", search_floor),
    path("__floor__/admin/", floor_admin.urls),
    path("", include("portal.urls")),
]
