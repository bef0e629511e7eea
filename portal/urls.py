import functools

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from jobboard.sitemaps import VacancySitemap

from . import account_views, views
from .forms import LoginForm
from .sitemaps import PagesSitemap, StandardSitemap

SITEMAPS = {"pages": PagesSitemap, "standards": StandardSitemap, "vacancies": VacancySitemap}


def build_urlpatterns(office_prefix=""):
    """The portal's addresses; ``office_prefix`` ("kota-probolinggo/") puts one office's pages
    under its path (portal.offices builds one such URL configuration per office, so that
    ``reverse()`` on that office's pages gives its own addresses). The log-in, the accounts,
    the admin, the files, the sitemaps and the portal's list of offices stay at the root.
    """
    o = office_prefix
    portal_patterns = (
        [
            # the portal's root lists the offices; an office's root is its home page
            path("", views.home, name="offices"),
            path(o, views.home, name="home"),
            path(
                f"{o}standar-pelayanan/<slug:service>/",
                views.service_standard,
                name="service_standard",
            ),
            path("akun/", views.dashboard, name="dashboard"),
            path("berkas/<str:model>/<int:pk>/<str:field>/", views.download, name="download"),
        ],
        "portal",
    )
    return [
        # first: an officer's page resolves here at once, and the admin resolves each row's
        # address of a filtered change list again (its preserved filters), 25 times a page
        _admin_pattern(),
        path("", include(portal_patterns)),
        path(f"{o}loker/", include("jobboard.urls")),
        path(f"{o}akad/", include("akad_permits.urls")),
        path(f"{o}pengaduan/", include("complaints.urls")),
        path(f"{o}mutu/", include("quality.urls")),
        *_root_patterns(),
    ]


@functools.cache
def _root_patterns():
    """The addresses every URL configuration shares, built once: the offices' configurations
    reuse these resolvers (the admin's hundreds of patterns above all) instead of a copy each."""
    return [
        path("robots.txt", views.robots_txt, name="robots_txt"),
        path("sitemap.xml", sitemap_index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
        path(
            "sitemap-<section>.xml",
            sitemap,
            {"sitemaps": SITEMAPS},
            name="django.contrib.sitemaps.views.sitemap",
        ),
        path(
            "masuk/",
            auth_views.LoginView.as_view(
                authentication_form=LoginForm, redirect_authenticated_user=True
            ),
            name="login",
        ),
        path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
        # the second step of a log-in, and the person's own password (portal.account_views)
        path("masuk/faktor-kedua/", account_views.otp_verify, name="otp_verify"),
        path("masuk/lupa/", account_views.PasswordResetView.as_view(), name="password_reset"),
        path(
            "masuk/lupa/terkirim/",
            account_views.PasswordResetDoneView.as_view(),
            name="password_reset_done",
        ),
        path(
            "masuk/atur/<uidb64>/<token>/",
            account_views.PasswordResetConfirmView.as_view(),
            name="password_reset_confirm",
        ),
        path(
            "masuk/atur/selesai/",
            account_views.PasswordResetCompleteView.as_view(),
            name="password_reset_complete",
        ),
        path("masuk/kode-loket/", account_views.counter_code, name="password_counter_code"),
        path("akun/keamanan/", account_views.account_security, name="account_security"),
        path("akun/keamanan/faktor-kedua/", account_views.otp_setup, name="otp_setup"),
        path(
            "akun/keamanan/kata-sandi/",
            account_views.PasswordChangeView.as_view(),
            name="password_change",
        ),
        path(
            "akun/keamanan/kata-sandi/selesai/",
            account_views.PasswordChangeDoneView.as_view(),
            name="password_change_done",
        ),
        # The language switcher is on every page, cached ones included (portal.pagecache), so it
        # carries no CSRF token: the worst another site can do with it is switch the language.
        path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    ]


@functools.cache
def _admin_pattern():
    return path("admin/", admin.site.urls)


urlpatterns = build_urlpatterns()

handler500 = "portal.views.server_error"

admin.site.site_header = "Portal Disnaker"
admin.site.site_title = "Portal Disnaker"
admin.site.index_title = _("Officers' workspace")
