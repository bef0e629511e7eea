"""Time against the service standard of the Lumajang AKAD document (seed 002).

The document gives two figures: the SOP table's minutes per activity ("MUTU BAKU ... WAKTU")
and a completion time of 1 day with complete files ("Waktu Penyelesaian: 1 Hari, Berkas
lengkap"). The portal measures both in *working* time, because a letter that arrives on
Friday at 15:55 is not late on Saturday.
"""

from portal import working_time
from portal.working_time import WORK_TZ  # noqa: F401  (the zone of the clocks, re-exported)

# --- Working time -------------------------------------------------------------------------
# The office's own hours and working calendar (portal.working_time): Monday to Friday, Friday
# hours apart, without the national holidays, the joint leave days and the office's own days
# off. A "working day" of the standards stays the 8 hours of the document's office
# (08:00-16:00), whatever hours an office keeps: it is the unit the SOP was written in.
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
#   5         5       6 Penerbitan izin setelah ditandatangani Kadis   sign         Kadis
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


def working_minutes(start, end, *, office, calendar=None):
    """Whole working minutes of ``office`` between two aware datetimes (0 if end is not after
    start): its hours and its calendar (portal.working_time; the officers' queues show it for
    every row, and quality_working_minutes in SQL agrees, tests/quality/test_sql.py).

    ``calendar``: the office's calendar when the caller has it already (a queue of 50 rows
    loads it once, portal.working_time.Calendars).
    """
    return working_time.working_minutes(start, end, office=office, calendar=calendar)
