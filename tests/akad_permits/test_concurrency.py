"""Two officers press the same button at the same moment, against real PostgreSQL locks."""

import threading

import pytest
from django.db import connection

from akad_permits import services
from akad_permits.models import PermitApplication, PermitNumberCounter, Status
from portal import roles
from portal.workflow import MoveRefused

from .conftest import bring_to, make_application, step_kwargs, step_service


def race(action, app_pk, actors, kwargs):
    """Run the step in one thread per actor, released together; return (successes, errors)."""
    barrier = threading.Barrier(len(actors))
    results, errors = [], []

    def work(actor):
        try:
            application = PermitApplication.objects.get(pk=app_pk)
            barrier.wait()
            results.append(step_service(action)(application=application, actor=actor, **kwargs))
        except MoveRefused as exc:
            errors.append(exc.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(a,)) for a in actors]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results, errors


@pytest.fixture
def two_kasi(make_user, roles_synced):
    return [make_user(f"kasi{i}", role=roles.SECTION_HEAD) for i in (1, 2)]


@pytest.mark.django_db(transaction=True)
def test_two_kasi_drafting_at_once_give_one_transition_and_one_number(
    employer, officers, office, two_kasi
):
    app = bring_to(make_application(employer), "consulted", officers)
    done, refused = race("draft", app.pk, two_kasi, step_kwargs("draft"))
    assert len(done) == 1 and len(refused) == 1
    # In the portal's language (Indonesian), naming the state someone else just reached.
    assert "tidak dapat dilakukan sekarang" in refused[0]
    assert "Konsep izin disiapkan" in refused[0]
    app.refresh_from_db()
    assert app.status == Status.DRAFTED
    assert app.steps.filter(action="draft").count() == 1
    assert PermitNumberCounter.objects.get().last == 1
    assert PermitApplication.objects.exclude(permit_number=None).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_kadis_signing_at_once_issue_once(employer, officers, office, make_user):
    kadis = [officers[roles.HEAD_OF_OFFICE], make_user("kadis2", role=roles.HEAD_OF_OFFICE)]
    app = bring_to(make_application(employer), "drafted", officers)
    number = app.permit_number
    done, refused = race("sign", app.pk, kadis, {})
    assert len(done) == 1 and len(refused) == 1
    app.refresh_from_db()
    assert app.status == Status.ISSUED and app.permit_number == number
    assert app.steps.filter(action="sign").count() == 1


@pytest.mark.django_db(transaction=True)
def test_permits_drafted_at_once_for_different_applications_get_different_numbers(
    employer, officers, office, two_kasi
):
    apps = [bring_to(make_application(employer), "consulted", officers) for _ in range(2)]
    barrier = threading.Barrier(2)
    errors = []

    def work(app, kasi):
        try:
            barrier.wait()
            services.draft(application=app, actor=kasi, **step_kwargs("draft"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=pair) for pair in zip(apps, two_kasi, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    seqs = sorted(PermitApplication.objects.values_list("permit_seq", flat=True))
    assert seqs == [1, 2]
