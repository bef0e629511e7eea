"""The login lockout counts per account, whatever spelling of its name and whatever address
the failures come from, on the public login and the admin login alike; and per address."""

import itertools

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "pw-Secret-123"


def spellings(user):
    """Every way of typing the account's name that the login accepts or could be tried."""
    email = user.email
    local, domain = email.split("@")
    return [
        email,
        email.upper(),
        email.capitalize(),
        f"{local.swapcase()}@{domain}",
        f"  {email}  ",
        "".join(c.upper() if i % 2 else c for i, c in enumerate(email)),
        user.username,
        user.username.upper(),
        user.username.capitalize(),
        "ｒｏｏｔ" if user.username == "root" else user.username.title(),  # full-width letters
    ]


ADDRESSES = [f"198.51.100.{n}" for n in range(1, 12)]
LOGINS = ["login", "admin:login"]


@pytest.fixture
def accounts(office, make_user):
    return {
        "job seeker": make_user("warga", email="Warga.Satu@Example.com"),
        "officer": make_user("petugas", staff=True, email="petugas@disnaker.example.go.id"),
        "superuser": make_user("root", superuser=True, email="admin@disnaker.example.go.id"),
    }


@pytest.mark.parametrize("kind", ["job seeker", "officer", "superuser"])
def test_failures_count_per_account_whatever_spelling_address_or_login_page(
    client, accounts, settings, kind
):
    user = accounts[kind]
    tries = itertools.cycle(zip(spellings(user), ADDRESSES, itertools.cycle(LOGINS)))
    for n in range(1, settings.AXES_FAILURE_LIMIT + 1):
        name, address, page = next(tries)
        response = client.post(
            reverse(page), {"username": name, "password": "salah"}, REMOTE_ADDR=address
        )
        # the form again until the limit is reached; the last failure locks the account
        assert response.status_code == (429 if n == settings.AXES_FAILURE_LIMIT else 200)
    # Now every spelling, from a fresh address, on either page, even with the right password.
    for name, page in itertools.product(spellings(user), LOGINS):
        response = client.post(
            reverse(page), {"username": name, "password": PASSWORD}, REMOTE_ADDR="203.0.113.77"
        )
        assert response.status_code == 429, (name, page)
        assert "Login sementara dikunci" in response.content.decode()
    # Another account is not touched.
    other = next(u for k, u in accounts.items() if k != kind)
    response = client.post(
        reverse("login"),
        {"username": other.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.77",
    )
    assert response.status_code == 302


def test_one_address_trying_many_accounts_is_locked_too(client, office, make_user, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 12
    victim = make_user("korban")
    for n in range(settings.LOGIN_FAILURES_PER_ADDRESS):
        client.post(
            reverse(LOGINS[n % 2]),
            {"username": f"tebakan{n}@example.com", "password": "salah"},
            REMOTE_ADDR="192.0.2.50",
        )
    response = client.post(
        reverse("login"), {"username": "korban", "password": PASSWORD}, REMOTE_ADDR="192.0.2.50"
    )
    assert response.status_code == 429
    # The account itself is not locked: from elsewhere its owner logs in.
    response = client.post(
        reverse("login"),
        {"username": victim.email, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.51",
    )
    assert response.status_code == 302


def test_log_lines_of_the_lockout_name_nobody(client, office, make_user, caplog):
    make_user("warga", email="warga.satu@example.com")
    with caplog.at_level("DEBUG"):
        client.post(
            reverse("login"),
            {"username": "Warga.Satu@Example.com", "password": "salah"},
            REMOTE_ADDR="198.51.100.9",
        )
    text = caplog.text.lower()
    assert "login failure by" in text  # django-axes did log the attempt
    assert "warga" not in text and "198.51.100.9" not in text


def unicode_spellings(user):
    """Spellings a person or a script may type that fold to the same account: full-width
    letters (NFKC), the Kelvin sign for a K, the long s for an s, a trailing tab."""
    email = user.email
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" and c != "@" else c for c in email)
    return [
        fullwidth,
        fullwidth.upper(),
        email.replace("k", "\u212a").replace("K", "\u212a"),
        email.replace("s", "\u017f"),
        f"{email}\t",
        "".join(chr(ord(c) + 0xFEE0) if c.isalpha() else c for c in user.username),
    ]


@pytest.mark.parametrize("kind", ["job seeker", "officer", "superuser"])
@pytest.mark.parametrize("page", LOGINS)
@pytest.mark.parametrize("index", range(16))
def test_failures_typed_in_any_one_spelling_lock_the_account_for_every_spelling(
    client, accounts, settings, kind, page, index
):
    """The whole class, one spelling at a time: five failures typed only in that spelling
    (ASCII case variants, the user name, full-width and other NFKC/case folds), each from a
    new address, lock the account for its own address and its user name, on both pages."""
    user = accounts[kind]
    every = spellings(user) + unicode_spellings(user)
    assert len(every) == 16
    name = every[index]
    for n, address in enumerate(ADDRESSES[: settings.AXES_FAILURE_LIMIT]):
        response = client.post(
            reverse(page), {"username": name, "password": "salah"}, REMOTE_ADDR=address
        )
        assert response.status_code == (429 if n == settings.AXES_FAILURE_LIMIT - 1 else 200)
    for canonical, login_page in itertools.product([user.email, user.username], LOGINS):
        response = client.post(
            reverse(login_page),
            {"username": canonical, "password": PASSWORD},
            REMOTE_ADDR="203.0.113.78",
        )
        assert response.status_code == 429, (name, canonical, login_page)


@pytest.mark.parametrize("index", range(16))
def test_every_spelling_that_is_counted_is_one_that_logs_in_or_is_refused(client, accounts, index):
    """The spellings above are not made up: each that the login accepts logs into the same
    account (so the lock must cover it); none logs into another."""
    user = accounts["job seeker"]
    name = (spellings(user) + unicode_spellings(user))[index]
    response = client.post(
        reverse("login"), {"username": name, "password": PASSWORD}, REMOTE_ADDR="203.0.113.79"
    )
    if response.status_code == 302:
        assert int(client.session["_auth_user_id"]) == user.pk
    else:
        assert response.status_code == 200
