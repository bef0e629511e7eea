"""Every form of the portal writes "(wajib)" beside each field a person must fill in, the
officers' complaint intake included (there, beside the channels that need it)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from portal import roles
from tests.factories import make_employer
from tests.offices import office_url

pytestmark = pytest.mark.django_db


class Fields(HTMLParser):
    """Labels by the field they name, and the ids of required inputs."""

    def __init__(self):
        super().__init__()
        self.labels, self.required, self.optional, self._label = {}, set(), set(), None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self._label = attrs["for"]
            self.labels[self._label] = ""
        elif tag in ("input", "select", "textarea") and attrs.get("id"):
            if attrs.get("type") in ("hidden", "submit", "radio", "checkbox"):
                return
            (self.required if "required" in attrs else self.optional).add(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None

    def handle_data(self, data):
        if self._label:
            self.labels[self._label] += data


def fields_of(html):
    parser = Fields()
    parser.feed(html)
    return parser


@pytest.mark.parametrize(
    "name",
    [
        "jobboard:register_jobseeker",
        "jobboard:register_employer",
        "complaints:create",
        "complaints:status",
        "login",
    ],
)
def test_public_forms_mark_each_required_field(client, office, name):
    url = office_url(name) if name == "complaints:create" else reverse(name)
    form = fields_of(client.get(url).text)
    assert form.required, name
    for field in form.required:
        assert "(wajib)" in form.labels.get(field, ""), (name, field, form.labels.get(field))
    for field in form.optional:
        assert "(wajib)" not in form.labels.get(field, ""), (name, field)


def test_the_akad_application_form_marks_its_required_fields(client, office):
    employer = make_employer(status="active")
    client.force_login(employer.user)
    html = client.get(office_url("akad_permits:application_create")).text
    form = fields_of(html)
    for field in form.required:
        assert "(wajib)" in form.labels.get(field, ""), field


def test_the_officers_intake_form_says_what_each_channel_needs(client, officers, office):
    client.force_login(officers[roles.COMPLAINT_OFFICER])
    form = fields_of(client.get(reverse("admin:complaints_complaint_intake")).text)
    assert "(wajib)" in form.labels["id_complainant_name"]
    assert "(wajib)" in form.labels["id_text"]
    assert "(wajib di loket dan melalui telepon)" in form.labels["id_complainant_phone"]
    assert "radio" not in form.labels["id_complainant_phone"]  # the radio does not need it
    assert "(wajib untuk radio)" in form.labels["id_radio_forwarded_by"]
    assert "(wajib untuk e-mail)" in form.labels["id_complainant_email"]
    assert "wajib" not in form.labels["id_complainant_institution"]
