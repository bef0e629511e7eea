"""Search that understands Indonesian (issue 19 item 5): a word a job seeker types finds the
vacancy that says it with other affixes ("pengelasan" finds "Tukang Las", "memasak" finds
"Juru Masak"), both ways, on the public list and in the employers' job-seeker search."""

import pytest
from django.urls import reverse

from jobboard import search
from jobboard.models import Vacancy
from jobboard.stemming import stems_of
from tests.factories import make_employer
from tests.jobboard.factories import make_seeker, make_vacancy

pytestmark = pytest.mark.django_db

# (what a job seeker types, what a vacancy says): each must find the other.
WORD_PAIRS = [
    ("pengelasan", "las"),
    ("mengelas", "las"),
    ("memasak", "masak"),
    ("masakan", "masak"),
    ("penjahit", "jahit"),
    ("menjahit", "jahit"),
    ("jahitan", "jahit"),
    ("pengemudi", "kemudi"),
    ("mengemudi", "kemudi"),
    ("perawat", "rawat"),
    ("perawatan", "rawat"),
    ("keperawatan", "perawat"),
    ("pengajar", "ajar"),
    ("mengajar", "pengajar"),
    ("pelajaran", "ajar"),
    ("pelayan", "layan"),
    ("pelayanan", "pelayan"),
    ("penjualan", "jual"),
    ("penjual", "jual"),
    ("menjual", "penjualan"),
    ("pemasaran", "pasar"),
    ("memasarkan", "pemasaran"),
    ("kebersihan", "bersih"),
    ("membersihkan", "kebersihan"),
    ("pengiriman", "kirim"),
    ("mengirim", "pengiriman"),
    ("pembukuan", "buku"),
    ("pengemasan", "kemas"),
    ("mengemas", "kemasan"),
    ("pengepakan", "pak"),
    ("pemotongan", "potong"),
    ("memotong", "potong"),
    ("penanaman", "tanam"),
    ("menanam", "tanam"),
    ("perbaikan", "baik"),
    ("memperbaiki", "perbaikan"),
    ("pemasangan", "pasang"),
    ("memasang", "pemasangan"),
    ("pengecatan", "cat"),
    ("mengecat", "pengecatan"),
    ("pembangunan", "bangun"),
    ("bangunan", "pembangunan"),
    ("pengawasan", "awas"),
    ("pengawas", "pengawasan"),
    ("pencatatan", "catat"),
    ("mencatat", "pencatatan"),
    ("pengetikan", "ketik"),
    ("mengetik", "ketik"),
    ("penerjemah", "terjemah"),
    ("terjemahan", "penerjemah"),
    ("pemrograman", "program"),
    ("pengolahan", "olah"),
    ("mengolah", "pengolahan"),
    ("penggilingan", "giling"),
    ("pengecoran", "cor"),
    ("penyemprotan", "semprot"),
    ("pembersih", "bersih"),
    ("pengajaran", "ajar"),
    ("pertanian", "tani"),
    ("petani", "tani"),
    ("perkebunan", "kebun"),
    ("pekebun", "kebun"),
    ("peternakan", "ternak"),
    ("peternak", "ternak"),
    ("perikanan", "ikan"),
    ("penimbangan", "timbang"),
    ("penyimpanan", "simpan"),
    ("pergudangan", "gudang"),
    ("keuangan", "uang"),
    ("penagihan", "tagih"),
    ("penyiaran", "siar"),
    ("penyiar", "siar"),
    ("pengantaran", "antar"),
    ("pengantar", "antar"),
    ("penataan", "tata"),
    ("penata", "tata"),
    ("perakitan", "rakit"),
    ("merakit", "perakitan"),
    ("pengelolaan", "kelola"),
    ("pengelola", "kelola"),
]


@pytest.fixture
def one_vacancy_per_word():
    """A published vacancy titled with each word of the list and nothing else searchable,
    written in one bulk insert (the way the benchmark and imports write them)."""
    template = make_vacancy(title="Contoh", position="Staf", skills="", description="Umum.")
    words = sorted({w for pair in WORD_PAIRS for w in pair})
    rows = []
    for word in words:
        row = Vacancy.objects.get(pk=template.pk)
        row.pk = None
        row.title = word.capitalize()
        rows.append(row)
    Vacancy.objects.bulk_create(rows)
    return {v.title.lower(): v.pk for v in Vacancy.objects.exclude(pk=template.pk)}


def found(text):
    return set(search.matching(Vacancy.objects.all(), text).values_list("pk", flat=True))


def test_every_word_pair_finds_each_other(one_vacancy_per_word):
    ids = one_vacancy_per_word
    missed = [
        (typed, said)
        for typed, said in WORD_PAIRS
        for a, b in ((typed, said), (said, typed))
        if ids[b] not in found(a)
    ]
    assert len(WORD_PAIRS) >= 50
    assert missed == []


def test_a_stem_does_not_find_an_unrelated_word(one_vacancy_per_word):
    make_vacancy(title="Guru Kelas", position="Guru", skills="", description="Mengajar.")
    welding = found("pengelasan")
    assert one_vacancy_per_word["las"] in welding
    assert not Vacancy.objects.filter(pk__in=welding, title="Guru Kelas").exists()
    # "emas" (gold) is not what "pengemasan" (packing) means
    make_vacancy(title="Pengrajin Emas", position="Perajin", skills="", description="Perhiasan.")
    assert not Vacancy.objects.filter(pk__in=found("pengemasan"), title="Pengrajin Emas").exists()


def test_the_public_list_finds_the_welder_by_the_word_for_welding(client):
    make_vacancy(title="Tukang Las Konstruksi", position="Tukang las")
    make_vacancy(title="Juru Masak Restoran", position="Juru masak")
    for typed, title in (
        ("pengelasan", "Tukang Las Konstruksi"),
        ("memasak", "Juru Masak Restoran"),
    ):
        page = client.get(reverse("jobboard:vacancy_list"), {"q": typed})
        assert page.status_code == 200
        titles = [v.title for v in page.context["page"].object_list]
        assert titles == [title], typed


def test_an_edited_vacancy_is_found_by_its_new_words():
    vacancy = make_vacancy(title="Staf Gudang", position="Staf", skills="", description="Umum.")
    assert vacancy.pk not in found("pengelasan")
    vacancy.title = "Tukang Las"
    vacancy.save()
    assert vacancy.pk in found("pengelasan")
    assert vacancy.pk not in found("pergudangan")


def test_employers_find_a_job_seeker_by_a_stemmed_skill(client):
    seeker = make_seeker(skills="mengelas dan memasak", desired_job="juru las", discoverable=True)
    employer = make_employer(status="active")
    client.force_login(employer.user)
    page = client.get(reverse("jobboard:candidate_search"), {"q": "pengelasan"})
    assert page.status_code == 200
    assert seeker.full_name in page.content.decode()


def test_the_stored_stems_are_the_roots_that_differ_from_the_words():
    assert stems_of("Juru Las", "pengelasan baja, memasak dan pengelasan") == "las masak"
