"""Issue 15: the one-office portal's records move to the first office, every row and file kept.

A database is filled at the one-office schema (portal 0008 and each app's latest migration
before the offices: one Office as 0008 made it from the profile, plus a second one added
later) with one of every record type, their files and history rows and the year counters;
migrated forward, every row is found where it was, each under the first office, every file
at its name with its bytes, and the counters go on from where they stood.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from portal.office_migration import NoOfficeError
from tests.conftest import PDF_BYTES, PNG_BYTES
from tests.migrating import latest, migrate, old_office

ONE_OFFICE = [
    ("portal", "0008_offices"),
    ("jobboard", "0015_profile_change_roles_and_card_snapshots"),
    ("akad_permits", "0005_printed_snapshot"),
    ("complaints", "0006_printed_snapshot"),
    ("quality", "0005_answer_labels_follow_the_language"),
]
OFFICE_OWNED = [
    "jobboard.JobSeeker",
    "jobboard.Employer",
    "jobboard.Vacancy",
    "jobboard.Application",
    "jobboard.Placement",
    "jobboard.Ak1Card",
    "jobboard.ProfileChange",
    "akad_permits.PermitApplication",
    "complaints.Complaint",
    "complaints.UnreadableMail",
    "quality.SurveyInvitation",
    "quality.SurveyResponse",
]
KEPT = [
    *OFFICE_OWNED,
    "jobboard.SavedCandidate",
    "jobboard.Ak1Report",
    "jobboard.ApplicationStep",
    "jobboard.RegistrationStep",
    "akad_permits.PermitPosition",
    "complaints.MailAttachment",
    "complaints.MailboxCursor",
    "jobboard.HistoricalJobSeeker",
    "jobboard.HistoricalEmployer",
    "complaints.HistoricalComplaint",
]


def model(apps, label):
    return apps.get_model(*label.split("."))


def history_row(apps, row, now):
    """A history row of ``row``, as django-simple-history writes one on a save."""
    label = row._meta.label
    history = model(apps, f"{row._meta.app_label}.Historical{row._meta.object_name}")
    names = {f.attname for f in history._meta.concrete_fields}
    values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
    values = {k: v for k, v in values.items() if k in names}
    assert values, label
    return history.objects.create(**values, history_date=now, history_type="+")


def attach(row, field, name, data=PDF_BYTES):
    getattr(row, field).save(name, ContentFile(data), save=True)


def fill(apps):
    """One of every record the one-office portal kept, with files, made with its models."""
    Office = apps.get_model("portal", "Office")
    first = old_office(Office)
    Office.objects.create(
        slug="kab-lumajang", region_code="3508", level="kabupaten", name="Disnaker Lumajang",
        government="Pemerintah Kabupaten Lumajang",
    )  # fmt: skip
    User = apps.get_model("portal", "User")
    officer = User.objects.create(username="petugas", first_name="Budi")
    now = timezone.now()
    today = timezone.localdate()
    get = apps.get_model
    seeker = get("jobboard", "JobSeeker").objects.create(
        user=User.objects.create(username="seeker"), status="active", nik="3574010101950001",
        full_name="Pencari Satu", birth_place="Probolinggo", birth_date=datetime.date(1995, 1, 1),
        sex="L", marital_status="kawin", religion="islam", address="Jl. Mawar 1",
        kelurahan="Kanigaran", kecamatan="Kanigaran", city="Kota Probolinggo",
        phone="081234567890", email="s@example.com", education_level="S1",
        education_institution="Universitas Jember", graduation_year=2017, desired_job="Operator",
    )  # fmt: skip
    attach(seeker, "ktp_scan", "ktp.pdf")
    attach(seeker, "ak1_scan", "ak1.pdf")
    attach(seeker, "photo", "foto.png", PNG_BYTES)
    employer = get("jobboard", "Employer").objects.create(
        user=User.objects.create(username="employer"), status="active", company_name="PT Lama",
        legal_form="PT", nib="9120001234567", npwp="012345678901000", sector="Industri",
        address="Jl. Lama 1", city="Kota Probolinggo", contact_person="Ani",
        phone="0335421000", email="e@example.com",
    )  # fmt: skip
    vacancy = get("jobboard", "Vacancy").objects.create(
        employer=employer, title="Operator", position="Operator mesin", min_education="SMK",
        place="Kota Probolinggo", work_type="full_time", description="Menjalankan mesin.",
        closing_date=today + datetime.timedelta(days=30), status="published", published_at=now,
    )  # fmt: skip
    attach(vacancy, "vacancy_letter", "surat.pdf")
    application = get("jobboard", "Application").objects.create(
        vacancy=vacancy, jobseeker=seeker, status="hired"
    )
    get("jobboard", "ApplicationStep").objects.create(
        application=application, action="hire", from_status="applied", to_status="hired",
        actor=officer,
    )  # fmt: skip
    get("jobboard", "RegistrationStep").objects.create(
        jobseeker=seeker, action="activate", from_status="waiting", to_status="active",
        actor=officer,
    )  # fmt: skip
    placement = get("jobboard", "Placement").objects.create(
        application=application, jobseeker=seeker, employer=employer, vacancy=vacancy,
        placed_on=today, recorded_by=officer,
    )  # fmt: skip
    card = get("jobboard", "Ak1Card").objects.create(
        jobseeker=seeker, number="AK1/000001/2026", year=2026, seq=1, issued_at=now,
        issued_by=officer, valid_from=today, valid_until=today + datetime.timedelta(days=730),
        placement=placement, snapshot={"full_name": "Pencari Satu"},
    )  # fmt: skip
    attach(card, "snapshot_photo", "foto.png", PNG_BYTES)
    get("jobboard", "Ak1Report").objects.create(card=card, period=2, reported_by=officer)
    get("jobboard", "Ak1NumberCounter").objects.create(year=2026, last=1)
    change = get("jobboard", "ProfileChange").objects.create(
        jobseeker=seeker, values={"address": "Jl. Baru 2"}, previous={"address": "Jl. Mawar 1"}
    )
    attach(change, "ktp_scan", "ktp-baru.pdf")
    get("jobboard", "SavedCandidate").objects.create(employer=employer, jobseeker=seeker)
    history_row(apps, seeker, now)
    history_row(apps, employer, now)

    permit = get("akad_permits", "PermitApplication").objects.create(
        employer=employer, status="issued", recruiter_name="PT Lama", user_company="PT Kebun",
        issued_at=now, permit_year=2026, permit_seq=1, permit_number="560/0001/AKAD/2026",
        verification_code="AAAA-BBBB-CCCC", signer_name="Kepala",
    )  # fmt: skip
    for field in ("vacancy_file", "recommendation_file", "assignment_file", "workforce_file"):
        attach(permit, field, f"{field}.pdf")
    get("akad_permits", "PermitPosition").objects.create(
        application=permit, title="Operator", male_count=3, female_count=1
    )
    get("akad_permits", "PermitNumberCounter").objects.create(year=2026, last=1)

    complaint = get("complaints", "Complaint").objects.create(
        book_year=2026, book_number=1, reference="ADU-2026-AAAAAA", channel="email",
        complainant_name="Siti Aminah", text="Kartu belum jadi.", received_by=officer,
    )  # fmt: skip
    get("complaints", "Complaint").objects.create(
        book_year=2026, book_number=2, reference="ADU-2026-BBBBBB", channel="web",
        complainant_name="Rudi", text="Belum dijawab.",
    )  # fmt: skip
    history_row(apps, complaint, now)
    mail_file = get("complaints", "MailAttachment").objects.create(
        complaint=complaint, name="a.pdf"
    )
    attach(mail_file, "file", "lampiran.pdf")
    get("complaints", "UnreadableMail").objects.create(
        fingerprint="<x@example.com>", problem="empty", raw=b"Subject: x\r\n\r\n"
    )
    get("complaints", "MailboxCursor").objects.create(mailbox="pengaduan@imap", uidvalidity=7)
    get("complaints", "BookCounter").objects.create(year=2026, last=2)

    invitation = get("quality", "SurveyInvitation").objects.create(
        service="pengaduan", event_key=f"complaint:{complaint.pk}", event_label="Dijawab"
    )
    get("quality", "SurveyResponse").objects.create(
        invitation=invitation, service="pengaduan",
        **{f: 3 for f in ("u1_requirements", "u2_procedure", "u3_time", "u4_fee", "u5_product",
                          "u6_competence", "u7_behaviour", "u8_complaints", "u9_facilities")},
    )  # fmt: skip
    return first


def files_of(apps):
    """Every stored file: (model label, pk, field) -> (name, bytes)."""
    found = {}
    for m in apps.get_models():
        for field in m._meta.concrete_fields:
            if field.get_internal_type() != "FileField" or m._meta.app_label == "portal":
                continue
            for row in m.objects.exclude(**{field.name: ""}):
                value = getattr(row, field.name)
                with value.open("rb") as handle:
                    found[(m._meta.label, row.pk, field.name)] = (value.name, handle.read())
    return found


@pytest.mark.django_db(transaction=True)
def test_every_row_and_file_is_kept_under_the_first_office():
    try:
        old = migrate(ONE_OFFICE)
        first = fill(old)
        counts = {label: model(old, label).objects.count() for label in KEPT}
        assert all(counts.values()), counts  # one of each, really
        files = files_of(old)
        assert len(files) == 11

        new = migrate(latest())
        for label, count in counts.items():
            assert model(new, label).objects.count() == count, label
        for label in OFFICE_OWNED:
            assert set(model(new, label).objects.values_list("office", flat=True)) == {first.pk}, (
                label
            )
            history = f"{label.split('.')[0]}.Historical{label.split('.')[1]}"
            try:
                past = model(new, history).objects.values_list("office", flat=True)
            except LookupError:
                continue
            assert set(past) <= {first.pk}, history
        assert files_of(new) == files  # every file at its name, with its bytes

        # the counters go on where they stood, as the first office's
        for label in (
            "complaints.BookCounter",
            "akad_permits.PermitNumberCounter",
            "jobboard.Ak1NumberCounter",
        ):
            rows = list(model(new, label).objects.values_list("office", "year", "last"))
            assert rows == [(first.pk, 2026, 2 if "Book" in label else 1)], label
        labels = model(new, "complaints.Complaint").objects.order_by("book_number")
        assert list(labels.values_list("book_label", flat=True)) == ["1/2026", "2/2026"]
    finally:
        migrate(latest())


@pytest.mark.django_db(transaction=True)
def test_records_without_any_office_stop_the_migration_with_what_to_do():
    try:
        old = migrate(ONE_OFFICE)
        assert not old.get_model("portal", "Office").objects.exists()
        old.get_model("complaints", "Complaint").objects.create(
            book_year=2026, book_number=1, reference="ADU-2026-CCCCCC", channel="web",
            complainant_name="Rudi", text="Tanpa kantor.",
        )  # fmt: skip
        with pytest.raises(NoOfficeError, match="Create the office first"):
            migrate(latest())
    finally:
        connection.cursor().execute("DELETE FROM complaints_complaint")
        migrate(latest())
