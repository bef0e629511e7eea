"""Forms of the job exchange, one module per topic; everything is re-exported here."""

from .ak1 import Ak1ReportForm
from .applications import ApplyForm, MoveApplicationForm
from .candidates import CandidateSearchForm, SaveCandidateForm
from .common import DATE_INPUT, FileRetryMixin, ReasonForm, model_data, textarea
from .registration import (
    AccountFieldsMixin,
    EmployerForm,
    EmployerRegistrationForm,
    JobSeekerForm,
    JobSeekerRegistrationForm,
    OwnEmailMixin,
)
from .vacancies import SavedSearchForm, VacancyForm, VacancySearchForm

__all__ = [
    "DATE_INPUT",
    "AccountFieldsMixin",
    "Ak1ReportForm",
    "ApplyForm",
    "CandidateSearchForm",
    "EmployerForm",
    "EmployerRegistrationForm",
    "FileRetryMixin",
    "JobSeekerForm",
    "JobSeekerRegistrationForm",
    "MoveApplicationForm",
    "OwnEmailMixin",
    "ReasonForm",
    "SaveCandidateForm",
    "SavedSearchForm",
    "VacancyForm",
    "VacancySearchForm",
    "model_data",
    "textarea",
]
