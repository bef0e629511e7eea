"""An application's story with its time against the standard, for the applicant and officers."""

from dataclasses import dataclass

from django.utils import timezone

from . import standards
from .models import PermitStep
from .workflows import LABELS, STATE_ACTION


@dataclass
class TimelineRow:
    step: PermitStep | None
    label: str
    minutes: int | None
    standard: int | None

    @property
    def is_late(self):
        return (
            self.standard is not None and self.minutes is not None and self.minutes > self.standard
        )


def build(application, now=None):
    """Rows for each step taken, plus the step it waits in now; and the totals."""
    now = now or timezone.now()
    rows = []
    for step in application.steps.select_related("actor"):
        officer_step = step.from_status in STATE_ACTION
        rows.append(
            TimelineRow(
                step=step,
                label=LABELS.get(step.action, step.action),
                minutes=step.minutes if officer_step else None,
                standard=step.standard_minutes,
            )
        )
    current = None
    if application.status in STATE_ACTION:
        current = TimelineRow(
            step=None,
            label=application.get_status_display(),
            minutes=application.current_step_minutes(now),
            standard=application.current_step_standard(),
        )
    total = application.total_minutes(now)
    return {
        "rows": rows,
        "current": current,
        "total_minutes": total,
        "total_standard": standards.TOTAL_STANDARD_MINUTES,
        "total_late": total > standards.TOTAL_STANDARD_MINUTES,
    }
