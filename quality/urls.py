from django.urls import path

from . import labour_report, views

app_name = "quality"
urlpatterns = [
    path("", views.public_index, name="public"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("dasbor/<slug:table>.csv", views.dashboard_csv, name="dashboard_csv"),
    path("laporan-ipk/", labour_report.report_page, name="labour_report"),
    path("laporan-ipk.xlsx", labour_report.report_xlsx, name="labour_report_xlsx"),
    path("laporan-ipk.pdf", labour_report.report_pdf, name="labour_report_pdf"),
    path("ringkasan-pagi/", views.digest, name="digest"),
    path("survei/nanti/", views.survey_later, name="survey_later"),
    path("survei/<str:token>/", views.survey, name="survey"),
]
