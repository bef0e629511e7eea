import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from portal.admin_base import HistoryAdmin

pytestmark = pytest.mark.django_db


def test_every_history_admin_is_read_only():
    """A new admin that uses simple-history directly would reopen the revert hole."""
    plain = [
        f"{model._meta.label}: {type(model_admin).__name__}"
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin) and not isinstance(model_admin, HistoryAdmin)
    ]
    assert plain == []


def test_history_version_can_be_read_but_not_reverted(client, office, make_user):
    superuser = make_user("root", superuser=True)
    client.force_login(superuser)
    office.phone = "(0335) 000000"
    office.save()
    version = office.history.order_by("history_id").first()
    url = reverse("admin:portal_office_simple_history", args=[office.pk, version.history_id])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"name": "Dinas Palsu", "phone": "1", "complaint_email": "x@example.com"}
    )
    assert response.status_code == 403
    office.refresh_from_db()
    assert office.phone == "(0335) 000000"
