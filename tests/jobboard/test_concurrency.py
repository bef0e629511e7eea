"""Two people press the same button at the same moment, against real PostgreSQL locks."""

import threading

import pytest
from django.db import connection

from jobboard import services
from jobboard.models import Application, JobSeeker, Placement, RegistrationStep
from portal import roles
from portal.workflow import MoveRefused
from tests.jobboard.factories import make_application, make_jobseeker, make_vacancy

pytestmark = pytest.mark.django_db(transaction=True)


def race(calls):
    """Run each callable in its own thread, released together; return (done, refused)."""
    barrier = threading.Barrier(len(calls))
    done, refused = [], []

    def work(call):
        try:
            barrier.wait()
            done.append(call())
        except MoveRefused as exc:
            refused.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return done, refused


def test_two_officers_activating_at_once_make_one_decision(make_user, roles_synced):
    officers = [make_user(f"pak{i}", role=roles.JOB_PLACEMENT_OFFICER) for i in (1, 2)]
    seeker = make_jobseeker()
    done, refused = race(
        [
            lambda o=o: services.activate_registration(JobSeeker.objects.get(pk=seeker.pk), actor=o)
            for o in officers
        ]
    )
    assert len(done) == 1 and len(refused) == 1
    assert RegistrationStep.objects.count() == 1


def test_a_double_click_on_apply_makes_one_application():
    vacancy = make_vacancy()
    seeker = make_jobseeker(status="active")
    done, refused = race([lambda: services.apply(vacancy, actor=seeker.user)] * 2)
    assert len(done) == 1 and len(refused) == 1
    assert Application.objects.count() == 1


def test_hiring_twice_at_once_counts_one_placement():
    application = make_application(status="interview")
    owner = application.vacancy.employer.user
    done, refused = race(
        [
            lambda: services.move_application(
                Application.objects.get(pk=application.pk), actor=owner, to_status="hired"
            )
        ]
        * 2
    )
    assert len(done) == 1 and len(refused) == 1
    assert Placement.objects.count() == 1
