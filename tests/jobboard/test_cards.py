"""The list's cards (jobboard.cards): a change to a vacancy or its employer shows on the next
list, and one visitor's "Applied" never shows to another (the cards were kept in the shared
cache for a while; these held it to that)."""

import pytest
from django.urls import reverse

from tests.jobboard.factories import make_application, make_seeker, make_vacancy

pytestmark = pytest.mark.django_db
LIST = reverse("jobboard:vacancy_list")


def cards_of(client):
    page = client.get(LIST)
    assert page.status_code == 200
    return page.text


@pytest.fixture
def seeker_client(client):
    seeker = make_seeker()
    client.force_login(seeker.user)
    return client, seeker


def test_a_vacancy_edited_shows_its_new_title_on_the_next_list(seeker_client):
    client, _seeker = seeker_client
    vacancy = make_vacancy(title="Operator mesin jahit")
    assert "Operator mesin jahit" in cards_of(client)
    cards_of(client)
    vacancy.title, vacancy.salary_min, vacancy.salary_max = "Penjahit garmen", 3_100_000, None
    vacancy.save()
    shown = cards_of(client)
    assert "Penjahit garmen" in shown and "Operator mesin jahit" not in shown
    assert "Rp 3.100.000" in shown and "Rp 2.500.000" not in shown


def test_an_employer_renamed_shows_on_every_card_of_its_vacancies(seeker_client):
    client, _seeker = seeker_client
    vacancy = make_vacancy()
    employer = vacancy.employer
    cards_of(client)
    employer.company_name = "PT Sumber Rejeki Baru"
    employer.save()
    assert "PT Sumber Rejeki Baru" in cards_of(client)


def test_applied_shows_only_to_the_job_seeker_who_applied(client, seeker_client):
    _, seeker = seeker_client
    vacancy = make_vacancy(title="Juru las konstruksi")
    make_application(vacancy, seeker)
    badge = 'class="badge text-bg-info"'
    assert badge in cards_of(client)
    client.logout()
    other = make_seeker()
    client.force_login(other.user)
    shown = cards_of(client)
    assert "Juru las konstruksi" in shown and badge not in shown
    client.logout()
    client.force_login(seeker.user)
    assert badge in cards_of(client)


def test_the_card_speaks_the_visitor_s_language(seeker_client):
    client, _seeker = seeker_client
    make_vacancy(work_type="full_time")
    assert "Penuh waktu" in cards_of(client)
    client.post(reverse("set_language"), {"language": "en", "next": LIST})
    assert "Full time" in cards_of(client)


def test_a_change_made_outside_the_portal_shows_too(seeker_client):
    """A title changed in the database directly (no ``updated_at``, no signal) shows too."""
    from django.db import connection

    client, _seeker = seeker_client
    vacancy = make_vacancy(title="Operator bubut")
    assert "Operator bubut" in cards_of(client)
    with connection.cursor() as cursor:
        cursor.execute(
            "update jobboard_vacancy set title = %s where id = %s", ["Operator CNC", vacancy.pk]
        )
    shown = cards_of(client)
    assert "Operator CNC" in shown and "Operator bubut" not in shown


def test_a_job_seeker_card_shows_what_the_profile_shows_without_the_contacts():
    """The employer's search builds its cards in Python: the same facts as the profile's
    template (jobboard/_jobseeker_profile.html), with the skills' line breaks and the escaping,
    and never the telephone or e-mail."""
    import re

    from django.template.loader import render_to_string

    from jobboard.cards import candidate_cards
    from tests.factories import make_jobseeker

    seeker = make_jobseeker(
        status="active",
        skills="Las listrik\n<b>Bubut</b>",
    )
    seeker.saved = True
    card = str(candidate_cards([seeker])[0])
    profile = render_to_string("jobboard/_jobseeker_profile.html", {"seeker": seeker})

    def facts(html):
        dl = html[html.index("<dl") : html.index("</dl>")]
        return re.sub(r">\s+<", "><", dl).strip()

    assert facts(card) == facts(profile)
    assert "Las listrik<br>&lt;b&gt;Bubut&lt;/b&gt;" in card
    assert seeker.phone not in card and seeker.email not in card
    assert reverse("jobboard:candidate_detail", args=[seeker.pk]) in card
    assert "badge" in card
