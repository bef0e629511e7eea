from django.urls import path

from .views import accounts, ak1, alerts, employer, public

app_name = "jobboard"
urlpatterns = [
    path("", public.vacancy_list, name="vacancy_list"),
    path("lowongan/<int:pk>/", public.vacancy_detail, name="vacancy_detail"),
    path("lowongan/<int:pk>/lamar/", public.apply, name="apply"),
    path("daftar/pencari-kerja/", accounts.register_jobseeker, name="register_jobseeker"),
    path("daftar/perusahaan/", accounts.register_employer, name="register_employer"),
    path("daftar/terkirim/", accounts.registration_sent, name="registration_sent"),
    path("akun/status/", accounts.my_status, name="my_status"),
    path("akun/profil/", accounts.profile_edit, name="profile_edit"),
    path("akun/lamaran/", accounts.my_applications, name="my_applications"),
    path("akun/pemberitahuan-lowongan/simpan/", alerts.alert_create, name="alert_create"),
    path("akun/pemberitahuan-lowongan/<int:pk>/hapus/", alerts.alert_delete, name="alert_delete"),
    path("akun/pemberitahuan-lowongan/saran/", alerts.alert_suggestions, name="alert_suggestions"),
    path(
        "pemberitahuan-lowongan/berhenti/<str:token>/",
        alerts.alert_unsubscribe,
        name="alert_unsubscribe",
    ),
    path("akun/kartu-ak1/", ak1.my_card, name="my_ak1"),
    path("akun/kartu-ak1/lapor/", ak1.report, name="ak1_report"),
    path("kartu-ak1/<int:pk>/pdf/", ak1.card_pdf, name="ak1_pdf"),
    path("perusahaan/lowongan/", employer.employer_vacancies, name="employer_vacancies"),
    path("perusahaan/lowongan/baru/", employer.vacancy_create, name="vacancy_create"),
    path("perusahaan/lowongan/<int:pk>/ubah/", employer.vacancy_edit, name="vacancy_edit"),
    path("perusahaan/lowongan/<int:pk>/tutup/", employer.vacancy_close, name="vacancy_close"),
    path(
        "perusahaan/lowongan/<int:pk>/pelamar/",
        employer.vacancy_applicants,
        name="vacancy_applicants",
    ),
    path("perusahaan/lamaran/<int:pk>/", employer.application_move, name="application_move"),
    path("perusahaan/pencari-kerja/", employer.candidate_search, name="candidate_search"),
    path("perusahaan/pencari-kerja/<int:pk>/", employer.candidate_detail, name="candidate_detail"),
    path(
        "perusahaan/pencari-kerja/<int:pk>/simpan/",
        employer.candidate_save,
        name="candidate_save",
    ),
    path("perusahaan/tersimpan/", employer.shortlist, name="shortlist"),
    path(
        "perusahaan/tersimpan/<int:pk>/hapus/", employer.shortlist_remove, name="shortlist_remove"
    ),
]
