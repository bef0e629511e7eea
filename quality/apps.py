from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("Service quality")

    def ready(self):
        from . import signals

        signals.connect()

    def account_links(self, user):
        """The heads' dashboard, the labour-market report and any survey still waiting for this person's answer."""
        from django.urls import reverse

        from .models import SurveyInvitation

        links = []
        if user.has_perm("quality.view_dashboard"):
            links.append((_("Service quality dashboard"), reverse("quality:dashboard")))
        if user.is_staff and user.has_perm("quality.view_labour_report"):
            links.append((_("Monthly labour-market report"), reverse("quality:labour_report")))
        if user.is_staff:
            links.append((_("Morning digest of what waits for me"), reverse("quality:digest")))
        for invitation in SurveyInvitation.objects.for_user(user)[:3]:
            links.append(
                (
                    _("Rate our service: %(event)s") % {"event": invitation.event_label},
                    reverse("quality:survey", args=[invitation.token]),
                )
            )
        return links
