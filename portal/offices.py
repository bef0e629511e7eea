"""Which offices an officer serves, and with which permissions in each.

An officer's permissions come from roles in offices (``portal.models.OfficeRole``): a Kasi of
Lumajang is nobody in Probolinggo. A role of a province office ("Pembaca Provinsi") reaches
every office whose parent is that province, with the role's own (read-only) permissions.

Everything here reads one map per user object, ``{office id: permissions}``, built once and
kept on the user (so once per request): ``offices_for``, ``has_office_perm`` and the auth
backend (``portal.backends.OfficeRoleBackend``) answer from it without further queries.

A superuser serves every office.
"""

from contextlib import contextmanager

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
