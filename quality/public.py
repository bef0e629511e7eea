"""The public page's figures: each service's IKM and its promised versus actual time."""

from django.db.models import Count, F, Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from akad_permits.models import PermitStep
from akad_permits.models import Status as PermitStatus
from complaints.models import Complaint

from . import skm, targets
from .dashboard import decision_steps, survey_by_service
from .models import Service
from .stats import Median, WorkingMinutes


def service_rows(start, end, office=None):
    """Five queries, whatever the number of rows. ``office``: whose promised times are
    stated (the page's office; its own time for a written answer to a complaint)."""
    survey = survey_by_service(start, end)
    bkol = decision_steps(start, end).aggregate(n=Count("pk"), median=Median("minutes"))
    akad = PermitStep.objects.filter(
        to_status__in=(PermitStatus.ISSUED, PermitStatus.REFUSED),
        created_at__gte=start,
        created_at__lt=end,
    ).aggregate(n=Count("pk"), median=Median("application__elapsed_minutes"))
    answered = (
        Complaint.objects.filter(answered_at__gte=start, answered_at__lt=end)
        .annotate(minutes=WorkingMinutes(F("office"), F("received_at"), F("answered_at")))
        .aggregate(
            n=Count("pk"),
            median=Median("minutes"),
            late=Count("pk", filter=Q(minutes__gt=targets.complaint_answer_minutes_sql())),
        )
    )
    day = targets.WORKING_DAY_MINUTES
    times = {
        Service.JOB_EXCHANGE: (
            _("Checking and activation: %(n)s minutes") % {"n": targets.ACTIVATION_MINUTES},
            _minutes(bkol["median"]),
            bkol["n"],
        ),
        Service.AKAD_PERMIT: (
            _("1 working day with complete files"),
            _minutes(akad["median"]),
            akad["n"],
        ),
        Service.COMPLAINTS: (
            _("A written answer (office target: %(n)s working days)")
            % {
                "n": office.complaint_answer_days
                if office is not None
                else targets.COMPLAINT_ANSWER_WORKING_DAYS
            },
            None
            if answered["median"] is None
            else _("%(days)s working days") % {"days": number_format(answered["median"] / day, 1)},
            answered["n"],
        ),
    }
    rows = []
    for service, label in Service.choices:
        answers = survey.get(service)
        value = skm.ikm(answers) if answers else None
        letter, performance = skm.grade(value)
        promised, actual, decided = times[service]
        rows.append(
            {
                "service": service,
                "label": label,
                "respondents": answers["n"] if answers else 0,
                "ikm": value,
                "grade": letter,
                "performance": performance,
                "promised": promised,
                "actual": actual,
                "decided": decided,
            }
        )
    return rows


def _minutes(value):
    if value is None:
        return None
    return _("%(minutes)s working minutes") % {"minutes": number_format(value, 1)}
