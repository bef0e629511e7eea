"""A logged-in person's account comes with their job seeker's or employer's profile in one
query (portal.backends.EmailOrUsernameBackend.get_user), read afresh on every request."""

import pytest
from django.urls import reverse

from jobboard.models import Employer, JobSeeker
from tests.factories import make_employer, make_jobseeker
from tests.jobboard.factories import make_vacancy

pytestmark = pytest.mark.django_db


def test_a_job_seekers_vacancy_page_asks_five_queries(client, office, django_assert_num_queries):
    """The session (a row here; Redis with REDIS_URL), the account with its profile, the
    vacancy, the job seeker's application to it, and a survey waiting for an answer: the
    profile no longer costs queries of its own (it cost three more: the job seeker's, the
    employer's for the owner's link, and the AKAD menu's own question)."""
    seeker = make_jobseeker(status="active")
    vacancy = make_vacancy(title="Operator Forklift")
    client.force_login(seeker.user)
    client.cookies["django_language"] = "en"
    detail = reverse("jobboard:vacancy_detail", args=[vacancy.pk])
    client.get(detail)

    with django_assert_num_queries(5):
        page = client.get(detail)
    assert "Apply now" in page.content.decode()


def test_an_activation_shows_on_the_job_seekers_next_page(client, office):
    seeker = make_jobseeker(status="waiting")
    vacancy = make_vacancy(title="Operator Forklift")
    client.force_login(seeker.user)
    client.cookies["django_language"] = "en"
    detail = reverse("jobboard:vacancy_detail", args=[vacancy.pk])
    assert "Apply now" not in client.get(detail).content.decode()

    JobSeeker.objects.filter(pk=seeker.pk).update(status="active")

    assert "Apply now" in client.get(detail).content.decode()


def test_an_employer_has_the_permits_menu_only_while_active(client, office):
    employer = make_employer(status="active")
    client.force_login(employer.user)
    permits = reverse("akad_permits:application_list")
    assert f'href="{permits}"' in client.get(reverse("portal:offices")).content.decode()

    Employer.objects.filter(pk=employer.pk).update(status="rejected")

    assert f'href="{permits}"' not in client.get(reverse("portal:offices")).content.decode()
