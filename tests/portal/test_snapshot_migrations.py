"""The snapshot migrations keep every row and freeze what each issued document printed.

A database is filled at the state before the snapshots (cards issued, a permit signed, a
complaint answered, plus a permit still in draft and a complaint not yet answered), then
migrated forward: each issued document has its printed values from the records it printed
from until then, the others none, and no row is lost.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.demo import OFFICE
from tests.conftest import PNG_BYTES
from tests.migrating import latest, migrate

BEFORE = [
    ("portal", "0007_submission"),  # the one-office profile, before it became an Office
    ("jobboard", "0013_step_log_base"),
    ("akad_permits", "0004_step_log_base"),
    ("complaints", "0005_mail_attachments_and_cursor"),
]
AFTER = [
    ("portal", "0007_submission"),
    ("jobboard", "0015_profile_change_roles_and_card_snapshots"),
    ("akad_permits", "0005_printed_snapshot"),
    ("complaints", "0006_printed_snapshot"),
]


def fill(apps):
    """One of each, made with the models as they were before the snapshots."""
    User = apps.get_model("portal", "User")
    OfficeProfile = apps.get_model("portal", "OfficeProfile")
    fields = {f.name for f in OfficeProfile._meta.fields}
    OfficeProfile.objects.create(**{k: v for k, v in OFFICE.items() if k in fields})
    officer = User.objects.create(username="pak", first_name="Budi", last_name="Petugas")
    now = timezone.now()
    today = timezone.localdate()
    JobSeeker = apps.get_model("jobboard", "JobSeeker")
    Ak1Card = apps.get_model("jobboard", "Ak1Card")
    cards = []
    for n, photo in ((1, True), (2, False)):
        seeker = JobSeeker.objects.create(
            user=User.objects.create(username=f"seeker{n}"),
            status="active",
            nik=f"357401010195000{n}",
            full_name=f"Pencari {n}",
            birth_place="Probolinggo",
            birth_date=datetime.date(1995, 1, 1),
            sex="L",
            marital_status="kawin",
            religion="islam",
            address="Jl. Mawar 1",
            kelurahan="Kanigaran",
            kecamatan="Kanigaran",
            city="Kota Probolinggo",
            phone="081234567890",
            email=f"s{n}@example.com",
            education_level="S1",
            education_institution="Universitas Jember",
            graduation_year=2017,
            desired_job="Operator",
        )
        if photo:
            seeker.photo.save("foto.png", ContentFile(PNG_BYTES), save=True)
        cards.append(
            Ak1Card.objects.create(
                jobseeker=seeker,
                number=f"AK1/{n:06d}/2026",
                year=2026,
                seq=n,
                issued_at=now,
                issued_by=officer,
                valid_from=today,
                valid_until=today + datetime.timedelta(days=730),
            )
        )
    employer = apps.get_model("jobboard", "Employer").objects.create(
        user=User.objects.create(username="employer"),
        status="active",
        company_name="PT Lama",
        legal_form="PT",
        nib="9120001234567",
        npwp="012345674901000",
        sector="Industri",
        address="Jl. Lama 1",
        city="Kota Probolinggo",
        contact_person="Ani",
        phone="0335421000",
        email="e@example.com",
    )
    Permit = apps.get_model("akad_permits", "PermitApplication")
    signed = Permit.objects.create(
        employer=employer,
        status="issued",
        recruiter_name="PT Lama",
        user_company="PT Kebun",
        issued_at=now,
        permit_number="562/0001/2026",
        verification_code="AAAA-BBBB-CCCC",
        signer_name="Kepala",
    )
    apps.get_model("akad_permits", "PermitPosition").objects.create(
        application=signed, title="Operator", male_count=3, female_count=1
    )
    draft = Permit.objects.create(employer=employer, recruiter_name="PT Lama")
    Complaint = apps.get_model("complaints", "Complaint")
    answered = Complaint.objects.create(
        book_year=2026,
        book_number=1,
        reference="ADU-2026-AAAAAA",
        channel="counter",
        complainant_name="Siti Aminah",
        complainant_address="Jl. Sudirman 12",
        text="Kartu belum jadi.",
        status="answered",
        answer="Sudah jadi.",
        answer_letter_number="800/1/2026",
        answered_at=now,
        answered_by=officer,
    )
    open_ = Complaint.objects.create(
        book_year=2026, book_number=2, reference="ADU-2026-BBBBBB", channel="email",
        complainant_name="Rudi", text="Belum dijawab.",
    )  # fmt: skip
    return cards, signed, draft, answered, open_


@pytest.mark.django_db(transaction=True)
def test_issued_documents_get_their_printed_values_and_no_row_is_lost():
    try:
        old = migrate(BEFORE)
        cards, signed, draft, answered, open_ = fill(old)
        counts = {
            label: old.get_model(*label.split(".")).objects.count()
            for label in (
                "jobboard.Ak1Card",
                "akad_permits.PermitApplication",
                "complaints.Complaint",
            )
        }
        new = migrate(AFTER)
        for label, count in counts.items():
            assert new.get_model(*label.split(".")).objects.count() == count, label

        Ak1Card = new.get_model("jobboard", "Ak1Card")
        with_photo = Ak1Card.objects.get(pk=cards[0].pk)
        assert with_photo.snapshot["full_name"] == "Pencari 1"
        assert with_photo.snapshot["nik"] == "3574010101950001"
        assert with_photo.snapshot["marital_status"] == "Kawin"  # as printed, in Indonesian
        assert with_photo.snapshot["education_level"] == "Sarjana (S1)"
        assert with_photo.snapshot["birth_date"] == "1995-01-01"
        assert with_photo.snapshot["officer"] == "Budi Petugas"
        assert with_photo.snapshot["office"]["name"] == OFFICE["name"]
        # a private copy of the photo as stored (uploads may be re-encoded on the way in)
        assert with_photo.snapshot_photo.read() == with_photo.jobseeker.photo.read()
        assert with_photo.snapshot_photo.name != with_photo.jobseeker.photo.name
        assert not Ak1Card.objects.get(pk=cards[1].pk).snapshot_photo

        Permit = new.get_model("akad_permits", "PermitApplication")
        printed = Permit.objects.get(pk=signed.pk).printed
        assert printed["employer"] == {
            "company_name": "PT Lama",
            "address": "Jl. Lama 1",
            "city": "Kota Probolinggo",
            "nib": "9120001234567",
        }
        assert printed["recruiter_name"] == "PT Lama"
        assert printed["office"]["head_title"] == OFFICE["head_title"]
        assert printed["positions"] == [
            {"title": "Operator", "male_count": 3, "female_count": 1, "total": 4}
        ]
        assert Permit.objects.get(pk=draft.pk).printed == {}

        Complaint = new.get_model("complaints", "Complaint")
        letter = Complaint.objects.get(pk=answered.pk).letter
        assert letter["complainant_name"] == "Siti Aminah"
        assert letter["letter_number"] == "800/1/2026"
        assert letter["book_label"] == "1/2026"
        assert letter["channel"] == "Loket (datang langsung)"  # as printed, in Indonesian
        assert letter["signer"] == "Budi Petugas"
        assert letter["date"] == timezone.localdate(answered.answered_at).isoformat()
        assert Complaint.objects.get(pk=open_.pk).letter == {}
    finally:
        migrate(latest())
