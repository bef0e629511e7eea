"""The change list's "waiting for you": per step of the user's, the oldest complaints first."""

from urllib.parse import urlencode

from portal import offices

from ..models import UnreadableMail

# Rows shown per "waiting for you" table; the table's link opens the whole step as a list.
QUEUE_LIMIT = 20


def queues_for(model_admin, request):
    """What waits for this user, per step, oldest first (portal.workflow_admin's queues)."""
    # "see all" opens the step as a list in the same order: by the "waiting for" column
    columns = list(model_admin.get_list_display(request))
    if model_admin.get_actions(request):
        columns.insert(0, "action_checkbox")
    oldest_first = urlencode({"o": columns.index("age_display")})
    queues = model_admin.queues(
        request,
        since_field="status_changed_at",
        rows=QUEUE_LIMIT,
        order_by=["status_changed_at", "pk"],
    )
    for queue in queues:
        queue["all_url"] = f"{queue['url']}&{oldest_first}"
    return queues


def changelist_context(model_admin, request):
    user = request.user
    return {
        "queues": queues_for(model_admin, request),
        "can_record": user.has_perm("complaints.record_complaint"),
        "unreadable_waiting": offices.scope_for(
            UnreadableMail.objects.filter(state=UnreadableMail.State.WAITING),
            user,
            "complaints.view_unreadablemail",
        ).count()
        if user.has_perm("complaints.view_unreadablemail")
        else None,
    }
