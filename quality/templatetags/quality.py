from decimal import Decimal

from django import template
from django.template.loader import render_to_string

from ..models import SurveyInvitation

register = template.Library()


# Set by "Nanti saja" (quality.views.survey_later): no banner for the rest of the session.
SESSION_LATER = "survey_banner_later"


def waiting_invitation(request):
    """A logged-in person's oldest unanswered invitation, unless the banner should keep quiet:
    staff, "nanti saja" in this session, or the survey page itself (one query at most)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_staff:
        return None
    if request.session.get(SESSION_LATER):
        return None
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == "quality:survey":
        return None
    return SurveyInvitation.objects.for_user(user).first()


@register.simple_tag(takes_context=True)
def survey_banner(context):
    """The survey banner's HTML (empty when there is nothing to ask), for a page to place."""
    request = context.get("request")
    if request is None:
        return ""
    invitation = waiting_invitation(request)
    if invitation is None:
        return ""
    return render_to_string(
        "quality/_banner.html",
        {"invitation": invitation, "later": True, "next": request.get_full_path()},
        request=request,
    )


@register.inclusion_tag("quality/_banner.html")
def complaint_survey_banner(complaint):
    """The survey link on a complaint's public status page, once it has been answered."""
    invitation = None
    if complaint is not None and complaint.pk:
        invitation = (
            SurveyInvitation.objects.open().filter(event_key=f"complaint:{complaint.pk}").first()
        )
    return {"invitation": invitation}


@register.filter
def cell(value):
    """A table cell for the page: numbers in the current locale, empty as a dash."""
    from django.utils.formats import number_format

    if value is None or value == "":
        return "–"
    if isinstance(value, float | Decimal):
        return number_format(value)
    return value
