"""Fixtures every app's tests share: the office, role holders, files to upload."""

import datetime
import os

import pytest

from tests import second_factor

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs an event loop


second_factor.connect()  # client.force_login(officer) includes the second step


def first_office():
    """The first office (the demo's Kota Probolinggo), made once: the records of a test that
    names no office belong to it, and officers' roles are held there by default."""
    from tests.factories import default_office

    return default_office()


def give_role(user, office, role_name):
    """``user`` holds ``role_name`` (a group of portal.roles) in ``office``."""
    from portal.offices import give_role as give

    return give(user, office, role_name)


@pytest.fixture
def office(db):
    return first_office()  # the one a factory made already, when one came first


@pytest.fixture
def national_days(db):
    """The national holidays and joint leave days of 2025-2027, as migration portal 0012
    loads them (a transactional test elsewhere may have emptied the table since)."""
    from portal.working_time import LOADED_YEARS, load_national_days

    load_national_days(LOADED_YEARS)


@pytest.fixture
def standards(office):
    from portal.demo import STANDARDS
    from portal.models import ServiceStandard

    return [ServiceStandard.objects.create(office=office, **s) for s in STANDARDS]


@pytest.fixture
def make_user(db):
    """make_user("name", role=portal.roles.X, staff=True) -> a user with password 'pw-Secret-123'.

    The role is held in ``office`` (default: the first office, made when missing).
    """
    from django.contrib.auth import get_user_model

    def make(username, *, role=None, staff=None, superuser=False, office=None, **fields):
        User = get_user_model()
        user = User.objects.create_user(
            username=username,
            password="pw-Secret-123",
            email=fields.pop("email", f"{username}@example.com"),
            is_staff=bool(role or superuser) if staff is None else staff,
            is_superuser=superuser,
            **fields,
        )
        if role:
            give_role(user, office or first_office(), role)
        return user

    return make


@pytest.fixture
def roles_synced(db):
    """Groups with their declared permissions, also after a transactional test's flush."""
    from portal.roles import sync_roles

    sync_roles()


@pytest.fixture
def officers(make_user, roles_synced):
    """One officer per role, keyed by role name."""
    from portal import roles

    return {role: make_user(f"officer-{i}", role=role) for i, role in enumerate(roles.ALL_ROLES)}


# --- files -------------------------------------------------------------------------------


def _blank_pdf():
    """A one-page PDF as a viewer (and portal.pdfcheck) reads it, cross-reference table included."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF_BYTES = _blank_pdf()


def _small_png():
    """A real 4 x 4 PNG (Pillow decodes it, as the upload check does)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


PNG_BYTES = _small_png()
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


@pytest.fixture
def upload():
    """upload("pdf"|"png"|"exe"|"html", name=None, size=None) -> SimpleUploadedFile."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    contents = {
        "pdf": PDF_BYTES,
        "png": PNG_BYTES,
        "exe": EXE_BYTES,
        "html": b"<html><script>alert(1)</script></html>",
    }
    types = {
        "pdf": "application/pdf",
        "png": "image/png",
        "exe": "application/pdf",
        "html": "application/pdf",
    }

    def make(kind="pdf", name=None, size=None):
        data = contents[kind]
        if size:
            data = data + b"0" * (size - len(data))
        return SimpleUploadedFile(
            name or f"document.{'pdf' if kind in ('exe', 'html') else kind}",
            data,
            content_type=types[kind],
        )

    return make


def make_nik(birth_date, sex="L", seq=1, region="357401"):
    """A NIK that passes validation: Kota Probolinggo region code, DDMMYY (+40 for women)."""
    day = birth_date.day + (40 if sex == "P" else 0)
    return f"{region}{day:02d}{birth_date:%m%y}{seq:04d}"


@pytest.fixture
def nik():
    return make_nik


@pytest.fixture
def birth_date():
    return datetime.date(1998, 5, 17)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, as it starts with an empty database, and with no
    request's versions or worker copies left by the test before (portal.pagecache): a
    streaming response the test client never read does not end its request."""
    from django.core.cache import cache

    from portal import pagecache

    def empty():
        cache.clear()
        pagecache._end_request()
        pagecache._kept.clear()

    empty()
    yield
    empty()


@pytest.fixture(autouse=True)
def _portal_language():
    """Each test starts, and leaves, in the portal's language (Indonesian): a test that asks
    for a page in English (a language switch, the access matrix's visitors) leaves English
    active in its thread, and the next test would then build its records' labels, and read
    its pages, in English whatever the order the tests run in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _role_groups(request):
    """The role groups come from data migrations; a transactional test's flush removes them.

    Tests run in an order that mixes transactional and ordinary ones, so every database test
    first puts the groups back as their migrations would have (portal.roles.sync_roles) when a
    flush removed them. tests/portal/test_roles.py checks the migrations themselves.
    """
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not uses_db:
        return
    request.getfixturevalue("django_db_setup")  # never touch a database other than the test one
    blocker = request.getfixturevalue("django_db_blocker")
    from django.contrib.auth.models import Group

    from portal import roles

    with blocker.unblock():
        every = roles.ALL_ROLES + roles.PROVINCE_ROLES
        if Group.objects.filter(name__in=every).count() < len(every):
            roles.sync_roles()


@pytest.fixture(scope="session")
def migrated_cluster(tmp_path_factory):
    """A stopped PostgreSQL primary with the portal's schema, made once per run (migrating takes
    half a minute); every streaming pair starts from a copy of it."""
    from tests import replication

    if replication.pg_bin() is None:
        pytest.skip("PostgreSQL server programs not found (apt-get install postgresql)")
    return replication.migrated_template(tmp_path_factory.mktemp("pg-template"))


@pytest.fixture(scope="module")
def streaming_pair(migrated_cluster, tmp_path_factory):
    """A real primary and a hot standby streaming from it on loopback, in this module's own
    folder (tests/replication.py); its database ``portal`` holds the portal's schema."""
    from tests.replication import StreamingPair

    pair = StreamingPair(tmp_path_factory.mktemp("pg-pair"))
    try:
        pair.start(template=migrated_cluster)
        pair.start_standby()
        yield pair
    finally:
        pair.stop()
