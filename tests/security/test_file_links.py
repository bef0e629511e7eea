"""Attack: read a page with a form for a stored file and find the file's storage name and
address (``ClearableFileInput`` printed ``/unused-private/jobseekers/ktp/<uuid>.pdf``; with S3
storage that would be a pre-signed URL that bypasses the checked download view).

Walked as a class: every form class of the portal's apps that has a file field, bound to an
instance with stored files, rendered plain and through crispy-forms; every page of the site and
of the admin that shows such a form or such a field.
"""

import re

import pytest
from django import forms
from django.contrib import admin
from django.core.files.base import ContentFile
from django.db import models
from django.template import engines
from django.urls import reverse

from portal.files import NoPublicURL
from portal.forms import PrivateFileInput
from tests.akad_permits.conftest import make_application
from tests.conftest import PDF_BYTES, PNG_BYTES
from tests.factories import make_employer, make_jobseeker
from tests.jobboard.factories import make_vacancy
from tests.security.walk import form_classes

pytestmark = pytest.mark.django_db


def _instances():
    """One instance with every file field filled, per model that has file fields."""
    seeker = make_jobseeker(status="active")
    seeker.photo.save("foto.png", ContentFile(PNG_BYTES), save=False)
    seeker.cv.save("cv.pdf", ContentFile(PDF_BYTES), save=False)
    seeker.save()
    employer = make_employer(status="active")
    vacancy = make_vacancy(employer, status="returned")
    application = make_application(employer)
    from django.contrib.auth import get_user_model

    from jobboard.models import ProfileChange
    from portal import roles
    from tests.conftest import first_office, give_role
    from tests.jobboard.ak1_helpers import issued_card

    officer = get_user_model().objects.create_user("officer-files", password="x", is_staff=True)
    give_role(officer, first_office(), roles.JOB_PLACEMENT_OFFICER)
    card = issued_card(officer)
    card.snapshot_photo.save("foto-kartu.png", ContentFile(PNG_BYTES))
    change = ProfileChange(jobseeker=seeker)
    change.ktp_scan.save("ktp-baru.pdf", ContentFile(PDF_BYTES), save=False)
    change.save()
    office = first_office()
    office.logo.save("lambang.png", ContentFile(PNG_BYTES))
    return {type(o): o for o in (seeker, vacancy, application, card, change, office)}


def _stored_names(instance):
    return [
        getattr(instance, f.name).name
        for f in instance._meta.get_fields()
        if isinstance(f, models.FileField) and getattr(instance, f.name)
    ]


def assert_no_storage_address(html, instance, where):
    assert "unused-private" not in html, where
    for name in _stored_names(instance):
        stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        assert stem not in html, f"{where}: the storage name {name} is in the page"


def test_the_private_storage_has_no_address_for_a_file():
    seeker = make_jobseeker()
    with pytest.raises(NoPublicURL):
        seeker.ktp_scan.url  # noqa: B018
    with pytest.raises(NoPublicURL):  # a template that asks for it fails loudly, too
        engines["django"].from_string("{{ f.url }}").render({"f": seeker.ktp_scan})


def _step_of_files(cls):
    """A registration step form is made for one step: the step where files are chosen."""
    from jobboard.views.registration_steps import STEPS_BY_FORM

    steps = STEPS_BY_FORM.get(cls)
    if steps is None:
        return {}
    model = cls._meta.model
    files = {f.name for f in model._meta.fields if isinstance(f, models.FileField)}
    index = next((i for i, step in enumerate(steps) if files & set(step.fields)), 0)
    return {"steps": steps, "index": index}


def test_every_form_with_a_file_field_names_stored_files_only_through_the_download_view(office):
    instances = _instances()
    crispy = engines["django"].from_string("{% load crispy_forms_tags %}{{ form|crispy }}")
    checked = []
    for cls in form_classes():
        model = getattr(getattr(cls, "_meta", None), "model", None)
        extra = _step_of_files(cls)
        try:
            form = cls(instance=instances[model], **extra) if model in instances else None
        except TypeError:
            form = None
        if form is None:
            if model is None:
                try:
                    form = cls()
                except TypeError:
                    continue
            else:
                form = cls(instance=model(), **extra)
        file_fields = [n for n, f in form.fields.items() if isinstance(f, forms.FileField)]
        if not file_fields:
            continue
        assert model in instances, f"{cls.__qualname__}: add an instance of {model} with files"
        instance = instances[model]
        for name in file_fields:
            assert isinstance(form.fields[name].widget, PrivateFileInput), (
                f"{cls.__qualname__}.{name} does not use portal.forms.PrivateFileInput"
            )
        for html, how in ((str(form), "plain"), (crispy.render({"form": form}), "crispy")):
            where = f"{cls.__qualname__} ({how})"
            assert_no_storage_address(html, instance, where)
            for name in file_fields:
                if getattr(instance, name):
                    url = reverse("portal:download", args=[model._meta.label, instance.pk, name])
                    assert f'href="{url}"' in html, f"{where}: {name} is not linked for download"
        checked.append(cls.__qualname__)
    # The forms that carry uploads today; a new one joins the walk by itself.
    assert {
        "JobSeekerForm",
        "JobSeekerRegistrationForm",
        "VacancyForm",
        "ApplicationForm",
    } <= set(checked), checked


def test_no_page_that_shows_a_stored_file_prints_its_storage_address(client, office, make_user):
    instances = _instances()
    seeker = next(o for m, o in instances.items() if m.__name__ == "JobSeeker")
    vacancy = next(o for m, o in instances.items() if m.__name__ == "Vacancy")
    application = next(o for m, o in instances.items() if m.__name__ == "PermitApplication")
    pages = [
        (seeker.user, reverse("jobboard:profile_edit"), seeker),
        (seeker.user, reverse("jobboard:my_status"), seeker),
        (vacancy.employer.user, reverse("jobboard:vacancy_edit", args=[vacancy.pk]), vacancy),
        (
            application.employer.user,
            reverse("akad_permits:application_edit", args=[application.pk]),
            application,
        ),
        (
            application.employer.user,
            reverse("akad_permits:application_detail", args=[application.pk]),
            application,
        ),
    ]
    superuser = make_user("root", superuser=True)
    for model in admin.site._registry:
        if not any(isinstance(f, models.FileField) for f in model._meta.get_fields()):
            continue
        instance = instances.get(model) or next(
            (o for m, o in instances.items() if issubclass(m, model)), None
        )
        assert instance is not None, f"add an instance of {model.__name__} with files"
        info = model._meta.app_label, model._meta.model_name
        pages.append(
            (superuser, reverse("admin:{}_{}_change".format(*info), args=[instance.pk]), instance)
        )
        pages.append((superuser, reverse("admin:{}_{}_changelist".format(*info)), instance))
    for user, url, instance in pages:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_no_storage_address(html, instance, url)
        assert not re.search(r"[0-9a-f]{32}\.(pdf|jpg|png)", html), f"{url}: a storage name"
