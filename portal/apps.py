from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from PIL import Image

        from . import backends, permcache, second_factor  # noqa: F401  (signal receivers)
        from .files import MAX_IMAGE_PIXELS
        from .models import Office, ServiceStandard
        from .pagecache import invalidate_on_change

        # Pillow refuses to decode a larger image anywhere in the process, WeasyPrint's
        # rendering of a stored photo included (portal.files checks uploads before this).
        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS

        # What every public page shows (portal.pagecache).
        invalidate_on_change(Office, ServiceStandard)
        # An officer's permissions, kept between requests until one of them changes.
        permcache.connect()
        # django-axes names no app, so the admin showed its label, "AXES", to the officers.
        from django.apps import apps

        if apps.is_installed("axes"):
            apps.get_app_config("axes").verbose_name = _("Login security")
