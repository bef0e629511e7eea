from django.urls import path

from . import views

app_name = "complaints"
urlpatterns = [
    path("", views.create, name="create"),
    path("terkirim/", views.confirmation, name="confirmation"),
    path("status/", views.status, name="status"),
    path("status/<str:reference>/surat.pdf", views.answer_letter, name="answer_letter"),
]
