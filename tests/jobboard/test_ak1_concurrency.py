"""AK/I numbers under parallel activations: against real PostgreSQL row locks."""

import pytest
from django.utils import timezone

from jobboard import services
from jobboard.models import Ak1Card, JobSeeker
from portal import roles
from tests.factories import make_jobseeker
from tests.jobboard.test_concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def test_numbers_are_unique_and_sequential_under_parallel_activations(make_user, roles_synced):
    officers = [make_user(f"petugas{i}", role=roles.JOB_PLACEMENT_OFFICER) for i in range(6)]
    seekers = [make_jobseeker(ak1_requested=True) for _ in officers]
    done, refused = race(
        [
            lambda o=o, s=s: services.activate_registration(JobSeeker.objects.get(pk=s.pk), actor=o)
            for o, s in zip(officers, seekers, strict=True)
        ]
    )
    assert len(done) == 6 and refused == []
    year = timezone.localdate().year
    numbers = sorted(Ak1Card.objects.values_list("number", flat=True))
    assert numbers == [f"AK1/{n:06d}/{year}" for n in range(1, 7)]  # gapless, no repeat
    assert sorted(Ak1Card.objects.values_list("seq", flat=True)) == list(range(1, 7))
