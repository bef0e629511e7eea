from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    """A short page through the same middleware: what the stack costs with no work at all."""
    return HttpResponse("<!doctype html><title>ok</title><p>ok</p>")


urlpatterns = [path("__bare__/", bare), path("", include("portal.urls"))]
