"""Job alerts (issue 17 item 6): a job seeker's saved searches, mailed daily or weekly, and the
weekly suggestions for an active job seeker without one.

What an alert finds is what the vacancy list shows for the same search (jobboard.search's
``filter_vacancies`` and ``matching``, the list's own code), restricted to vacancies published
after the search was saved and never announced to this person. The announcements and the mail
are written in one transaction, under a lock on the job seeker's row: two workers running the
same batch at once announce each vacancy once (the unique pair is the last guard).
"""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.notifications import notify
from portal.workflow import MoveRefused

from .. import rules, search
from ..models import (
    JobSeeker,
    RegistrationStatus,
    SavedSearch,
    Vacancy,
    VacancyAnnouncement,
    VacancySuggestions,
)
from ..models.alerts import due_before

logger = logging.getLogger(__name__)

MAX_SAVED_SEARCHES = 10
MAX_PER_MAIL = 20  # the newest; the rest come in the next alert (not yet announced)
SUGGESTION_DAYS = 14  # suggestions look at vacancies published within these days
UNSUBSCRIBE_SALT = "jobboard.alerts.unsubscribe"


def _search_form():
    # The form knows how its cleaned values are kept and read back; no form travels here.
    from ..forms import VacancySearchForm

    return VacancySearchForm


def save_search(*, actor, filters, frequency):
    """An active job seeker keeps the vacancy list's search (its cleaned filters) as an alert.
    The same search saved again changes how often it comes (and starts it again if stopped)."""
    seeker = rules.active_jobseeker(actor)
    if seeker is None:
        raise PermissionDenied
    with transaction.atomic():
        JobSeeker.objects.select_for_update().get(pk=seeker.pk)
        saved = seeker.saved_searches.filter(filters=filters).first()
        if saved is not None:
            saved.frequency = frequency
            saved.stopped_at = None
            saved.save(update_fields=["frequency", "stopped_at"])
            return saved
        if seeker.saved_searches.count() >= MAX_SAVED_SEARCHES:
            raise MoveRefused(
                _("You can keep at most %(n)d saved searches. Delete one first.")
                % {"n": MAX_SAVED_SEARCHES}
            )
        return SavedSearch.objects.create(jobseeker=seeker, filters=filters, frequency=frequency)


def delete_search(saved, *, actor):
    """The owner deletes a saved search from his account page."""
    seeker = rules.jobseeker_of(actor)
    if seeker is None or saved.jobseeker_id != seeker.pk:
        raise PermissionDenied
    saved.delete()


def set_suggestions(*, actor, wanted):
    """The job seeker stops (or starts again) the weekly suggestions from his account page."""
    seeker = rules.active_jobseeker(actor)
    if seeker is None:
        raise PermissionDenied
    suggestions, _created = VacancySuggestions.objects.get_or_create(jobseeker=seeker)
    suggestions.stopped_at = None if wanted else (suggestions.stopped_at or timezone.now())
    suggestions.save(update_fields=["stopped_at"])
    return suggestions


# --- the unsubscribe link: a signed kind and id, nothing about the person -----------------


def unsubscribe_token(alert):
    kind = "s" if isinstance(alert, SavedSearch) else "w"
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{kind}{alert.pk}")


def alert_of_token(token):
    """The saved search or suggestions a token names, or None for a wrong or stale token."""
    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    kind, pk = value[:1], value[1:]
    model = {"s": SavedSearch, "w": VacancySuggestions}.get(kind)
    if model is None or not pk.isdigit():
        return None
    return model.objects.select_related("jobseeker").filter(pk=int(pk)).first()


def unsubscribe_url(alert):
    return settings.SITE_URL + reverse(
        "jobboard:alert_unsubscribe", args=[unsubscribe_token(alert)]
    )


def stop_alert(alert):
    """The one-click unsubscribe: no more mail of this saved search (or of the suggestions).
    The saved search is kept, stopped, so the person is not sent suggestions instead."""
    if alert.stopped_at is None:
        alert.stopped_at = timezone.now()
        alert.save(update_fields=["stopped_at"])
    return alert


# --- what an alert finds ---------------------------------------------------------------------


def _not_announced(vacancies, seeker):
    announced = VacancyAnnouncement.objects.filter(jobseeker=seeker, vacancy=OuterRef("pk"))
    return vacancies.exclude(Exists(announced)).order_by("-published_at", "-pk")


def search_matches(saved):
    """New vacancies of a saved search: the list's search over those published after it was
    saved, never announced to its owner, newest first. A search whose saved values no longer
    read (a choice removed) finds nothing."""
    try:
        data = _search_form().filters_from(saved.filters)
    except ValidationError:
        return Vacancy.objects.none()
    vacancies = Vacancy.objects.published().filter(published_at__gt=saved.created_at)
    vacancies, words = search.filter_vacancies(vacancies, data)
    return _not_announced(search.matching(vacancies, words), saved.jobseeker)


def suggestion_matches(seeker, now):
    """Vacancies that suit a job seeker: open to his education (the list's education filter),
    in his city or kecamatan, with a word of his skills or the job he wants (where he wrote
    any), published within the last two weeks and never announced to him."""
    vacancies = Vacancy.objects.published().filter(
        published_at__gte=now - datetime.timedelta(days=SUGGESTION_DAYS)
    )
    vacancies, _words = search.filter_vacancies(vacancies, {"education": seeker.education_level})
    vacancies = vacancies.filter(Q(place__iexact=seeker.city) | Q(place__iexact=seeker.kecamatan))
    query = search.any_word_query(f"{seeker.skills} {seeker.desired_job}")
    if query is not None:
        vacancies = vacancies.filter(search=query)
    return _not_announced(vacancies, seeker)


def list_url(saved):
    """The vacancy list with the saved search filled in."""
    query = urlencode({k: v for k, v in saved.filters.items() if v not in (None, "")})
    return settings.SITE_URL + reverse("jobboard:vacancy_list") + (f"?{query}" if query else "")


# --- sending ---------------------------------------------------------------------------------


def _announce(seeker, vacancies, *, template, alert, context, saved=None, now):
    """Record the announcements and queue the mail, in the caller's transaction."""
    found = list(vacancies.select_related("employer")[: MAX_PER_MAIL + 1])
    if not found or not seeker.email:
        return 0
    shown = found[:MAX_PER_MAIL]
    VacancyAnnouncement.objects.bulk_create(
        VacancyAnnouncement(jobseeker=seeker, vacancy=v, saved_search=saved, announced_at=now)
        for v in shown
    )
    link = unsubscribe_url(alert)
    notify(
        template,
        {
            "profile": seeker,
            "vacancies": [
                (v, settings.SITE_URL + reverse("jobboard:vacancy_detail", args=[v.pk]))
                for v in shown
            ],
            "more": len(found) > MAX_PER_MAIL,
            "unsubscribe_url": link,
            "account_url": settings.SITE_URL + reverse("jobboard:my_status"),
            **context,
        },
        seeker.email,
        office=seeker.office,
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return 1


def due_jobseekers(now=None):
    """Ids of the job seekers an alert run at ``now`` has something to do for: a saved search
    that falls due, or (without any saved search) weekly suggestions that fall due."""
    now = now or timezone.now()
    searching = set(SavedSearch.objects.due(now).values_list("jobseeker_id", flat=True))
    not_due = VacancySuggestions.objects.filter(jobseeker=OuterRef("pk")).filter(
        Q(stopped_at__isnull=False) | Q(last_sent_at__gte=due_before(now, 7))
    )
    suggesting = (
        JobSeeker.objects.active()
        .exclude(Exists(SavedSearch.objects.filter(jobseeker=OuterRef("pk"))))
        .exclude(Exists(not_due))
        .values_list("pk", flat=True)
    )
    return sorted(searching | set(suggesting))


def send_alerts(jobseeker_id, now=None):
    """One job seeker's alerts due at ``now``: a mail per saved search with new vacancies, or
    the weekly suggestions. Returns how many mails were queued. Safe to run twice or at once."""
    now = now or timezone.now()
    with transaction.atomic():
        seeker = (
            JobSeeker.objects.select_for_update()
            .filter(pk=jobseeker_id, status=RegistrationStatus.ACTIVE)
            .first()
        )
        if seeker is None:
            return 0
        searches = list(seeker.saved_searches.select_for_update().order_by("created_at", "pk"))
        queued = 0
        for saved in searches:
            if not saved.is_due(now):
                continue
            saved.jobseeker = seeker
            queued += _announce(
                seeker,
                search_matches(saved),
                template="jobboard/email/job_alert",
                alert=saved,
                saved=saved,
                now=now,
                context={
                    "criteria": _search_form().describe(saved.filters),
                    "frequency": saved.get_frequency_display(),
                    "list_url": list_url(saved),
                },
            )
            saved.last_alert_at = now
            saved.save(update_fields=["last_alert_at"])
        if searches:
            return queued
        suggestions, _created = VacancySuggestions.objects.get_or_create(jobseeker=seeker)
        if suggestions.is_due(now):
            queued += _announce(
                seeker,
                suggestion_matches(seeker, now),
                template="jobboard/email/vacancy_suggestions",
                alert=suggestions,
                now=now,
                context={"list_url": settings.SITE_URL + reverse("jobboard:vacancy_list")},
            )
            suggestions.last_sent_at = now
            suggestions.save(update_fields=["last_sent_at"])
        return queued


def send_alert_batch(jobseeker_ids, now=None):
    """One batch of the alert run: each person in his own transaction, so one failure (logged)
    leaves the others sent and is tried again at the next run."""
    sent = failed = 0
    for pk in jobseeker_ids:
        try:
            sent += send_alerts(pk, now)
        except Exception:  # noqa: BLE001 - one person's failure must not stop the batch
            logger.exception("job alerts of job seeker %s not sent", pk)
            failed += 1
    return sent, failed
