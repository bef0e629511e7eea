import io

import pytest
from django.core.management import call_command

from jobboard.models import Application, Employer, JobSeeker, Vacancy
from portal.demo import demo_lumajang, demo_office

pytestmark = pytest.mark.django_db


def _counts():
    return (
        JobSeeker.objects.count(),
        Employer.objects.count(),
        Vacancy.objects.count(),
        Application.objects.count(),
    )


def test_demo_data_is_idempotent_and_usable(client):
    call_command("load_demo", stdout=io.StringIO())
    counts = _counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert _counts() == counts
    assert JobSeeker.objects.active().count() == 5
    assert JobSeeker.objects.waiting().count() == 1
    assert Employer.objects.active().count() == 2
    assert Vacancy.objects.published().count() == 6
    assert Vacancy.objects.published().first().decided_by.username == "antarkerja"
    assert "pencaker1" in out.getvalue() and "perusahaan" in out.getvalue()
    response = client.get("/loker/", {"q": "las"})
    assert [v.title for v in response.context["page"]] == ["Juru Las Konstruksi"]


def test_demo_fills_both_offices_and_prints_their_log_ins_apart():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    probolinggo, lumajang = demo_office(), demo_lumajang()
    for office, seekers, employer, officer in (
        (probolinggo, 4, "perusahaan", "antarkerja"),
        (lumajang, 2, "lmj-perusahaan", "lmj-antarkerja"),
    ):
        assert JobSeeker.objects.filter(office=office).count() == seekers
        assert Employer.objects.get(office=office).user.username == employer
        published = Vacancy.objects.published().filter(office=office)
        assert published.exists()
        # each office's vacancies are published by that office's Petugas Antar Kerja
        assert {v.decided_by.username for v in published} == {officer}
        assert {v.employer.office_id for v in published} == {office.pk}
    # the log-ins are printed under their office's name
    text = out.getvalue()
    lumajang_part = text[text.index(lumajang.name + ":") :]
    lumajang_part = lumajang_part[: lumajang_part.index("Provinsi Jawa Timur:")]
    assert "lmj-pencaker1" in lumajang_part and "lmj-perusahaan" in lumajang_part
    assert " pencaker1 " not in lumajang_part and " perusahaan " not in lumajang_part
    probolinggo_part = text[text.index(probolinggo.name + ":") : text.index(lumajang.name)]
    assert "pencaker1" in probolinggo_part and "lmj-" not in probolinggo_part


def test_demo_has_one_application_across_offices():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    application = Application.objects.select_related("jobseeker", "vacancy").get(
        jobseeker__user__username="lmj-pencaker1"
    )
    # a Lumajang job seeker applied to a Probolinggo employer's vacancy: the application is
    # the vacancy's office's, the job seeker stays Lumajang's
    assert application.jobseeker.office_id == demo_lumajang().pk
    assert application.vacancy.employer.user.username == "perusahaan"
    assert application.office_id == application.vacancy.office_id == demo_office().pk


def test_demo_has_an_active_job_seeker_holding_an_issued_card():
    from jobboard.models import Ak1Card

    call_command("load_demo", stdout=io.StringIO())
    probolinggo = Ak1Card.objects.filter(office=demo_office())
    card = probolinggo.select_related("jobseeker__user", "issued_by").get()
    assert card.jobseeker.user.username == "pencaker1" and card.jobseeker.is_active
    assert card.issued_by.username == "antarkerja" and not card.jobseeker.ak1_scan
    # Lumajang's card is Lumajang's, issued by its officer in its numbering
    lumajang = Ak1Card.objects.select_related("jobseeker__user", "issued_by").get(
        office=demo_lumajang()
    )
    assert lumajang.jobseeker.user.username == "lmj-pencaker2"
    assert lumajang.issued_by.username == "lmj-antarkerja"
    assert lumajang.number.startswith("AK1-LMJ/")
    # Demo data loaded before the card existed gets it on the next load, once.
    probolinggo.delete()
    JobSeeker.objects.filter(pk=card.jobseeker_id).update(ak1_requested=False)
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert probolinggo.get().jobseeker_id == card.jobseeker_id
    assert Ak1Card.objects.count() == 2
