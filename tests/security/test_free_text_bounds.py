"""Attack: an 11 MB complaint, and a complaint whose "name" is a message to whoever receives
the acknowledgement (the office's own e-mail, to any address the sender typed).

Every free-text field of every form of the portal's apps is bounded on the server; the
acknowledgement quotes nothing a stranger typed except the reference the office gave.
"""

import pytest
from django import forms
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils import translation

from complaints.models import Complaint
from portal.forms import LINE_MAX_LENGTH, TEXT_MAX_LENGTH, BoundedTextMixin
from tests.complaints.conftest import ours
from tests.complaints.test_public import VALID
from tests.security.walk import form_classes

pytestmark = pytest.mark.django_db

SPAM = "Selamat! Anda menang Rp 50 juta, klik https://hadiah.example/klaim sekarang"


def _kwargs(cls):
    """The keyword arguments a form insists on (the AKAD step forms' application...)."""
    from jobboard.views.registration_steps import STEPS_BY_FORM
    from tests.akad_permits.conftest import make_application
    from tests.factories import make_employer

    # a registration step is the registration form cut to the step's fields (the whole form is
    # checked as itself): its second step, where the names and addresses are typed
    if cls in STEPS_BY_FORM:
        return {"steps": STEPS_BY_FORM[cls], "index": 1}
    for kwargs in ({}, {"choices": []}, {"offices": []}):
        try:
            cls(**kwargs)
            return kwargs
        except TypeError:
            continue
    from akad_permits.models import Recommendation

    for kwargs in (
        {"application": make_application(make_employer(status="active"))},
        {"recommendation": Recommendation()},  # the recommendation step forms
    ):
        try:
            cls(**kwargs)
            return kwargs
        except TypeError:
            continue
    raise AssertionError(f"{cls.__qualname__}: tell the test how to make one")


def _instance(cls):
    return cls(**_kwargs(cls))


def user_forms():
    return [c for c in form_classes() if "forms" in c.__module__.split(".")[1:2]]


def test_every_free_text_field_of_every_form_is_bounded():
    checked = 0
    for cls in user_forms():
        assert issubclass(cls, BoundedTextMixin), f"{cls.__qualname__} is not bounded"
        form = _instance(cls)
        for name, field in form.fields.items():
            if isinstance(field, forms.CharField):
                assert field.max_length is not None, f"{cls.__qualname__}.{name} has no bound"
                assert field.max_length <= TEXT_MAX_LENGTH, f"{cls.__qualname__}.{name}"
                checked += 1
    assert checked > 80


@pytest.mark.parametrize("cls", user_forms(), ids=lambda c: c.__qualname__)
def test_an_over_long_value_is_refused_on_the_server_with_a_clear_message(cls):
    form = _instance(cls)
    texts = [n for n, f in form.fields.items() if isinstance(f, forms.CharField)]
    if not texts:
        pytest.skip("no free text")
    limits = {
        name: min(
            (
                v.limit_value
                for v in form.fields[name].validators
                if isinstance(v, MaxLengthValidator)
            ),
            default=None,
        )
        for name in texts
    }
    assert None not in limits.values(), f"{cls.__qualname__}: a bound without its check {limits}"
    data = {name: "x" * (limit + 1) for name, limit in limits.items()}
    with translation.override("id"):
        bound = cls(data=data, **_kwargs(cls))
        for name in texts:
            if form.fields[name].disabled:
                continue
            messages = " ".join(bound.errors.get(name, []))
            assert "paling banyak" in messages, f"{cls.__qualname__}.{name}: {messages!r}"


def test_an_eleven_megabyte_complaint_is_refused_and_nothing_recorded(client, office, mailoutbox):
    data = {**VALID, "text": "a" * (11 * 1024 * 1024)}
    response = client.post(reverse("complaints:create"), data)
    assert response.status_code == 200
    assert f"paling banyak {TEXT_MAX_LENGTH} karakter" in response.text
    assert not Complaint.objects.exists()
    assert not ours(mailoutbox)


def test_an_over_long_name_is_refused(client, office):
    response = client.post(
        reverse("complaints:create"), {**VALID, "complainant_name": "n" * (LINE_MAX_LENGTH + 1)}
    )
    assert response.status_code == 200 and not Complaint.objects.exists()


def test_the_acknowledgement_quotes_nothing_the_stranger_typed_but_the_reference(
    client, office, mailoutbox, django_capture_on_commit_callbacks
):
    data = {
        **VALID,
        "complainant_name": SPAM,
        "complainant_institution": SPAM,
        "subject": SPAM,
        "text": SPAM,
        "complainant_email": "korban@example.com",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:create"), data)
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    (mail,) = ours(mailoutbox)
    assert mail.to == ["korban@example.com"]
    assert complaint.reference in mail.body and complaint.reference in mail.subject
    for part in (mail.subject, mail.body):
        assert "hadiah" not in part and "Selamat" not in part and "50 juta" not in part
