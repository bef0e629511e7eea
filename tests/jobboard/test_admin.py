import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jobboard.models import Employer, JobSeeker, Vacancy
from tests.jobboard.factories import make_employer, make_jobseeker, make_vacancy

pytestmark = pytest.mark.django_db

SEEKERS = reverse("admin:jobboard_jobseeker_changelist")
EMPLOYERS = reverse("admin:jobboard_employer_changelist")
VACANCIES = reverse("admin:jobboard_vacancy_changelist")


def _aged(profile, hours):
    type(profile).objects.filter(pk=profile.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(hours=hours)
    )


def test_queue_shows_waiting_job_seekers_oldest_first_with_their_wait(client, officer):
    newer = make_jobseeker(full_name="Budi Baru")
    older = make_jobseeker(full_name="Ani Lama")
    make_jobseeker(full_name="Citra Aktif", status="active")
    _aged(older, 3)
    client.force_login(officer)
    response = client.get(SEEKERS)
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows == [older, newer]
    html = response.content.decode().replace("\xa0", " ")
    assert html.index("Ani Lama") < html.index("Budi Baru")
    assert "3 jam" in html  # how long Ani has waited
    assert "Citra Aktif" not in html
    assert "Citra Aktif" in client.get(SEEKERS + "?queue=all").content.decode()


def test_change_page_links_the_documents_through_the_checked_download(client, officer):
    seeker = make_jobseeker()
    client.force_login(officer)
    response = client.get(reverse("admin:jobboard_jobseeker_change", args=[seeker.pk]))
    html = response.content.decode()
    ktp = reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, "ktp_scan"])
    assert ktp in html
    assert "/unused-private/" not in html  # never the storage URL
    assert client.get(ktp).status_code == 200


def test_activate_action_on_many_runs_the_service_for_each(
    client, officer, django_capture_on_commit_callbacks
):
    seekers = [make_jobseeker() for _ in range(3)]
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SEEKERS,
            {"action": "activate_selected", "_selected_action": [s.pk for s in seekers[:2]]},
            follow=True,
        )
    assert response.status_code == 200
    assert JobSeeker.objects.filter(status="active").count() == 2
    assert len([m for m in mail.outbox if "sudah aktif" in m.subject]) == 2
    active = JobSeeker.objects.filter(status="active").first()
    assert active.decided_by == officer
    # Who decided and when is shown in the list.
    html = client.get(SEEKERS + "?queue=all&status__exact=active").content.decode()
    assert officer.username in html


def test_reject_action_asks_for_the_reason_on_a_page_then_rejects(
    client, officer, django_capture_on_commit_callbacks
):
    seeker = make_jobseeker(full_name="Dewi Tolak")
    client.force_login(officer)
    page = client.post(SEEKERS, {"action": "reject_selected", "_selected_action": [seeker.pk]})
    assert page.status_code == 200
    assert "Dewi Tolak" in page.content.decode()
    assert "reason" in page.context["form"].fields
    seeker.refresh_from_db()
    assert seeker.is_waiting
    # Sent without a reason: the page comes back with the message on the field.
    again = client.post(
        SEEKERS,
        {"action": "reject_selected", "_selected_action": [seeker.pk], "apply": "1", "reason": ""},
    )
    assert again.context["form"].errors["reason"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            SEEKERS,
            {
                "action": "reject_selected",
                "_selected_action": [seeker.pk],
                "apply": "1",
                "reason": "Foto KTP tidak terbaca",
            },
        )
    seeker.refresh_from_db()
    assert seeker.is_rejected and seeker.rejection_reason == "Foto KTP tidak terbaca"
    assert "Foto KTP tidak terbaca" in mail.outbox[0].body


def test_single_decision_from_the_change_page(client, officer):
    employer = make_employer()
    client.force_login(officer)
    change = reverse("admin:jobboard_employer_change", args=[employer.pk])
    step = reverse("admin:jobboard_employer_step", args=[employer.pk, "activate"])
    assert step in client.get(change).content.decode()
    client.post(step)
    employer.refresh_from_db()
    assert employer.is_active and employer.decided_by == officer
    assert step not in client.get(change).content.decode()  # nothing left to decide


def test_staff_without_the_permission_cannot_run_the_actions(client, plain_staff):
    seeker = make_jobseeker()
    client.force_login(plain_staff)
    response = client.get(SEEKERS)
    assert response.status_code == 200  # may look
    assert response.context["action_form"] is None  # no action is offered
    client.post(SEEKERS, {"action": "activate_selected", "_selected_action": [seeker.pk]})
    client.post(
        SEEKERS,
        {"action": "reject_selected", "_selected_action": [seeker.pk], "apply": "1", "reason": "x"},
    )
    for action in ("activate", "reject"):
        step = reverse("admin:jobboard_jobseeker_step", args=[seeker.pk, action])
        assert client.post(step, {"reason": "x"}).status_code == 403
    seeker.refresh_from_db()
    assert seeker.is_waiting
    # The documents are not theirs to read either.
    ktp = reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, "ktp_scan"])
    assert client.get(ktp).status_code == 403


def test_vacancy_queue_publish_and_return(client, officer, django_capture_on_commit_callbacks):
    first = make_vacancy(status="submitted", title="Las listrik")
    second = make_vacancy(status="submitted", title="Admin gudang")
    make_vacancy(status="published", title="Sudah tayang")
    client.force_login(officer)
    response = client.get(VACANCIES)
    assert list(response.context["cl"].result_list) == [first, second]
    letter = reverse("portal:download", args=["jobboard.Vacancy", first.pk, "vacancy_letter"])
    assert (
        letter
        in client.get(reverse("admin:jobboard_vacancy_change", args=[first.pk])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(VACANCIES, {"action": "publish_selected", "_selected_action": [first.pk]})
        client.post(
            VACANCIES,
            {
                "action": "return_selected",
                "_selected_action": [second.pk],
                "apply": "1",
                "reason": "Surat belum ditandatangani",
            },
        )
    assert set(Vacancy.objects.values_list("title", "status")) == {
        ("Las listrik", "published"),
        ("Admin gudang", "returned"),
        ("Sudah tayang", "published"),
    }
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("url", "factory"),
    [
        (SEEKERS, lambda i: make_jobseeker()),
        (EMPLOYERS, lambda i: make_employer()),
        (VACANCIES, lambda i: make_vacancy(status="submitted")),
    ],
)
def test_admin_queues_run_a_fixed_number_of_queries(
    client, officer, url, factory, django_assert_max_num_queries
):
    for i in range(5):
        factory(i)
    client.force_login(officer)
    client.get(url)  # warm caches (content types, permissions)
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    for i in range(55):
        factory(i)
    with django_assert_max_num_queries(len(small.captured_queries)) as big:
        response = client.get(url)
    assert response.context["cl"].result_count == 60
    assert len(big.captured_queries) == len(small.captured_queries)


def test_employer_and_job_seeker_admin_have_no_add_or_delete(client, officer, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:jobboard_jobseeker_add")).status_code == 403
    employer = make_employer()
    assert (
        client.get(reverse("admin:jobboard_employer_delete", args=[employer.pk])).status_code == 403
    )
    assert Employer.objects.count() == 1


def test_scanned_images_are_shown_inline_on_the_change_page(client, officer):
    from django.core.files.base import ContentFile

    from tests.conftest import PNG_BYTES

    seeker = make_jobseeker()
    seeker.ak1_scan.save("ak1.png", ContentFile(PNG_BYTES))
    client.force_login(officer)
    html = client.get(reverse("admin:jobboard_jobseeker_change", args=[seeker.pk])).content.decode()
    ak1 = reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, "ak1_scan"])
    assert f'<img src="{ak1}?lihat=1"' in html  # shown, through the checked view
    ktp = reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, "ktp_scan"])
    assert f'<img src="{ktp}' not in html  # a PDF is previewed in a frame, not an image
    assert f'<iframe src="{ktp}?lihat=1"' in html


def _placement(i=0):
    from jobboard.models import Placement
    from tests.jobboard.factories import make_application

    application = make_application(status="hired")
    return Placement.objects.create(
        application=application,
        jobseeker=application.jobseeker,
        employer=application.vacancy.employer,
        vacancy=application.vacancy,
        placed_on=timezone.localdate(),
        recorded_by=application.vacancy.employer.user,
    )


@pytest.mark.parametrize(
    ("name", "factory"),
    [
        ("jobseeker", lambda: make_jobseeker()),
        ("employer", lambda: make_employer()),
        ("vacancy", lambda: make_vacancy(status="submitted")),
        ("application", lambda: _placement().application),
        ("placement", _placement),
    ],
)
def test_every_admin_page_renders_for_a_superuser(admin_client, name, factory):
    obj = factory()
    changelist = reverse(f"admin:jobboard_{name}_changelist")
    urls = [
        changelist,
        reverse(f"admin:jobboard_{name}_change", args=[obj.pk]),
        reverse(f"admin:jobboard_{name}_history", args=[obj.pk]),
    ]
    if name in ("jobseeker", "employer", "vacancy"):
        urls.append(changelist + "?status=all")
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url


def test_placement_list_counts_and_runs_a_fixed_number_of_queries(
    client, officer, django_assert_max_num_queries
):
    url = reverse("admin:jobboard_placement_changelist")
    for _ in range(3):
        _placement()
    client.force_login(officer)
    client.get(url)
    with django_assert_max_num_queries(15) as small:
        client.get(url)
    for _ in range(50):
        _placement()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["cl"].result_count == 53
    assert "53 penempatan" in response.content.decode()
