"""An officer's first log-in sets up the second factor; the next log-in asks for its code."""

import base64

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.conftest import login
from tests.jobboard.e2e_helpers import admin_login
from tests.second_factor import totp_token


def test_an_officer_sets_up_the_second_factor_and_logs_in_with_it(page, demo_site, make_user):
    from portal import roles

    make_user("petugas.baru", role=roles.JOB_PLACEMENT_OFFICER)
    admin_login(page, demo_site.url, "petugas.baru", "pw-Secret-123")
    # the password alone leads to the setup, not to the officers' workspace
    assert "/akun/keamanan/faktor-kedua/" in page.url
    page.get_by_role("heading", name="Pasang faktor kedua").wait_for()
    assert page.get_by_role("img", name="Kode QR untuk aplikasi autentikator").is_visible()
    key = page.get_by_test_id("otp-secret").inner_text().replace(" ", "")
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    page.get_by_label("Kode").fill(f"{totp(secret):06d}")  # what the phone's app shows
    page.get_by_role("button", name="Konfirmasi").click()
    codes = page.get_by_test_id("recovery-codes").locator("li").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Lanjutkan").click()
    assert page.url.endswith("/admin/")
    page.get_by_role("button", name="Keluar").click()

    # Next day: password, then the code of the moment.
    login(page, demo_site.url, "petugas.baru", "pw-Secret-123")  # answers the code page itself
    page.goto(f"{demo_site.url}/admin/")
    assert page.url.endswith("/admin/")
    device = TOTPDevice.objects.get(user__username="petugas.baru", confirmed=True)
    assert device.last_t > 0  # the log-in used a code


def test_a_wrong_code_is_refused(page, demo_site, make_user):
    from portal import roles

    officer = make_user("petugas.lain", role=roles.JOB_PLACEMENT_OFFICER)
    TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    page.goto(f"{demo_site.url}/masuk/")
    page.get_by_label("Alamat e-mail atau nama pengguna").fill("petugas.lain")
    page.get_by_label("Kata sandi").fill("pw-Secret-123")
    page.get_by_role("button", name="Masuk").last.click()
    page.get_by_label("Kode").fill("000000")
    page.get_by_role("button", name="Lanjutkan").click()
    assert page.get_by_text("Kode ini tidak benar").is_visible()
    page.goto(f"{demo_site.url}/admin/")
    assert "/masuk/faktor-kedua/" in page.url
    assert totp_token(TOTPDevice.objects.get(user=officer))  # the right one would still work
