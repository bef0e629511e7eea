"""Addresses of an office's pages in tests (portal.offices): ``office_url("complaints:create")``
is the first office's /kota-probolinggo/pengaduan/, as its pages link to it."""


def office_url(name, *args, office=None, **kwargs):
    from portal.models import Office
    from portal.offices import office_reverse

    office = office or Office.objects.order_by("pk").first()
    return office_reverse(office, name, args=args or None, kwargs=kwargs or None)
