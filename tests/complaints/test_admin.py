"""The officers' admin: intake per channel, queues, step forms, the book, the letter, kept mail."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from complaints.models import Channel, Complaint, FollowUp, Status, UnreadableMail
from portal import roles
from portal.models import ExportRecord
from tests.factories import default_office

pytestmark = pytest.mark.django_db

INTAKE = reverse("admin:complaints_complaint_intake")
COUNTER = {
    "channel": "counter",
    "complainant_name": "Siti Aminah",
    "complainant_institution": "PT Maju",
    "complainant_address": "Jl. Panglima Sudirman 12",
    "complainant_phone": "0812 3334 4455",
    "complainant_email": "",
    "subject": "Kartu AK/I",
    "text": "Kartu AK/I saya belum jadi.",
    "radio_forwarded_by": "",
    "radio_broadcast_date": "",
}
REQUIRED = "Bidang ini tidak boleh kosong."


@pytest.fixture
def as_role(client, officers, office):
    def login(role):
        client.force_login(officers[role])
        return client

    return login


def test_officer_records_a_counter_complaint(as_role, officers):
    client = as_role(roles.COMPLAINT_OFFICER)
    assert client.get(INTAKE).status_code == 200
    response = client.post(INTAKE, {**COUNTER, "_save": "1"}, follow=True)
    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.COUNTER
    assert complaint.received_by == officers[roles.COMPLAINT_OFFICER]
    assert complaint.reference in response.text  # the success message gives it to read out
    assert response.redirect_chain[-1][0] == reverse(
        "admin:complaints_complaint_change", args=[complaint.pk]
    )


def test_add_button_leads_to_the_intake_form(as_role):
    client = as_role(roles.COMPLAINT_OFFICER)
    response = client.get(reverse("admin:complaints_complaint_add"))
    assert response["Location"] == INTAKE


def test_radio_complaint_keeps_who_forwarded_it_and_the_broadcast_date(as_role):
    client = as_role(roles.COMPLAINT_OFFICER)
    day = timezone.localdate() - datetime.timedelta(days=1)
    client.post(
        INTAKE,
        {
            **COUNTER,
            "channel": "radio",
            "complainant_address": "",
            "radio_forwarded_by": "Rina (penyiar)",
            "radio_broadcast_date": day.isoformat(),
        },
    )
    complaint = Complaint.objects.get()
    assert (complaint.radio_forwarded_by, complaint.radio_broadcast_date) == ("Rina (penyiar)", day)


def test_intake_form_names_the_offices_channels(as_role, office):
    page = as_role(roles.COMPLAINT_OFFICER).get(INTAKE).text
    assert "Telepon (0335) 422121" in page
    assert "pentalasker@yahoo.co.id" in page
    assert "Radio Suara Kota Probolinggo, acara “Laporo Rek”" in page


def test_a_radio_report_is_recorded_without_the_listeners_phone(as_role):
    """The radio forwards what a listener said on air; it may not have his number."""
    day = timezone.localdate()
    response = as_role(roles.COMPLAINT_OFFICER).post(
        INTAKE,
        {
            **COUNTER,
            "channel": "radio",
            "complainant_phone": "",
            "complainant_address": "",
            "radio_forwarded_by": "Rina (penyiar)",
            "radio_broadcast_date": day.isoformat(),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.complainant_phone) == ("radio", "")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"complainant_name": ""}, "complainant_name", REQUIRED),
        ({"complainant_phone": ""}, "complainant_phone", REQUIRED),
        ({"channel": "telephone", "complainant_phone": ""}, "complainant_phone", REQUIRED),
        ({"complainant_address": ""}, "complainant_address", REQUIRED),
        ({"complainant_phone": "telepon"}, "complainant_phone", "8 sampai 15 digit"),
        ({"complainant_email": "siti@"}, "complainant_email", "alamat email yang valid"),
        ({"channel": "email", "complainant_email": ""}, "complainant_email", REQUIRED),
        ({"text": ""}, "text", "Tuliskan pengaduan Anda."),
        ({"channel": "radio", "radio_forwarded_by": ""}, "radio_forwarded_by", REQUIRED),
        ({"channel": "radio", "radio_forwarded_by": "Rina"}, "radio_broadcast_date", REQUIRED),
        (
            {
                "channel": "radio",
                "radio_forwarded_by": "Rina",
                "radio_broadcast_date": "2999-01-01",
            },
            "radio_broadcast_date",
            "masa depan",
        ),
        ({"channel": "web"}, "channel", "Masukkan pilihan yang valid"),
    ],
)
def test_intake_refuses_bad_input_with_its_message_and_keeps_what_was_typed(
    as_role, change, field, message
):
    data = {**COUNTER, **change}
    response = as_role(roles.COMPLAINT_OFFICER).post(INTAKE, data)
    assert response.status_code == 200
    assert not Complaint.objects.exists()
    errors = response.context["form"].errors
    assert message in " ".join(errors[field]), errors
    for name in ("complainant_name", "complainant_institution", "complainant_address", "subject"):
        if data[name]:
            assert f'value="{data[name]}"' in response.text
    if data["text"]:
        assert data["text"] in response.text
    assert f'value="{data["channel"]}" ' in response.text or data["channel"] == "web"


@pytest.mark.parametrize("role", [r for r in roles.ALL_ROLES if r != roles.COMPLAINT_OFFICER])
def test_other_roles_cannot_open_the_intake_form(as_role, role):
    assert as_role(role).get(INTAKE).status_code == 403


CHAIN_FORMS = [
    ("report", roles.COMPLAINT_OFFICER, "recorded", {}, None),
    ("pass", roles.SECTION_HEAD, "reported", {}, None),
    ("coordinate", roles.DIVISION_HEAD, "with_kabid", {"instruction": "Cek kartu."}, "instruction"),
    ("hand_back", roles.SECTION_HEAD, "coordinated", {"follow_up": "Sudah dicek."}, "follow_up"),
    ("answer", roles.COMPLAINT_OFFICER, "followed_up", {"answer": "Silakan ambil."}, "answer"),
    ("close", roles.COMPLAINT_OFFICER, "answered", {}, None),
]


@pytest.mark.parametrize(("action", "role", "start", "data", "required"), CHAIN_FORMS)
def test_step_buttons_call_the_service(
    as_role, make_complaint, action, role, start, data, required
):
    complaint = make_complaint(start)
    client = as_role(role)
    change = reverse("admin:complaints_complaint_change", args=[complaint.pk])
    step = reverse("admin:complaints_complaint_step", args=[complaint.pk, action])
    page = client.get(change).text
    assert f'action="{step}"' in page
    if required:
        # An empty required text is refused on the step page, with nothing lost.
        response = client.post(step, {**data, required: "", "letter_number": "560/1"})
        assert response.status_code == 200
        assert REQUIRED in response.text
        assert 'value="560/1"' in response.text or action != "answer"
        assert Complaint.objects.get(pk=complaint.pk).status == start
    response = client.post(step, data, follow=True)
    assert Complaint.objects.get(pk=complaint.pk).status != start
    assert response.redirect_chain[-1][0] == change


@pytest.mark.parametrize(("action", "role", "start", "data", "required"), CHAIN_FORMS)
def test_step_pages_refuse_every_other_role(
    as_role, make_complaint, action, role, start, data, required
):
    complaint = make_complaint(start)
    step = reverse("admin:complaints_complaint_step", args=[complaint.pk, action])
    for other in roles.ALL_ROLES:
        if other == role:
            continue
        assert as_role(other).post(step, data).status_code == 403
    assert Complaint.objects.get(pk=complaint.pk).status == start


def test_a_step_in_the_wrong_state_says_so(as_role, make_complaint):
    complaint = make_complaint("reported")
    client = as_role(roles.COMPLAINT_OFFICER)
    step = reverse("admin:complaints_complaint_step", args=[complaint.pk, "report"])
    response = client.post(step, {}, follow=True)
    assert "tahap ini tidak lagi terbuka" in response.text
    assert Complaint.objects.get(pk=complaint.pk).status == "reported"


def test_status_is_read_only_in_the_change_form(as_role, make_complaint):
    complaint = make_complaint()
    client = as_role(roles.COMPLAINT_OFFICER)
    url = reverse("admin:complaints_complaint_change", args=[complaint.pk])
    assert 'name="status"' not in client.get(url).text
    client.post(
        url,
        {
            "complainant_name": "Siti A.",
            "complainant_institution": "",
            "complainant_address": "Jl. Baru 1",
            "complainant_phone": "081233344455",
            "complainant_email": "siti@example.com",
            "status": "closed",
            "steps-TOTAL_FORMS": "1",
            "steps-INITIAL_FORMS": "1",
            "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "1000",
            "steps-0-id": complaint.steps.get().pk,
            "steps-0-complaint": complaint.pk,
        },
    )
    complaint.refresh_from_db()
    assert complaint.status == "recorded"
    assert complaint.complainant_address == "Jl. Baru 1"


def test_queues_show_each_role_what_waits_oldest_first_with_age(
    as_role, make_complaint, django_assert_max_num_queries
):
    older = make_complaint("reported")
    Complaint.objects.filter(pk=older.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=3)
    )
    newer = make_complaint("reported")
    for _ in range(55):
        make_complaint("recorded")
    client = as_role(roles.SECTION_HEAD)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("admin:complaints_complaint_changelist"))
    queues = {q["action"]: q for q in response.context["queues"]}
    assert set(queues) == {"pass", "hand_back"}
    assert [c.pk for c in queues["pass"]["rows"]] == [older.pk, newer.pk]
    assert "3\xa0hari" in response.text or "3 hari" in response.text

    officer = as_role(roles.COMPLAINT_OFFICER)
    with django_assert_max_num_queries(20):
        response = officer.get(reverse("admin:complaints_complaint_changelist"))
    queues = {q["action"]: q for q in response.context["queues"]}
    assert queues["report"]["count"] == 55
    assert len(queues["report"]["rows"]) == 20  # the oldest; a link opens the whole step
    assert set(queues) == {"report", "answer", "close"}
    assert "20 yang paling lama ditampilkan: lihat semua 55" in response.text
    link = queues["report"]["all_url"]
    assert link.replace("&", "&amp;") in response.text
    listed = officer.get(link)
    assert listed.context["cl"].result_count == 55
    # the whole step, in the table's order: the longest waiting first
    assert [c.pk for c in listed.context["cl"].result_list[:20]] == [
        c.pk for c in queues["report"]["rows"]
    ]


def test_admin_action_reports_many_and_skips_the_wrong_ones(as_role, make_complaint):
    waiting = [make_complaint("recorded") for _ in range(3)]
    already = make_complaint("reported")
    client = as_role(roles.COMPLAINT_OFFICER)
    response = client.post(
        reverse("admin:complaints_complaint_changelist"),
        {
            "action": "report_selected",
            "_selected_action": [c.pk for c in [*waiting, already]],
        },
        follow=True,
    )
    assert Complaint.objects.filter(status="reported").count() == 4
    assert "Laporkan kepada Kepala Seksi Penempatan: 3 selesai" in response.text
    assert "1 dilewati" in response.text


def test_kabid_sees_no_report_action(as_role):
    response = as_role(roles.DIVISION_HEAD).get(reverse("admin:complaints_complaint_changelist"))
    assert "report_selected" not in response.text


def test_book_page_and_csv_for_a_period(as_role, make_complaint, django_assert_max_num_queries):
    for _ in range(52):
        make_complaint()
    radio = make_complaint(
        channel="radio",
        radio_forwarded_by="Rina",
        radio_broadcast_date=timezone.localdate(),
        text="=HYPERLINK(1)",
    )
    client = as_role(roles.HEAD_OF_OFFICE)
    today = timezone.localdate().isoformat()
    with django_assert_max_num_queries(13):  # and the officer's offices (one book each)
        page = client.get(
            reverse("admin:complaints_complaint_book"), {"start": today, "end": today}
        )
    assert page.status_code == 200
    assert f"{radio.book_number}/{radio.book_year}" in page.text
    assert "Rina" in page.text

    # the CSV takes personal data out: the Kadis reads the book and does not export it
    # (portal.exports); the complaint officer does, and the download is recorded
    csv_url = reverse("admin:complaints_complaint_book_csv")
    assert client.get(csv_url, {"start": today, "end": today}).status_code == 403
    assert "Unduh CSV" not in page.text
    client = as_role(roles.COMPLAINT_OFFICER)
    with django_assert_max_num_queries(15):
        response = client.get(csv_url, {"start": today, "end": today})
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    # semicolons: an Excel set to Indonesian (decimal comma) opens it in columns
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "no. buku"
    assert len(rows) == 1 + 53
    assert [r[0] for r in rows[1:]] == [f"{n}/{radio.book_year}" for n in range(1, 54)]
    assert rows[-1][10] == "'=HYPERLINK(1)"  # no formula runs in the spreadsheet
    assert rows[-1][12] == timezone.localdate().strftime("%d/%m/%Y")
    record = ExportRecord.objects.get()
    assert (record.list_name, record.row_count) == ("Buku pengaduan", 53)
    assert (
        record.description
        == f"periode {timezone.localdate():%d/%m/%Y} s.d. {timezone.localdate():%d/%m/%Y}"
    )
    assert "Siti" not in record.description

    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    empty = client.get(
        reverse("admin:complaints_complaint_book"), {"start": yesterday, "end": yesterday}
    )
    assert "Tidak ada pengaduan pada periode ini." in empty.text
    bad = client.get(reverse("admin:complaints_complaint_book"), {"start": today, "end": yesterday})
    assert "Akhir periode lebih awal" in bad.text


def test_book_is_for_officers_only(client, make_user, office):
    client.force_login(make_user("someone", staff=True))
    assert client.get(reverse("admin:complaints_complaint_book")).status_code == 403
    assert client.get(reverse("admin:complaints_complaint_book_csv")).status_code == 403


def test_answer_letter_as_page_and_pdf(as_role, make_complaint):
    complaint = make_complaint("answered")
    client = as_role(roles.COMPLAINT_OFFICER)
    page = client.get(reverse("admin:complaints_complaint_letter", args=[complaint.pk]))
    assert "Kartu dapat diambil di loket 2." in page.text
    assert "DINAS PERINDUSTRIAN" in page.text.upper()
    pdf = client.get(reverse("admin:complaints_complaint_letter_pdf", args=[complaint.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Kartu dapat diambil di loket 2." in text
    assert complaint.reference in text
    not_yet = make_complaint("followed_up")
    response = client.get(reverse("admin:complaints_complaint_letter_pdf", args=[not_yet.pk]))
    assert response.status_code == 302


def test_unreadable_mail_can_be_recorded_or_dismissed_in_the_admin(as_role, office):
    mail = UnreadableMail.objects.create(
        office=default_office(),
        fingerprint="<x@example.com>",
        sender="Orang <orang@example.com>",
        subject="tolong",
        problem="the text cannot be decoded",
        raw=b"From: orang@example.com\r\nSubject: tolong\r\n\r\nGaji saya belum dibayar.",
    )
    client = as_role(roles.COMPLAINT_OFFICER)
    page = client.get(reverse("admin:complaints_unreadablemail_change", args=[mail.pk])).text
    assert "Gaji saya belum dibayar." in page
    form = client.get(INTAKE, {"mail": mail.pk})
    assert 'value="orang@example.com"' in form.text
    client.post(
        f"{INTAKE}?mail={mail.pk}",
        {**COUNTER, "channel": "email", "complainant_email": "orang@example.com", "_save": "1"},
    )
    mail.refresh_from_db()
    assert mail.state == "recorded"
    assert mail.complaint.channel == Channel.EMAIL

    other = UnreadableMail.objects.create(
        office=default_office(), fingerprint="<y@x>", problem="empty", raw=b""
    )
    dismiss = reverse("admin:complaints_unreadablemail_dismiss", args=[other.pk])
    client.post(dismiss, {"note": ""})
    other.refresh_from_db()
    assert other.state == "waiting"
    client.post(dismiss, {"note": "Spam"})
    other.refresh_from_db()
    assert (other.state, other.handling_note) == ("dismissed", "Spam")
    assert as_role(roles.DIVISION_HEAD).post(dismiss, {"note": "x"}).status_code == 403


def test_demo_data_loads_twice_without_duplicates(db):
    from django.core.management import call_command

    from portal.roles import sync_roles

    sync_roles()
    call_command("load_demo", stdout=io.StringIO())
    counts = Complaint.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Complaint.objects.count() == counts == 6
    assert Complaint.objects.filter(status=Status.ANSWERED).count() == 1


def test_demo_fills_both_offices_complaint_books(db):
    from django.core.management import call_command

    from portal.demo import demo_lumajang, demo_office
    from portal.roles import sync_roles

    sync_roles()
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    for office, count, prefix in ((demo_office(), 4, ""), (demo_lumajang(), 2, "lmj-")):
        book = Complaint.objects.filter(office=office)
        assert book.count() == count
        # each office's book numbered from 1, moved by that office's own officers only
        assert sorted(c.book_number for c in book) == list(range(1, count + 1))
        actors = set(
            FollowUp.objects.filter(complaint__office=office, actor__isnull=False).values_list(
                "actor__username", flat=True
            )
        )
        assert actors and all(a.startswith(prefix) for a in actors)
        if not prefix:
            assert not any(a.startswith("lmj-") for a in actors)
    # one of Lumajang's waits for its Kasi
    assert Complaint.objects.filter(office=demo_lumajang(), status=Status.REPORTED).count() == 1


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_admin_page_opens_for_a_superuser(admin_client, make_complaint, language):
    admin_client.cookies["django_language"] = language
    complaint = make_complaint(
        "answered",
        channel="radio",
        radio_forwarded_by="Rina",
        radio_broadcast_date=timezone.localdate(),
    )
    mail = UnreadableMail.objects.create(
        office=default_office(), fingerprint="<z@x>", problem="empty", raw=b"x"
    )
    urls = [
        reverse("admin:complaints_complaint_changelist"),
        reverse("admin:complaints_complaint_change", args=[complaint.pk]),
        reverse("admin:complaints_complaint_history", args=[complaint.pk]),
        INTAKE,
        reverse("admin:complaints_complaint_book"),
        reverse("admin:complaints_complaint_book_csv"),
        reverse("admin:complaints_complaint_letter", args=[complaint.pk]),
        reverse("admin:complaints_complaint_step", args=[complaint.pk, "close"]),
        reverse("admin:complaints_unreadablemail_changelist"),
        reverse("admin:complaints_unreadablemail_change", args=[mail.pk]),
        reverse("admin:complaints_unreadablemail_history", args=[mail.pk]),
    ]
    for url in urls:
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get(reverse("admin:complaints_unreadablemail_add")).status_code == 403
