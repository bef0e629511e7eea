from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import backends, second_factor  # noqa: F401  (their signal receivers)
        from .models import OfficeProfile, ServiceStandard
        from .pagecache import invalidate_on_change

        # What every public page shows (portal.pagecache).
        invalidate_on_change(OfficeProfile, ServiceStandard)
