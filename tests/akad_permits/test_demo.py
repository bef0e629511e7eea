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
