"""The admin base for models tracked by django-simple-history.

simple-history's "revert" page saves an old version of the whole row on a POST and checks
only the view permission (its SIMPLE_HISTORY_REVERT_DISABLED setting merely hides the button).
That would let anyone who may read a record put a permit or a complaint back into an earlier
state, around the workflow services. Here the history stays readable and can never be written.
"""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True
