import pytest
from django.urls import reverse

from tests.offices import office_url

pytestmark = pytest.mark.django_db


def test_empty_dashboard_and_public_page_render(head_client, office, client):
    response = head_client.get(reverse("quality:dashboard"))
    assert response.status_code == 200
    assert "<svg" in response.text
    response = head_client.get(reverse("quality:dashboard_csv", args=["permits_late"]))
    assert response.status_code == 200
    response = client.get(office_url("quality:public"))
    assert response.status_code == 200
