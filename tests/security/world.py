"""One small world with something of everything, owned by A so that B can be refused.

Built once per test class (setUpTestData) by the access matrix and the escaping tests. Objects
are made through the apps' own factories and services where a state needs a workflow.
"""

import datetime
import itertools
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.utils import timezone

from portal import roles
from tests.factories import default_office, make_employer, make_jobseeker

PASSWORD = "pw-Secret-123"
BACKEND = "portal.backends.EmailOrUsernameBackend"

# Short names for the officer roles, used as visitor kinds.
ROLE_KEYS = {
    "pak": roles.JOB_PLACEMENT_OFFICER,
    "pengaduan": roles.COMPLAINT_OFFICER,
    "sekretariat": roles.SECRETARIAT,
    "kasi": roles.SECTION_HEAD,
    "kabid": roles.DIVISION_HEAD,
    "kadis": roles.HEAD_OF_OFFICE,
}

_seq = itertools.count(1)


def make_staff(prefix, role=None, superuser=False, office=None):
    n = next(_seq)
    user = get_user_model().objects.create_user(
        username=f"{prefix}-{n}",
        email=f"{prefix}-{n}@disnaker.example.go.id",
        password=PASSWORD,
        is_staff=True,
        is_superuser=superuser,
    )
    if role:
        from tests.conftest import first_office, give_role

        give_role(user, office or first_office(), role)
    return user


def base_world():
    """The office, the service standards, the role groups, one officer per role, a superuser;
    and another office (Kabupaten Lumajang) with one officer per role of its own."""
    from portal.demo import OFFICE, STANDARDS
    from portal.models import NonWorkingDay, Office, ServiceStandard

    roles.sync_roles()
    w = SimpleNamespace()
    w.office, _ = Office.objects.get_or_create(slug=OFFICE["slug"], defaults=OFFICE)
    w.standards = [ServiceStandard.objects.create(office=w.office, **s) for s in STANDARDS]
    w.day_off = NonWorkingDay.objects.create(office=w.office, date="2026-12-15", name="Hari Jadi")
    w.officers = {
        key: make_staff(key, role=role, office=w.office) for key, role in ROLE_KEYS.items()
    }
    w.superuser = make_staff("root", superuser=True)
    w.other_office = Office.objects.create(
        slug="kab-lumajang",
        region_code="3508",
        level="kabupaten",
        government="Pemerintah Kabupaten Lumajang",
        name="Dinas Tenaga Kerja Kabupaten Lumajang",
        region="Kabupaten Lumajang",
        province="Jawa Timur",
    )
    w.other_officers = {
        key: make_staff(f"{key}-lain", role=role, office=w.other_office)
        for key, role in ROLE_KEYS.items()
    }
    # the province of both offices, with its read-only reader (issue 15 item 4); and another
    # province, whose reader reaches none of Jawa Timur's offices
    w.province = Office.objects.create(**_province("jawa-timur", "35", "Jawa Timur"))
    Office.objects.filter(pk__in=[w.office.pk, w.other_office.pk]).update(parent=w.province)
    w.office.refresh_from_db()
    w.other_office.refresh_from_db()
    w.reader = make_staff("pembaca", role=roles.PROVINCE_READER, office=w.province)
    w.other_province = Office.objects.create(**_province("jawa-tengah", "33", "Jawa Tengah"))
    w.other_province_reader = make_staff(
        "pembaca-lain", role=roles.PROVINCE_READER, office=w.other_province
    )
    return w


def _province(slug, code, name):
    return dict(
        slug=slug,
        region_code=code,
        level="provinsi",
        government=f"Pemerintah Provinsi {name}",
        name=f"Dinas Tenaga Kerja dan Transmigrasi Provinsi {name}",
        region=f"Provinsi {name}",
        province=name,
        offers_job_exchange=False,
        offers_akad=False,
        offers_complaints=False,
    )


def build_world():
    """Everything the access matrix asks for, each object owned by the "A" side."""
    from akad_permits.models import PermitApplication
    from complaints import services as complaint_services
    from complaints.models import Complaint, UnreadableMail
    from jobboard.models import Placement, SavedCandidate, SavedSearch
    from quality.models import SurveyInvitation, SurveyResponse
    from tests.akad_permits.conftest import bring_to
    from tests.akad_permits.conftest import make_application as make_permit_application
    from tests.complaints.conftest import CHAIN, COMPLAINANT, step_service
    from tests.jobboard.factories import make_application, make_vacancy

    w = base_world()
    officers_by_role = {ROLE_KEYS[k]: u for k, u in w.officers.items()}

    w.seeker_a = make_jobseeker(status="active", full_name="Pencari A")
    w.seeker_b = make_jobseeker(status="active", full_name="Pencari B")
    w.seeker_waiting = make_jobseeker(status="waiting", full_name="Pencari Menunggu")
    w.employer_a = make_employer(status="active", company_name="PT Pemberi A")
    w.employer_b = make_employer(status="active", company_name="PT Pemberi B")

    w.vacancy_a = make_vacancy(w.employer_a, title="Lowongan A")
    w.vacancy_a_submitted = make_vacancy(w.employer_a, status="submitted", title="Lowongan A baru")
    w.vacancy_b = make_vacancy(w.employer_b, title="Lowongan B")
    w.application_a = make_application(w.vacancy_a, w.seeker_a)
    hired = make_application(w.vacancy_a, w.seeker_b, status="hired")
    w.placement = Placement.objects.create(
        application=hired,
        jobseeker=w.seeker_b,
        employer=w.employer_a,
        vacancy=w.vacancy_a,
        placed_on=timezone.localdate(),
        recorded_by=w.employer_a.user,
    )
    from jobboard import services as job_services

    w.ak1_card_a = job_services.issue_ak1_card(w.seeker_a, actor=w.officers["pak"])
    # seeker A asked to change checked data (a new name and photo): it waits for an officer
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import PNG_BYTES

    job_services.save_profile_changes(
        w.seeker_a,
        actor=w.seeker_a.user,
        data={
            "full_name": "Pencari A Baru",
            "photo": SimpleUploadedFile("foto.png", PNG_BYTES, content_type="image/png"),
        },
    )
    w.profile_change_a = job_services.waiting_change(w.seeker_a)
    w.saved_a = SavedCandidate.objects.create(
        employer=w.employer_a, jobseeker=w.seeker_a, note="Cocok untuk bagian produksi."
    )
    w.saved_search_a = SavedSearch.objects.create(jobseeker=w.seeker_a, filters={"q": "operator"})

    w.permit_issued = bring_to(make_permit_application(w.employer_a), "issued", officers_by_role)
    w.permit_submitted = bring_to(
        make_permit_application(w.employer_a), "submitted", officers_by_role
    )
    w.permit_draft = make_permit_application(w.employer_a, complete=False)
    # A's request for a recruitment recommendation from this office, for recruiting in a
    # region whose office offers no service of its own here (issue 15 item 6)
    from akad_permits.services import request_recommendation
    from portal.models import Office

    recruiting = Office.objects.create(
        slug="kab-asal-rekrutmen",
        region_code="3599",
        government="Pemerintah Kabupaten Asal",
        name="Dinas Tenaga Kerja Kabupaten Asal",
        address="Jl. Asal No. 1",
        region="Kabupaten Asal",
        province="Jawa Timur",
        phone="0300 1",
        offers_job_exchange=False,
        offers_akad=False,
        offers_complaints=False,
    )
    w.recommendation_requested = request_recommendation(
        actor=w.employer_a.user,
        office=w.office,
        recruiting_office=recruiting,
        user_company="PT Pengguna A",
        positions="Operator",
        male_count=3,
        female_count=2,
    )
    assert w.permit_draft.status == PermitApplication._meta.get_field("status").default

    counter_officer = officers_by_role[roles.COMPLAINT_OFFICER]
    w.complaint_recorded = complaint_services.record_complaint(
        office=default_office(), actor=counter_officer, channel="counter", data=dict(COMPLAINANT)
    )
    w.complaint_answered = complaint_services.record_complaint(
        office=default_office(), actor=counter_officer, channel="counter", data=dict(COMPLAINANT)
    )
    for action, role, extra in CHAIN[:5]:
        step_service(action)(complaint=w.complaint_answered, actor=officers_by_role[role], **extra)
    assert Complaint.objects.get(pk=w.complaint_answered.pk).is_answered
    from django.core.files.base import ContentFile

    from complaints.models import MailAttachment

    w.complaint_file = MailAttachment(complaint=w.complaint_recorded, name="bukti.png")
    w.complaint_file.file.save("bukti.png", ContentFile(PNG_BYTES), save=True)
    w.unreadable_mail = UnreadableMail.objects.create(
        office=default_office(),
        fingerprint="<broken@example.com>",
        sender="someone@example.com",
        subject="Rusak",
        problem="no text part",
        raw=b"Subject: Rusak\r\n\r\n\xff\xfe",
    )

    from django_tasks_db.models import DBTaskResult, get_date_max

    from background.models import OutboxMail

    w.complaint_mail = OutboxMail.objects.filter(service="complaints").first()
    w.task_result = DBTaskResult.objects.create(
        task_path="background.tasks.sweep_outbox",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),  # as enqueued without a time to wait for
        status="SUCCESSFUL",
    )

    w.invitation = SurveyInvitation.objects.create(
        office=default_office(),
        service="bkol",
        event_key="test:1",
        event_label="Aktivasi",
        user=w.seeker_a.user,
    )
    answered = SurveyInvitation.objects.create(
        office=default_office(),
        service="bkol",
        event_key="test:2",
        event_label="Aktivasi",
        user=w.seeker_b.user,
    )
    w.survey_response = SurveyResponse.objects.create(
        office_id=default_office().pk,
        invitation=answered,
        service="bkol",
        **{f"u{i}_{name}": 4 for i, name in enumerate(SURVEY_FIELDS, start=1)},
    )

    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    now = timezone.now()
    attempt = dict(
        user_agent="pytest", ip_address="192.0.2.1", username="x", http_accept="*/*", path_info="/"
    )
    w.access_attempt = AccessAttempt.objects.create(failures_since_start=1, **attempt)
    w.access_log = AccessLog.objects.create(attempt_time=now, **attempt)
    w.access_failure = AccessFailureLog.objects.create(attempt_time=now, **attempt)
    from portal import accounts

    w.account_event = accounts.unlock_login(user=w.seeker_a.user, actor=w.officers["pak"])
    from django.contrib.contenttypes.models import ContentType

    from quality.models import Escalation, MorningDigest

    w.escalation = Escalation.objects.create(
        office=w.office,
        rule="jobseeker",
        content_type=ContentType.objects.get_for_model(w.seeker_waiting),
        object_id=w.seeker_waiting.pk,
        label=str(w.seeker_waiting),
        state="waiting",
        state_label="Menunggu aktivasi",
        state_entered_at=w.seeker_waiting.submitted_at,
        waiting_role=roles.JOB_PLACEMENT_OFFICER,
        escalated_to=roles.SECTION_HEAD,
        standard_minutes=5,
        waited_minutes=6,
    )
    w.morning_digest = MorningDigest.objects.create(user=w.officers["pak"])
    from portal.models import ExportRecord

    w.export_record = ExportRecord.objects.create(
        office=w.office,
        user=w.officers["pak"],
        model_label="jobboard.jobseeker",
        list_name="Pencari kerja",
        description="status: Aktif",
        row_count=1,
    )
    w.today = timezone.localdate()
    w.yesterday = w.today - datetime.timedelta(days=1)
    return w


SURVEY_FIELDS = [
    "requirements",
    "procedure",
    "time",
    "fee",
    "product",
    "competence",
    "behaviour",
    "complaints",
    "facilities",
]
