"""Two workers check the late steps at the same moment: one report, one mail (real locks)."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction

from background.models import OutboxMail
from portal import roles
from portal.models import OfficeRole
from quality import escalation
from quality.models import Escalation
from tests.factories import make_jobseeker

from .test_escalation import START, minutes

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_second_worker_checking_while_the_first_has_not_committed_reports_nothing(
    make_user, roles_synced, office
):
    kasi = make_user("kasi", role=roles.SECTION_HEAD)
    OfficeRole.objects.create(
        user=kasi, office=office, group=Group.objects.get(name=roles.SECTION_HEAD)
    )
    seeker = make_jobseeker(office=office)
    type(seeker).objects.filter(pk=seeker.pk).update(submitted_at=START)

    first_reported, release = threading.Event(), threading.Event()
    made = {}

    def first():
        try:
            with transaction.atomic():  # its report inserted, not yet committed
                made["first"] = escalation.escalate_late_steps(minutes(6))
                first_reported.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    def second():
        try:
            first_reported.wait(timeout=30)
            # It does not see the first one's row yet, so it tries the insert, which waits
            # on the unique index until the first commits, and is then refused.
            made["second"] = escalation.escalate_late_steps(minutes(6))
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    first_reported.wait(timeout=30)
    threads[1].join(timeout=1)  # the second is blocked on the first's uncommitted row
    assert threads[1].is_alive()
    release.set()
    for t in threads:
        t.join(timeout=30)

    assert made == {"first": 1, "second": 0}
    assert Escalation.objects.count() == 1
    assert list(
        OutboxMail.objects.filter(template="quality/email/escalation").values_list("to", flat=True)
    ) == [[kasi.email]]
