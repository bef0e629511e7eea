"""E-mail notifications: rendered in the portal's language, sent by the task queue after commit."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext


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


def render_mail(template, context, office):
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` in the portal's language,
    signed by ``office`` (the office of the record the mail is about)."""
    context = {"office": office, "site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        context.setdefault("greeting", greeting())
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return subject, body


def send_now(template, context, to, *, office):
    recipients = [address for address in ([to] if isinstance(to, str) else to) if address]
    if not recipients:
        return 0
    subject, body = render_mail(template, context, office)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients).send()


def notify(template, context, to, *, office, headers=None):
    """Queue a mail from ``office`` (the office of the record it is about): rendered now,
    stored in the outbox with the change that causes it, and
    delivered by the task queue once the transaction commits (background.outbox).

    Mail never announces a change that was rolled back (the outbox row rolls back with it), and
    the request never waits for the mail server: a refusal or a timeout is retried with backoff
    by the worker and shows in the outbox, where an officer can resend it. ``headers``: extra
    mail headers (List-Unsubscribe of the job alerts), kept with the mail.
    """
    from background.outbox import queue_mail

    recipients = [address for address in ([to] if isinstance(to, str) else to) if address]
    if not recipients:
        return None
    subject, body = render_mail(template, context, office)
    return queue_mail(
        template=template,
        recipients=recipients,
        subject=subject,
        body=body,
        headers=headers,
        office=office,
    )
