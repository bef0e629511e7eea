"""A small, known data set for November 2026 (and some October), with figures worked out by
hand in the comments. Rows are written directly, with fixed times: the dashboard only reads.

Working time: Monday-Friday 08:00-16:00 WIB. 13, 20 Nov are Fridays; 16 Nov a Monday.
"""

from akad_permits.models import PermitApplication, PermitStep
from complaints.models import Complaint
from jobboard.models import (
    Application,
    JobSeeker,
    Placement,
    RegistrationStep,
    Vacancy,
    VacancyStep,
)
from tests.factories import default_office, make_employer, make_jobseeker

from .conftest import wib


def _registration(profile, created, steps, actor):
    type(profile).objects.filter(pk=profile.pk).update(created_at=created, submitted_at=created)
    kind = "jobseeker" if isinstance(profile, JobSeeker) else "employer"
    for from_status, to_status, at in steps:
        RegistrationStep.objects.create(
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            created_at=at,
            **{kind: profile},
        )


def registrations(actor):
    """Decisions in November, working minutes from (re)submission to decision:
    js1 3, js2 10, js3 6 (Fri 15:58 -> Mon 08:04), employer 1 (rejected) and 4 (after the
    resubmission). Sorted 1, 3, 4, 6, 10: median 4; p90 = 6 + 0.6 x 4 = 8.4; over 5: 2.
    Registered in November: 3 job seekers, 1 employer; in October 1 employer.
    """
    js1, js2, js3 = (make_jobseeker() for _ in range(3))
    _registration(
        js1, wib(2026, 11, 16, 9, 0), [("waiting", "active", wib(2026, 11, 16, 9, 3))], actor
    )
    _registration(
        js2, wib(2026, 11, 16, 10, 0), [("waiting", "active", wib(2026, 11, 16, 10, 10))], actor
    )
    _registration(
        js3, wib(2026, 11, 13, 15, 58), [("waiting", "active", wib(2026, 11, 16, 8, 4))], actor
    )
    emp = make_employer()
    _registration(
        emp,
        wib(2026, 11, 17, 11, 0),
        [
            ("waiting", "rejected", wib(2026, 11, 17, 11, 1)),
            ("rejected", "waiting", wib(2026, 11, 18, 9, 0)),
            ("waiting", "active", wib(2026, 11, 18, 9, 4)),
        ],
        actor,
    )
    october = make_employer()
    _registration(october, wib(2026, 10, 5, 9, 0), [], actor)
    JobSeeker.objects.filter(pk__in=[js1.pk, js2.pk, js3.pk]).update(status="active")
    return js1, emp


def vacancies(employer, seeker, actor):
    """Published in November: v1, v3 (2); open at the clock's moment (20 Nov): v1 only (v3 closed
    by the employer on 12 Nov). October: v2 published, open at the end of October (closes
    10 Nov). One placement in November."""
    import datetime

    def vacancy(published, closing, status):
        return Vacancy.objects.create(
            employer=employer,
            title="Operator",
            position="Operator",
            openings_any=2,
            min_education="SMA",
            place="Probolinggo",
            work_type="full_time",
            description="-",
            closing_date=closing,
            vacancy_letter="vacancies/letter.pdf",
            status=status,
            published_at=published,
        )

    v1 = vacancy(wib(2026, 11, 2, 9, 0), datetime.date(2026, 12, 31), "published")
    vacancy(wib(2026, 10, 10, 9, 0), datetime.date(2026, 11, 10), "published")
    v3 = vacancy(wib(2026, 11, 5, 9, 0), datetime.date(2026, 12, 31), "closed")
    VacancyStep.objects.create(
        vacancy=v3,
        from_status="published",
        to_status="closed",
        actor=actor,
        created_at=wib(2026, 11, 12, 9, 0),
    )
    application = Application.objects.create(vacancy=v1, jobseeker=seeker, status="hired")
    Placement.objects.create(
        application=application,
        jobseeker=seeker,
        employer=employer,
        vacancy=v1,
        placed_on=datetime.date(2026, 11, 19),
        recorded_by=actor,
    )


def _complaint(n, channel, received, status, changed, answered=None):
    return Complaint.objects.create(
        office=default_office(),
        book_year=received.year,
        book_number=n,
        reference=f"PGD-TEST-{n}",
        channel=channel,
        received_at=received,
        complainant_name="Siti",
        complainant_email=f"c{n}@example.com",
        text="-",
        status=status,
        status_changed_at=changed,
        answered_at=answered,
    )


def complaints():
    """c1 counter: Mon 2 Nov 09:00 -> Wed 4 Nov 09:00 = 420 + 480 + 60 = 960 min (2 days).
    c2 e-mail: Tue 3 Nov 10:00 -> Thu 12 Nov 10:00 = 360 + 6 x 480 + 120 = 3360 (7 days, late).
    c3 web: Wed 18 Nov 08:00, reported since 18 Nov 12:00: age 1320 (2.75 days), in step 1080
    (2.25 days). c4 telephone: Tue 20 Oct 08:00, still recorded: 23 days + 360 min = 11400
    (23.75 days, late).
    Answered in November: 2; median (960 + 3360) / 2 = 2160 = 4.5 days; p90 = 960 + 0.9 x
    2400 = 3120 = 6.5 days; 1 late. Late list for November: c4 (23.75), c2 (7.0).
    """
    return [
        _complaint(
            1, "counter", wib(2026, 11, 2, 9), "answered", wib(2026, 11, 4, 9), wib(2026, 11, 4, 9)
        ),
        _complaint(
            2, "email", wib(2026, 11, 3, 10), "closed", wib(2026, 11, 13, 9), wib(2026, 11, 12, 10)
        ),
        _complaint(3, "web", wib(2026, 11, 18, 8), "reported", wib(2026, 11, 18, 12)),
        _complaint(4, "telephone", wib(2026, 10, 20, 8), "recorded", wib(2026, 10, 20, 8)),
    ]


def _permit(employer, status, elapsed, entered, steps, actor):
    application = PermitApplication.objects.create(
        employer=employer,
        office=employer.office,
        status=status,
        elapsed_minutes=elapsed,
        state_entered_at=entered,
        submitted_at=steps[0][3] if steps else entered,
    )
    for action, from_status, to_status, at, minutes in steps:
        PermitStep.objects.create(
            application=application,
            action=action,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            created_at=at,
            minutes=minutes,
        )
    return application


def permits(employer, actor):
    """p1 issued 10 Nov (total 300): register 20 (late, SOP 15), dispose 5, consult 15,
    draft 10, sign 250 (late, SOP 5).
    p2 refused 12 Nov (total 600, over 1 day): register 100 (late), refused from registered
    after 500 (late against the disposition's 5).
    p3 waits in "disposed" (for the consultation, SOP 15) since Fri 20 Nov 09:00: 300 minutes at
    14:00, late;
    register 10, dispose 10 (late) in November; total 20 + 300 = 320.
    p4 issued in October after 700.

    November steps: from submitted 20, 100, 10 -> median 20, p90 20 + 0.8 x 80 = 84, late 2;
    from registered 5, 500, 10 -> median 10, p90 10 + 0.8 x 490 = 402, late 2;
    from disposed 15 (0 late); from consulted 10 (0 late); from drafted 250 (1 late).
    Decided in November: issued 1, refused 1, median 450, p90 300 + 0.9 x 300 = 570, 1 over
    1 day. Late list: p2 (600), p3 (320), p1 (300).
    """
    p1 = _permit(
        employer,
        "issued",
        300,
        wib(2026, 11, 10, 15),
        [
            ("register", "submitted", "registered", wib(2026, 11, 9, 9), 20),
            ("dispose", "registered", "disposed", wib(2026, 11, 9, 10), 5),
            ("consult", "disposed", "consulted", wib(2026, 11, 9, 11), 15),
            ("draft", "consulted", "drafted", wib(2026, 11, 9, 12), 10),
            ("sign", "drafted", "issued", wib(2026, 11, 10, 15), 250),
        ],
        actor,
    )
    p2 = _permit(
        employer,
        "refused",
        600,
        wib(2026, 11, 12, 9),
        [
            ("register", "submitted", "registered", wib(2026, 11, 11, 9), 100),
            ("refuse", "registered", "refused", wib(2026, 11, 12, 9), 500),
        ],
        actor,
    )
    p3 = _permit(
        employer,
        "disposed",
        20,
        wib(2026, 11, 20, 9),
        [
            ("register", "submitted", "registered", wib(2026, 11, 19, 9), 10),
            ("dispose", "registered", "disposed", wib(2026, 11, 20, 9), 10),
        ],
        actor,
    )
    p4 = _permit(
        employer,
        "issued",
        700,
        wib(2026, 10, 15, 9),
        [("sign", "drafted", "issued", wib(2026, 10, 15, 9), 5)],
        actor,
    )
    return p1, p2, p3, p4


def load(actor):
    seeker, employer = registrations(actor)
    vacancies(employer, seeker, actor)
    found = complaints()
    permits(employer, actor)
    return {"complaints": found, "employer": employer, "seeker": seeker}
