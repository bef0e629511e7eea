"""Inviting people to the satisfaction survey and recording their one answer per service event."""

import logging

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.notifications import notify

from . import skm
from .models import SurveyInvitation, SurveyResponse

logger = logging.getLogger(__name__)


class AlreadyAnswered(Exception):
    """The survey for this service event has been answered already."""

    def __init__(self, message=None):
        super().__init__(message or _("This survey has already been answered. Thank you!"))


def survey_url(invitation):
    return settings.SITE_URL + reverse("quality:survey", args=[invitation.token])


def invite(*, office_id, service, event_key, event_label, user=None, email="", completed_at=None):
    """Invite the person a service was completed for, once per service event.

    ``office_id`` is the office whose service it was; its figures count the answer.
    Called from the other apps' step rows (signals.py) when a service ends for a person:
    Permenpan RB 14/2017 asks the unit to survey its users. Returns the invitation, or None
    when it existed already (a step row saved twice, or a second event with the same key).
    """
    email = (email or (user.email if user else "") or "").strip()
    try:
        with transaction.atomic():
            invitation, created = SurveyInvitation.objects.get_or_create(
                event_key=event_key,
                defaults={
                    "office_id": office_id,
                    "service": service,
                    "event_label": event_label[:200],
                    "user": user,
                    "email": email,
                    "completed_at": completed_at or timezone.now(),
                },
            )
    except IntegrityError:  # the same event invited at the same moment elsewhere
        return None
    except DatabaseError:
        # The survey must never undo the service it follows (an activation, a signed permit):
        # the savepoint is rolled back, the officer's step stands, and the failure is logged.
        logger.exception("could not create the survey invitation for %s", event_key)
        return None
    if not created:
        return None
    if email:
        notify(
            "quality/email/invitation",
            {"invitation": invitation, "url": survey_url(invitation)},
            email,
            office=invitation.office,
        )
    return invitation


def answer(*, invitation, answers, comment=""):
    """Record the nine SKM answers for one invitation; a second answer raises AlreadyAnswered.

    The row lock and the one-to-one constraint both refuse a second answer, also when two
    are sent at the same moment.
    """
    values = {field: int(answers[field]) for field in skm.FIELDS}
    if any(v not in skm.SCALE for v in values.values()):
        raise ValueError("answers are 1-4")
    try:
        with transaction.atomic():
            locked = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
            if SurveyResponse.objects.filter(invitation=locked).exists():
                raise AlreadyAnswered
            return SurveyResponse.objects.create(
                invitation=locked,
                office_id=locked.office_id,
                service=locked.service,
                comment=(comment or "").strip(),
                **values,
            )
    except IntegrityError:
        raise AlreadyAnswered from None
