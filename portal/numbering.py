"""Running numbers per year (the complaint book, AKAD permits, AK/I cards).

Each kind keeps one counter row per year. The row is locked until the caller's transaction
ends, so two officers at the same moment get consecutive numbers, never the same one, and a
rolled-back transaction gives its number back: no gap, no duplicate.
"""


class NumberFormatError(ValueError):
    """The office profile's number format cannot produce distinct numbers."""


def take_next(counter_model, year):
    """The next number of ``year`` from ``counter_model`` (a ``portal.models.YearCounter``)."""
    counter_model.objects.bulk_create([counter_model(year=year)], ignore_conflicts=True)
    counter = counter_model.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def format_number(fmt, *, seq, local):
    """``fmt`` of the office profile filled with {seq}, {year} and {month} of ``local``."""
    if "{seq" not in fmt:  # without the running number every document would get the same one
        raise NumberFormatError(fmt)
    try:
        return fmt.format(seq=seq, year=local.year, month=local.month)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise NumberFormatError(fmt) from exc


def book(counter_model, fmt, local):
    """Take the year's next number and format it: (year, running number, formatted number)."""
    seq = take_next(counter_model, local.year)
    return local.year, seq, format_number(fmt, seq=seq, local=local)
