"""The complaint book's running number: no gap, no duplicate, even under concurrent intake."""

import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from complaints import services
from complaints.models import BookCounter, Channel, Complaint
from portal import roles
from portal.models import Office
from portal.offices import give_role
from tests.complaints.conftest import COMPLAINANT
from tests.factories import default_office


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_recordings_get_unique_gapless_numbers(officers, office):
    officer = officers[roles.COMPLAINT_OFFICER]
    start = threading.Barrier(50)
    errors = []

    def record(n):
        try:
            start.wait()
            services.record_complaint(
                office=default_office(),
                actor=officer,
                channel=Channel.COUNTER,
                data={**COMPLAINANT, "complainant_name": f"Pengadu {n}"},
            )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(Complaint.objects.values_list("book_number", flat=True))
    assert numbers == list(range(1, 51))
    assert Complaint.objects.values("reference").distinct().count() == 50
    assert BookCounter.objects.get(office=office).last == 50


@pytest.mark.django_db(transaction=True)
def test_two_offices_each_number_their_own_book_under_fifty_writers_each(officers, office):
    """Issue 15: Probolinggo's book and Lumajang's are each numbered 1..50 in the same year
    while 50 officers of each record at the same moment: no gap, no duplicate, no mix."""
    officer = officers[roles.COMPLAINT_OFFICER]
    lumajang = Office.objects.create(
        slug="kab-lumajang",
        region_code="3508",
        level="kabupaten",
        government="Pemerintah Kabupaten Lumajang",
        name="Dinas Tenaga Kerja Kabupaten Lumajang",
        complaint_number_format="{seq:03d}/PGD/{year}",
    )
    give_role(officer, lumajang, roles.COMPLAINT_OFFICER)  # records in both offices' books
    offices = [office, lumajang]
    start = threading.Barrier(100)
    errors = []

    def record(n):
        try:
            start.wait()
            services.record_complaint(
                office=offices[n % 2],
                actor=officer,
                channel=Channel.COUNTER,
                data={**COMPLAINANT, "complainant_name": f"Pengadu {n}"},
            )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(n,)) for n in range(100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    year = timezone.localdate().year
    for each in offices:
        book = Complaint.objects.filter(office=each)
        assert sorted(book.values_list("book_number", flat=True)) == list(range(1, 51))
        assert set(book.values_list("book_year", flat=True)) == {year}
        assert BookCounter.objects.get(office=each, year=year).last == 50
    assert sorted(
        Complaint.objects.filter(office=lumajang).values_list("book_label", flat=True)
    ) == [f"{n:03d}/PGD/{year}" for n in range(1, 51)]
    assert Complaint.objects.filter(office=office, book_number=7).get().book_label == f"7/{year}"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_recording_gives_its_number_back(officers, office):
    officer = officers[roles.COMPLAINT_OFFICER]
    with pytest.raises(RuntimeError), transaction.atomic():
        services.record_complaint(
            office=default_office(), actor=officer, channel=Channel.COUNTER, data=COMPLAINANT
        )
        raise RuntimeError("the officer's save failed later")
    complaint = services.record_complaint(
        office=default_office(), actor=officer, channel=Channel.COUNTER, data=COMPLAINANT
    )
    assert complaint.book_number == 1


@pytest.mark.django_db
def test_each_year_starts_its_own_book(officers, office):
    officer = officers[roles.COMPLAINT_OFFICER]
    BookCounter.objects.create(office=office, year=2020, last=41)
    complaint = services.record_complaint(
        office=default_office(), actor=officer, channel=Channel.COUNTER, data=COMPLAINANT
    )
    assert complaint.book_number == 1
    assert BookCounter.objects.get(office=office, year=2020).last == 41
