from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AkadPermitsConfig(AppConfig):
    name = "akad_permits"
    verbose_name = _("AKAD permits")
