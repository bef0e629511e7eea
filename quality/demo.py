"""Demo survey answers, so the public page and the heads' dashboard show an index at once.

Idempotent: the demo invitations are looked up by their event keys. No accounts are made.
"""

from django.utils import timezone

from portal.demo import demo_office

from . import skm
from .models import Service, SurveyInvitation, SurveyResponse

# Per service, a few respondents' answers to U1..U9 (the kind of spread a real survey shows).
ANSWERS = {
    Service.JOB_EXCHANGE: [
        [4, 4, 3, 4, 3, 4, 4, 3, 3],
        [3, 3, 3, 4, 3, 3, 4, 3, 3],
        [4, 3, 2, 4, 3, 3, 3, 2, 3],
    ],
    Service.AKAD_PERMIT: [[3, 3, 4, 4, 4, 4, 4, 3, 4], [4, 3, 3, 4, 4, 3, 4, 3, 3]],
    Service.COMPLAINTS: [[3, 2, 2, 4, 3, 3, 3, 3, 3], [2, 3, 2, 4, 2, 3, 3, 2, 3]],
}


def load():
    now = timezone.now()
    for service, rows in ANSWERS.items():
        for i, values in enumerate(rows, start=1):
            invitation, created = SurveyInvitation.objects.get_or_create(
                event_key=f"demo:{service}:{i}",
                defaults={
                    "office": demo_office(),
                    "service": service,
                    "event_label": "Demo",
                    "completed_at": now,
                },
            )
            if created:
                SurveyResponse.objects.create(
                    invitation=invitation,
                    office_id=invitation.office_id,
                    service=service,
                    **dict(zip(skm.FIELDS, values, strict=True)),
                )
    return []
