"""Public create forms record once, however often they are sent (issue 16, item 14).

Each such form carries a one-time token in a hidden field (``{% submission_token %}``, from
portal_forms). The view hands the writing to ``record_once``: it inserts the token into
portal.Submission and makes the record in one transaction. The same token sent again finds the
first sending's row and gets the first sending's answer; a second sending *while* the first is
still being written waits on the token's unique index until the first commits, then finds it.
If the first rolled back, its token row went with it and the second sending records normally.

The stored token is a hash of the token and the sender's account, so a token can only ever
replay its own sender's answer. A POST without a token (an old page, a script) is recorded as
before: the token protects a person from their own double click, not the portal from scripts
(the rate limits do that).
"""

import hashlib
import re
import secrets
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from .files import discard_files_on_error
from .models import Submission

FIELD = "submission_token"
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")
KEPT_FOR = timedelta(days=7)  # longer than anyone keeps a form open; then prune_submissions


def new_token():
    return secrets.token_urlsafe(24)


def posted_token(request):
    """The token the form came back with, or None if it has none of the right shape."""
    token = request.POST.get(FIELD, "")
    return token if TOKEN_SHAPE.fullmatch(token) else None


def _key(request, token):
    sender = request.user.pk if request.user.is_authenticated else ""
    return hashlib.sha256(f"{sender}:{token}".encode()).hexdigest()


def submission_recorded(request, token):
    """Whether a form with this token was recorded already (a form in steps asks before it
    rebuilds what the first sending cleared)."""
    return Submission.objects.filter(token=_key(request, token)).exists()


def record_once(request, record, answer):
    """``record()`` writes (and returns the record, or None); ``answer(record)`` gives the
    response. The first sending of the form's token records; every other sending of it gets
    ``answer`` of what the first one recorded, without recording again."""
    token = posted_token(request)
    if token is None:
        with transaction.atomic(), discard_files_on_error():
            made = record()
        return answer(made)
    key = _key(request, token)
    with transaction.atomic():
        try:
            with transaction.atomic():
                # Waits here while another request holding the same token is still writing.
                submission = Submission.objects.create(token=key)
        except IntegrityError:
            submission = None
        if submission is not None:
            with discard_files_on_error():
                made = record()
            if made is not None:
                submission.content_type = ContentType.objects.get_for_model(made)
                submission.object_id = made.pk
                submission.save(update_fields=["content_type", "object_id"])
    if submission is not None:
        return answer(made)
    # In READ COMMITTED this new statement sees the row the other request committed.
    return answer(Submission.objects.get(token=key).result())


def prune(now=None):
    """Forget tokens older than KEPT_FOR; returns how many."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    deleted, _ = Submission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
