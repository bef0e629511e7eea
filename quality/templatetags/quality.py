from decimal import Decimal

from django import template

from ..models import SurveyInvitation

register = template.Library()


@register.inclusion_tag("quality/_banner.html", takes_context=True)
def survey_banner(context):
    """A logged-in person's oldest unanswered survey invitation (one query; none for staff)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    invitation = None
    if user is not None and user.is_authenticated and not user.is_staff:
        invitation = SurveyInvitation.objects.for_user(user).first()
    return {"invitation": invitation}


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
