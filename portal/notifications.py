"""E-mail notifications through Django's mail framework, sent after the transaction commits."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def render_mail(template, context):
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` in the portal's language."""
    from .models import OfficeProfile

    context = {"office": OfficeProfile.current(), "site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return subject, body


def send_now(template, context, to):
    recipients = [address for address in ([to] if isinstance(to, str) else to) if address]
    if not recipients:
        return 0
    subject, body = render_mail(template, context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients).send()


def notify(template, context, to):
    """Queue a mail to go out once the current transaction commits (at once outside one).

    Mail must never announce a change that was rolled back. A failing mail server is logged
    (without the address, which is personal data) and does not undo the change itself.
    """

    def send():
        try:
            send_now(template, context, to)
        except Exception:  # noqa: BLE001 - the change stands; the officer can resend
            logger.exception("could not send %s notification", template)

    transaction.on_commit(send)
