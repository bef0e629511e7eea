"""Bursa Kerja On Line: the people and companies who register, and what they publish.

One module per topic (registrations, vacancies, applications, the employer's shortlist, the
AK/I card); everything is re-exported here, so ``from jobboard.models import X`` reads as before.
"""

from .ak1 import (
    Ak1Card,
    Ak1CardQuerySet,
    Ak1ClosedReason,
    Ak1NumberCounter,
    Ak1Reminder,
    Ak1Report,
    months_later,
)
from .alerts import (
    AlertFrequency,
    SavedSearch,
    VacancyAnnouncement,
    VacancySuggestions,
)
from .applications import Application, ApplicationStatus, ApplicationStep, Placement
from .candidates import SavedCandidate
from .changes import ProfileChange, ProfileChangeStatus, ProfileChangeStep, checked_json, to_json
from .registration import (
    Education,
    Employer,
    JobSeeker,
    LegalForm,
    MaritalStatus,
    OfficerDecision,
    Registration,
    RegistrationQuerySet,
    RegistrationStatus,
    RegistrationStep,
    Religion,
    Sex,
)
from .vacancies import Vacancy, VacancyQuerySet, VacancyStatus, VacancyStep, WorkType

__all__ = [
    "AlertFrequency",
    "SavedSearch",
    "VacancyAnnouncement",
    "VacancySuggestions",
    "Ak1Card",
    "Ak1CardQuerySet",
    "Ak1ClosedReason",
    "Ak1NumberCounter",
    "Ak1Reminder",
    "Ak1Report",
    "Application",
    "ApplicationStatus",
    "ApplicationStep",
    "Education",
    "Employer",
    "JobSeeker",
    "LegalForm",
    "MaritalStatus",
    "OfficerDecision",
    "Placement",
    "ProfileChange",
    "ProfileChangeStatus",
    "ProfileChangeStep",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationStatus",
    "RegistrationStep",
    "Religion",
    "SavedCandidate",
    "Sex",
    "Vacancy",
    "VacancyQuerySet",
    "VacancyStatus",
    "VacancyStep",
    "WorkType",
    "checked_json",
    "months_later",
    "to_json",
]
