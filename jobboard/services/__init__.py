"""Every state change of the job exchange, and every write with a rule in it.

Views, admin actions and the demo loader call these functions; nothing else assigns
``status``: each move is a row of a table in jobboard.workflows, applied by
portal.workflow, and a refused one raises portal.workflow.MoveRefused. One module per topic; everything is re-exported here, so
``from jobboard import services`` and ``services.activate_registration(...)`` read as before.
"""

from .ak1 import (
    ak1_report_refusal,
    issue_ak1_card,
    legalise_ak1_card,
    report_ak1,
    send_ak1_reminders,
)
from .alerts import (
    alert_of_token,
    delete_search,
    due_jobseekers,
    save_search,
    send_alert_batch,
    send_alerts,
    set_suggestions,
    stop_alert,
    unsubscribe_token,
)
from .applications import apply, move_application, next_application_statuses
from .candidates import remove_candidate, save_candidate
from .changes import accept_profile_change, reject_profile_change, waiting_change
from .registration import (
    activate_registration,
    register_profile,
    reject_registration,
    resubmit_registration,
    save_profile_changes,
)
from .vacancies import (
    close_vacancy,
    publish_vacancy,
    return_vacancy,
    submit_vacancy,
    update_vacancy,
)

__all__ = [
    "alert_of_token",
    "delete_search",
    "due_jobseekers",
    "save_search",
    "send_alert_batch",
    "send_alerts",
    "set_suggestions",
    "stop_alert",
    "unsubscribe_token",
    "accept_profile_change",
    "activate_registration",
    "ak1_report_refusal",
    "apply",
    "close_vacancy",
    "issue_ak1_card",
    "legalise_ak1_card",
    "move_application",
    "next_application_statuses",
    "publish_vacancy",
    "return_vacancy",
    "register_profile",
    "reject_profile_change",
    "reject_registration",
    "remove_candidate",
    "report_ak1",
    "resubmit_registration",
    "save_candidate",
    "save_profile_changes",
    "send_ak1_reminders",
    "submit_vacancy",
    "update_vacancy",
    "waiting_change",
]
