"""Time against the service standard of the Lumajang AKAD document (seed 002).

The document gives two figures: the SOP table's minutes per activity ("MUTU BAKU ... WAKTU")
and a completion time of 1 day with complete files ("Waktu Penyelesaian: 1 Hari, Berkas
lengkap"). The portal measures both in *working* time, because a letter that arrives on
Friday at 15:55 is not late on Saturday.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

# --- Working hours ------------------------------------------------------------------------
# The office's service hours: Monday to Friday, 08:00-16:00 local time (Asia/Jakarta, WIB).
# Public holidays are not modelled; a day off counts as a working day here.
WORK_TZ = ZoneInfo("Asia/Jakarta")
WORK_DAYS = frozenset({0, 1, 2, 3, 4})  # Monday=0 ... Friday=4
WORK_START = datetime.time(8, 0)
WORK_END = datetime.time(16, 0)
WORKING_DAY_MINUTES = 8 * 60

# "1 Hari" of the document: the whole procedure, from the complete file arriving to the
# signed permit, in working minutes.
TOTAL_STANDARD_MINUTES = 1 * WORKING_DAY_MINUTES

# --- Minutes per step -----------------------------------------------------------------------
# The SOP table has five rows (15, 5, 15, 15, 5 minutes) whose wording was copied from a
# vacancy-information procedure, so no row names one of the six steps of the procedure list
# below it. The mapping is by position: the five rows are the five officers' activities in
# the order the procedure list gives them, after the applicant's own step 1 (which has no
# standard: the clock starts when the letter arrives). The rows that fit by content agree:
# row 1 "menugaskan untuk persiapan" is the secretariat preparing the incoming file, row 2
# (5 min) is an order passed down (the Kadis's disposition), row 5 (5 min) is handing over
# the finished product (the signature).
#
#   SOP row  minutes  procedure step                                   action here  by
#   1        15       2 Sekretariat memproses surat masuk              register     Sekretariat
#   2         5       3 Disposisi Kepala Dinas ke Bidang Penempatan    dispose      Kadis
#   3        15       4 Konsultasi kepada Kepala Dinas                 consult      Kabid
#   4        15       5 Perintah kepada Seksi Penempatan (penyiapan)   draft        Kasi
#   5         5       6 Penerbitan ijin setelah ditandatangani Kadis   sign         Kadis
#
# Keyed by the action that ends the wait, so a return or refusal taken instead of that action
# is measured against the same figure (see STATE_ACTION in workflows.py).
STEP_STANDARD_MINUTES = {
    "register": 15,
    "dispose": 5,
    "consult": 15,
    "draft": 15,
    "sign": 5,
}


def _local(moment):
    return timezone.localtime(moment, WORK_TZ)


def working_minutes(start, end):
    """Whole working minutes between two aware datetimes (0 if end is not after start).

    The first and the last day count in part, the working days between them in full: the
    same figure whether an application waited an hour or a year (the officers' queues show
    it for every row; quality_working_minutes in SQL agrees, tests/quality/test_sql.py).
    """
    if start is None or end is None or end <= start:
        return 0
    start, end = _local(start), _local(end)
    first, last = start.date(), end.date()
    if first == last:
        total = _open_time(first, start, end)
    else:
        between = _working_days(
            first + datetime.timedelta(days=1), last - datetime.timedelta(days=1)
        )
        total = (
            _open_time(first, start, end)
            + _open_time(last, start, end)
            + between * datetime.timedelta(minutes=WORKING_DAY_MINUTES)
        )
    return int(total.total_seconds() // 60)


def _open_time(day, start, end):
    """How much of ``day``'s office hours lies between start and end."""
    if day.weekday() not in WORK_DAYS:
        return datetime.timedelta()
    open_at = datetime.datetime.combine(day, WORK_START, WORK_TZ)
    close_at = datetime.datetime.combine(day, WORK_END, WORK_TZ)
    lo, hi = max(start, open_at), min(end, close_at)
    return max(hi - lo, datetime.timedelta())


def _working_days(first, last):
    """Working days from ``first`` to ``last``, both included (0 if last is before first)."""
    days = (last - first).days + 1
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    weekday = first.weekday()
    return weeks * len(WORK_DAYS) + sum((weekday + i) % 7 in WORK_DAYS for i in range(rest))
