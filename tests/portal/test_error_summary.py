"""Issue 19, item 1: a refused form says at its top what to correct, each error a link to its
field, and that summary takes the focus when the page loads (static/portal/forms.js)."""

import re

import pytest
from django.urls import reverse

from tests.complaints.test_public import VALID
from tests.offices import office_url

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(
    r'<div class="alert alert-danger" role="alert" id="form-errors"(.*?)</div>', re.S
)


def summary_of(html):
    found = SUMMARY.search(html)
    assert found, "the refused form has an error summary"
    return found.group(0)


def test_a_refused_complaint_lists_each_error_as_a_link_to_its_field(client, office):
    data = {**VALID, "complainant_name": "", "text": ""}
    response = client.post(office_url("complaints:create"), data)
    assert response.status_code == 200
    summary = summary_of(response.text)
    assert 'tabindex="-1"' in summary and "data-focus-on-load" in summary
    assert 'href="#id_complainant_name"' in summary and 'href="#id_text"' in summary
    assert 'id="id_complainant_name"' in response.text  # the link leads to the field
    assert "Beberapa isian perlu diperbaiki" in summary


def test_a_registration_step_lists_its_errors_too(client):
    response = client.post(
        reverse("jobboard:register_jobseeker"), {"wizard_step": "nik", "nik": "12"}
    )
    summary = summary_of(response.text)
    assert 'href="#id_nik"' in summary and "16 digit" in summary


def test_the_focus_script_is_served_with_every_page(client, office):
    page = client.get(office_url("complaints:create")).text
    assert '<script src="/static/portal/forms.js"></script>' in page
    assert "data-focus-on-load" not in page  # nothing refused, nothing to focus
