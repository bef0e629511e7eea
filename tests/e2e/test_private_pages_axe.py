"""axe-core on the main private pages of each role, on a 360 px phone and a 1280 px desktop
(issue 19): no serious or critical violation, and no page wider than the screen.

One log-in per role; each page is opened at both widths in the same session."""

import pytest

from portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import check_accessibility, login

pytestmark = pytest.mark.e2e

# what each role of the demo opens every day (the office-prefixed pages under Probolinggo's)
PAGES = {
    "pencaker1": [
        "/akun/",
        "/loker/akun/status/",
        "/loker/akun/lamaran/",
        "/loker/akun/kartu-ak1/",
        "/akun/keamanan/",
    ],
    "perusahaan": [
        "/akun/",
        "/loker/perusahaan/lowongan/",
        "/loker/perusahaan/lowongan/baru/",
        "/loker/perusahaan/pencari-kerja/",
        "/akad/",
        "/akad/baru/",
    ],
    "antarkerja": [
        "/admin/",
        "/admin/jobboard/jobseeker/",
        "/admin/jobboard/vacancy/",
        "/admin/jobboard/employer/",
    ],
    "pengaduan": ["/admin/", "/admin/complaints/complaint/", "/admin/complaints/complaint/add/"],
    "sekretariat": ["/admin/", "/admin/akad_permits/permitapplication/"],
    "kadis": [
        "/admin/",
        "/kota-probolinggo/mutu/dasbor/",
        "/kota-probolinggo/mutu/ringkasan-pagi/",
    ],
}


@pytest.mark.parametrize("username", sorted(PAGES))
def test_the_main_private_pages_of_each_role_pass_axe_at_both_widths(page, demo_site, username):
    login(page, demo_site.url, username, DEMO_PASSWORD)
    failures = []
    for path in PAGES[username]:
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            response = page.goto(demo_site.url + path)
            assert response.status == 200, f"{username} {path}: {response.status}"
            assert "/masuk/" not in page.url, f"{username} was sent to log in at {path}"
            try:
                check_accessibility(page)
            except AssertionError as failure:
                failures.append(f"{path} at {width} px:\n{failure}")
    assert not failures, "\n\n".join(failures)
