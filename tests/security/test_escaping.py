"""Escaping: a script payload in every free-text field a person can fill comes out inert on the
public pages, the owner's pages, the admin, the e-mails and the PDFs.

The fields are found by walking the models (CharField/TextField that a form can edit, without
choices); a field whose own validation refuses the payload (NIK, telephone, NIB, NPWP, e-mail)
is left out, since it can never hold it. Each field gets its own tag (``Q7Q``) so a failure
names the field that leaked. The payload is stored verbatim: escaping happens on output.
"""

import io
import re

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import models
from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from .world import BACKEND, base_world

SCRIPT = '<script>alert("x")</script>'
ATTRIBUTE_BREAK = '"><img src=x onerror=alert(1)>'
# What must never appear in a page as markup (escaped, the same text is harmless).
RAW_MARKERS = ("<script>alert(", "<img src=x")
PDF_ACTIVE = (b"/JavaScript", b"/JS ", b"/JS(", b"/Launch", b"/OpenAction", b"/AA", b"javascript:")


def payload(tag):
    return f"{tag}{SCRIPT}{ATTRIBUTE_BREAK}"


def free_text_fields(model):
    """(field, refused) for the model's person-editable text fields."""
    for f in model._meta.concrete_fields:
        if not isinstance(f, models.CharField | models.TextField) or f.primary_key:
            continue
        if not f.editable or f.choices or isinstance(f, models.EmailField):
            continue
        try:
            f.clean(payload("Q0Q"), None)
        except ValidationError:
            yield f, True
        else:
            yield f, False


# Free text for the model, but the forms that fill it validate it as a telephone number.
REFUSED_BY_FORM = {"complaints.Complaint.complainant_phone"}


def fill(obj, tags, label=None):
    """Put a tagged payload in every free-text field of ``obj`` that accepts one."""
    label = label or obj._meta.label
    for f, refused in free_text_fields(type(obj)):
        if refused or f"{label}.{f.name}" in REFUSED_BY_FORM:
            REFUSED.add(f"{label}.{f.name}")
            continue
        tag = f"Q{len(tags) + 1}Q"
        tags[tag] = f"{label}.{f.name}"
        setattr(obj, f.name, payload(tag))
    return obj


REFUSED = set()
# The queues open on what waits; these show every row.
ALL_ROWS = {
    "jobboard.jobseeker": "?queue=all",
    "jobboard.employer": "?queue=all",
    "jobboard.vacancy": "?queue=all",
    "akad_permits.permitapplication": "?queue=all",
}


def build():
    from akad_permits.models import PermitPosition
    from complaints import services as complaint_services
    from jobboard import services as job_services
    from jobboard.models import SavedCandidate
    from quality.models import SurveyInvitation, SurveyResponse
    from tests.akad_permits.conftest import bring_to
    from tests.akad_permits.conftest import make_application as make_permit_application
    from tests.complaints.conftest import CHAIN, step_service
    from tests.factories import default_office, make_employer, make_jobseeker
    from tests.jobboard.factories import make_vacancy

    from .world import ROLE_KEYS, SURVEY_FIELDS

    w = base_world()
    pak = w.officers["pak"]
    by_role = {ROLE_KEYS[k]: u for k, u in w.officers.items()}
    tags = {}

    # the job seeker and the employer register, and an officer activates them (mail)
    w.seeker = make_jobseeker(status="waiting")
    fill(w.seeker, tags).save()
    # one more still waiting under the same name, for the officers' step page
    w.seeker_waiting = make_jobseeker(status="waiting", full_name=w.seeker.full_name)
    w.employer = make_employer(status="waiting")
    fill(w.employer, tags).save()
    job_services.activate_registration(w.seeker, actor=pak)
    job_services.activate_registration(w.employer, actor=pak)
    w.seeker.refresh_from_db()
    w.employer.refresh_from_db()
    w.seeker.user = type(w.seeker.user).objects.get(pk=w.seeker.user_id)
    job_services.issue_ak1_card(w.seeker, actor=pak)  # the card carries the person's own data
    w.employer.user = type(w.employer.user).objects.get(pk=w.employer.user_id)

    # a vacancy, published by the officer (mail); an application with its letter (mail)
    w.vacancy = make_vacancy(w.employer, status="submitted")
    fill(w.vacancy, tags).save()
    job_services.publish_vacancy(w.vacancy, actor=pak)
    w.application = job_services.apply(w.vacancy, actor=w.seeker.user, letter=payload("QLQ"))
    tags["QLQ"] = "jobboard.Application.letter"
    assert [f.name for f, refused in free_text_fields(type(w.application)) if not refused] == [
        "letter"
    ]
    job_services.move_application(w.application, actor=w.employer.user, to_status="shortlisted")
    w.saved = fill(SavedCandidate(employer=w.employer, jobseeker=w.seeker), tags)
    w.saved.save()

    # an AKAD application with its position, brought to the signed permit (mail, PDF)
    w.permit = make_permit_application(w.employer)
    fill(w.permit, tags).save()
    for position in PermitPosition.objects.filter(application=w.permit):
        fill(position, tags).save()
    w.permit = bring_to(w.permit, "issued", by_role)

    # a complaint at the counter (mail to the complainant), answered in writing (mail, letter)
    data = {
        "complainant_phone": "0812-3334-4455",
        "complainant_email": "pengadu@example.com",
    }
    from complaints.models import Complaint

    draft = fill(Complaint(), tags)
    for f, refused in free_text_fields(Complaint):
        if not refused and f"complaints.Complaint.{f.name}" not in REFUSED_BY_FORM:
            data[f.name] = getattr(draft, f.name)
    w.complaint = complaint_services.record_complaint(
        office=default_office(), actor=by_role["Petugas Pengaduan"], channel="counter", data=data
    )
    for action, role, extra in CHAIN[:5]:
        step_service(action)(complaint=w.complaint, actor=by_role[role], **extra)

    # a survey answer with its comment
    invitation = SurveyInvitation.objects.create(
        office=default_office(),
        service="bkol",
        event_key="escape:1",
        event_label="Aktivasi",
        user=w.seeker.user,
    )
    w.survey = fill(
        SurveyResponse(
            invitation=invitation,
            office=invitation.office,
            service="bkol",
            **{f"u{i}_{n}": 3 for i, n in enumerate(SURVEY_FIELDS, start=1)},
        ),
        tags,
    )
    w.survey.save()
    w.tags = tags
    return w


class EscapingTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            cls.w = build()
        cls.mails = list(mail.outbox)

    # --- helpers ---------------------------------------------------------------------------

    def login(self, user):
        self.client.force_login(user, backend=BACKEND)

    def assert_inert(self, html, where, expect_some=True):
        """No payload as markup; returns the tags seen (escaped) on the page."""
        for marker in RAW_MARKERS:
            if marker in html:
                at = html.index(marker)
                context = html[max(0, at - 120) : at + 60]
                tag = re.findall(r"Q\w+?Q", html[max(0, at - 40) : at])
                self.fail(
                    f"{where}: payload is live markup ({marker!r}), field "
                    f"{[self.w.tags.get(t, t) for t in tag]}: …{context}…"
                )
        seen = {tag for tag in self.w.tags if f"{tag}{escape(SCRIPT)}" in html}
        seen |= {tag for tag in self.w.tags if tag in html and escape(SCRIPT) in html}
        if expect_some:
            assert seen, f"{where}: no payload shown at all; the page did not show what it should"
        return seen

    def get(self, url, where=None, expect_some=True):
        response = self.client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        return self.assert_inert(response.content.decode(), where or url, expect_some)

    # --- the tests -------------------------------------------------------------------------

    def test_the_payload_is_stored_verbatim_in_every_free_text_field(self):
        fields = set(self.w.tags.values())
        for expected in (
            "jobboard.JobSeeker.full_name",
            "jobboard.JobSeeker.address",
            "jobboard.JobSeeker.skills",
            "jobboard.JobSeeker.work_experience",
            "jobboard.Employer.company_name",
            "jobboard.Employer.contact_person",
            "jobboard.Vacancy.title",
            "jobboard.Vacancy.description",
            "jobboard.Application.letter",
            "jobboard.SavedCandidate.note",
            "akad_permits.PermitApplication.user_company",
            "akad_permits.PermitPosition.title",
            "complaints.Complaint.complainant_name",
            "complaints.Complaint.text",
            "quality.SurveyResponse.comment",
        ):
            assert expected in fields, expected
        # validated fields refuse it at the door
        for refused in (
            "jobboard.JobSeeker.nik",
            "jobboard.JobSeeker.phone",
            "jobboard.Employer.nib",
        ):
            assert refused in REFUSED, refused
        form = self.client.post(
            reverse("complaints:create"),
            {
                "complainant_name": "A",
                "complainant_address": "B",
                "text": "C",
                "complainant_phone": payload("Q0Q"),
            },
        ).context["form"]
        assert "complainant_phone" in form.errors
        self.w.seeker.refresh_from_db()
        assert self.w.seeker.full_name.endswith(SCRIPT + ATTRIBUTE_BREAK)

    def test_public_pages(self):
        w = self.w
        seen = self.get(reverse("jobboard:vacancy_list"))
        # the search box shows what was typed back, escaped
        search = self.client.get(reverse("jobboard:vacancy_list"), {"q": payload("QSQ")})
        self.assert_inert(search.content.decode(), "search for the payload", expect_some=False)
        assert escape(payload("QSQ")) in search.content.decode()
        seen |= self.get(reverse("jobboard:vacancy_detail", args=[w.vacancy.pk]))
        seen |= self.get(reverse("akad_permits:verify", args=[w.permit.verification_code]))
        self.get(reverse("quality:public"), expect_some=False)
        # the complainant's own status page, opened with reference and telephone
        response = self.client.post(
            reverse("complaints:status"),
            {"reference": w.complaint.reference, "contact": "081233344455"},
        )
        assert response.status_code == 200
        seen |= self.assert_inert(response.content.decode(), "complaint status page")
        self.assert_fields_seen(
            seen,
            [
                "jobboard.Vacancy.title",
                "jobboard.Vacancy.description",
                "jobboard.Employer.company_name",
                "akad_permits.PermitApplication.user_company",
                "akad_permits.PermitPosition.title",
                "complaints.Complaint.text",
            ],
        )

    def test_the_job_seekers_own_pages(self):
        self.login(self.w.seeker.user)
        seen = set()
        for name in ("jobboard:my_status", "jobboard:profile_edit", "jobboard:my_applications"):
            seen |= self.get(reverse(name))
        seen |= self.get(reverse("portal:dashboard"), expect_some=False)
        self.assert_fields_seen(
            seen,
            ["jobboard.JobSeeker.full_name", "jobboard.JobSeeker.skills", "jobboard.Vacancy.title"],
        )

    def test_the_employers_own_pages(self):
        w = self.w
        self.login(w.employer.user)
        seen = set()
        for url in (
            reverse("jobboard:my_status"),
            reverse("jobboard:profile_edit"),
            reverse("jobboard:employer_vacancies"),
            reverse("jobboard:vacancy_applicants", args=[w.vacancy.pk]),
            reverse("jobboard:candidate_search"),
            reverse("jobboard:candidate_search") + "?q=Q",
            reverse("jobboard:candidate_detail", args=[w.seeker.pk]),
            reverse("jobboard:shortlist"),
            reverse("akad_permits:application_list"),
            reverse("akad_permits:application_detail", args=[w.permit.pk]),
        ):
            seen |= self.get(url)
        self.assert_fields_seen(
            seen,
            [
                "jobboard.Employer.company_name",
                "jobboard.JobSeeker.full_name",
                "jobboard.Application.letter",
                "jobboard.SavedCandidate.note",
                "akad_permits.PermitApplication.recruiter_name",
            ],
        )

    def test_the_admin_lists_and_change_pages(self):
        w = self.w
        self.login(w.superuser)
        seen = set()
        for obj in (
            w.seeker,
            w.employer,
            w.vacancy,
            w.application,
            w.permit,
            w.complaint,
            w.survey,
        ):
            app, model = obj._meta.app_label, obj._meta.model_name
            query = ALL_ROWS.get(f"{app}.{model}", "")
            seen |= self.get(reverse(f"admin:{app}_{model}_changelist") + query, expect_some=False)
            seen |= self.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk]))
            seen |= self.get(
                reverse(f"admin:{app}_{model}_history", args=[obj.pk]), expect_some=False
            )
        for url in (
            reverse("admin:jobboard_jobseeker_step", args=[w.seeker_waiting.pk, "reject"]),
            reverse("admin:complaints_complaint_book"),
            reverse("admin:complaints_complaint_letter", args=[w.complaint.pk]),
            reverse("admin:complaints_complaint_step", args=[w.complaint.pk, "close"]),
            reverse("admin:index"),
        ):
            seen |= self.get(url, expect_some=False)
        # every field a person fills is shown somewhere in the officers' workspace
        missing = sorted(
            field
            for tag, field in w.tags.items()
            if tag not in seen and field.split(".")[1] not in ("SavedCandidate",)
        )
        assert not missing, f"never shown in the admin, so never checked there: {missing}"

    def test_the_officers_read_permits_and_complaints_in_the_admin_queues(self):
        self.login(self.w.officers["kadis"])
        seen = self.get(reverse("admin:akad_permits_permitapplication_changelist") + "?queue=all")
        seen |= self.get(reverse("admin:complaints_complaint_changelist"))
        self.assert_fields_seen(seen, ["complaints.Complaint.complainant_name"])

    def test_the_emails(self):
        assert len(self.mails) >= 5, [m.subject for m in self.mails]
        carried = 0
        for message in self.mails:
            assert "\n" not in message.subject and "\r" not in message.subject
            for content, mimetype in getattr(message, "alternatives", []):
                if "html" in mimetype:
                    self.assert_inert(content, f"HTML part of {message.subject!r}", False)
            if any(tag in message.body for tag in self.w.tags):
                carried += 1
                # plain text is inert by nature; it must read as typed, not as HTML entities
                assert SCRIPT in message.body and "&lt;" not in message.body, message.body
        # the mails do carry the names and titles people typed (plain text, so inert)
        assert carried >= 3, [m.subject for m in self.mails]

    def assert_pdf_inert(self, content, where):
        assert content.startswith(b"%PDF-"), where
        for marker in PDF_ACTIVE:
            assert marker not in content, f"{where}: {marker!r} in the PDF"
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        flat = re.sub(r"\s+", "", text)
        # the literal text is printed, as text
        assert re.sub(r"\s+", "", SCRIPT) in flat, f"{where}: payload not printed: {text[:500]}"
        return flat

    def test_the_akad_permit_pdf(self):
        self.login(self.w.employer.user)
        response = self.client.get(reverse("akad_permits:permit_pdf", args=[self.w.permit.pk]))
        assert response.status_code == 200
        flat = self.assert_pdf_inert(response.content, "AKAD permit")
        assert any(tag in flat for tag, f in self.w.tags.items() if f.startswith("akad_permits"))

    def test_the_ak1_card_pdf(self):
        """The card issued at activation prints the holder's data as typed, and only as text."""
        from jobboard.models import Ak1Card

        card = Ak1Card.objects.get(jobseeker=self.w.seeker)
        self.login(self.w.seeker.user)
        response = self.client.get(reverse("jobboard:ak1_pdf", args=[card.pk]))
        assert response.status_code == 200
        flat = self.assert_pdf_inert(response.content, "AK/I card")
        assert any(
            tag in flat for tag, f in self.w.tags.items() if f.startswith("jobboard.JobSeeker")
        )

    def test_the_complaint_answer_letter_pdf(self):
        self.login(self.w.superuser)
        response = self.client.get(
            reverse("admin:complaints_complaint_letter_pdf", args=[self.w.complaint.pk])
        )
        assert response.status_code == 200
        flat = self.assert_pdf_inert(response.content, "complaint answer letter")
        assert any(tag in flat for tag, f in self.w.tags.items() if f.startswith("complaints"))

    def assert_fields_seen(self, seen, fields):
        shown = {self.w.tags[tag] for tag in seen}
        missing = [f for f in fields if f not in shown]
        assert not missing, f"expected these fields on the pages (escaped): {missing}"
