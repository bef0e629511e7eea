"""The complaint book's running number: no gap, no duplicate, even under concurrent intake."""

import threading

import pytest
from django.db import connection, transaction

from complaints import services
from complaints.models import BookCounter, Channel, Complaint
from portal import roles
from tests.complaints.conftest import COMPLAINANT


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_recordings_get_unique_gapless_numbers(officers, office):
    officer = officers[roles.COMPLAINT_OFFICER]
    start = threading.Barrier(50)
    errors = []

    def record(n):
        try:
            start.wait()
            services.record_complaint(
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
    assert BookCounter.objects.get().last == 50


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_recording_gives_its_number_back(officers, office):
    officer = officers[roles.COMPLAINT_OFFICER]
    with pytest.raises(RuntimeError), transaction.atomic():
        services.record_complaint(actor=officer, channel=Channel.COUNTER, data=COMPLAINANT)
        raise RuntimeError("the officer's save failed later")
    complaint = services.record_complaint(actor=officer, channel=Channel.COUNTER, data=COMPLAINANT)
    assert complaint.book_number == 1


@pytest.mark.django_db
def test_each_year_starts_its_own_book(officers, office):
    officer = officers[roles.COMPLAINT_OFFICER]
    BookCounter.objects.create(year=2020, last=41)
    complaint = services.record_complaint(actor=officer, channel=Channel.COUNTER, data=COMPLAINANT)
    assert complaint.book_number == 1
    assert BookCounter.objects.get(year=2020).last == 41
