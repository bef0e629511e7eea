"""Each office's public pages at its own address: ``/<office.slug>/…`` or its own host name.

``OfficeMiddleware`` finds the office a request is for and sets ``request.office`` (an
``Office``, or None on the portal's global pages):

- by the first path segment, when it is an active office's slug (``/kab-lumajang/loker/``);
- else by the host name, when an office lists it in ``Office.hostnames`` or the settings map
  ``OFFICE_HOSTS`` (``{"disnaker.lumajangkab.go.id": "kab-lumajang"}``) names it.

A path-prefixed request is resolved, and every ``reverse()`` / ``{% url %}`` on its page is
answered, by that office's own URL configuration (``portal.urls.build_urlpatterns`` with the
office's prefix): its pages link to its own prefixed pages, while the log-in, the accounts, the
admin and the files stay at the root. This works as ``request.urlconf``, Django's own
per-request URL configuration, so nothing is rewritten and ``request.path`` is the address the
visitor sees. A host-named office keeps the root URL configuration: its pages have no prefix.

The slug and host map is one small value in the shared cache and each office another
(``portal.pagecache.memoize``, retired when an office is saved): the lookup costs no query
when the cache is warm, and a fixed number when it is not, whatever the number of offices.

The one-office portal's addresses keep working: a GET of a page that is now per office,
without an office, is sent (301) to the first office's address of it (``LEGACY_REDIRECTS``).
What names its own record (a permit's verification code, a complaint's reference, a survey
link) keeps answering where it was printed: the record knows its office.

Who serves an office (the second half of this module): which offices an officer serves, and with which permissions in each.

An officer's permissions come from roles in offices (``portal.models.OfficeRole``): a Kasi of
Lumajang is nobody in Probolinggo. A role of a province office ("Pembaca Provinsi") reaches
every office whose parent is that province, with the role's own (read-only) permissions.

Everything here reads one map per user object, ``{office id: permissions}``, built once and
kept on the user (so once per request): ``offices_for``, ``has_office_perm`` and the auth
backend (``portal.backends.OfficeRoleBackend``) answer from it without further queries.

A superuser serves every office.
"""

import types
from contextlib import contextmanager

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.urls import reverse, set_urlconf

from . import permcache
from .models import Office
from .pagecache import memoize

MAP_KEY = "portal:office-addresses"
# Addresses at the root that an office's slug may not take.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "akad",
        "akun",
        "berkas",
        "i18n",
        "keluar",
        "loker",
        "masuk",
        "media",
        "mutu",
        "pengaduan",
        "robots.txt",
        "standar-pelayanan",
        "static",
    }
)
# The public pages that are now per office: without an office, a GET goes to the first
# office's. An applicant's own pages (the AKAD application form among them) keep answering:
# the record takes its office from the address when there is one, else from its applicant.
LEGACY_REDIRECTS = frozenset(
    {
        "portal:service_standard",
        "complaints:create",
        "complaints:confirmation",
        "quality:public",
    }
)
# The view names of each office's home page and standards, by service: what it offers.
SERVICE_FLAGS = {
    "bkol": "offers_job_exchange",
    "akad": "offers_akad",
    "pengaduan": "offers_complaints",
}

# The apps whose pages an office has only when it offers their service (the job market is one,
# whatever an office offers).
SERVICE_NAMESPACES = {"akad_permits": "offers_akad", "complaints": "offers_complaints"}


def _address_map():
    slugs, hosts = {}, {}
    for pk, slug, hostnames in Office.objects.filter(is_active=True).values_list(
        "pk", "slug", "hostnames"
    ):
        slugs[slug] = pk
        for host in hostnames.splitlines():
            if host.strip():
                hosts[host.strip().lower()] = pk
    for host, slug in getattr(settings, "OFFICE_HOSTS", {}).items():
        if slug in slugs:
            hosts[host.lower()] = slugs[slug]
    return {"slugs": slugs, "hosts": hosts}


def address_map():
    """{"slugs": {slug: pk}, "hosts": {host: pk}} of the active offices, from the shared cache."""
    return memoize(MAP_KEY, _address_map, 3600, Office)


def office_by_pk(pk):
    """One office from the shared cache (the header and footer of each of its pages)."""
    return memoize(
        f"portal:office:{pk}", lambda: Office.objects.filter(pk=pk).first(), 3600, Office
    )


def first_office():
    """The one-office portal's office: where its old addresses now lead."""
    return memoize(
        "portal:first-office", lambda: Office.objects.order_by("pk").first(), 3600, Office
    )


_urlconfs = {}


def urlconf_for(slug):
    """The URL configuration of one office's prefixed pages, built once per process.

    One per office, kept (Django keeps a resolver per URL configuration): their number is
    bounded by the offices on the portal.
    """
    conf = _urlconfs.get(slug)
    if conf is None:
        from . import urls

        conf = types.ModuleType(f"portal.urls[{slug}]")
        conf.urlpatterns = urls.build_urlpatterns(f"{slug}/")
        conf.handler500 = urls.handler500
        conf = _urlconfs.setdefault(slug, conf)
    return conf


def office_reverse(office, viewname, args=None, kwargs=None):
    """``reverse()`` on ``office``'s pages, whatever the request (sitemaps, the office list)."""
    return reverse(viewname, urlconf=urlconf_for(office.slug), args=args, kwargs=kwargs)


def offers(office, service):
    """Does ``office`` offer the service of this standard (``ServiceStandard.service``)?"""
    flag = SERVICE_FLAGS.get(service)
    return bool(flag is None or getattr(office, flag))


def _host(request):
    return split_domain_port(request.get_host())[0]


class OfficeMiddleware:
    """Sets ``request.office`` and, on a prefixed address, that office's URL configuration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.office = None
        mapping = address_map()
        segment = request.path_info.lstrip("/").split("/", 1)[0]
        pk = mapping["slugs"].get(segment) if segment else None
        if pk is not None:
            request.urlconf = urlconf_for(segment)
            set_urlconf(request.urlconf)
        elif mapping["hosts"]:
            pk = mapping["hosts"].get(_host(request))
        if pk is not None:
            request.office = office_by_pk(pk)
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        match = request.resolver_match
        if request.office is not None:
            # an office's address of a service it does not offer does not exist
            flag = SERVICE_NAMESPACES.get(match.namespace if match else None)
            if flag and not getattr(request.office, flag):
                raise Http404
            return None
        if request.method != "GET":
            return None
        if match is None or match.view_name not in LEGACY_REDIRECTS:
            return None
        office = first_office()
        if office is None:
            return None
        target = office_reverse(office, match.view_name, args=match.args, kwargs=match.kwargs)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)


def standards_for(office):
    """The published service standards ``office`` offers, as its home page lists them: the
    office's own (portal.standards), in their order."""
    from .standards import standards_of

    return [s for s in standards_of(office) if offers(office, s.service)]


def standard_for(office, service):
    """The office's published standard of ``service`` if it offers that service, or None."""
    from . import standards

    if office is None or not offers(office, service):
        return None
    return standards.standard_for(office, service)


def office_choices():
    """[(slug, name, province)] of the active offices, for the vacancy search's office list."""
    return memoize(
        "portal:office-choices",
        lambda: list(
            Office.objects.filter(is_active=True)
            .order_by("province", "name")
            .values_list("slug", "name", "province")
        ),
        3600,
        Office,
    )


def office_ids(slugs):
    """The ids of the offices with these slugs (of every office, active or not), from a map kept
    in the shared cache: a list filtered by its office's id needs no join to the offices."""
    ids = memoize(
        "portal:office-ids",
        lambda: dict(Office.objects.values_list("slug", "pk")),
        3600,
        Office,
    )
    return [ids[slug] for slug in slugs if slug in ids]


# --- who serves an office: officers' roles per office -------------------------------------

_CACHE = "_office_perms_cache"
_FOCUS = "_office_focus"
_FIRST = "_office_first"


def first_office_id(holder=None):
    """The first office's id, kept on ``holder`` when given (the user of a request, a
    dashboard's period), so it is asked once."""
    cached = getattr(holder, _FIRST, None) if holder is not None else None
    if cached is not None:
        return cached
    from .models import Office

    first = Office.objects.order_by("pk").values_list("pk", flat=True).first()
    if holder is not None:
        setattr(holder, _FIRST, first)
    return first


def office_id_of(obj, user=None):
    """The id of the office ``obj`` belongs to (an Office is its own office).

    A model may name its office another way with an ``office_of()`` method (a record reached
    through another). A model that has no ``office`` field at all belongs to the first office:
    every record of the one-office portal was that office's.
    """
    from .models import Office

    if isinstance(obj, Office):
        return obj.pk
    hook = getattr(obj, "office_of", None)
    if callable(hook):
        office = hook()
        return getattr(office, "pk", office)
    if has_office_field(type(obj)) or hasattr(obj, "office_id"):
        return obj.office_id
    return first_office_id(user)


def has_office_field(model):
    return hasattr(model, "_meta") and _resolves(model, "office")


def office_permissions(user):
    """{office id: frozenset of "app.codename"} the user holds through office roles."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE, None)
    if cached is None:
        permcache.load(user)  # kept between requests: this very map, when nothing changed
        cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    from .models import Office, OfficeRole

    # one query: each role's office and each permission of its group
    rows = OfficeRole.objects.filter(user=user).values_list(
        "office_id",
        "office__level",
        "group__permissions__content_type__app_label",
        "group__permissions__codename",
    )
    held, provinces = {}, set()
    for office, level, app_label, codename in rows:
        perms = held.setdefault(office, set())
        if codename:
            perms.add(f"{app_label}.{codename}")
        if level == Office.Level.PROVINCE:
            provinces.add(office)
    if provinces:
        # a province's role reaches the offices of its province, with its own permissions
        reach = {}
        for child, parent in Office.objects.filter(parent__in=provinces).values_list(
            "pk", "parent_id"
        ):
            reach.setdefault(child, set()).update(held[parent])
        for child, perms in reach.items():
            held.setdefault(child, set()).update(perms)
    result = {office: frozenset(perms) for office, perms in held.items()}
    setattr(user, _CACHE, result)
    return result


def forget(user):
    """Drop the cached map (after giving or taking a role in the same request or test)."""
    for name in (_CACHE, _FIRST, "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, name):
            delattr(user, name)
    permcache.forget(user)


def all_office_ids():
    from .models import Office

    return list(Office.objects.order_by("pk").values_list("pk", flat=True))


def offices_for(user, perm=None):
    """Ids of the offices where ``user`` holds a role (granting ``perm``, when given).

    ``perm`` may also be a list: a role granting any of them. A superuser: every office.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return all_office_ids()
    wanted = [perm] if isinstance(perm, str) else perm
    return sorted(
        office
        for office, perms in office_permissions(user).items()
        if wanted is None or any(p in perms for p in wanted)
    )


def has_office_perm(user, perm, office_id):
    """Does a role of ``user`` in office ``office_id`` grant ``perm``?"""
    if not getattr(user, "is_active", False):
        return False
    if user.is_superuser:
        return True
    return perm in office_permissions(user).get(office_id, ())


@contextmanager
def focused(user, office_id):
    """Within the block, ``user.has_perm(perm)`` answers for one office only.

    The admin asks its usual questions (``has_change_permission`` and every override of it)
    about one object this way: only the roles of the object's office count.
    """
    previous = getattr(user, _FOCUS, None)
    setattr(user, _FOCUS, office_id)
    try:
        yield
    finally:
        if previous is None:
            delattr(user, _FOCUS)
        else:
            setattr(user, _FOCUS, previous)


def focus_of(user):
    return getattr(user, _FOCUS, None)


def _resolves(model, path):
    """Does the lookup ``path`` ("office", "application__office") name a field of ``model``?"""
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except Exception:  # FieldDoesNotExist
            return False
        model = field.related_model
    return True


def scope_q(model, offices, field="office", holder=None):
    """``Q`` of the records of ``model`` in ``offices`` (ids), their office reached by the
    lookup ``field``. A model whose office that lookup does not reach yet belongs to the first
    office (``office_id_of``)."""
    from django.db.models import Q

    offices = list(offices)
    if _resolves(model, field):
        return Q(**{f"{field}__in": offices})
    return Q() if first_office_id(holder) in offices else Q(pk__in=[])


def scope(queryset, offices, *, field="office", holder=None):
    """``queryset`` narrowed to the records of ``offices`` (ids); None: every office."""
    if offices is None:
        return queryset
    return queryset.filter(scope_q(queryset.model, offices, field, holder))


def scope_for(queryset, user, perm=None, *, field="office"):
    """``queryset`` narrowed to the offices where ``user`` holds ``perm`` (superuser: all)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return queryset
    return scope(queryset, offices_for(user, perm), field=field, holder=user)


def give_role(user, office, role_name):
    """Give ``user`` the role ``role_name`` (a group of portal.roles) in ``office``."""
    from django.contrib.auth.models import Group

    from .models import OfficeRole

    role, _ = OfficeRole.objects.get_or_create(
        user=user, office=office, group=Group.objects.get(name=role_name)
    )
    forget(user)
    return role
