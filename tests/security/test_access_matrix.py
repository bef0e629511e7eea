"""The access matrix: every URL the portal serves, for every kind of visitor, gets exactly the
answer its rule allows.

The URLs are read from the URL configuration (the admin's included), not listed by hand, so a
new URL without a rule here fails ``test_every_url_has_a_rule`` with its name. Rules name the
visitor kinds explicitly; objects in URLs belong to job seeker A / employer A, so the "B" side
and everyone else must be refused. Every object belongs to office A too: the officers of the
other office, one per role, get what their role gets on pages without an object, and 403 or
404 on every page, file and step of A's objects (``other_office_answer``). Each request runs in a transaction that is rolled back, so a
POST that succeeds (closing a vacancy, applying) leaves the world as it was for the next one.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jobboard.services import unsubscribe_token

from .world import BACKEND, ROLE_KEYS, build_world

# --- visitor kinds ----------------------------------------------------------------------

SEEKERS = ["seeker_a", "seeker_b", "seeker_waiting"]
EMPLOYERS = ["employer_a", "employer_b"]
OFFICERS = list(ROLE_KEYS)
# the Pembaca Provinsi of office A's province (Jawa Timur): reads, never changes
READER = "reader"
# the same roles held in the other office (world.other_officers), and the reader of another
# province (Jawa Tengah), answered by derivation from the column of their role in office A
OTHER_OFFICE = [f"{key}_other_office" for key in ROLE_KEYS]
OTHER_PROVINCE_READER = "reader_other_province"
DERIVED = {
    **{f"{key}_other_office": key for key in ROLE_KEYS},
    OTHER_PROVINCE_READER: READER,
}
VISITORS = ["anon", *SEEKERS, *EMPLOYERS, *OFFICERS, READER, "superuser"]
GROUPS = {
    "all": VISITORS,
    "users": VISITORS[1:],
    "seekers": SEEKERS,
    "active_seekers": ["seeker_a", "seeker_b"],
    "employers": EMPLOYERS,
    "people": SEEKERS + EMPLOYERS,  # non-staff accounts
    "officers": OFFICERS,
    "staff": [*OFFICERS, READER, "superuser"],
}

# --- answers ----------------------------------------------------------------------------

OK, DENIED, MISSING, NOT_ALLOWED = 200, 403, 404, 405
MOVED = 301  # an old address of the one-office portal, now the first office's (portal.offices)
LOGIN = "302 to the login page"
ADMIN_LOGIN = "302 to the admin login page"
REDIRECT = "302 elsewhere"  # any redirect that is not to a login page


def to(name):
    """A 302 to the named, argument-free URL."""
    return f"302 to {name}"


def expect(**answers):
    """{visitor: answer}, filled in the order given: expect(all=403, anon=LOGIN, seeker_a=OK)."""
    result = {}
    for key, answer in answers.items():
        for visitor in GROUPS.get(key, [key]):
            assert visitor in VISITORS, f"unknown visitor kind {visitor!r}"
            result[visitor] = answer
    missing = set(VISITORS) - set(result)
    assert not missing, f"rule does not say what {sorted(missing)} get"
    return result


PUBLIC = expect(all=OK)


@dataclass
class Case:
    expect: dict
    args: object = None  # callable(world) -> list of URL arguments
    method: str = "get"
    data: dict = field(default_factory=dict)
    query: str = ""
    public: bool = False  # declared public: everyone, signed in or not, may open it

    def url(self, name, w):
        args = self.args(w) if self.args else []
        return reverse(name, args=args) + (f"?{self.query}" if self.query else "")


def public(args=None, answer=OK, **kwargs):
    return Case(expect(all=answer), args=args, public=True, **kwargs)


# What a person with only their own account (no profile) and the officers get on pages meant for
# job seekers or employers; ``own`` adds who may.
def people_only(**answers):
    return expect(all=DENIED, anon=LOGIN, **answers)


def admin_view(allowed, answer=OK):
    """A custom admin page: anonymous and non-staff go to the admin login, staff need ``allowed``."""
    return expect(
        all=DENIED, anon=ADMIN_LOGIN, people=ADMIN_LOGIN, **dict.fromkeys(allowed, answer)
    )


# The province reader reads what its role names (the records, the figures, the office's own
# documents: a permit, an answer letter) and nothing uploaded by a person or a company.
HEADS = ["kasi", "kabid", "kadis", READER, "superuser"]
PERMIT_OFFICERS = ["sekretariat", "kasi", "kabid", "kadis", "superuser"]
PERMIT_READERS = [*PERMIT_OFFICERS, READER]
COMPLAINT_READERS = ["pengaduan", "kasi", "kabid", "kadis", READER, "superuser"]
JOB_READERS = ["pak", "kasi", "kabid", "kadis", READER, "superuser"]

# --- the rules for every named URL outside the models' standard admin pages ---------------

RULES = {
    # portal
    # at the root: the list of offices (portal.offices); the one-office portal's address of a
    # page that is now per office leads to the first office's (301)
    "portal:offices": [public()],
    "portal:home": [public()],
    "portal:service_standard": [public(args=lambda w: [w.standards[0].service], answer=MOVED)],
    "portal:dashboard": [
        Case(
            expect(
                all=OK,
                anon=LOGIN,
                staff=to("admin:index"),
                # one link only (the registration state): the page sends them straight there
                seeker_waiting=to("jobboard:my_status"),
            )
        )
    ],
    "portal:download": [
        Case(
            expect(all=DENIED, anon=LOGIN, seeker_a=OK, pak=OK, superuser=OK),
            args=lambda w: ["jobboard.JobSeeker", w.seeker_a.pk, "ktp_scan"],
        ),
        Case(
            expect(all=DENIED, anon=LOGIN, employer_a=OK, pak=OK, superuser=OK),
            args=lambda w: ["jobboard.Vacancy", w.vacancy_a.pk, "vacancy_letter"],
        ),
        Case(
            expect(all=DENIED, anon=LOGIN, employer_a=OK, **dict.fromkeys(PERMIT_OFFICERS, OK)),
            args=lambda w: [
                "akad_permits.PermitApplication",
                w.permit_issued.pk,
                "assignment_file",
            ],
        ),
        # the new photo of a change of checked data: its owner and the officers who decide
        Case(
            expect(all=DENIED, anon=LOGIN, seeker_a=OK, pak=OK, superuser=OK),
            args=lambda w: ["jobboard.ProfileChange", w.profile_change_a.pk, "photo"],
        ),
        # what a complainant sent with the complaint: the officers who work complaints in
        # its office, not the province reader, who reads the complaint itself
        Case(
            expect(
                all=DENIED,
                anon=LOGIN,
                **dict.fromkeys(["pengaduan", "kasi", "kabid", "kadis", "superuser"], OK),
            ),
            args=lambda w: ["complaints.MailAttachment", w.complaint_file.pk, "file"],
        ),
        # Only fields listed in private_file_fields are served, whoever asks.
        Case(
            expect(all=MISSING, anon=LOGIN),
            args=lambda w: ["jobboard.JobSeeker", w.seeker_a.pk, "nik"],
        ),
        Case(
            expect(all=MISSING, anon=LOGIN),
            args=lambda w: ["portal.User", w.seeker_a.user_id, "password"],
        ),
    ],
    "robots_txt": [public()],
    "sitemap_index": [public()],
    "django.contrib.sitemaps.views.sitemap": [
        public(args=lambda w: ["vacancies"]),
        public(args=lambda w: ["pages"]),
        public(args=lambda w: ["nosuchsection"], answer=MISSING),
    ],
    "login": [Case(expect(all=to("portal:dashboard"), anon=OK), public=True)],
    "logout": [Case(expect(all=to("portal:home")), method="post", public=True)],
    # the second step of a log-in: officers always (force_login stands for a verified log-in,
    # tests/second_factor.py), job seekers and employers once they set it up
    "otp_verify": [Case(expect(all=to("portal:dashboard"), anon=LOGIN, people=to("otp_setup")))],
    "otp_setup": [Case(expect(all=to("account_security"), anon=LOGIN, people=OK))],
    "account_security": [Case(expect(all=OK, anon=LOGIN))],
    "password_change": [Case(expect(all=OK, anon=LOGIN))],
    "password_change_done": [Case(expect(all=OK, anon=LOGIN))],
    # forgotten passwords: the same pages for everyone, an account or not
    "password_reset": [public()],
    "password_reset_done": [public()],
    "password_reset_confirm": [public(args=lambda w: ["MQ", "no-such-token"])],
    "password_reset_complete": [public()],
    "password_counter_code": [public()],
    "set_language": [
        Case(expect(all=REDIRECT), method="post", data={"language": "en"}, public=True)
    ],
    # jobboard: public
    "jobboard:vacancy_list": [public()],
    "jobboard:vacancy_detail": [
        public(args=lambda w: [w.vacancy_a.pk]),
        # not yet published: its employer and the officers who read vacancies only
        Case(
            expect(all=MISSING, employer_a=OK, **dict.fromkeys(JOB_READERS, OK)),
            args=lambda w: [w.vacancy_a_submitted.pk],
        ),
    ],
    "jobboard:apply": [
        Case(
            people_only(active_seekers=to("jobboard:my_applications")),
            args=lambda w: [w.vacancy_b.pk],
            method="post",
        )
    ],
    "jobboard:register_jobseeker": [
        Case(expect(all=OK, people=to("jobboard:my_status")), public=True)
    ],
    "jobboard:register_employer": [
        Case(expect(all=OK, people=to("jobboard:my_status")), public=True)
    ],
    "jobboard:registration_sent": [Case(expect(all=OK), public=True)],
    # jobboard: the account's own pages
    "jobboard:my_status": [Case(expect(all=OK, anon=LOGIN))],
    "jobboard:profile_edit": [Case(people_only(people=OK))],
    "jobboard:my_applications": [Case(people_only(seekers=OK))],
    # jobboard: the job seeker's AK/I card (seeker A holds one, B and the waiting one do not)
    "jobboard:my_ak1": [Case(people_only(seeker_a=OK, seeker_b=MISSING, seeker_waiting=MISSING))],
    "jobboard:ak1_report": [
        # the first report column opens months after issue: the holder is sent back to the card
        Case(people_only(seeker_a=to("jobboard:my_ak1"), seeker_b=MISSING, seeker_waiting=MISSING))
    ],
    "jobboard:ak1_pdf": [
        Case(
            expect(all=DENIED, anon=LOGIN, seeker_a=OK, pak=OK, superuser=OK),
            args=lambda w: [w.ak1_card_a.pk],
        )
    ],
    # jobboard: the employer's pages
    "jobboard:employer_vacancies": [Case(people_only(employers=OK))],
    "jobboard:vacancy_create": [Case(people_only(employers=OK))],
    "jobboard:vacancy_edit": [
        Case(
            people_only(employer_a=OK, employer_b=MISSING),
            args=lambda w: [w.vacancy_a_submitted.pk],
        )
    ],
    "jobboard:vacancy_close": [
        Case(people_only(employer_a=OK, employer_b=MISSING), args=lambda w: [w.vacancy_a.pk]),
        Case(
            people_only(employer_a=to("jobboard:employer_vacancies"), employer_b=MISSING),
            args=lambda w: [w.vacancy_a.pk],
            method="post",
        ),
    ],
    "jobboard:vacancy_applicants": [
        Case(people_only(employer_a=OK, employer_b=MISSING), args=lambda w: [w.vacancy_a.pk])
    ],
    "jobboard:application_move": [
        Case(
            people_only(employer_a=REDIRECT, employer_b=MISSING),
            args=lambda w: [w.application_a.pk],
            method="post",
            data={},
        )
    ],
    "jobboard:candidate_search": [Case(people_only(employers=OK))],
    "jobboard:candidate_detail": [
        Case(people_only(employers=OK), args=lambda w: [w.seeker_a.pk]),
        # a waiting job seeker cannot be found by any employer
        Case(people_only(employers=MISSING), args=lambda w: [w.seeker_waiting.pk]),
    ],
    "jobboard:candidate_save": [
        Case(
            people_only(employers=to("jobboard:shortlist")),
            args=lambda w: [w.seeker_b.pk],
            method="post",
        ),
        Case(
            people_only(employers=MISSING),
            args=lambda w: [w.seeker_waiting.pk],
            method="post",
        ),
    ],
    "jobboard:shortlist": [Case(people_only(employers=OK))],
    "jobboard:shortlist_remove": [
        Case(
            people_only(employer_a=to("jobboard:shortlist"), employer_b=MISSING),
            args=lambda w: [w.saved_a.pk],
            method="post",
        )
    ],
    # jobboard: job alerts, saved by an active job seeker, stopped from the mail by its token
    "jobboard:alert_create": [
        Case(
            people_only(active_seekers=to("jobboard:my_status")),
            method="post",
            query="q=operator",
            data={"frequency": "daily"},
        )
    ],
    "jobboard:alert_delete": [
        Case(
            people_only(
                seeker_a=to("jobboard:my_status"), seeker_b=MISSING, seeker_waiting=MISSING
            ),
            args=lambda w: [w.saved_search_a.pk],
            method="post",
        )
    ],
    "jobboard:alert_suggestions": [
        Case(
            people_only(active_seekers=to("jobboard:my_status")),
            method="post",
            data={"wanted": "0"},
        )
    ],
    "jobboard:alert_unsubscribe": [
        public(args=lambda w: [unsubscribe_token(w.saved_search_a)]),
        public(args=lambda w: [unsubscribe_token(w.saved_search_a)], method="post"),
        public(args=lambda w: [f"s{w.saved_search_a.pk}:forged"], answer=MISSING),
    ],
    # akad_permits: the applicant's pages (an active employer's), the permit, the public check
    "akad_permits:application_list": [Case(people_only(employers=OK))],
    "akad_permits:application_create": [Case(people_only(employers=OK))],
    "akad_permits:application_detail": [
        # someone else's application does not exist for the asker (404, not 403)
        Case(expect(all=MISSING, anon=LOGIN, employer_a=OK), args=lambda w: [w.permit_issued.pk])
    ],
    "akad_permits:application_edit": [
        Case(
            people_only(employer_a=OK, employer_b=MISSING),
            args=lambda w: [w.permit_draft.pk],
        )
    ],
    "akad_permits:permit_pdf": [
        Case(
            expect(all=DENIED, anon=LOGIN, employer_a=OK, **dict.fromkeys(PERMIT_READERS, OK)),
            args=lambda w: [w.permit_issued.pk],
        )
    ],
    # the address before the spelling "izin" (issue 18): 301 to the new one, for everyone
    "akad_permits:permit_pdf_old_spelling": [
        public(args=lambda w: [w.permit_issued.pk], answer=MOVED)
    ],
    "akad_permits:recommendation_list": [Case(people_only(employers=OK))],
    "akad_permits:recommendation_request": [Case(people_only(employers=OK))],
    "akad_permits:verify_lookup": [public()],
    "akad_permits:verify": [
        public(args=lambda w: [w.permit_issued.verification_code]),
        public(args=lambda w: ["NOSUCHCODE"], answer=MISSING),
    ],
    # complaints: public form and status check; the letter only after the status check
    "complaints:create": [public(answer=MOVED)],
    "complaints:confirmation": [public(answer=MOVED)],
    "complaints:status": [public()],
    "complaints:answer_letter": [
        Case(expect(all=MISSING), args=lambda w: [w.complaint_answered.reference], public=True)
    ],
    # quality: public figures, the survey by its random token, the heads' dashboard
    "quality:public": [public(answer=MOVED)],
    "quality:survey": [public(args=lambda w: [w.invitation.token])],
    # "nanti saja" on the survey banner: quiet for the session, back to the page
    "quality:survey_later": [Case(expect(all=REDIRECT), method="post", public=True)],
    "quality:dashboard": [
        Case(expect(all=DENIED, anon=LOGIN, **dict.fromkeys(HEADS, OK)), query="bulan=2026-01")
    ],
    # every officer asks for (or stops) his own morning digest; POST changes only his own
    "quality:digest": [
        Case(expect(all=DENIED, anon=LOGIN, staff=OK)),
        Case(
            expect(all=DENIED, anon=LOGIN, staff=REDIRECT),
            method="post",
            data={"want": "1"},
        ),
    ],
    "quality:dashboard_csv": [
        Case(
            expect(all=DENIED, anon=LOGIN, **dict.fromkeys(HEADS, OK)),
            args=lambda w: ["complaints_channels"],
        )
    ],
    # the monthly labour-market report: the Petugas Antar Kerja and the heads, of their own
    # office (another office's officer reads his own; naming another office: its test file)
    **{
        name: [
            Case(
                expect(all=DENIED, anon=LOGIN, **dict.fromkeys(["pak", *HEADS], OK)),
                query="bulan=2026-01",
            )
        ]
        for name in (
            "quality:labour_report",
            "quality:labour_report_xlsx",
            "quality:labour_report_pdf",
        )
    },
    # the admin site's own pages
    "admin:index": [Case(admin_view(GROUPS["staff"]))],
    "admin:login": [Case(expect(all=OK, staff=to("admin:index")), public=True)],
    # the admin sends whoever is not staff from its logout page to its index (and so to login)
    "admin:logout": [Case(expect(all=to("admin:index"), staff=to("portal:home")), method="post")],
    "admin:password_change": [Case(admin_view(GROUPS["staff"]))],
    "admin:password_change_done": [Case(admin_view(GROUPS["staff"]))],
    # without its query the autocomplete refuses everyone; the admin login guards it first
    "admin:autocomplete": [Case(admin_view([]))],
    "admin:jsi18n": [Case(admin_view(GROUPS["staff"]))],
    # no model here has a public page, so "view on site" finds nothing for any officer
    "admin:view_on_site": [
        Case(
            admin_view(GROUPS["staff"], MISSING),
            args=lambda w: [content_type_id(w.vacancy_a), w.vacancy_a.pk],
        )
    ],
    "admin:app_list": [
        Case(
            admin_view(GROUPS["staff"], MISSING) | dict.fromkeys(JOB_READERS, OK),
            args=lambda w: ["jobboard"],
        ),
        Case(admin_view(GROUPS["staff"], MISSING) | {"superuser": OK}, args=lambda w: ["auth"]),
    ],
    # the user admin's password page: the superuser only
    "admin:auth_user_password_change": [
        Case(admin_view(["superuser"]), args=lambda w: [w.seeker_a.user_id])
    ],
    # a new office from a template (its standards, groups and first officer): the superuser
    "admin:portal_office_create_from_template": [Case(admin_view(["superuser"]))],
    # the counter desk: a one-time password code for a job seeker or employer
    "admin:jobboard_jobseeker_counter_code": [
        Case(admin_view(["pak", "superuser"]), args=lambda w: [w.seeker_a.pk])
    ],
    "admin:jobboard_employer_counter_code": [
        Case(admin_view(["pak", "superuser"]), args=lambda w: [w.employer_a.pk])
    ],
    # officers' decisions in the job exchange
    "admin:jobboard_jobseeker_step": [
        Case(admin_view(["pak", "superuser"]), args=lambda w: [w.seeker_waiting.pk, "activate"]),
        Case(admin_view(["pak", "superuser"]), args=lambda w: [w.seeker_waiting.pk, "reject"]),
        Case(
            admin_view(GROUPS["staff"], MISSING),
            args=lambda w: [w.seeker_waiting.pk, "nosuchstep"],
        ),
    ],
    # employer A is already active: its steps are no longer open, back to the queue
    "admin:jobboard_employer_step": [
        Case(
            admin_view(["pak", "superuser"], REDIRECT), args=lambda w: [w.employer_a.pk, "activate"]
        ),
        Case(
            admin_view(["pak", "superuser"], REDIRECT), args=lambda w: [w.employer_a.pk, "reject"]
        ),
    ],
    "admin:jobboard_vacancy_step": [
        Case(
            admin_view(["pak", "superuser"]), args=lambda w: [w.vacancy_a_submitted.pk, "publish"]
        ),
        Case(admin_view(["pak", "superuser"]), args=lambda w: [w.vacancy_a_submitted.pk, "return"]),
    ],
    # a change of checked data: the placement officer accepts or rejects; the owner's own
    # moves (update, withdraw) have no step page for anyone
    "admin:jobboard_profilechange_step": [
        Case(admin_view(["pak", "superuser"]), args=lambda w: [w.profile_change_a.pk, "accept"]),
        Case(admin_view(["pak", "superuser"]), args=lambda w: [w.profile_change_a.pk, "reject"]),
        Case(admin_view([]), args=lambda w: [w.profile_change_a.pk, "update"]),
    ],
    # marking a printed AK/I card as legalised: the placement officer (POST only)
    "admin:jobboard_ak1card_legalise": [
        Case(
            admin_view(["pak", "superuser"], REDIRECT),
            args=lambda w: [w.ak1_card_a.pk],
            method="post",
        ),
        Case(admin_view([]), args=lambda w: [w.ak1_card_a.pk]),
    ],
    # AKAD steps: each step for the role the document names
    "admin:akad_permits_permitapplication_step": [
        Case(
            admin_view(["sekretariat", "superuser"]),
            args=lambda w: [w.permit_submitted.pk, "register"],
        ),
        Case(
            admin_view(["sekretariat", "superuser"]),
            args=lambda w: [w.permit_submitted.pk, "return"],
        ),
        # the Kadis may dispose, but not before the Sekretariat registered: back to the queue
        Case(
            admin_view(["kadis", "superuser"], REDIRECT),
            args=lambda w: [w.permit_submitted.pk, "dispose"],
        ),
        Case(
            admin_view(GROUPS["staff"], MISSING),
            args=lambda w: [w.permit_submitted.pk, "nosuchstep"],
        ),
    ],
    # the Kadis's preview before signing: the signers only, and only of a drafted permit
    "admin:akad_permits_permitapplication_preview": [
        Case(admin_view(["kadis", "superuser"], MISSING), args=lambda w: [w.permit_submitted.pk])
    ],
    # the recruitment recommendation: the Kadis of the office it is asked from signs or refuses
    "admin:akad_permits_recommendation_step": [
        Case(
            admin_view(["kadis", "superuser"]),
            args=lambda w: [w.recommendation_requested.pk, "issue"],
        ),
        Case(
            admin_view(["kadis", "superuser"]),
            args=lambda w: [w.recommendation_requested.pk, "refuse"],
        ),
        Case(
            admin_view(GROUPS["staff"], MISSING),
            args=lambda w: [w.recommendation_requested.pk, "nosuchstep"],
        ),
    ],
    # the officers' lists as XLSX (portal.exports): who reads the list and may take personal
    # data out (the placement officer, the complaint officer, the secretariat, the Kasi);
    # the heads above read the lists and not export them
    "admin:jobboard_jobseeker_export": [Case(admin_view(["pak", "kasi", "superuser"]))],
    "admin:jobboard_employer_export": [Case(admin_view(["pak", "kasi", "superuser"]))],
    "admin:jobboard_vacancy_export": [Case(admin_view(["pak", "kasi", "superuser"]))],
    "admin:jobboard_application_export": [Case(admin_view(["pak", "superuser"]))],
    "admin:jobboard_placement_export": [Case(admin_view(["pak", "kasi", "superuser"]))],
    "admin:jobboard_ak1card_export": [Case(admin_view(["pak", "kasi", "superuser"]))],
    "admin:akad_permits_permitapplication_export": [
        Case(admin_view(["sekretariat", "kasi", "superuser"]))
    ],
    "admin:akad_permits_recommendation_export": [Case(admin_view(["kasi", "superuser"]))],
    "admin:complaints_complaint_export": [Case(admin_view(["pengaduan", "kasi", "superuser"]))],
    # the complaint book and its chain
    "admin:complaints_complaint_intake": [Case(admin_view(["pengaduan", "superuser"]))],
    "admin:complaints_complaint_book": [Case(admin_view(COMPLAINT_READERS))],
    # the book's CSV takes personal data out, as the list's XLSX does (portal.exports)
    "admin:complaints_complaint_book_csv": [Case(admin_view(["pengaduan", "kasi", "superuser"]))],
    "admin:complaints_complaint_book_pdf": [Case(admin_view(COMPLAINT_READERS))],
    "admin:complaints_complaint_step": [
        Case(
            admin_view(["pengaduan", "superuser"]),
            args=lambda w: [w.complaint_recorded.pk, "report"],
        ),
        # the one step page of every workflow (portal.workflow_admin), as for AKAD: a step of
        # the role's that is not open yet sends it back to the complaint, an unknown step is
        # not found (the complaints' own step page answered 200 and 403 here)
        Case(
            admin_view(["kasi", "superuser"], REDIRECT),
            args=lambda w: [w.complaint_recorded.pk, "pass"],
        ),
        Case(
            admin_view(["kabid", "superuser"], REDIRECT),
            args=lambda w: [w.complaint_recorded.pk, "coordinate"],
        ),
        Case(
            admin_view(GROUPS["staff"], MISSING),
            args=lambda w: [w.complaint_recorded.pk, "nosuchstep"],
        ),
    ],
    "admin:complaints_complaint_letter": [
        Case(admin_view(COMPLAINT_READERS), args=lambda w: [w.complaint_answered.pk])
    ],
    "admin:complaints_complaint_letter_pdf": [
        Case(admin_view(COMPLAINT_READERS), args=lambda w: [w.complaint_answered.pk])
    ],
    "admin:complaints_unreadablemail_dismiss": [
        Case(
            admin_view(["pengaduan", "superuser"], REDIRECT),
            args=lambda w: [w.unreadable_mail.pk],
            method="post",
            data={"note": "spam"},
        )
    ],
}

# URLs without a name, by route.
RULES_BY_ROUTE = {
    # the admin's last resort: a path that does not exist tells nobody anything but staff
    "admin/(?P<url>.*)$": [
        Case(admin_view(GROUPS["staff"], MISSING), args=None),
    ],
}
CATCH_ALL_PATH = "/admin/no-such-page/"


# --- the admin's standard pages, from one policy per registered model --------------------


@dataclass
class AdminPolicy:
    """Who gets each standard admin page of one model; the rest of the staff get 403."""

    obj: object  # callable(world) -> an object of the model
    view: list  # changelist, change (read-only without change permission), history
    add: list = field(default_factory=list)
    delete: list = field(default_factory=list)
    answers: dict = field(default_factory=dict)  # page kind -> answer instead of 200
    view_one: list | None = None  # who opens this object's pages, where fewer than ``view``


SUPER = ["superuser"]
ADMIN_POLICIES = {
    "auth.group": AdminPolicy(
        lambda w: w.officers["pak"].office_roles.get().group, view=SUPER, add=SUPER, delete=SUPER
    ),
    "portal.user": AdminPolicy(lambda w: w.seeker_b.user, view=SUPER, add=SUPER, delete=SUPER),
    # offices are the superuser's; the Kepala Dinas opens his own office's page to set its
    # time for a written answer to a complaint (the only field he may change there)
    "portal.office": AdminPolicy(lambda w: w.office, view=["kadis", "superuser"], add=SUPER),
    # the working calendar: national days and each office's own, kept by the superuser
    "portal.nonworkingday": AdminPolicy(lambda w: w.day_off, view=SUPER, add=SUPER, delete=SUPER),
    "portal.servicestandard": AdminPolicy(
        lambda w: w.standards[0], view=SUPER, add=SUPER, delete=SUPER
    ),
    # registrations come from the public forms and end by a decision, never by deletion
    "jobboard.jobseeker": AdminPolicy(lambda w: w.seeker_a, view=JOB_READERS),
    "jobboard.employer": AdminPolicy(lambda w: w.employer_a, view=JOB_READERS),
    "jobboard.vacancy": AdminPolicy(lambda w: w.vacancy_a, view=JOB_READERS),
    # applications are the employer's business; the placement officer reads them
    "jobboard.application": AdminPolicy(
        lambda w: w.application_a, view=["pak", READER, "superuser"]
    ),
    "jobboard.placement": AdminPolicy(lambda w: w.placement, view=JOB_READERS),
    # changes of checked data come from the profile form and end by a decision
    "jobboard.profilechange": AdminPolicy(
        lambda w: w.profile_change_a, view=["pak", READER, "superuser"]
    ),
    # AK/I cards are issued by the activation service only; the placement section reads them
    "jobboard.ak1card": AdminPolicy(
        lambda w: w.ak1_card_a, view=["pak", "kasi", READER, "superuser"]
    ),
    "akad_permits.permitapplication": AdminPolicy(lambda w: w.permit_issued, view=PERMIT_READERS),
    # requests come from the employers' pages; the Kasi prepares, the Kadis signs
    "akad_permits.recommendation": AdminPolicy(
        lambda w: w.recommendation_requested, view=["kasi", "kadis", READER, "superuser"]
    ),
    # the complaint book has no erasures; recording goes through the intake page
    "complaints.complaint": AdminPolicy(
        lambda w: w.complaint_answered,
        view=COMPLAINT_READERS,
        answers={"add": to("admin:complaints_complaint_intake")},
    ),
    "complaints.unreadablemail": AdminPolicy(
        lambda w: w.unreadable_mail, view=["pengaduan", "superuser"]
    ),
    # the heads' dashboard entry leads to the dashboard page; it has no rows of its own
    "quality.dashboard": AdminPolicy(
        lambda w: w.survey_response,
        view=HEADS,
        # every officer is sent on to the dashboard page, which refuses all but the heads
        answers={"changelist": to("quality:dashboard")},
    ),
    # the reports of late steps: whoever reads the dashboard of the report's office
    "quality.escalation": AdminPolicy(lambda w: w.escalation, view=HEADS),
    # the admin index's way to one's own digest page; one reads one's own row only
    "quality.morningdigest": AdminPolicy(
        lambda w: w.morning_digest,
        view=GROUPS["staff"],
        view_one=["pak", "superuser"],
        answers={"changelist": to("quality:digest")},
    ),
    # survey answers are anonymous to the officers: the superuser reads them, nobody edits
    "quality.surveyinvitation": AdminPolicy(lambda w: w.invitation, view=SUPER),
    "quality.surveyresponse": AdminPolicy(lambda w: w.survey_response, view=SUPER),
    # django-axes' records of login attempts (addresses, typed names, officers' and the
    # superuser's lockouts): the superuser only. The Petugas Antar Kerja unlocks a job
    # seeker's or employer's login with an action on their page (portal.account_admin).
    "axes.accessattempt": AdminPolicy(lambda w: w.access_attempt, view=SUPER, delete=SUPER),
    "axes.accesslog": AdminPolicy(lambda w: w.access_log, view=SUPER, delete=SUPER),
    "axes.accessfailurelog": AdminPolicy(lambda w: w.access_failure, view=SUPER, delete=SUPER),
    # who took which list out as a spreadsheet (portal.exports): the office's heads read it,
    # nobody adds, changes or deletes it
    "portal.exportrecord": AdminPolicy(
        lambda w: w.export_record, view=["kabid", "kadis", "superuser"]
    ),
    # every account's log-in history; officers read one account's on its counter page
    "portal.accountevent": AdminPolicy(lambda w: w.account_event, view=SUPER),
    # every officer with an outbox reads the list of his own service's mail only: a
    # complaint's receipt is the complaint officer's, not the other services'
    "background.outboxmail": AdminPolicy(
        lambda w: w.complaint_mail,
        view=["pak", "sekretariat", "pengaduan", "superuser"],
        view_one=["pengaduan", "superuser"],
    ),
    # the queue's own rows (django-tasks-db): for the administrator
    "django_tasks_database.dbtaskresult": AdminPolicy(lambda w: w.task_result, view=SUPER),
}
STANDARD_KINDS = ("changelist", "add", "change", "history", "delete", "simple_history")


def content_type_id(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def admin_cases(label, kind):
    policy = ADMIN_POLICIES[label]
    allowed = {"add": policy.add, "delete": policy.delete}.get(kind, policy.view)
    if kind in ("change", "history", "simple_history") and policy.view_one is not None:
        allowed = policy.view_one
    answer = policy.answers.get(kind, REDIRECT if kind == "redirect" else OK)
    if kind in policy.answers:  # a page that sends every officer on (and is checked there)
        allowed = GROUPS["staff"]
    if kind == "redirect":  # the old-style object URL sends every officer to the change page
        allowed = GROUPS["staff"]
    if kind in ("changelist", "add"):
        return [Case(admin_view(allowed, answer))]

    def obj_args(w):
        return [policy.obj(w).pk]

    if kind == "simple_history":

        def history_args(w):
            obj = policy.obj(w)
            return [obj.pk, obj.history.order_by("history_id").first().history_id]

        return [Case(admin_view(allowed, answer), args=history_args)]
    return [Case(admin_view(allowed, answer), args=obj_args)]


# --- reading the URL configuration ---------------------------------------------------------


@dataclass
class Route:
    route: str
    name: str | None
    admin_model: str | None  # "app_label.model_name" for a ModelAdmin's own URLs

    @property
    def key(self):
        return self.name or self.route


def admin_prefixes():
    return {
        f"admin/{model._meta.app_label}/{model._meta.model_name}/": model._meta.label_lower
        for model in admin.site._registry
    }


def walk(patterns=None, prefix="", namespace=""):
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}{pattern.name}" if pattern.name else None
            model = next((m for p, m in admin_prefixes().items() if route.startswith(p)), None)
            yield Route(route, name, model)


def standard_kind(route):
    """Which of the ModelAdmin's standard pages a route is, or None for a custom one."""
    if route.name is None:
        if route.route.endswith("<path:object_id>/"):
            return "redirect"  # the old-style object URL, sent on to the change page
        if "/history/" in route.route:
            return "simple_history"
        return None
    for kind in STANDARD_KINDS:
        if route.name.endswith(f"_{kind}") and route.name.startswith("admin:"):
            if kind == "history" and route.name.endswith("_simple_history"):
                continue
            return kind
    return None


def rule_for(route):
    """The cases for a route, or None when it has no rule."""
    if route.key in RULES:
        return RULES[route.key]
    if route.route in RULES_BY_ROUTE:
        return RULES_BY_ROUTE[route.route]
    kind = route.admin_model and standard_kind(route)
    if kind and route.admin_model in ADMIN_POLICIES:
        return admin_cases(route.admin_model, kind)
    return None


def all_routes():
    return list(walk())


# --- checking one answer -----------------------------------------------------------------


def describe(response):
    if response.status_code in (301, 302):
        return f"{response.status_code} to {response['Location']}"
    return str(response.status_code)


# URLs whose arguments name no record of an office: an app, a figure table, the dashboard's
# placeholder row in the admin index
NOT_AN_OFFICE_RECORD = {
    "admin:app_list",
    "quality:dashboard_csv",
    "admin:quality_dashboard_change",
    "admin:quality_dashboard_history",
}


# The monthly labour-market report reads the city and regency offices of the reader's province;
# the world's other province (Jawa Tengah) has none on the portal, so its reader has no report
# to read (403), where the lists and dashboards show it an empty page.
REPORTS_OF_THE_PROVINCES_OFFICES = {
    "quality:labour_report",
    "quality:labour_report_xlsx",
    "quality:labour_report_pdf",
}


def other_office_answer(case, visitor, label):
    """What an officer of the other office (or the reader of another province) gets: on a
    page of one of office A's objects (its URL names the object), a refusal; elsewhere (lists,
    dashboards, public pages) what the same role gets in office A, as the lists and figures
    hold their own office's records."""
    role = DERIVED[visitor]
    own = case.expect[role]
    route = label.rsplit(" #", 1)[0]
    if visitor == OTHER_PROVINCE_READER and route in REPORTS_OF_THE_PROVINCES_OFFICES:
        return DENIED
    if case.public or case.args is None or own in (DENIED, MISSING):
        return own
    if route in NOT_AN_OFFICE_RECORD:
        return own
    if case.method == "get" and own == REDIRECT:
        # the admin's old object address sends everyone on to the change page, which refuses
        return (REDIRECT, DENIED, MISSING)
    return (DENIED, MISSING)


def matches(response, answer):
    location = urlsplit(response.get("Location", "")).path
    if isinstance(answer, tuple):
        return any(matches(response, a) for a in answer)
    if isinstance(answer, int):
        return response.status_code == answer
    if response.status_code != 302:
        return False
    login_page = location == reverse(settings.LOGIN_URL)
    admin_login = location == reverse("admin:login")
    if answer == LOGIN:
        return login_page
    if answer == ADMIN_LOGIN:
        return admin_login
    if answer == REDIRECT:
        return not (login_page or admin_login)
    return location == reverse(answer.removeprefix("302 to "))


class AccessMatrixTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.w = build_world()

    def visitor_user(self, visitor):
        w = self.w
        if visitor == "anon":
            return None
        if visitor == "superuser":
            return w.superuser
        if visitor in ROLE_KEYS:
            return w.officers[visitor]
        if visitor == READER:
            return w.reader
        if visitor == OTHER_PROVINCE_READER:
            return w.other_province_reader
        if visitor in OTHER_OFFICE:
            return w.other_officers[visitor.removesuffix("_other_office")]
        return getattr(w, visitor).user

    def requests(self):
        """(label, case, url) for every case of every route."""
        for route in all_routes():
            cases = rule_for(route)
            assert cases is not None, f"no rule for {route.key}"
            for i, case in enumerate(cases):
                if route.route in RULES_BY_ROUTE:
                    url = CATCH_ALL_PATH
                elif route.name:
                    url = case.url(route.name, self.w)
                else:
                    url = self.unnamed_url(route, case)
                yield f"{route.key} #{i + 1}", case, url

    def unnamed_url(self, route, case):
        # the admin's old-style object URL: the change URL without its "change/"
        policy = ADMIN_POLICIES[route.admin_model]
        app, model = route.admin_model.split(".")
        return reverse(f"admin:{app}_{model}_change", args=[policy.obj(self.w).pk]).removesuffix(
            "change/"
        )

    def check_visitor(self, visitor):
        user = self.visitor_user(visitor)
        if user is not None:
            self.client.force_login(user, backend=BACKEND)
        session = self.client.cookies.get(settings.SESSION_COOKIE_NAME)
        session = session.value if session else None
        wrong = []
        count = 0
        for label, case, url in self.requests():
            if session:  # a logout in an earlier request must not change who asks
                self.client.cookies[settings.SESSION_COOKIE_NAME] = session
            elif settings.SESSION_COOKIE_NAME in self.client.cookies:
                del self.client.cookies[settings.SESSION_COOKIE_NAME]
            with transaction.atomic():
                response = getattr(self.client, case.method)(url, case.data)
                transaction.set_rollback(True)
            count += 1
            answer = (
                other_office_answer(case, visitor, label)
                if visitor in DERIVED
                else case.expect[visitor]
            )
            if not matches(response, answer):
                wrong.append(
                    f"{case.method.upper()} {url} ({label}) as {visitor}: "
                    f"expected {answer}, got {describe(response)}"
                )
            # Nothing a logged-in person gets, nor any private page, is kept by a browser or
            # a proxy (shared computers): only public pages as anonymous visitors see them.
            if (user is not None or not case.public) and "no-store" not in response.get(
                "Cache-Control", ""
            ):
                wrong.append(
                    f"{case.method.upper()} {url} ({label}) as {visitor}: "
                    f"sent without Cache-Control: no-store ({response.get('Cache-Control')!r})"
                )
        assert count > 150, count
        assert not wrong, f"{len(wrong)} of {count} answers differ:\n" + "\n".join(wrong)

    def test_every_url_has_a_rule(self):
        missing = [route.key for route in all_routes() if rule_for(route) is None]
        assert not missing, (
            "These URLs have no rule in tests/security/test_access_matrix.py; say who may "
            "open them (RULES, or ADMIN_POLICIES for a registered model):\n  "
            + "\n  ".join(missing)
        )

    def test_every_rule_names_an_existing_url(self):
        keys = {route.key for route in all_routes()} | {r.route for r in all_routes()}
        stale = sorted(set(RULES) - keys) + sorted(set(RULES_BY_ROUTE) - keys)
        stale += sorted(
            label
            for label in ADMIN_POLICIES
            if label not in {model._meta.label_lower for model in admin.site._registry}
        )
        assert not stale, f"rules for URLs that no longer exist: {stale}"

    def test_nothing_private_is_open_to_anonymous_visitors(self):
        """Only URLs declared public answer 200 to an anonymous visitor (a check of the table)."""
        open_ = [
            key
            for key, cases in RULES.items()
            for case in cases
            if case.expect["anon"] == OK and not case.public
        ]
        assert not open_, open_


for _visitor in VISITORS + list(DERIVED):

    def _test(self, visitor=_visitor):
        self.check_visitor(visitor)

    _test.__name__ = f"test_answers_for_{_visitor}"
    _test.__doc__ = f"Every URL answers {_visitor} as its rule says."
    setattr(AccessMatrixTest, _test.__name__, _test)
del _test, _visitor


def test_a_url_without_a_rule_is_caught():
    """The guard itself: a route nobody wrote a rule for is reported, admin pages included."""
    assert rule_for(Route("loker/baru-sekali/", "jobboard:brand_new", None)) is None
    assert rule_for(Route("admin/x/y/", "admin:x_y_changelist", "x.y")) is None
    assert (
        rule_for(
            Route(
                "admin/jobboard/jobseeker/<id>/z/",
                "admin:jobboard_jobseeker_z",
                "jobboard.jobseeker",
            )
        )
        is None
    )


def test_every_role_is_a_visitor():
    """A role added to portal.roles must get its own column in the matrix."""
    from portal import roles

    assert sorted(ROLE_KEYS.values()) == sorted(roles.ALL_ROLES)
    assert roles.PROVINCE_ROLES == [roles.PROVINCE_READER]  # the READER column
