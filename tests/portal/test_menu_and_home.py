"""What people find (on an office's home page, portal.offices): registration, the status check, verification and the satisfaction index
from the home page; a menu that shows each person only what he can use."""

import re

import pytest

from portal import roles
from tests.factories import make_employer, make_jobseeker
from tests.offices import office_url

pytestmark = pytest.mark.django_db


def nav(html):
    return html[html.index("<nav") : html.index("</nav>")]


def test_home_links_registration_status_check_verification_and_the_satisfaction_index(
    client, office, standards
):
    html = client.get(office_url("portal:home")).text
    for url, label in [
        (office_url("jobboard:register_jobseeker"), "Daftar sebagai pencari kerja"),
        (office_url("jobboard:register_employer"), "Daftar sebagai pemberi kerja"),
        (office_url("complaints:status"), "Cek status pengaduan"),
        (office_url("akad_permits:verify_lookup"), "Periksa keaslian izin AKAD"),
        (office_url("quality:public"), "Indeks kepuasan masyarakat"),
    ]:
        assert re.search(rf'href="{re.escape(url)}"[^>]*>\s*{label}', html), label


def test_the_menu_offers_registration_to_visitors_only(client, office, make_user):
    menu = nav(client.get(office_url("portal:home")).text)
    assert office_url("jobboard:register_jobseeker") in menu
    assert office_url("jobboard:register_employer") in menu
    client.force_login(make_jobseeker(status="active").user)
    menu = nav(client.get(office_url("portal:home")).text)
    assert office_url("jobboard:register_jobseeker") not in menu


def test_akad_permits_are_in_the_menu_only_for_those_who_can_use_them(
    client, office, standards, officers
):
    akad = office_url("akad_permits:application_list")
    # A visitor reads what the permit needs.
    menu = nav(client.get(office_url("portal:home")).text)
    assert office_url("portal:service_standard", "akad") in menu
    assert f'href="{akad}"' not in menu

    employer = make_employer(status="active")
    client.force_login(employer.user)
    assert f'href="{akad}"' in nav(client.get(office_url("portal:home")).text)
    assert client.get(akad).status_code == 200

    for user in (
        make_jobseeker(status="active").user,
        make_employer(status="waiting").user,
        officers[roles.JOB_PLACEMENT_OFFICER],
    ):
        client.force_login(user)
        menu = nav(client.get(office_url("jobboard:vacancy_list")).text)
        assert "Izin AKAD" not in menu, user
        assert client.get(akad).status_code == 403  # what the menu would have led to
