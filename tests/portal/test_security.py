import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from portal.models import RateLimitCounter
from portal.ratelimit import rate_limited

pytestmark = pytest.mark.django_db


def test_login_is_locked_after_repeated_failures_with_an_indonesian_message(
    client, office, make_user, settings
):
    from axes.models import AccessAttempt

    make_user("korban")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "korban", "password": "salah"})
    response = client.post(reverse("login"), {"username": "korban", "password": "pw-Secret-123"})
    assert response.status_code == 429
    assert "Login sementara dikunci" in response.content.decode()
    # Officers see the record in the admin (django-axes' AccessAttempt).
    assert AccessAttempt.objects.filter(username="korban").exists()


def test_admin_login_is_throttled_too(client, office, make_user, settings):
    make_user("petugas", staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": "petugas", "password": "salah"})
    response = client.post(
        reverse("admin:login"), {"username": "petugas", "password": "pw-Secret-123"}
    )
    assert response.status_code == 429


def test_successful_login_is_not_locked(client, office, make_user):
    make_user("warga")
    client.post(reverse("login"), {"username": "warga", "password": "salah"})
    response = client.post(reverse("login"), {"username": "warga", "password": "pw-Secret-123"})
    assert response.status_code == 302


def test_rate_limit_refuses_a_burst_and_counts_per_address(office):
    calls = []

    @rate_limited("test-form", limit=3, period=3600)
    def view(request):
        calls.append(1)
        return HttpResponse("ok")

    factory = RequestFactory()
    for _ in range(3):
        assert view(factory.post("/", REMOTE_ADDR="10.0.0.1")).status_code == 200
    refused = view(factory.post("/", REMOTE_ADDR="10.0.0.1"))
    assert refused.status_code == 429
    assert "Terlalu banyak pengiriman" in refused.content.decode()
    assert len(calls) == 3  # the refused submission was never processed
    assert view(factory.post("/", REMOTE_ADDR="10.0.0.2")).status_code == 200
    assert (
        view(factory.get("/", REMOTE_ADDR="10.0.0.1")).status_code == 200
    )  # reading is not limited
    # Only a keyed hash of the address is stored.
    assert not RateLimitCounter.objects.filter(client__contains="10.0.0").exists()


def test_forwarded_address_is_believed_only_behind_trusted_proxies(settings):
    from portal.net import client_ip

    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_ip(request) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"


def test_idle_session_expires_and_active_one_is_extended(client, office, make_user, settings):
    from django.contrib.sessions.models import Session

    user = make_user("aktif")
    client.force_login(user)
    client.get(reverse("portal:home"))
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = (
        session.expire_date - __import__("django.utils.timezone").utils.timezone.now()
    ).total_seconds()
    assert 0 < remaining <= settings.SESSION_COOKIE_AGE == 1800


def test_production_settings_are_strict(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "portal.example.go.id")
    prod = importlib.import_module("portal.settings.prod")
    importlib.reload(prod)
    assert prod.DEBUG is False
    assert prod.SESSION_COOKIE_SECURE and prod.SESSION_COOKIE_HTTPONLY and prod.CSRF_COOKIE_SECURE
    assert prod.SECURE_HSTS_SECONDS >= 31536000
    assert "unsafe-inline" not in str(prod.SECURE_CSP.get("script-src"))
    monkeypatch.delenv("SECRET_KEY")
    with pytest.raises(KeyError):
        importlib.reload(prod)


def test_placement_officer_unlocks_a_job_seeker_without_reading_the_login_records(
    client, office, make_user, settings
):
    """Replaces "the placement officer sees failed logins and unlocks the account": the
    officer still unlocks the account, now with a narrow action, and reads no login records
    (addresses, typed names, the superuser's lockouts): those stay with the superuser."""
    from axes.models import AccessAttempt

    from portal import roles
    from tests.factories import make_jobseeker

    seeker = make_jobseeker(status="active")
    name = seeker.user.username
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": name, "password": "salah"})
    assert AccessAttempt.objects.filter(username=name).exists()
    officer = make_user("pak", role=roles.JOB_PLACEMENT_OFFICER)
    officer_client = type(client)()
    officer_client.force_login(officer)
    for model in ("accessattempt", "accessfailurelog", "accesslog"):
        assert officer_client.get(reverse(f"admin:axes_{model}_changelist")).status_code == 403
    attempt = AccessAttempt.objects.get(username=name)
    officer_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert AccessAttempt.objects.filter(username=name).exists()  # not deleted by the officer
    officer_client.post(
        reverse("admin:jobboard_jobseeker_changelist") + "?queue=all",
        {"action": "unlock_login", "_selected_action": [seeker.pk]},
    )
    assert not AccessAttempt.objects.filter(username=name).exists()
    assert (
        client.post(reverse("login"), {"username": name, "password": "pw-Secret-123"}).status_code
        == 302
    )
    assert seeker.user.account_events.filter(kind="login_unlocked", actor=officer).exists()


def test_placement_officer_cannot_unlock_an_officer_or_the_superuser(office, make_user):
    from django.core.exceptions import PermissionDenied

    from portal import accounts, roles

    officer = make_user("pak", role=roles.JOB_PLACEMENT_OFFICER)
    for target in (make_user("root", superuser=True), make_user("kolega", staff=True)):
        with pytest.raises(PermissionDenied):
            accounts.unlock_login(user=target, actor=officer)
        with pytest.raises(PermissionDenied):
            accounts.counter_code_issue(user=target, actor=officer)
