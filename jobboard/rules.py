"""Who may do what to which object: small predicates, one place, tested for every role.

Officers' rights are Django permissions (see roles.py); job seekers and employers act on
their own things only, and only once an officer has activated their account.
"""

from .models import Employer, JobSeeker, RegistrationStatus, VacancyStatus


def _profile(user, model):
    if not user.is_authenticated:
        return None
    name = model._meta.model_name
    try:
        return getattr(user, name)
    except model.DoesNotExist:
        return None


def jobseeker_of(user):
    return _profile(user, JobSeeker)


def employer_of(user):
    return _profile(user, Employer)


def active_jobseeker(user):
    seeker = jobseeker_of(user)
    return seeker if seeker is not None and seeker.is_active else None


def active_employer(user):
    employer = employer_of(user)
    return employer if employer is not None and employer.is_active else None


def owns_vacancy(user, vacancy):
    """The vacancy's own employer, and only while that employer is active."""
    employer = active_employer(user)
    return employer is not None and vacancy.employer_id == employer.pk


def can_edit_vacancy(user, vacancy):
    return owns_vacancy(user, vacancy) and vacancy.status in (
        VacancyStatus.SUBMITTED,
        VacancyStatus.RETURNED,
    )


def jobseeker_is_findable(jobseeker):
    """Employers see only active job seekers who agreed to be found."""
    return jobseeker.status == RegistrationStatus.ACTIVE and jobseeker.discoverable


def can_download_ak1(user, card):
    """The holder, and officers who may print cards (jobboard.download_ak1_card) in the
    card's office."""
    return user.is_authenticated and (
        user.pk == card.jobseeker.user_id or user.has_perm("jobboard.download_ak1_card", card)
    )
