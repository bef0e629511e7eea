"""Every GET the access matrix knows (so every URL of the URL configuration), asked by the
test client as visitors of several kinds: for tests that look at all pages at once."""

from django.conf import settings
from django.db import transaction

from tests.security import test_access_matrix as matrix
from tests.security.world import BACKEND


def get_requests(test, visitors):
    """Yield (visitor, label, url) with ``test.client`` signed in as that visitor.

    ``test`` is a TestCase whose ``w`` is the world of tests/security/world.py.
    """
    checker = matrix.AccessMatrixTest()
    checker.w = test.w
    for visitor in visitors:
        test.client.logout()
        user = checker.visitor_user(visitor)
        if user is not None:
            test.client.force_login(user, backend=BACKEND)
        session = test.client.cookies.get(settings.SESSION_COOKIE_NAME)
        for label, case, url in checker.requests():
            if case.method != "get":
                continue
            if session is not None:  # a logout in an earlier request must not change who asks
                test.client.cookies[settings.SESSION_COOKIE_NAME] = session.value
            yield visitor, label, url


def rolled_back(ask, url, **kwargs):
    """One request whose writes (a session, a counter) are undone for the next one."""
    with transaction.atomic():
        response = ask(url, **kwargs)
        transaction.set_rollback(True)
    return response
