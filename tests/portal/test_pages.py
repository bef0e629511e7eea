import pytest
from django.urls import reverse

from tests.offices import office_url

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("portal:home", {}),
    ("portal:service_standard", {"service": "bkol"}),
    ("portal:service_standard", {"service": "akad"}),
    ("portal:service_standard", {"service": "pengaduan"}),
    ("login", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
@pytest.mark.parametrize(("language", "marker"), [("id", 'lang="id"'), ("en", 'lang="en"')])
def test_public_pages_render_in_both_languages(
    client, office, standards, name, kwargs, language, marker
):
    client.cookies["django_language"] = language
    # an office's pages show its contacts; the log-in is the portal's (portal.offices)
    url = reverse(name) if name == "login" else office_url(name, **kwargs)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert marker in html
    assert ("Masuk" if language == "id" else "Log in") in html
    assert (office.phone in html) == (name != "login")


def test_home_leads_to_each_service_standard(client, office, standards):
    html = client.get(office_url("portal:home")).content.decode()
    for standard in standards:
        assert office_url("portal:service_standard", standard.service) in html
        assert standard.title in html


def test_service_standard_shows_the_documents_facts(client, office, standards):
    response = client.get(office_url("portal:service_standard", "bkol"))
    html = response.content.decode()
    assert "Membawa Foto Copy Kartu AK/I 1 lembar." in html
    assert "20 Menit" in html
    assert "Tidak dipungut biaya" in html
    akad = client.get(office_url("portal:service_standard", "akad")).content.decode()
    assert "Rekomendasi Rekrutmen AKAD." in akad and "1 Hari" in akad


def test_edited_standard_is_what_the_public_sees(client, office, standards):
    standard = standards[0]
    standard.fee = "Gratis untuk semua"
    standard.save()
    assert (
        "Gratis untuk semua"
        in client.get(office_url("portal:service_standard", standard.service)).content.decode()
    )


def test_unpublished_or_unknown_standard_is_not_found(client, office, standards):
    standards[1].is_published = False
    standards[1].save()
    assert client.get(office_url("portal:service_standard", "akad")).status_code == 404
    assert client.get(office_url("portal:service_standard", "nope")).status_code == 404


def test_home_is_indonesian_by_default_and_english_after_switch(client, office, standards):
    assert "Layanan kami" in client.get(office_url("portal:home")).content.decode()
    response = client.post(
        reverse("set_language"), {"language": "en", "next": office_url("portal:home")}, follow=True
    )
    assert "Our services" in response.content.decode()


def test_office_profile_comes_from_the_database(client, office, standards):
    office.phone = "(0334) 881546"
    office.save()
    assert "(0334) 881546" in client.get(office_url("portal:home")).content.decode()


def test_login_accepts_email_and_dashboard_sends_staff_to_admin(client, office, make_user):
    user = make_user("petugas", staff=True, email="petugas@example.com")
    response = client.post(
        reverse("login"), {"username": "petugas@example.com", "password": "pw-Secret-123"}
    )
    assert response.status_code == 302
    # an officer's log-in then takes its second step (portal.second_factor)
    from tests.second_factor import confirmed_device, totp_token

    client.post(reverse("otp_verify"), {"token": totp_token(confirmed_device(user))})
    assert client.get(reverse("portal:dashboard")).url == reverse("admin:index")
    assert user.pk == int(client.session["_auth_user_id"])


def test_wrong_password_is_refused_with_a_message_and_the_name_kept(client, office):
    response = client.post(
        reverse("login"), {"username": "someone@example.com", "password": "wrong"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "someone@example.com" in html
    assert "dan kata sandi tidak cocok" in html
    assert "nama pengguna nama pengguna" not in html  # Django's message doubled the label


def test_dashboard_requires_login(client):
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_missing_page_uses_the_portal_layout(client, office):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_an_english_browser_still_gets_indonesian_until_it_switches(client, office, standards):
    """Many phones in Indonesia run in English; the portal stays Indonesian unless asked."""
    html = client.get(
        office_url("portal:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert 'lang="id"' in html and "Layanan kami" in html
    client.post(reverse("set_language"), {"language": "en", "next": office_url("portal:home")})
    html = client.get(
        office_url("portal:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert 'lang="en"' in html and "Our services" in html
