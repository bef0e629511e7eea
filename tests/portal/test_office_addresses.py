"""Each office's pages at its own address (issue 15, item 3): /<slug>/… or its own host name.

The portal's root lists the offices and finds one by its region's name; the one-office
portal's addresses lead to the first office's pages; what a printed code names keeps answering
where it was printed.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal import offices
from portal.demo import OFFICE
from portal.models import Office
from tests.jobboard.factories import make_vacancy

pytestmark = pytest.mark.django_db

LUMAJANG = {
    **OFFICE,
    "slug": "kab-lumajang",
    "region_code": "3508",
    "level": "kabupaten",
    "government": "Pemerintah Kabupaten Lumajang",
    "name": "Dinas Tenaga Kerja Kabupaten Lumajang",
    "short_name": "Disnaker",
    "address": "Jalan Contoh No. 1, Lumajang, Jawa Timur",
    "region": "Kabupaten Lumajang",
    "phone": "(0334) 000000",
    "complaint_email": "",
    "website": "",
    "offers_complaints": False,
}


def make_office(number, **fields):
    """One more office, in another province, numbered so that many can be made."""
    return Office.objects.create(
        **{
            **OFFICE,
            "slug": f"kab-contoh-{number}",
            "region_code": f"{9100 + number}",
            "name": f"Dinas Tenaga Kerja Kabupaten Contoh {number}",
            "region": f"Kabupaten Contoh {number}",
            "province": "Papua",
            **fields,
        }
    )


@pytest.fixture
def lumajang(office):
    from portal.demo import STANDARDS
    from portal.models import ServiceStandard

    lumajang = Office.objects.create(**LUMAJANG)
    for standard in STANDARDS:  # its own standards (portal.standards: one set per office)
        ServiceStandard.objects.create(office=lumajang, **standard)
    return lumajang


# --- the middleware: by path, by host --------------------------------------------------------


def test_an_office_home_is_at_its_own_path(client, office, lumajang, standards):
    page = client.get("/kab-lumajang/")
    assert page.status_code == 200
    assert page.wsgi_request.office == lumajang
    text = page.content.decode()
    assert "Dinas Tenaga Kerja Kabupaten Lumajang" in text
    assert "(0334) 000000" in text  # its own contacts in the footer
    assert office.name not in text

    other = client.get("/kota-probolinggo/")
    assert other.wsgi_request.office == office
    assert office.name in other.content.decode()


def test_an_office_shows_only_the_services_it_offers(client, office, lumajang, standards):
    lumajang_home = client.get("/kab-lumajang/").content.decode()
    assert "/kab-lumajang/standar-pelayanan/akad/" in lumajang_home
    assert "/kab-lumajang/standar-pelayanan/pengaduan/" not in lumajang_home
    assert client.get("/kab-lumajang/standar-pelayanan/pengaduan/").status_code == 404
    assert client.get("/kab-lumajang/standar-pelayanan/akad/").status_code == 200
    assert "/kota-probolinggo/standar-pelayanan/pengaduan/" in (
        client.get("/kota-probolinggo/").content.decode()
    )


def test_an_office_has_no_address_of_a_service_it_does_not_offer(client, office, lumajang):
    assert client.get("/kab-lumajang/pengaduan/").status_code == 404
    assert client.get("/kab-lumajang/pengaduan/status/").status_code == 404
    assert client.get("/kab-lumajang/akad/verifikasi/").status_code == 200
    assert client.get("/kab-lumajang/loker/").status_code == 200  # the one job market
    assert client.get("/kota-probolinggo/pengaduan/").status_code == 200


def test_the_portals_own_pages_have_no_office_address(client, office):
    for path in ("/kota-probolinggo/admin/", "/kota-probolinggo/masuk/", "/kota-probolinggo/akun/"):
        assert client.get(path).status_code == 404, path
    assert client.get("/masuk/").status_code == 200


def test_an_office_address_without_its_slash_gets_it(client, office, standards):
    answer = client.get("/kota-probolinggo")
    assert answer.status_code == 301 and answer["Location"] == "/kota-probolinggo/"
    answer = client.get("/kota-probolinggo/loker")
    assert answer.status_code == 301 and answer["Location"] == "/kota-probolinggo/loker/"


def test_an_unknown_or_inactive_office_is_not_found(client, office, lumajang):
    assert client.get("/kab-tidak-ada/").status_code == 404
    assert client.get("/kab-tidak-ada/loker/").status_code == 404
    lumajang.is_active = False
    lumajang.save()
    assert client.get("/kab-lumajang/").status_code == 404


def test_an_office_is_found_by_its_host_name(client, office, lumajang, standards):
    lumajang.hostnames = "Disnaker.Lumajangkab.go.id\n"
    lumajang.save()
    page = client.get("/", HTTP_HOST="disnaker.lumajangkab.go.id")
    assert page.status_code == 200
    assert page.wsgi_request.office == lumajang
    assert "Dinas Tenaga Kerja Kabupaten Lumajang" in page.content.decode()
    # on its own host, its pages need no prefix
    assert 'href="/standar-pelayanan/akad/"' in page.content.decode()
    host = "disnaker.lumajangkab.go.id"
    assert client.get("/akad/verifikasi/", HTTP_HOST=host).wsgi_request.office == lumajang
    assert client.get("/pengaduan/", HTTP_HOST=host).status_code == 404  # not offered there
    # the portal's own host is the portal's
    assert client.get("/").wsgi_request.office is None


def test_the_settings_map_names_an_office_host_too(client, settings, office, lumajang):
    settings.OFFICE_HOSTS = {"naker.probolinggokota.go.id": "kota-probolinggo"}
    cache.clear()  # the map is kept in the shared cache; a deploy starts with an empty one
    page = client.get("/loker/", HTTP_HOST="naker.probolinggokota.go.id")
    assert page.wsgi_request.office == office


def test_finding_the_office_costs_the_same_queries_whatever_their_number(
    client, office, standards, django_assert_num_queries
):
    client.get("/kota-probolinggo/standar-pelayanan/bkol/")  # the cache holds the office map
    cache.delete_many([k for k in ("pagecache:version",)])  # the pages themselves are not kept

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        cache.delete("pagecache:version")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/kota-probolinggo/standar-pelayanan/bkol/").status_code == 200
        return len(queries)

    few = count()
    for number in range(1, 11):
        make_office(number, hostnames=f"naker-{number}.example.go.id")
    client.get("/kota-probolinggo/")  # the map again, once, after the offices changed
    assert count() == few


# --- the root: the offices, and finding one ---------------------------------------------------


def test_the_root_lists_the_offices_by_province_with_their_services(client, office, lumajang):
    make_office(1)
    page = client.get("/")
    assert page.wsgi_request.office is None
    text = page.content.decode()
    assert "Jawa Timur" in text and "Papua" in text
    assert text.index("Jawa Timur") < text.index("Kabupaten Lumajang") < text.index("Papua")
    assert 'href="/kab-lumajang/"' in text
    assert 'href="/kota-probolinggo/"' in text
    assert "Portal Disnaker" in text  # the portal's name in the header, not an office's


def test_typing_a_region_finds_its_office_without_javascript(client, office, lumajang):
    text = client.get("/", {"q": "lumajang"}).content.decode()
    assert 'href="/kab-lumajang/"' in text
    assert 'href="/kota-probolinggo/"' not in text
    nothing = client.get("/", {"q": "Atlantis"}).content.decode()
    assert "Tidak ada dinas dengan nama itu" in nothing


def test_the_office_list_costs_the_same_queries_for_many_offices(
    client, office, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    for number in range(1, 3):
        make_office(number)
    client.get("/")
    with django_assert_num_queries(1):
        few = client.get("/")
    for number in range(3, 30):
        make_office(number)
    client.get("/")
    with django_assert_num_queries(1):
        many = client.get("/")
    assert many.content.decode().count('class="card h-100"') == 30
    assert few.status_code == 200


# --- addresses: reverse, the page cache, the sitemap ----------------------------------------


def test_an_office_page_links_to_its_own_pages_and_to_the_global_ones(client, office, standards):
    text = client.get("/kota-probolinggo/").content.decode()
    assert 'href="/kota-probolinggo/standar-pelayanan/bkol/"' in text
    assert 'href="/kota-probolinggo/loker/"' in text
    assert 'href="/kota-probolinggo/pengaduan/status/"' in text
    assert 'href="/masuk/"' in text  # the log-in is the portal's
    assert offices.office_reverse(office, "complaints:create") == "/kota-probolinggo/pengaduan/"
    assert reverse("complaints:create") == "/pengaduan/"  # outside a request: the root's


def test_the_page_cache_keeps_each_office_apart(client, office, lumajang, standards, settings):
    settings.PAGE_CACHE_SECONDS = 600
    lumajang.hostnames = "disnaker.lumajangkab.go.id"
    lumajang.save()
    portal_list = client.get("/loker/").content.decode()
    on_host = client.get("/loker/", HTTP_HOST="disnaker.lumajangkab.go.id").content.decode()
    again = client.get("/loker/").content.decode()
    assert "Dinas Tenaga Kerja Kabupaten Lumajang" in on_host
    assert "Dinas Tenaga Kerja Kabupaten Lumajang</strong>" not in again
    assert again == portal_list
    assert client.get("/kab-lumajang/").content != client.get("/kota-probolinggo/").content


def test_the_sitemap_gives_each_office_its_pages(client, office, lumajang, standards):
    text = client.get("/sitemap-standards.xml").content.decode()
    assert "/kota-probolinggo/standar-pelayanan/pengaduan/" in text
    assert "/kab-lumajang/standar-pelayanan/akad/" in text
    assert "/kab-lumajang/standar-pelayanan/pengaduan/" not in text  # not offered there
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "/kab-lumajang/</loc>" in pages


def test_an_office_may_not_take_a_global_address_as_its_slug(office):
    from django.core.exceptions import ValidationError

    office.slug = "loker"
    with pytest.raises(ValidationError):
        office.full_clean()


# --- the one job market --------------------------------------------------------------------


def test_the_vacancy_search_covers_every_office_and_picks_the_office_on_its_address(
    client, office, lumajang
):
    make_vacancy(title="Operator Mesin Jahit")
    everywhere = client.get("/loker/")
    assert everywhere.context["form"]["office"].value() in (None, "")
    assert "Operator Mesin Jahit" in everywhere.content.decode()
    text = everywhere.content.decode()
    assert '<option value="kab-lumajang">Dinas Tenaga Kerja Kabupaten Lumajang</option>' in text

    at_lumajang = client.get("/kab-lumajang/loker/")
    assert at_lumajang.context["form"]["office"].value() == "kab-lumajang"
    assert (
        '<option value="kab-lumajang" selected>Dinas Tenaga Kerja Kabupaten Lumajang</option>'
        in at_lumajang.content.decode()
    )
    # the visitor may widen it to every office from there
    widened = client.get("/kab-lumajang/loker/", {"office": ""})
    assert widened.context["form"]["office"].value() == ""


def test_the_vacancy_search_costs_the_same_queries_whatever_the_number_of_offices(
    client, office, settings, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    for n in range(3):
        make_vacancy(title=f"Juru Masak {n}")

    def count(path):
        client.get(path)  # what the shared cache keeps is kept
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    everywhere, at_office = count("/loker/"), count("/kota-probolinggo/loker/")
    for number in range(1, 21):
        make_office(number)
    for path, queries in (("/loker/", everywhere), ("/kota-probolinggo/loker/", at_office)):
        client.get(path)  # the office list for the filter, once, after the offices changed
        with django_assert_num_queries(queries):
            assert client.get(path).status_code == 200


# --- the one-office portal's addresses ------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/standar-pelayanan/bkol/", "/kota-probolinggo/standar-pelayanan/bkol/"),
        ("/pengaduan/", "/kota-probolinggo/pengaduan/"),
        ("/pengaduan/terkirim/", "/kota-probolinggo/pengaduan/terkirim/"),
        ("/mutu/", "/kota-probolinggo/mutu/"),
        ("/mutu/?tahun=2025", "/kota-probolinggo/mutu/?tahun=2025"),
    ],
)
def test_an_old_address_leads_to_the_first_office(client, office, lumajang, old, new):
    answer = client.get(old)
    assert answer.status_code == 301
    assert answer["Location"] == new


def test_an_old_address_without_any_office_keeps_answering(client, db):
    # a portal with no office yet: no redirect to an office that does not exist, no error;
    # the standards are each office's own, so there is none to show
    answer = client.get("/standar-pelayanan/bkol/")
    assert answer.status_code == 404


def test_a_form_sent_to_an_old_address_is_not_redirected(client, office):
    # a POST is never redirected (the browser would drop what was typed)
    assert client.post("/pengaduan/", {}).status_code != 301


@pytest.mark.parametrize(
    "address",
    [
        "/akad/verifikasi/",
        "/akad/verifikasi/AAAA-BBBB-CCCC/",
        "/pengaduan/status/",
        "/mutu/survei/TIDAKADA/",  # a survey link names its own record
        "/loker/",
        "/",
    ],
)
def test_what_a_printed_code_names_keeps_answering_where_it_was_printed(client, office, address):
    answer = client.get(address)
    assert answer.status_code in (200, 404)  # an unknown code: "not issued by this office"
    assert answer.wsgi_request.office is None
