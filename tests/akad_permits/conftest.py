"""AKAD fixtures: an active employer, applications brought to any state through the services."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from portal import roles
from tests.conftest import PDF_BYTES
from tests.factories import make_employer

# The officers' path, in order: (state reached, service name, kwargs, role that takes it).
PATH = [
    (
        "registered",
        "register",
        {"agenda_number": "005/1/2026", "agenda_date": None},
        roles.SECRETARIAT,
    ),
    ("disposed", "dispose", {"instruction": "Proses sesuai ketentuan."}, roles.HEAD_OF_OFFICE),
    ("consulted", "consult", {"outcome": "Disetujui untuk diproses."}, roles.DIVISION_HEAD),
    (
        "drafted",
        "draft",
        {"valid_from": None, "valid_until": None, "coverage": "Operator: 10 L"},
        roles.SECTION_HEAD,
    ),
    ("issued", "sign", {}, roles.HEAD_OF_OFFICE),
]


def step_service(action):
    """The service function of ``action``, from its row of the move table."""
    from akad_permits.workflows import WORKFLOW

    return WORKFLOW.move(action).service_function()


def step_kwargs(name):
    today = timezone.localdate()
    kwargs = dict(next(k for _s, n, k, _r in PATH if n == name))
    if name == "register":
        kwargs["agenda_date"] = today
    if name == "draft":
        kwargs.update(valid_from=today, valid_until=today + datetime.timedelta(days=90))
    return kwargs


@pytest.fixture
def employer(db):
    return make_employer(status="active", company_name="PT Karya Abadi Sejahtera")


def make_application(employer, *, complete=True, **fields):
    from akad_permits.models import PermitApplication, PermitPosition

    today = timezone.localdate()
    values = dict(
        employer=employer,
        office=employer.office,
        recruiter_name=employer.company_name,
        user_company="PT Kebun Makmur",
        destination_province="Kalimantan Timur",
        destination_city="Kabupaten Kutai Kartanegara",
        recruitment_start=today,
        recruitment_end=today + datetime.timedelta(days=60),
        recommendation_number="562/10/AKAD/2026",
        recommendation_date=today,
        recommendation_issuer="Disnakertrans Kaltim",
        assignment_number="ST/01/2026",
        assignment_date=today,
        assignment_person="Agus",
    )
    values.update(fields)
    application = PermitApplication(**values)
    if complete:
        for field in ("vacancy_file", "recommendation_file", "assignment_file", "workforce_file"):
            getattr(application, field).save(f"{field}.pdf", ContentFile(PDF_BYTES), save=False)
    application.save()
    if complete:
        PermitPosition.objects.create(
            application=application, title="Operator", male_count=10, female_count=2
        )
    return application


def bring_to(application, state, officers):
    """Walk the application through the services until it is in ``state``."""
    from akad_permits import services

    if state == "draft":
        return application
    if application.status == "draft":
        services.submit(application=application, actor=application.employer.user)
    if state == "returned":
        services.return_to_applicant(
            application=application,
            actor=officers[roles.SECRETARIAT],
            items=["workforce_file"],
            reason="Data jumlah kebutuhan belum ditandatangani.",
        )
    elif state == "refused":
        services.register(
            application=application, actor=officers[roles.SECRETARIAT], **step_kwargs("register")
        )
        services.refuse(
            application=application, actor=officers[roles.HEAD_OF_OFFICE], reason="Kuota penuh."
        )
    else:
        for _reached, name, _kwargs, role in PATH:
            if application.status == state:
                break
            getattr(services, name)(
                application=application, actor=officers[role], **step_kwargs(name)
            )
    application.refresh_from_db()
    assert application.status == state
    return application


@pytest.fixture
def application(employer):
    return make_application(employer)


@pytest.fixture
def in_state(application, officers, office):
    """in_state("drafted") -> the application fixture brought to that state."""

    def make(state, app=None):
        return bring_to(app or application, state, officers)

    return make
