"""Officers per office: a Kasi of Lumajang is nobody in Probolinggo.

Office A is the first office (Kota Probolinggo), where the records of these tests live; office
B is Kabupaten Lumajang; both are under the province office of Jawa Timur, whose reader sees
both offices' records and figures and changes nothing. Every officer of B asks for A's pages,
steps and files and is refused; the engine refuses B's moves on A's records whoever calls it.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from portal import offices, roles
from portal.models import Office, OfficeRole
from tests.complaints.conftest import COMPLAINANT
from tests.conftest import first_office, give_role
from tests.factories import make_employer, make_jobseeker

pytestmark = pytest.mark.django_db


def office_values(slug, code, level, name, parent=None):
    return dict(
        slug=slug,
        region_code=code,
        level=level,
        government=f"Pemerintah {name}",
        name=f"Dinas Tenaga Kerja {name}",
        region=name,
        province="Jawa Timur",
        parent=parent,
    )


@pytest.fixture
def world(make_user, roles_synced):
    """Offices A (first), B and their province; officers of each role in A and in B."""
    from types import SimpleNamespace

    w = SimpleNamespace()
    w.a = first_office()
    w.province = Office.objects.create(
        **office_values("jawa-timur", "35", "provinsi", "Provinsi Jawa Timur")
    )
    w.a.parent = w.province
    w.a.save(update_fields=["parent"])
    w.b = Office.objects.create(
        **office_values("kab-lumajang", "3508", "kabupaten", "Kabupaten Lumajang", w.province)
    )
    w.in_a = {r: make_user(f"a-{i}", role=r, office=w.a) for i, r in enumerate(roles.ALL_ROLES)}
    w.in_b = {r: make_user(f"b-{i}", role=r, office=w.b) for i, r in enumerate(roles.ALL_ROLES)}
    w.reader = make_user("pembaca", role=roles.PROVINCE_READER, office=w.province)
    w.root = make_user("root", superuser=True)
    return w


def fresh(user):
    """The user as a new request loads it (no permission cached from before)."""
    return type(user).objects.get(pk=user.pk)


# --- who holds what, where ---------------------------------------------------------------


def test_a_role_grants_its_permissions_in_its_own_office_only(world):
    pak_b = world.in_b[roles.JOB_PLACEMENT_OFFICER]
    seeker = make_jobseeker()  # a record of office A
    assert pak_b.has_perm("jobboard.activate_jobseeker")  # the admin shows B's officer the app
    assert pak_b.has_module_perms("jobboard")
    assert not pak_b.has_perm("jobboard.activate_jobseeker", seeker)
    assert world.in_a[roles.JOB_PLACEMENT_OFFICER].has_perm("jobboard.activate_jobseeker", seeker)
    assert offices.offices_for(pak_b) == [world.b.pk]
    assert offices.offices_for(pak_b, "jobboard.activate_jobseeker") == [world.b.pk]
    assert offices.offices_for(pak_b, "complaints.record_complaint") == []
    assert set(offices.offices_for(world.root)) == {world.a.pk, world.b.pk, world.province.pk}


def test_no_officer_holds_a_portal_wide_role(world):
    for user in [*world.in_a.values(), *world.in_b.values(), world.reader]:
        assert not user.groups.exists()


def test_two_roles_in_two_offices_do_not_mix(world, make_user):
    """A complaint officer of A who is also the Petugas Antar Kerja of B activates B's job
    seekers only, and records complaints for A only."""
    both = make_user("both", role=roles.COMPLAINT_OFFICER, office=world.a)
    give_role(both, world.b, roles.JOB_PLACEMENT_OFFICER)
    both = fresh(both)
    seeker = make_jobseeker()
    assert both.has_perm("jobboard.activate_jobseeker")
    assert not both.has_perm("jobboard.activate_jobseeker", seeker)
    assert offices.offices_for(both, "complaints.record_complaint") == [world.a.pk]
    assert offices.offices_for(both, "jobboard.activate_jobseeker") == [world.b.pk]


def test_the_province_reader_reads_every_office_of_its_province_and_changes_nothing(world):
    reader = world.reader
    seeker = make_jobseeker()
    assert reader.has_perm("jobboard.view_jobseeker", seeker)
    assert reader.has_perm("quality.view_dashboard")
    assert set(offices.offices_for(reader, "quality.view_dashboard")) >= {world.a.pk, world.b.pk}
    held = set().union(*offices.office_permissions(reader).values())
    assert held, "the reader reads something"
    assert all(".view_" in p for p in held), sorted(p for p in held if ".view_" not in p)
    assert "jobboard.view_jobseeker_documents" not in held  # personal documents stay home


def test_a_province_reader_of_another_province_reads_nothing_here(world, make_user):
    elsewhere = Office.objects.create(
        **office_values("jawa-tengah", "33", "provinsi", "Provinsi Jawa Tengah")
    )
    reader = make_user("pembaca-jateng", role=roles.PROVINCE_READER, office=elsewhere)
    assert not reader.has_perm("jobboard.view_jobseeker", make_jobseeker())
    assert world.a.pk not in offices.offices_for(reader)


# --- the engine --------------------------------------------------------------------------


def test_the_engine_refuses_a_move_by_the_other_offices_officer(world):
    from jobboard import services

    seeker = make_jobseeker()
    with pytest.raises(PermissionDenied, match="kantor lain"):
        services.activate_registration(seeker, actor=world.in_b[roles.JOB_PLACEMENT_OFFICER])
    seeker.refresh_from_db()
    assert seeker.status == "waiting"
    assert not seeker.steps.exists()
    services.activate_registration(seeker, actor=world.in_a[roles.JOB_PLACEMENT_OFFICER])
    seeker.refresh_from_db()
    assert seeker.status == "active"


def test_an_ak1_card_is_issued_by_the_persons_office_only(world):
    from jobboard import services

    seeker = make_jobseeker(status="active", ak1_requested=True)
    with pytest.raises(PermissionDenied):
        services.issue_ak1_card(seeker, actor=world.in_b[roles.JOB_PLACEMENT_OFFICER])
    card = services.issue_ak1_card(seeker, actor=world.in_a[roles.JOB_PLACEMENT_OFFICER])
    assert card.jobseeker_id == seeker.pk


def test_the_engine_refuses_the_province_reader_and_lets_the_superuser_act(world):
    from jobboard import services

    seeker = make_jobseeker()
    with pytest.raises(PermissionDenied):
        services.activate_registration(seeker, actor=world.reader)
    services.activate_registration(seeker, actor=world.root)
    seeker.refresh_from_db()
    assert seeker.status == "active"


def test_a_workflow_reaching_its_office_another_way_is_checked_there(world):
    """``Workflow.office_of`` is the hook for objects whose office is found through another
    record: here every complaint counts as office B's."""
    from complaints import services
    from complaints.models import FollowUp
    from complaints.workflows import MOVES, ComplaintWorkflow

    class ThroughB(ComplaintWorkflow):
        def office_of(self, obj, user=None):
            return world.b.pk

    workflow = ThroughB(MOVES, step_model=FollowUp)
    complaint = services.record_complaint(
        office=world.a,
        actor=world.in_a[roles.COMPLAINT_OFFICER],
        channel="counter",
        data=COMPLAINANT,
    )
    with pytest.raises(PermissionDenied):
        workflow.apply(complaint, "report", actor=world.in_a[roles.COMPLAINT_OFFICER])
    assert workflow.officer_moves(world.in_a[roles.COMPLAINT_OFFICER], complaint) == []
    workflow.apply(complaint, "report", actor=world.in_b[roles.COMPLAINT_OFFICER])
    complaint.refresh_from_db()
    assert complaint.status == "reported"


def test_the_buttons_and_queues_of_a_record_are_its_offices_officers(world):
    from jobboard.models import JobSeeker
    from jobboard.workflows import registration_workflow

    workflow = registration_workflow(JobSeeker)
    seeker = make_jobseeker()
    pak_a = world.in_a[roles.JOB_PLACEMENT_OFFICER]
    pak_b = world.in_b[roles.JOB_PLACEMENT_OFFICER]
    assert workflow.officer_moves(pak_a, seeker)
    assert workflow.officer_moves(pak_b, seeker) == []
    assert list(workflow.waiting_for(pak_a, JobSeeker.objects.all())) == [seeker]
    assert list(workflow.waiting_for(pak_b, JobSeeker.objects.all())) == []
    assert list(workflow.waiting_for(world.reader, JobSeeker.objects.all())) == []


# --- the admin ---------------------------------------------------------------------------


def admin_as(client, user):
    client.force_login(user)
    return client


def test_the_other_offices_officer_is_refused_on_every_page_of_the_record(client, world):
    seeker = make_jobseeker()
    pak_b = world.in_b[roles.JOB_PLACEMENT_OFFICER]
    admin_as(client, pak_b)
    change = reverse("admin:jobboard_jobseeker_change", args=[seeker.pk])
    step = reverse("admin:jobboard_jobseeker_step", args=[seeker.pk, "activate"])
    history = reverse("admin:jobboard_jobseeker_history", args=[seeker.pk])
    listing = client.get(reverse("admin:jobboard_jobseeker_changelist") + "?queue=all")
    assert listing.status_code == 200
    assert seeker.full_name not in listing.text
    assert client.get(change).status_code == 403
    assert client.get(history).status_code == 403
    assert client.get(step).status_code in (403, 404)
    assert client.post(step, {}).status_code in (403, 404)
    download = reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, "ktp_scan"])
    assert client.get(download).status_code == 403
    seeker.refresh_from_db()
    assert seeker.status == "waiting"


def test_the_own_officer_still_works_the_record(client, world):
    seeker = make_jobseeker()
    admin_as(client, world.in_a[roles.JOB_PLACEMENT_OFFICER])
    listing = client.get(reverse("admin:jobboard_jobseeker_changelist"))
    assert seeker.full_name in listing.text
    step = reverse("admin:jobboard_jobseeker_step", args=[seeker.pk, "activate"])
    assert client.get(step).status_code == 200
    download = reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, "ktp_scan"])
    assert client.get(download).status_code == 200


def test_a_bulk_action_by_the_other_office_touches_nothing(client, world):
    from jobboard.models import JobSeeker

    seeker = make_jobseeker()
    employer = make_employer()
    admin_as(client, world.in_b[roles.JOB_PLACEMENT_OFFICER])
    for model, obj in (("jobseeker", seeker), ("employer", employer)):
        client.post(
            reverse(f"admin:jobboard_{model}_changelist") + "?queue=all",
            {"action": "activate_selected", "_selected_action": [obj.pk]},
        )
    assert JobSeeker.objects.get(pk=seeker.pk).status == "waiting"
    employer.refresh_from_db()
    assert employer.status == "waiting"


def test_the_province_reader_sees_the_records_read_only(client, world):
    seeker = make_jobseeker(status="active")
    admin_as(client, world.reader)
    listing = client.get(reverse("admin:jobboard_jobseeker_changelist") + "?queue=all")
    assert listing.status_code == 200
    assert seeker.full_name in listing.text
    change = reverse("admin:jobboard_jobseeker_change", args=[seeker.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert client.post(change, {"full_name": "Diubah"}).status_code == 403
    download = reverse("portal:download", args=["jobboard.JobSeeker", seeker.pk, "ktp_scan"])
    assert client.get(download).status_code == 403
    seeker.refresh_from_db()
    assert seeker.full_name != "Diubah"


def test_the_superuser_sees_every_office(client, world):
    seeker = make_jobseeker()
    admin_as(client, world.root)
    listing = client.get(reverse("admin:jobboard_jobseeker_changelist") + "?queue=all")
    assert seeker.full_name in listing.text
    change = reverse("admin:jobboard_jobseeker_change", args=[seeker.pk])
    assert client.get(change).status_code == 200


def test_complaints_of_one_office_are_not_the_other_offices(client, world):
    from complaints import services

    complaint = services.record_complaint(
        office=world.a,
        actor=world.in_a[roles.COMPLAINT_OFFICER],
        channel="counter",
        data=COMPLAINANT,
    )
    services.report_to_section_head(complaint=complaint, actor=world.in_a[roles.COMPLAINT_OFFICER])
    kasi_b = world.in_b[roles.SECTION_HEAD]
    with pytest.raises(PermissionDenied):
        services.pass_to_division_head(complaint=complaint, actor=kasi_b)
    admin_as(client, kasi_b)
    queue = client.get(reverse("admin:complaints_complaint_changelist"))
    assert queue.status_code == 200
    assert complaint.reference not in queue.text
    assert all(q["count"] == 0 for q in queue.context["queues"])
    page = reverse("admin:complaints_complaint_change", args=[complaint.pk])
    assert client.get(page).status_code == 403
    step = reverse("admin:complaints_complaint_step", args=[complaint.pk, "pass"])
    assert client.post(step, {"note": "x"}).status_code in (403, 404)
    letter = reverse("admin:complaints_complaint_letter", args=[complaint.pk])
    assert client.get(letter).status_code in (403, 404)
    book = client.get(reverse("admin:complaints_complaint_book"))
    assert complaint.reference not in book.text
    # the Kasi of A has it waiting
    client.force_login(world.in_a[roles.SECTION_HEAD])
    queue = client.get(reverse("admin:complaints_complaint_changelist"))
    assert sum(q["count"] for q in queue.context["queues"]) == 1


def test_the_dashboard_shows_only_the_heads_offices(client, world):
    from quality import dashboard

    make_jobseeker()  # office A's
    seen = {}
    for key, user in (
        ("a", world.in_a[roles.HEAD_OF_OFFICE]),
        ("b", world.in_b[roles.HEAD_OF_OFFICE]),
        ("reader", world.reader),
        ("root", world.root),
    ):
        admin_as(client, user)
        page = client.get(reverse("quality:dashboard"))
        assert page.status_code == 200, key
        table = next(
            t for _title, ts in page.context["sections"] for t in ts if t.key == "registrations"
        )
        seen[key] = sum(row[1] for row in table.rows)
    assert seen == {"a": 1, "b": 0, "reader": 1, "root": 1}
    assert dashboard  # the figures module the page reads


# --- the migration -----------------------------------------------------------------------


def test_the_migration_turns_every_officer_group_into_a_role_in_the_first_office(make_user):
    module = import_module("portal.migrations.0011_office_roles_from_groups")
    office = first_office()
    # officers of the group era were staff accounts (the admin is where they worked)
    pak = make_user("lama-pak", staff=True)
    kadis = make_user("lama-kadis", staff=True)
    pak.groups.add(Group.objects.get(name=roles.JOB_PLACEMENT_OFFICER))
    kadis.groups.add(
        Group.objects.get(name=roles.HEAD_OF_OFFICE), Group.objects.get(name=roles.SECRETARIAT)
    )
    module.groups_to_office_roles(apps, None)
    assert not pak.groups.exists() and not kadis.groups.exists()
    held = set(OfficeRole.objects.values_list("user__username", "office", "group__name"))
    assert held >= {
        ("lama-pak", office.pk, roles.JOB_PLACEMENT_OFFICER),
        ("lama-kadis", office.pk, roles.HEAD_OF_OFFICE),
        ("lama-kadis", office.pk, roles.SECRETARIAT),
    }
    assert fresh(pak).has_perm("jobboard.activate_jobseeker", make_jobseeker())
    module.office_roles_to_groups(apps, None)  # and back
    assert pak.groups.filter(name=roles.JOB_PLACEMENT_OFFICER).exists()


def test_the_demo_gives_its_officers_roles_in_the_first_office_and_a_province_reader(world):
    from portal import demo

    accounts = demo.load()
    kasi = type(world.root).objects.get(username="kasi")
    assert set(kasi.office_roles.values_list("office", "group__name")) == {
        (world.a.pk, roles.SECTION_HEAD)
    }
    assert not kasi.groups.exists()
    reader = type(world.root).objects.get(username="pembaca-provinsi")
    assert reader.office_roles.get().office == world.province
    assert (roles.PROVINCE_READER, "pembaca-provinsi") in [(row[0], row[1]) for row in accounts]


def test_each_office_works_its_own_records_with_the_office_foreign_key(client, world):
    """Records of office B (its own foreign key): B's officer moves them, A's is refused, and
    nobody records a complaint into another office's book."""
    from complaints import services
    from complaints.models import Complaint

    officer_a = world.in_a[roles.COMPLAINT_OFFICER]
    officer_b = world.in_b[roles.COMPLAINT_OFFICER]
    with pytest.raises(PermissionDenied):
        services.record_complaint(
            office=world.b, actor=officer_a, channel="counter", data=COMPLAINANT
        )
    complaint = services.record_complaint(
        office=world.b, actor=officer_b, channel="counter", data=COMPLAINANT
    )
    assert complaint.office_id == world.b.pk
    with pytest.raises(PermissionDenied):
        services.report_to_section_head(complaint=complaint, actor=officer_a)
    services.report_to_section_head(complaint=complaint, actor=officer_b)
    assert Complaint.objects.get(pk=complaint.pk).status == "reported"
    admin_as(client, officer_a)
    page = reverse("admin:complaints_complaint_change", args=[complaint.pk])
    assert client.get(page).status_code == 403
    listing = client.get(reverse("admin:complaints_complaint_changelist") + "?queue=all")
    assert complaint.reference not in listing.text
    admin_as(client, officer_b)
    assert client.get(page).status_code == 200
    admin_as(client, world.reader)  # B is in the reader's province
    assert client.get(page).status_code == 200
