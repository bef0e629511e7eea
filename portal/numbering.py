"""Running numbers per office and year (the complaint book, AKAD permits, AK/I cards).

Each kind keeps one counter row per office and year: every office numbers from 1. The row
is locked until the caller's transaction ends, so two officers at the same moment get consecutive numbers, never the same one, and a
rolled-back transaction gives its number back: no gap, no duplicate.
"""


class NumberFormatError(ValueError):
    """An office's number format cannot produce distinct numbers."""


def take_next(counter_model, office, year):
    """The next number of ``office`` in ``year`` from ``counter_model`` (a
    ``portal.models.YearCounter``)."""
    counter_model.objects.bulk_create(
        [counter_model(office=office, year=year)], ignore_conflicts=True
    )
    counter = counter_model.objects.select_for_update().get(office=office, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def format_number(fmt, *, seq, local):
    """``fmt`` of an office filled with {seq}, {year} and {month} of ``local``."""
    if "{seq" not in fmt:  # without the running number every document would get the same one
        raise NumberFormatError(fmt)
    try:
        return fmt.format(seq=seq, year=local.year, month=local.month)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise NumberFormatError(fmt) from exc


def book(counter_model, office, fmt, local):
    """Take the office's next number of the year and format it with ``fmt`` (one of the
    office's formats): (year, running number, formatted number)."""
    seq = take_next(counter_model, office, local.year)
    return local.year, seq, format_number(fmt, seq=seq, local=local)


def book_or_refuse(counter_model, office, fmt, now, refusal):
    """``book()`` for a workflow step: an office's format that cannot number refuses the
    move with ``refusal`` (a message with ``%(format)s``), so the step waits until it is
    fixed, and nothing is booked."""
    from django.utils import timezone

    from .workflow import MoveRefused

    try:
        return book(counter_model, office, fmt, timezone.localtime(now))
    except NumberFormatError as exc:
        raise MoveRefused(refusal % {"format": fmt}) from exc
