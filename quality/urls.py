from django.urls import path

from . import views

app_name = "quality"
urlpatterns = [
    path("", views.public_index, name="public"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("dasbor/<slug:table>.csv", views.dashboard_csv, name="dashboard_csv"),
    path("ringkasan-pagi/", views.digest, name="digest"),
    path("survei/nanti/", views.survey_later, name="survey_later"),
    path("survei/<str:token>/", views.survey, name="survey"),
]
