"""Pagination for lists that can grow without bound (the public vacancy search)."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class BoundedPaginator(Paginator):
    """Pages up to ``max_pages``, and counts no further.

    A broad search matches tens of thousands of vacancies at a city's volume. Nobody reads past
    page 50, and counting every match costs as much as finding them: the count stops at
    ``max_pages × per_page`` rows ("more than 1,000", see ``truncated``), and later pages
    do not exist (``get_page`` gives the last one).
    """

    def __init__(self, object_list, per_page, max_pages=50, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.max_pages = max_pages
        self.limit = per_page * max_pages

    @cached_property
    def _counted(self):
        # One row past the limit tells whether there are more; the order does not change that.
        if hasattr(self.object_list, "query"):
            return self.object_list.order_by()[: self.limit + 1].count()
        return len(self.object_list[: self.limit + 1])

    @cached_property
    def count(self):
        return min(self._counted, self.limit)

    @cached_property
    def truncated(self):
        """True when more rows match than the pages show."""
        return self._counted > self.limit
