from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AkadPermitsConfig(AppConfig):
    name = "akad_permits"
    verbose_name = _("AKAD permits")

    def menu_links(self, user):
        """Only active employers apply for permits; a visitor reads what the permit needs."""
        from django.urls import reverse

        from jobboard import rules

        if not user.is_authenticated:
            return [(_("AKAD permits"), reverse("portal:service_standard", args=["akad"]))]
        if user.is_staff or rules.active_employer(user) is None:
            return []
        return [(_("AKAD permits"), reverse("akad_permits:application_list"))]

    def account_links(self, user):
        """The employer's entry to its AKAD applications on the account page."""
        from django.urls import reverse

        from jobboard import rules

        if user.is_staff or rules.active_employer(user) is None:
            return []
        return [(_("My AKAD permit applications"), reverse("akad_permits:application_list"))]
