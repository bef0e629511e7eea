"""The officers' work queues in the admin: what waits for each role, and the step buttons."""

import pytest
from django.urls import reverse

from akad_permits.models import PermitApplication, Status
from portal import roles

from .conftest import bring_to, make_application

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:akad_permits_permitapplication_changelist")


def step_url(app, action):
    return reverse("admin:akad_permits_permitapplication_step", args=[app.pk, action])


@pytest.fixture
def apps_in_every_state(employer, officers, office):
    states = ["draft", "submitted", "registered", "disposed", "consulted", "drafted", "issued"]
    return {s: bring_to(make_application(employer), s, officers) for s in states}


@pytest.mark.parametrize(
    ("role", "waiting"),
    [
        (roles.SECRETARIAT, ["submitted"]),
        (roles.HEAD_OF_OFFICE, ["registered", "drafted"]),
        (roles.DIVISION_HEAD, ["disposed"]),
        (roles.SECTION_HEAD, ["consulted"]),
    ],
)
def test_each_role_sees_its_own_queue_with_its_buttons(
    client, officers, apps_in_every_state, role, waiting
):
    client.force_login(officers[role])
    response = client.get(QUEUE)
    assert response.status_code == 200
    shown = {a.status for a in response.context["cl"].result_list}
    assert shown == set(waiting)
    body = response.content.decode()
    for state, app in apps_in_every_state.items():
        for action in ("register", "return", "dispose", "consult", "draft", "sign", "refuse"):
            if step_url(app, action) in body:
                assert state in waiting
    # "All applications" shows everything except nothing is hidden from an officer who looks.
    everything = client.get(QUEUE, {"queue": "all"})
    assert len(everything.context["cl"].result_list) == len(apps_in_every_state)


def test_roles_without_akad_work_cannot_open_the_queue(client, officers):
    for role in (roles.JOB_PLACEMENT_OFFICER, roles.COMPLAINT_OFFICER):
        client.force_login(officers[role])
        assert client.get(QUEUE).status_code == 403


def test_the_queue_is_oldest_first_marks_late_ones_and_stays_cheap(
    client, employer, officers, office, django_assert_max_num_queries
):
    import datetime

    from django.utils import timezone

    apps = [bring_to(make_application(employer), "submitted", officers) for _ in range(3)]
    old = timezone.now() - datetime.timedelta(days=10)
    PermitApplication.objects.filter(pk=apps[2].pk).update(state_entered_at=old)
    for _ in range(50):
        app = make_application(employer)
        PermitApplication.objects.filter(pk=app.pk).update(status=Status.SUBMITTED)
    client.force_login(officers[roles.SECRETARIAT])
    with django_assert_max_num_queries(20):
        response = client.get(QUEUE)
    rows = response.context["cl"].result_list
    assert rows[0].pk == apps[2].pk
    body = response.content.decode()
    assert "TERLAMBAT" in body
    assert (
        body.count('class="button workflow-step"') == 2 * 50
    )  # register + return on each shown row


def test_status_cannot_be_edited_in_the_admin(admin_client, in_state):
    app = in_state("submitted")
    url = reverse("admin:akad_permits_permitapplication_change", args=[app.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()
    response = admin_client.post(url, {"status": "issued"})
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED
    assert admin_client.get(reverse("admin:akad_permits_permitapplication_add")).status_code == 403


def test_change_page_shows_the_timeline_and_the_step_buttons(client, officers, in_state):
    app = in_state("registered")
    client.force_login(officers[roles.HEAD_OF_OFFICE])
    body = client.get(
        reverse("admin:akad_permits_permitapplication_change", args=[app.pk])
    ).content.decode()
    assert "Riwayat proses" in body
    assert step_url(app, "dispose") in body and step_url(app, "refuse") in body
    assert (
        reverse("portal:download", args=["akad_permits.PermitApplication", app.pk, "vacancy_file"])
        in body
    )


def test_each_step_form_calls_its_service(client, officers, in_state):
    app = in_state("submitted")
    forms = [
        (
            roles.SECRETARIAT,
            "register",
            {"complete": "on", "agenda_number": "005/99/2026", "agenda_date": "2026-11-20"},
        ),
        (roles.HEAD_OF_OFFICE, "dispose", {"instruction": "Proses segera."}),
        (roles.DIVISION_HEAD, "consult", {"outcome": "Kadis setuju."}),
        (
            roles.SECTION_HEAD,
            "draft",
            {"valid_from": "2026-12-01", "valid_until": "2027-03-01", "coverage": "Operator 12 L"},
        ),
        (roles.HEAD_OF_OFFICE, "sign", {"confirm": "on"}),
    ]
    for role, action, data in forms:
        client.force_login(officers[role])
        form_page = client.get(step_url(app, action))
        assert form_page.status_code == 200
        response = client.post(step_url(app, action), data)
        assert response.status_code == 302, (
            getattr(response, "context", {}) and response.context["form"].errors
        )
        assert response["Location"] == QUEUE
        app.refresh_from_db()
    assert app.status == Status.ISSUED
    assert app.agenda_number == "005/99/2026"
    assert app.coverage == "Operator 12 L"


def test_a_step_form_with_bad_input_keeps_what_was_typed(client, officers, in_state):
    app = in_state("consulted")
    client.force_login(officers[roles.SECTION_HEAD])
    response = client.post(
        step_url(app, "draft"),
        {"valid_from": "2027-03-01", "valid_until": "2027-01-01", "coverage": "Operator 12 L"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "tidak dapat berakhir sebelum dimulai" in body
    assert "Operator 12 L" in body
    app.refresh_from_db()
    assert app.status == Status.CONSULTED


def test_signing_needs_the_confirmation_box(client, officers, in_state):
    app = in_state("drafted")
    client.force_login(officers[roles.HEAD_OF_OFFICE])
    response = client.post(step_url(app, "sign"), {})
    assert response.status_code == 200
    app.refresh_from_db()
    assert app.status == Status.DRAFTED


def test_return_form_sends_the_file_back(client, officers, in_state):
    app = in_state("submitted")
    client.force_login(officers[roles.SECRETARIAT])
    response = client.post(
        step_url(app, "return"), {"items": ["assignment_file"], "reason": "Cap belum ada."}
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.RETURNED
    assert "Cap belum ada." in app.return_reason


def test_a_role_without_the_step_gets_403_and_a_stale_step_a_clear_message(
    client, officers, in_state
):
    app = in_state("registered")
    client.force_login(officers[roles.SECTION_HEAD])
    assert client.get(step_url(app, "dispose")).status_code == 403
    client.force_login(officers[roles.SECRETARIAT])
    response = client.get(step_url(app, "register"), follow=True)
    assert "tahap ini tidak lagi terbuka" in response.content.decode()
    assert client.get(step_url(app, "nonsense")).status_code == 404


def test_the_step_taken_in_between_gives_a_clear_message_not_a_crash(
    client, officers, in_state, monkeypatch
):
    """The form was open when someone else took the step: the service refuses it plainly."""
    from akad_permits import services
    from akad_permits.workflows import WORKFLOW

    app = in_state("registered")
    client.force_login(officers[roles.HEAD_OF_OFFICE])
    monkeypatch.setattr(WORKFLOW, "officer_moves", lambda user, obj: [WORKFLOW.move("dispose")])
    services.dispose(application=app, actor=officers[roles.HEAD_OF_OFFICE], instruction="x")
    response = client.post(step_url(app, "dispose"), {"instruction": "y"}, follow=True)
    assert "tidak dapat dilakukan sekarang" in response.content.decode()
    assert app.steps.filter(action="dispose").count() == 1


def test_registering_needs_the_completeness_check(client, officers, in_state):
    app = in_state("submitted")
    client.force_login(officers[roles.SECRETARIAT])
    response = client.post(
        step_url(app, "register"), {"agenda_number": "005/1/2026", "agenda_date": "2026-11-20"}
    )
    assert response.status_code == 200
    assert "005/1/2026" in response.content.decode()
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED


def test_history_page_lists_the_changes(admin_client, in_state):
    app = in_state("registered")
    url = reverse("admin:akad_permits_permitapplication_history", args=[app.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == app.history.count() >= 2


def test_an_old_version_cannot_be_restored_over_the_workflow(client, officers, in_state):
    app = in_state("registered")
    first = app.history.order_by("history_id").first()
    url = reverse(
        "admin:akad_permits_permitapplication_simple_history", args=[app.pk, first.history_id]
    )
    client.force_login(officers[roles.SECRETARIAT])
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 403
    app.refresh_from_db()
    assert app.status == Status.REGISTERED
