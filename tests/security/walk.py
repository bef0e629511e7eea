"""Every form class of the portal's own apps, for tests that must hold for all of them."""

import importlib

from django import forms

PORTAL_APPS = ("portal", "jobboard", "akad_permits", "complaints", "quality")


def form_classes():
    """Each form class defined in the apps (their forms modules imported first), sorted."""
    for app in PORTAL_APPS:
        try:
            importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
    seen, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return sorted(
        (c for c in seen if c.__module__.split(".")[0] in PORTAL_APPS),
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )
