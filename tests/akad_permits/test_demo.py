import io

import pytest
from django.core.management import call_command

from akad_permits.models import PermitApplication, Status


@pytest.mark.django_db
def test_demo_loads_one_application_waiting_for_the_kadis_and_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    app = PermitApplication.objects.get(recommendation__isnull=True)
    assert app.status == Status.REGISTERED
    assert app.employer.is_active
    assert [s.action for s in app.steps.all()] == ["submit", "register"]


@pytest.mark.django_db
def test_demo_has_one_recommendation_across_offices_named_by_a_lumajang_application():
    from akad_permits.models import Recommendation
    from portal.demo import demo_lumajang, demo_office

    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    recommendation = Recommendation.objects.get()
    # the workers go to Kota Probolinggo, which recommends; Lumajang recruits and issues
    assert recommendation.office == demo_office()
    assert recommendation.recruiting_office == demo_lumajang()
    assert recommendation.status == "issued" and recommendation.number
    application = PermitApplication.objects.get(recommendation=recommendation)
    assert application.office == demo_lumajang()
    assert not application.recommendation_file
    assert application.status == Status.ISSUED  # by Lumajang's officers, in Lumajang
    assert application.printed["recommendation"]["number"] == recommendation.number
