"""The promises the dashboard measures against, with where each comes from."""

from akad_permits import standards as akad

# Bursa Kerja On Line (seed 000, "Waktu Penyelesaian"): "± 5 menit untuk melakukan pengecekan
# data dan AKTIVASI". Measured from the (re)submission to the officer's decision, in working
# minutes (Monday-Friday 08:00-16:00 WIB), so a registration sent at night is not late at 08:01.
ACTIVATION_MINUTES = 5

# AKAD permit (seed 002): the SOP table's minutes per step and "1 Hari" for the whole, in
# working time, exactly as akad_permits.standards defines them.
PERMIT_STEP_MINUTES = akad.STEP_STANDARD_MINUTES
PERMIT_TOTAL_MINUTES = akad.TOTAL_STANDARD_MINUTES
WORKING_DAY_MINUTES = akad.WORKING_DAY_MINUTES

# Complaints (seed 000): the standard promises a written answer but names no time. Each office
# sets its own (portal.Office.complaint_answer_days, 1-60 working days, 5 by default), counted
# from receipt. A complaint is late when it was answered after that, or is still unanswered
# past it. Everything that judges a complaint late reads the office's value through these two.
COMPLAINT_ANSWER_WORKING_DAYS = 5  # the default of a new office


def complaint_answer_minutes(office):
    """The office's time for a written answer, in working minutes."""
    return office.complaint_answer_days * WORKING_DAY_MINUTES


def complaint_answer_minutes_sql(office="office"):
    """The same, as an SQL expression of each complaint's office (``office``: its lookup)."""
    from django.db.models import ExpressionWrapper, F, IntegerField

    return ExpressionWrapper(
        F(f"{office}__complaint_answer_days") * WORKING_DAY_MINUTES, output_field=IntegerField()
    )


# Longest list of late items the page shows (the counts above each list are complete).
LATE_LIST_LIMIT = 100
