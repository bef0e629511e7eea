"""manage.py create_office: a new office with its standards, role groups and first officer.

    python manage.py create_office --name "Dinas Tenaga Kerja Kabupaten Jember" \\
        --level kabupaten --region-code 3509 --parent 35 --region "Kabupaten Jember" \\
        --government "Pemerintah Kabupaten Jember" --slug kab-jember \\
        --address "Jl. ..." --phone "(0331) ..." --officer-username jbr-kadis \\
        --officer-first-name "Nama" --officer-role "Kepala Dinas"

The same form validates as the superuser's admin form ("Add an office from a template").
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.models import Office
from portal.office_setup import OFFICE_FIELDS, OfficeCreateForm, create_from_form
from portal.standards import SEED_TEMPLATE

FLAGS = {
    "offers_job_exchange": "job-exchange",
    "offers_akad": "akad",
    "offers_complaints": "complaints",
}


class Command(BaseCommand):
    help = (
        "Creates an office: its letterhead fields, its service standards as marked copies of "
        "a template, the role groups and its first officer (printed: a link to set the password)."
    )

    def add_arguments(self, parser):
        for field in OFFICE_FIELDS:
            if field in FLAGS or field == "parent":
                continue
            parser.add_argument(f"--{field.replace('_', '-')}", dest=field)
        parser.add_argument(
            "--parent", help="the province office: its region code (35) or address name"
        )
        for field, flag in FLAGS.items():
            parser.add_argument(
                f"--no-{flag}", dest=field, action="store_false", default=True,
                help=f"the office does not offer this service ({flag})",
            )  # fmt: skip
        parser.add_argument(
            "--template",
            default=SEED_TEMPLATE,
            help="'seed' (the built-in seed texts) or the address name of an office to copy",
        )
        parser.add_argument("--officer-username", required=True)
        parser.add_argument("--officer-first-name", required=True)
        parser.add_argument("--officer-last-name", default="")
        parser.add_argument("--officer-email", default="")
        parser.add_argument(
            "--officer-role",
            action="append",
            dest="officer_roles",
            help="a role of the first officer in the office (repeat for several); "
            "default: Kepala Dinas",
        )

    def handle(self, *args, **options):
        data = {}
        for field in OFFICE_FIELDS:
            value = options.get(field)
            if field in FLAGS:
                if value:
                    data[field] = "on"
                continue
            if value is None:
                model_field = Office._meta.get_field(field)
                if field != "parent" and model_field.has_default():
                    data[field] = model_field.get_default()
                continue
            data[field] = value
        if options.get("parent"):
            parent = Office.objects.filter(region_code=options["parent"]).first() or (
                Office.objects.filter(slug=options["parent"]).first()
            )
            if parent is None:
                raise CommandError(
                    f"parent: no office with code or address name {options['parent']}"
                )
            data["parent"] = parent.pk
        if not data.get("province") and options.get("parent"):
            data["province"] = parent.province
        data.update(
            template=options["template"],
            officer_username=options["officer_username"],
            officer_first_name=options["officer_first_name"],
            officer_last_name=options["officer_last_name"],
            officer_email=options["officer_email"],
            officer_roles=options["officer_roles"]
            or OfficeCreateForm.base_fields["officer_roles"].initial,
        )
        form = OfficeCreateForm(data=data)
        if not form.is_valid():
            lines = [
                f"  {form.fields[name].label if name in form.fields else name}: {message}"
                for name, messages in form.errors.items()
                for message in messages
            ]
            raise CommandError(_("The office was not created:") + "\n" + "\n".join(lines))
        office, user, link = create_from_form(form)
        standards = ", ".join(s.get_service_display() for s in office.standards.all())
        self.stdout.write(
            self.style.SUCCESS(
                _("Created %(name)s (%(code)s), its pages under /%(slug)s/.")
                % {"name": office.name, "code": office.region_code, "slug": office.slug}
            )
        )
        self.stdout.write(
            _("Service standards (marked copies until the office adapts them): %(list)s")
            % {"list": standards or "-"}
        )
        self.stdout.write(
            _(
                "First officer %(username)s (%(roles)s): set the password once at\n  %(link)s\n"
                "then set up the second factor at the first log-in."
            )
            % {"username": user.username, "roles": ", ".join(data["officer_roles"]), "link": link}
        )
