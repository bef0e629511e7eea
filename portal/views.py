import sys
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils.csp import CSP
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import offices
from .files import content_type_for
from .forms import OfficeSearchForm
from .models import Office, ServiceStandard
from .pagecache import cache_public_page


@require_GET
@cache_public_page(params=("q",))
def home(request):
    """An office's home page (its services); at the portal's root, the list of offices."""
    if request.office is None:
        return office_list(request)
    return render(request, "portal/home.html", {"standards": offices.standards_for(request.office)})


def office_list(request):
    """The offices on the portal, by province, each with its services; ``q`` finds a region."""
    form = OfficeSearchForm(request.GET or None)
    found = Office.objects.filter(is_active=True).order_by("province", "level", "region")
    if form.is_valid() and form.cleaned_data["q"]:
        words = form.cleaned_data["q"]
        found = found.filter(
            Q(region__icontains=words)
            | Q(name__icontains=words)
            | Q(province__icontains=words)
            | Q(government__icontains=words)
        )
    provinces = {}
    for office in found:
        office.home_url = offices.office_reverse(office, "portal:home")
        office.services = [
            label
            for service, label in ServiceStandard.Service.choices
            if offices.offers(office, service)
        ]
        provinces.setdefault(office.province, []).append(office)
    return render(
        request,
        "portal/offices.html",
        {"form": form, "provinces": sorted(provinces.items()), "searched": form.is_bound},
    )


@require_GET
@cache_public_page
def service_standard(request, service):
    standard = offices.standard_for(request.office, service)
    if standard is None:
        raise Http404
    return render(request, "portal/service_standard.html", {"standard": standard})


# Pages that belong to one person or to the officers: search engines keep out. The public
# pages (home, standards, vacancies, the forms) are in the sitemap instead.
PRIVATE_PREFIXES = (
    "/admin/",
    "/akun/",
    "/berkas/",
    "/masuk/",
    "/keluar/",
    "/i18n/",
    "/loker/akun/",
    "/loker/perusahaan/",
    "/loker/kartu-ak1/",
    "/akad/",
    "/pengaduan/terkirim/",
    "/pengaduan/status/",
    "/mutu/dasbor/",
    "/mutu/survei/",
)


OFFICE_ROOTS = ("/loker/", "/akad/", "/pengaduan/", "/mutu/")


@require_GET
def robots_txt(request):
    # an office's addresses of them too (/kota-probolinggo/akad/, portal.offices)
    per_office = [f"/*{prefix}" for prefix in PRIVATE_PREFIXES if prefix.startswith(OFFICE_ROOTS)]
    lines = [
        "User-agent: *",
        *(f"Disallow: {prefix}" for prefix in [*PRIVATE_PREFIXES, *per_office]),
    ]
    lines += ["", f"Sitemap: {settings.SITE_URL}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@login_required
def dashboard(request):
    """Where a person lands after logging in: officers in the admin, others on their own pages.

    Each app offers its links through ``AppConfig.account_links(user)`` so this page needs to
    know nothing about the services.
    """
    if request.user.is_staff:
        return redirect("admin:index")
    sections = []
    for config in apps.get_app_configs():
        hook = getattr(config, "account_links", None)
        if hook:
            links = hook(request.user)
            if links:
                sections.append((config.verbose_name, links))
    if len(sections) == 1 and len(sections[0][1]) == 1:
        return redirect(sections[0][1][0][1])
    return render(request, "portal/dashboard.html", {"sections": sections})


@never_cache
@login_required
@require_GET
def download(request, model, pk, field):
    """The one way out for private uploads: the owner and permitted officers only."""
    try:
        model_class = apps.get_model(model)
    except (LookupError, ValueError):
        raise Http404 from None
    if field not in getattr(model_class, "private_file_fields", ()):
        raise Http404
    obj = get_object_or_404(model_class, pk=pk)
    if not obj.can_read_files(request.user):
        raise PermissionDenied
    stored = getattr(obj, field)
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    ext = PurePosixPath(stored.name).suffix
    content_type = content_type_for(stored.name)
    # ``?lihat=1``: shown in the officer's page (an <img>, a PDF in an <iframe> of the admin)
    # instead of saved; only an officer's, and only here, may a page of the portal frame it.
    inline = request.GET.get(INLINE_PARAMETER) == "1" and request.user.is_staff
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=f"{model_class._meta.model_name}-{pk}-{field}{ext}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if inline and content_type == "application/pdf":
        response["X-Frame-Options"] = "SAMEORIGIN"
        response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
    return response


INLINE_PARAMETER = "lihat"


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response: an Indonesian page that says how long to wait."""
    cooloff = settings.AXES_COOLOFF_TIME
    return render(
        request,
        "registration/locked_out.html",
        {"cooloff_minutes": int(cooloff.total_seconds() // 60)},
        status=429,
    )


def _database_unreachable(exc):
    """Is this the database being down (no connection, a lost one), not a bug in a query?"""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, (OperationalError, InterfaceError)):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def server_error(request):
    """handler500: an honest page about what happened to what the person sent.

    Rendered without the request's context (no database, no cache): it must work when
    nothing else does. When the database cannot be reached the answer is 503 and says that
    a form just sent was NOT saved; otherwise 500, and it does not claim what it cannot know.
    """
    sent = request.method not in ("GET", "HEAD", "OPTIONS")
    context = {"sent": sent, "path": request.path}
    if _database_unreachable(sys.exc_info()[1]):
        page = loader.get_template("503_database.html").render(context)
        response = HttpResponse(page, status=503)
        response["Retry-After"] = "120"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(context))
