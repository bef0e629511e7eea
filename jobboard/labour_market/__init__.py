"""The monthly labour-market report (Informasi Pasar Kerja) of an office, from its records.

Labour offices report job seekers, vacancies and placements every month to the province and
the ministry (the Binapenta director-general's decree KEP.268/PPTK/XII/2012 on labour-market
information, its IPK tables). Every figure here is derived from the records' own dates and
states, so a month's figures can be produced again at any time and give the same numbers.

Dates are calendar dates in the offices' time zone (``portal.working_time.WORK_TZ``); a month
M is the half-open span [s, e): its first day up to the first day of the next month.

**Job seekers** (``JobSeeker`` rows of the office, status *active*):

- *entered*: the day of activation (``decided_at``: activation is the registration a
  Petugas Antar Kerja accepts, and no move leaves the active state);
- *placed on*: the earliest ``placed_on`` of the job seeker's placements (in any office);
- *removed on*: the day after the AK/I card issued by the portal stops being valid
  (``valid_until`` + 1 day): the registration has lapsed. A job seeker without a card from
  the portal (an uploaded card) is never removed;
- *left*: the earlier of *placed on* and *removed on*, never before *entered*
  (``GREATEST(entered, LEAST(placed on, removed on))``); left *by placement* when placed on
  is not after removed on (or there is no removal), otherwise *by removal*.

For month M:

- carried over (sisa bulan lalu): entered < s, and not left or left ≥ s;
- registered (terdaftar): s ≤ entered < e;
- placed (ditempatkan): left by placement, s ≤ left < e;
- removed (dihapus): left by removal, s ≤ left < e;
- carried forward (sisa akhir bulan): entered < e, and not left or left ≥ e.

Since left ≥ entered, carried over + registered = placed + removed + carried forward, and
carried forward of M is carried over of M + 1 by construction (the same condition at the
same day). They are counted by education level, sex and age band; the age is the age on the
day of entry (it does not change while the person waits, so the bands keep the identity).
Ages below 20 count in the first band (15-19).

**Vacancies** (the office's ``Vacancy`` rows that were published: status *published* or
*closed*, ``published_at`` set), counted in openings (the people the vacancy letter asks
for) by the minimum education and the sex the letter states (men, women, men or women):

- *entered*: the day of publication (``published_at``);
- *filled on*: the ``placed_on`` of the placement that takes the last opening (the N-th
  placement on it by date of placement, N its openings);
- *removed on*: the earlier of the day the employer closed it (its "close" step) and the
  day after its closing date (``closing_date`` + 1 day);
- *left*, *by filling* or *by removal*, and the five figures (carried over, registered,
  filled, removed, remaining) as for job seekers. A vacancy that ends partly filled is
  removed with all its openings; its placements count in the placements tables.

**Placements** (the office's ``Placement`` rows, the vacancy's office) with ``placed_on`` in
M, by the employer's business sector and the placed person's sex, and by region of placement:

- *AKAD* (between regions): the employer held, on the day of placement, an AKAD permit
  issued by the same office (``akad_permits.PermitApplication``, status issued,
  ``valid_from`` ≤ placed_on ≤ ``valid_until``);
- *abroad* (AKL): the portal records no placements abroad, so it is always 0 here;
- *local* (AKL lokal): the others.

Each figure has the filter of the admin change list that lists exactly its records
(``FILTER_PARAMETERS``; jobboard.admin.common.LabourReportFilter applies it): the job
seekers and placements it counts; for openings, the vacancies whose openings it sums.

The whole report is three aggregate queries (job seekers, vacancies, placements) whatever
the number of records or offices; tests/jobboard/test_labour_market.py asserts it.
"""

from .figures import Cell, Figures, Report, Row, Table, compute
from .records import (
    ABROAD,
    AGE_BANDS,
    AKAD,
    CARRIED_FORWARD,
    CARRIED_OVER,
    FILTER_PARAMETERS,
    LEFT_FIRST,
    LEFT_SECOND,
    LOCAL,
    OPENINGS,
    REGIONS,
    REGISTERED,
    SEEKER_STATE_LABELS,
    STATES,
    VACANCY_STATE_LABELS,
    filter_records,
    month_span,
    parse_month,
    placements_with_region,
    seekers_with_dates,
    state_q,
    vacancies_with_dates,
)

__all__ = [
    "ABROAD",
    "AGE_BANDS",
    "AKAD",
    "CARRIED_FORWARD",
    "CARRIED_OVER",
    "FILTER_PARAMETERS",
    "LEFT_FIRST",
    "LEFT_SECOND",
    "LOCAL",
    "OPENINGS",
    "REGIONS",
    "REGISTERED",
    "SEEKER_STATE_LABELS",
    "STATES",
    "VACANCY_STATE_LABELS",
    "Cell",
    "Figures",
    "Report",
    "Row",
    "Table",
    "compute",
    "filter_records",
    "month_span",
    "parse_month",
    "placements_with_region",
    "seekers_with_dates",
    "state_q",
    "vacancies_with_dates",
]
