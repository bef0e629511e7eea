from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "akad_permits"
urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("baru/", views.application_edit, name="application_create"),
    path("<int:pk>/", views.application_detail, name="application_detail"),
    path("<int:pk>/ubah/", views.application_edit, name="application_edit"),
    path("<int:pk>/izin.pdf", views.permit_pdf, name="permit_pdf"),
    # the address printed and mailed before the spelling "izin" (issue 18): answers 301
    path(
        "<int:pk>/ijin.pdf",
        RedirectView.as_view(
            pattern_name="akad_permits:permit_pdf", permanent=True, query_string=True
        ),
        name="permit_pdf_old_spelling",
    ),
    path("rekomendasi/", views.recommendation_list, name="recommendation_list"),
    path("rekomendasi/minta/", views.recommendation_request, name="recommendation_request"),
    path("verifikasi/", views.verify, name="verify_lookup"),
    path("verifikasi/<str:code>/", views.verify, name="verify"),
]
