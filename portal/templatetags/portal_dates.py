"""``{{ day|tanggal }}`` and ``{{ moment|waktu:office }}``: the one form of dates and times of
every page, mail and document (portal.dates)."""

from django import template

from portal import dates

register = template.Library()


@register.filter
def tanggal(value, office=None):
    return dates.tanggal(value, office)


@register.filter
def waktu(value, office=None):
    return dates.waktu(value, office)
