"""The complaint list as the officers download it (portal.exports): the book's columns, the
answer, and the working days since receipt the list shows."""

from django.utils.translation import gettext_lazy as _

from portal.exports import CODE, NUMBER, Column, Export


def _working_days(complaint):
    from quality.targets import WORKING_DAY_MINUTES

    minutes = getattr(complaint, "working_age", None)
    return None if minutes is None else round(minutes / WORKING_DAY_MINUTES, 1)


COMPLAINTS = Export(
    slug="pengaduan",
    title=_("Complaints"),
    select_related=("office", "received_by", "answered_by"),
    columns=(
        Column("book_label", CODE),
        Column("reference", CODE),
        Column("received_at"),
        Column("channel"),
        Column("complainant_name"),
        Column("complainant_institution"),
        Column("complainant_address"),
        Column("complainant_phone", CODE),
        Column("complainant_email"),
        Column("subject"),
        Column("text", width=60),
        Column("radio_forwarded_by"),
        Column("radio_broadcast_date"),
        Column("received_by", header=_("receiving officer")),
        Column("status"),
        Column("status_changed_at"),
        Column("answer_letter_number", CODE),
        Column("answered_at"),
        Column("answered_by"),
        Column(
            "working_age",
            NUMBER,
            header=_("working days since receipt"),
            value=_working_days,
        ),
        Column("office__name", header=_("office")),
    ),
)
