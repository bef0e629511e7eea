"""A job seeker who forgot the password sets a new one through the e-mail link, received on a
real SMTP server on loopback."""

import re
import time

from tests.complaints.conftest import smtp_server  # noqa: F401 - the fixture
from tests.e2e.conftest import login
from tests.factories import make_jobseeker
from tests.jobboard.e2e_helpers import field


def test_a_forgotten_password_is_reset_through_the_mail(page, demo_site, smtp_server, settings):  # noqa: F811
    settings.SITE_URL = demo_site.url
    seeker = make_jobseeker(status="active")
    seeker.user.email = "lupa.sandi@example.com"
    seeker.user.save()

    page.goto(f"{demo_site.url}/masuk/")
    page.get_by_role("link", name="Lupa kata sandi?").click()
    field(page, "Email").fill("Lupa.Sandi@example.com")
    page.get_by_role("button", name="Kirim tautan").click()
    page.get_by_role("heading", name="Periksa e-mail Anda").wait_for()

    for _ in range(50):
        if smtp_server.messages:
            break
        time.sleep(0.1)
    (recipients, message), *_ = smtp_server.messages
    assert recipients == ["lupa.sandi@example.com"]
    body = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/masuk/atur/\S+/", body).group(0)

    page.goto(link)
    field(page, "Kata sandi baru").fill("Sandi-Baru-2026")
    field(page, "Konfirmasi kata sandi baru").fill("Sandi-Baru-2026")
    page.get_by_role("button", name="Tetapkan kata sandi baru").click()
    page.get_by_role("heading", name="Kata sandi baru ditetapkan").wait_for()

    login(page, demo_site.url, "lupa.sandi@example.com", "Sandi-Baru-2026")
    assert "/masuk/" not in page.url  # logged in
    page.goto(link)  # the link worked once
    assert page.get_by_text("Tautan ini sudah tidak berlaku").is_visible()
