"""HEAD is answered wherever GET is: link checkers, search engines and uptime monitors ask HEAD
first, and a 405 tells them the page is broken.

The URLs come from the access matrix (which reads the URL configuration, so a new URL is
covered the day it is added): every GET case, for visitors of each kind, must answer HEAD with
the status and redirect GET gives, and with no body. Over a real server too, for the public
pages, since the test client drops HEAD bodies by itself.
"""

import http.client
from urllib.parse import urlsplit

import pytest
from django.test import TestCase

from tests.security import test_access_matrix as matrix
from tests.security.get_pages import get_requests, rolled_back
from tests.security.world import build_world

VISITORS = ["anon", "seeker_a", "employer_a", "pak", "kadis", "superuser"]


class HeadLikeGetTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.w = build_world()

    def test_every_get_url_answers_head_as_it_answers_get(self):
        wrong, count = [], 0
        for visitor, label, url in get_requests(self, VISITORS):
            get = rolled_back(self.client.get, url)
            head = rolled_back(self.client.head, url)
            count += 1
            if (head.status_code, head.get("Location")) != (get.status_code, get.get("Location")):
                wrong.append(
                    f"HEAD {url} ({label}) as {visitor}: {matrix.describe(head)}, "
                    f"GET gives {matrix.describe(get)}"
                )
            elif b"".join(head) if head.streaming else head.content:
                wrong.append(f"HEAD {url} ({label}) as {visitor}: a body was sent")
        assert count > 500, count
        assert not wrong, f"{len(wrong)} of {count} differ:\n" + "\n".join(wrong)


@pytest.mark.django_db(transaction=True)
def test_a_real_server_answers_head_on_public_pages_without_a_body(live_server, office, standards):
    from tests.jobboard.factories import make_vacancy

    vacancy = make_vacancy()
    host = urlsplit(live_server.url)
    for path in (
        "/",
        "/kota-probolinggo/",
        "/kota-probolinggo/standar-pelayanan/bkol/",
        "/loker/",
        "/kota-probolinggo/loker/",
        f"/loker/lowongan/{vacancy.pk}/",
        "/loker/daftar/pencari-kerja/",
        "/kota-probolinggo/pengaduan/",
        "/pengaduan/status/",
        "/akad/verifikasi/",
        "/kota-probolinggo/mutu/",
        "/robots.txt",
        "/sitemap.xml",
        "/masuk/",
    ):
        statuses = []
        for method in ("GET", "HEAD"):
            connection = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
            connection.request(method, path)
            response = connection.getresponse()
            body = response.read()
            statuses.append(response.status)
            connection.close()
        assert statuses == [200, 200], path
        assert body == b"", path
