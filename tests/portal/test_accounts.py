"""Passwords (change, e-mail reset, counter code) and the second factor, as people meet them."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import roles
from portal.models import AccountEvent
from tests.factories import make_jobseeker
from tests.second_factor import totp_token

pytestmark = pytest.mark.django_db
PASSWORD = "pw-Secret-123"
NEW = "Baru-Sekali-2026"


def login(client, name, password=PASSWORD, page="login"):
    return client.post(reverse(page), {"username": name, "password": password})


# --- passwords ----------------------------------------------------------------------------


def test_changing_the_password_ends_the_other_sessions_and_is_in_the_history(office, make_user):
    user = make_user("warga")
    here, elsewhere = Client(), Client()
    login(here, "warga"), login(elsewhere, "warga")
    response = here.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert here.get(reverse("account_security")).status_code == 200  # still logged in here
    assert elsewhere.get(reverse("account_security")).status_code == 302  # logged out there
    assert user.account_events.filter(kind=AccountEvent.Kind.PASSWORD_CHANGED).exists()


def test_reset_by_email_tells_nobody_whether_an_account_exists(
    client, office, make_user, mailoutbox
):
    make_user("warga", email="warga@example.com")
    known = client.post(reverse("password_reset"), {"email": "WARGA@example.com"}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.com"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.content.decode().replace(
        "WARGA@example.com", ""
    ) == unknown.content.decode().replace("nobody@example.com", "")
    assert [m.to for m in mailoutbox] == [["warga@example.com"]]


def reset_link(mail):
    return re.search(r"https?://\S+/masuk/atur/\S+/", mail.body).group(0)


def test_reset_link_works_once_and_expires(client, office, make_user, mailoutbox, settings):
    user = make_user("warga", email="warga@example.com")
    client.post(reverse("password_reset"), {"email": "warga@example.com"})
    path = reset_link(mailoutbox[0]).split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path, follow=True)
    assert "new_password1" in page.content.decode()
    done = client.post(page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    assert user.account_events.filter(kind=AccountEvent.Kind.PASSWORD_RESET_EMAIL).exists()
    again = Client().get("/" + path, follow=True)
    assert "new_password1" not in again.content.decode()  # used: it works no more
    # a fresh link that is older than PASSWORD_RESET_TIMEOUT does not work either
    client.post(reverse("password_reset"), {"email": "warga@example.com"})
    settings.PASSWORD_RESET_TIMEOUT = -1
    late = Client().get(
        "/" + reset_link(mailoutbox[1]).split("://", 1)[1].split("/", 1)[1], follow=True
    )
    assert "new_password1" not in late.content.decode()


def test_a_counter_code_sets_a_new_password_once(client, office, make_user):
    seeker = make_jobseeker(status="active")
    officer = make_user("pak", role=roles.JOB_PLACEMENT_OFFICER)
    desk = Client()
    desk.force_login(officer)
    elsewhere = Client()
    elsewhere.force_login(seeker.user)
    page = desk.post(reverse("admin:jobboard_jobseeker_counter_code", args=[seeker.pk]))
    code = re.search(r'data-testid="counter-code"><strong>([A-Z0-9-]+)<', page.content.decode())[1]
    form = {
        "username": seeker.user.username.upper(),
        "code": code.lower(),
        "new_password1": NEW,
        "new_password2": NEW,
    }
    assert client.post(reverse("password_counter_code"), form).status_code == 302
    assert login(Client(), seeker.user.username, NEW).status_code == 302
    assert elsewhere.get(reverse("account_security")).status_code == 302  # other session ended
    again = client.post(
        reverse("password_counter_code"),
        {**form, "new_password1": "Lain-Lagi-2026", "new_password2": "Lain-Lagi-2026"},
    )
    assert again.status_code == 200 and "tidak cocok" in again.content.decode()
    kinds = set(seeker.user.account_events.values_list("kind", flat=True))
    assert {"counter_code_issued", "password_reset_code"} <= kinds
    # the history reads on the counter page
    assert (
        "Kata sandi baru ditetapkan"
        in desk.get(
            reverse("admin:jobboard_jobseeker_counter_code", args=[seeker.pk])
        ).content.decode()
    )


def test_a_wrong_or_expired_counter_code_gets_the_same_answer(client, office, make_user):
    from django.utils import timezone

    from portal import accounts

    seeker = make_jobseeker(status="active")
    officer = make_user("pak", role=roles.JOB_PLACEMENT_OFFICER)
    event, code = accounts.counter_code_issue(user=seeker.user, actor=officer)
    answers = []
    for name, typed in [("nobody", code), (seeker.user.username, "AAAAA-AAAAA")]:
        answers.append(
            client.post(
                reverse("password_counter_code"),
                {"username": name, "code": typed, "new_password1": NEW, "new_password2": NEW},
            ).content.decode()
        )
    AccountEvent.objects.filter(pk=event.pk).update(expires_at=timezone.now())
    answers.append(
        client.post(
            reverse("password_counter_code"),
            {
                "username": seeker.user.username,
                "code": code,
                "new_password1": NEW,
                "new_password2": NEW,
            },
        ).content.decode()
    )
    assert all("tidak cocok" in a for a in answers)
    seeker.user.refresh_from_db()
    assert seeker.user.check_password(PASSWORD)


def test_the_counter_page_is_refused_to_other_officers(office, make_user):
    seeker = make_jobseeker(status="active")
    other = Client()
    other.force_login(make_user("kadis", role=roles.HEAD_OF_OFFICE))
    url = reverse("admin:jobboard_jobseeker_counter_code", args=[seeker.pk])
    assert other.post(url).status_code == 403
    assert not seeker.user.account_events.exists()


# --- second factor ---------------------------------------------------------------------------


def set_up(client, page_next=""):
    page = client.get(reverse("otp_setup"))
    assert page.status_code == 200 and "data:image/png;base64," in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    done = client.post(reverse("otp_setup"), {"token": totp_token(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li>([a-z0-9]{8})</li>", done.content.decode())
    assert len(codes) == 10
    return device, codes


def test_an_officer_logs_in_with_password_then_the_second_factor(office, make_user):
    make_user("petugas", role=roles.JOB_PLACEMENT_OFFICER)
    client = Client()
    login(client, "petugas", page="admin:login")
    # the password alone opens nothing: every page sends to the setup
    for url in (reverse("admin:index"), reverse("admin:jobboard_jobseeker_changelist"), "/akun/"):
        assert client.get(url)["Location"].startswith(reverse("otp_setup"))
    device, codes = set_up(client)
    assert client.get(reverse("admin:index")).status_code == 200
    client.post(reverse("admin:logout"))
    # next time: password, then the code
    login(client, "petugas")
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("otp_verify"))
    assert client.get(reverse("otp_setup"))["Location"].startswith(reverse("otp_verify"))
    wrong = client.post(reverse("otp_verify"), {"token": "000000"})
    assert wrong.status_code == 200 and client.get(reverse("admin:index")).status_code == 302
    time.sleep(1.1)  # django-otp makes the next try wait after a wrong code (throttling)
    client.post(reverse("otp_verify"), {"token": totp_token(device)})
    assert client.get(reverse("admin:index")).status_code == 200
    # a recovery code works once
    for expected in (200, 302):
        other = Client()
        login(other, "petugas")
        other.post(reverse("otp_verify"), {"token": codes[0]})
        assert other.get(reverse("admin:index")).status_code == expected


def test_job_seekers_may_turn_the_second_factor_on(office):
    seeker = make_jobseeker(status="active")
    client = Client()
    login(client, seeker.user.username)
    assert client.get(reverse("account_security")).status_code == 200  # not asked: it is off
    set_up(client)
    client.post(reverse("logout"))
    login(client, seeker.user.email)
    assert client.get(reverse("account_security"))["Location"].startswith(reverse("otp_verify"))


def test_only_the_superuser_resets_a_second_factor(office, make_user):
    officer = make_user("petugas", role=roles.JOB_PLACEMENT_OFFICER)
    TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    for who, kept in (
        (make_user("kadis", role=roles.HEAD_OF_OFFICE), True),
        (make_user("root", superuser=True), False),
    ):
        client = Client()
        client.force_login(who)
        client.post(
            reverse("admin:portal_user_changelist"),
            {"action": "reset_second_factor", "_selected_action": [officer.pk]},
        )
        assert TOTPDevice.objects.filter(user=officer, name="phone").exists() is kept
    assert officer.account_events.filter(kind=AccountEvent.Kind.SECOND_FACTOR_RESET).exists()


def test_the_demo_officers_key_is_the_printed_one(db, roles_synced):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("load_demo", stdout=out)
    from portal.demo import DEMO_TOTP_KEY, demo_totp_key_text

    assert demo_totp_key_text() in out.getvalue()
    device = TOTPDevice.objects.get(user__username="antarkerja")
    assert device.bin_key == DEMO_TOTP_KEY and TOTP(device.bin_key).token() >= 0


@pytest.mark.parametrize("role", [*roles.ALL_ROLES, "superuser"])
@pytest.mark.parametrize("page", ["login", "admin:login"])
def test_every_officer_role_and_the_admin_must_set_up_the_second_factor(
    office, make_user, role, page
):
    """The password alone opens nothing for any officer role nor the superuser, whichever
    login page they use: every page sends them to the setup first."""
    if role == "superuser":
        make_user("petugas", superuser=True)
    else:
        make_user("petugas", role=role)
    client = Client()
    assert login(client, "petugas", page=page).status_code == 302
    for url in (reverse("admin:index"), reverse("portal:dashboard"), "/akun/"):
        assert client.get(url)["Location"].startswith(reverse("otp_setup")), (role, url)


def test_an_office_role_grants_nothing_to_an_account_that_is_not_staff(office, make_user):
    """The attack: an account given an officer's role but left without "staff status" (or
    whose staff status was taken away) would hold the role's permissions outside the admin
    (the checked download view of KTP scans) on its password alone, as the second factor is
    asked of staff. A role counts only on a staff account."""
    seeker = make_jobseeker(status="active")
    holder = make_user("petugas", role=roles.JOB_PLACEMENT_OFFICER, staff=False)
    download = reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, "ktp_scan"])
    client = Client()
    assert login(client, "petugas").status_code == 302
    assert client.get(download).status_code == 403
    assert not holder.has_perm("jobboard.view_jobseeker", seeker)
    assert not holder.get_all_permissions()
    # the same role on a staff account reads the file, after the second step
    holder.is_staff = True
    holder.save()
    client = Client()
    login(client, "petugas")
    assert client.get(download)["Location"].startswith(reverse("otp_setup"))
    set_up(client)
    assert client.get(download).status_code == 200
