from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from .models import OfficeProfile, ServiceStandard
        from .pagecache import forget, invalidate_on_change

        invalidate_on_change(OfficeProfile, ServiceStandard)
        for signal in (post_save, post_delete):
            signal.connect(
                lambda **kwargs: forget(OfficeProfile.CACHE_KEY),
                sender=OfficeProfile,
                weak=False,
                dispatch_uid=f"office-profile-{signal is post_save}",
            )
