from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Loads the demo offices, service standards, officers and each service's demo data. Safe to run twice."

    def handle(self, *args, **options):
        accounts = []
        with transaction.atomic():
            # portal first: the others need its office and roles.
            for config in sorted(apps.get_app_configs(), key=lambda c: c.name != "portal"):
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                accounts.extend(module.load() or [])
        self.stdout.write(
            self.style.SUCCESS("Demo data ready. Accounts (role, user name, password):")
        )
        # An entry names its office (role, user, password, office): an officer's the office of
        # the role, a job seeker's or employer's the office it registered with; the
        # administrator's is the whole portal's.
        groups = {}
        for role, username, password, *office in accounts:
            groups.setdefault(office[0] if office else "", []).append((role, username, password))
        width = max(len(role) for role, _, _, *_ in accounts)
        for office, rows in groups.items():
            self.stdout.write(f"{office}:" if office else "Portal:")
            for role, username, password in rows:
                self.stdout.write(f"  {role:<{width}}  {username:<28} {password}")
        from portal.demo import demo_totp_key_text

        self.stdout.write(
            "Officers and the administrator confirm each log-in with a second factor: add the "
            f"key {demo_totp_key_text()} to an authenticator app (FreeOTP, Google "
            "Authenticator) as a time-based key, or run `python manage.py demo_otp_code` for "
            "the code of the moment. Demo only: a real officer sets up an own key at the first "
            "log-in."
        )
