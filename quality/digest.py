"""The officers' morning digest: what waits for each of them, in each of their offices.

An officer asks for it once (``MorningDigest``, on the page quality:digest); every morning at
07:00 office time the task queue sends each of them one mail listing the items of his "waiting
for me" queues (the states whose officer moves his roles in that office may make), read off
the same table as the escalation (quality.escalation.QUEUES). Nothing waiting: no mail.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.auth.models import Permission
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.models import OfficeRole
from portal.notifications import notify

from .escalation import QUEUES, workflow_of
from .models import MorningDigest

logger = logging.getLogger(__name__)

# Items listed per queue and office; the count above them is complete.
ITEMS_PER_QUEUE = 20


@dataclass
class DigestQueue:
    office: object
    title: str
    count: int
    url: str
    items: list = field(default_factory=list)  # (label, state label, since, url)


def office_permissions(user):
    """{office: {"app.codename", ...}} from the user's OfficeRole rows."""
    rows = OfficeRole.objects.filter(user=user).select_related("office")
    by_office = {}
    for role in rows:
        perms = Permission.objects.filter(group=role.group_id).values_list(
            "content_type__app_label", "codename"
        )
        by_office.setdefault(role.office, set()).update(f"{a}.{c}" for a, c in perms)
    return by_office


def waiting_for(user):
    """The queues that wait for ``user``, per office: a list of DigestQueue."""
    out = []
    for office, perms in sorted(office_permissions(user).items(), key=lambda i: i[0].pk):
        for queue in QUEUES:
            workflow = workflow_of(queue)
            states = sorted(
                {m.source for m in workflow.moves if m.is_officer_move and m.permission in perms}
            )
            if not states:
                continue
            model = queue.model_class
            waiting = model._default_manager.filter(
                office=office, **{f"{workflow.state_field}__in": states}
            )
            count = waiting.count()
            if not count:
                continue
            opts = model._meta
            changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            entry = DigestQueue(office=office, title=str(queue.title), count=count, url=changelist)
            for obj in waiting.order_by(queue.since, "pk")[:ITEMS_PER_QUEUE]:
                entry.items.append(
                    (
                        queue.label(obj),
                        getattr(obj, f"get_{workflow.state_field}_display")(),
                        getattr(obj, queue.since),
                        queue.admin_url(obj),
                    )
                )
            out.append(entry)
    return out


def send_digests(now=None):
    """Send today's digest to every officer who asked for it, once a day; returns how many."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    for digest_id in MorningDigest.objects.filter(user__is_active=True).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            digest = (
                MorningDigest.objects.select_for_update(of=("self",))
                .select_related("user")
                .get(pk=digest_id)
            )
            if digest.last_sent_on == today:
                continue  # already sent this morning (the task ran twice)
            digest.last_sent_on = today
            digest.save(update_fields=["last_sent_on"])
            queues = waiting_for(digest.user)
            if not queues or not digest.user.email:
                continue
            offices = list(dict.fromkeys(q.office for q in queues))
            notify(
                "quality/email/digest",
                {"person": digest.user, "queues": queues, "today": today},
                digest.user.email,
                office=offices[0],
            )
            sent += 1
    return sent
