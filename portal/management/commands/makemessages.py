"""makemessages without fuzzy guesses: a guessed translation shown to the public is worse than none.

Run it as ``python manage.py makemessages -l id --ignore=.venv --ignore=var``.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
