"""Strings Django 6.1 shows but ships without an Indonesian translation.

Listed here so makemessages puts them in the portal's catalogue, which Django reads before
its own (LOCALE_PATHS).
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [
    gettext_noop("- Select an option -"),  # django.db.models.fields.BLANK_CHOICE_LABEL
    gettext_noop("Filter by %(field_name)s"),  # admin/date_hierarchy.html
    gettext_noop("enqueued at"),  # django_tasks_db's task rows (the superuser's admin)
]
