from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from .models import OfficeProfile, ServiceStandard
        from .pagecache import invalidate_on_change

        # What every public page shows (portal.pagecache).
        invalidate_on_change(OfficeProfile, ServiceStandard)
        # django-axes names no app, so the admin showed its label, "AXES", to the officers.
        from django.apps import apps

        if apps.is_installed("axes"):
            apps.get_app_config("axes").verbose_name = _("Login security")
