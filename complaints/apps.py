from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def menu_links(self, user):
        """Anyone may complain, on the portal's own form."""
        from django.urls import reverse

        return [(_("Complaints"), reverse("complaints:create"))]
