"""Issue AK/I cards through the real activation, and move a card's dates back in time."""

import datetime

from django.utils import timezone

from jobboard import services
from jobboard.models import Ak1Card, months_later
from tests.factories import make_jobseeker


def issued_card(officer, **fields):
    seeker = make_jobseeker(ak1_requested=True, **fields)
    services.activate_registration(seeker, actor=officer)
    return Ak1Card.objects.get(jobseeker=seeker)


def backdate(card, *, months=0, days=0):
    """Pretend the card was issued ``months`` and ``days`` before today: the clock moved on."""
    card.refresh_from_db()
    valid_from = months_later(timezone.localdate(), -months) - datetime.timedelta(days=days)
    shift = card.valid_from - valid_from
    fields = {
        "valid_from": valid_from,
        "valid_until": months_later(valid_from, Ak1Card.VALID_MONTHS),
        "issued_at": card.issued_at - shift,
    }
    if card.next_report_period:
        fields["next_report_due"] = months_later(
            valid_from, Ak1Card.PERIOD_MONTHS * (card.next_report_period - 1)
        )
    Ak1Card.objects.filter(pk=card.pk).update(**fields)
    card.refresh_from_db()
    return card
