"""E-mail notifications through Django's mail framework, sent after the transaction commits."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


def greeting(now=None):
    """ "Selamat pagi/siang/sore/malam" by the hour in the office's time zone (Asia/Jakarta)
    when the mail is written: a mail sent at 02:37 does not say "Selamat siang"."""
    hour = timezone.localtime(now).hour
    if 4 <= hour < 11:
        return gettext("Good morning")
    if 11 <= hour < 15:
        return gettext("Good day")
    if 15 <= hour < 18:
        return gettext("Good afternoon")
    return gettext("Good evening")


def render_mail(template, context):
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` in the portal's language."""
    from .models import OfficeProfile

    context = {"office": OfficeProfile.current(), "site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        context.setdefault("greeting", greeting())
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
