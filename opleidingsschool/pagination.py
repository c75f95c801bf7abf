"""Django's paginator, reading a page of rows and their total in one query (issue 10).

A list page asked the database twice: `COUNT(*)` for "1,234 students" and the page numbers,
then the page's rows. Here the rows carry the total as `COUNT(*) OVER ()`, a window over the
whole filtered list computed before the LIMIT, so one query answers both. Everything else is
Django's: the same pages, the same `count`, `num_pages` and `page_range`, and the same answer
to a page number that is not a number (the first page) or past the end (the last page).

Where one query cannot tell the total, the paginator counts as Django's does: a DISTINCT
list (the window would count the rows before DISTINCT removes any), a UNION, a list that is
not a queryset, rows as tuples, orphans, and a page past the end, which needs the count to
find the last page. An empty first page means an empty list: no count. A compiled list
(compiled.CompiledRows) reads its page and total the same way, from SQL compiled once per
process.
"""

from __future__ import annotations

from django.core import paginator
from django.db.models import Count, QuerySet, Window
from django.db.models.query import ModelIterable, ValuesIterable

from .compiled import PAGE_TOTAL as TOTAL
from .compiled import CompiledRows


class Paginator(paginator.Paginator):
    def _windowed(self) -> bool:
        rows = self.object_list
        if isinstance(rows, CompiledRows):
            return not self.orphans
        return (
            isinstance(rows, QuerySet)
            and not self.orphans
            and rows._iterable_class in (ModelIterable, ValuesIterable)
            and not rows.query.distinct
            and not rows.query.combinator
            and not rows.query.is_sliced
        )

    def _page_with_total(self, number: int):
        """The page and the total from one query, or None (no rows there: Django decides)."""
        bottom = (number - 1) * self.per_page
        if isinstance(self.object_list, CompiledRows):
            rows, total = self.object_list.window(bottom, self.per_page)
        else:
            annotated = self.object_list.annotate(**{TOTAL: Window(Count("*"))})
            rows = list(annotated[bottom:bottom + self.per_page])
            total = None
            if rows:
                first = rows[0]
                total = first[TOTAL] if isinstance(first, dict) else getattr(first, TOTAL)
        if not rows:
            if number == 1:
                self.__dict__["count"] = 0  # no first page: no rows at all
            return None
        self.__dict__["count"] = total
        return self._get_page(rows, number, self)

    def _one_query_page(self, number):
        """The page from one query, or None: not this kind of list, already counted (then
        Django's slice costs one query too), a number below 1, or no rows there."""
        if not self._windowed() or "count" in self.__dict__:
            return None
        wanted = self._number(number)
        return self._page_with_total(wanted) if wanted >= 1 else None

    def get_page(self, number):
        try:
            page = self._one_query_page(number)
        except paginator.PageNotAnInteger:  # as Django's: the first page
            page = self._one_query_page(1)
        return page if page is not None else super().get_page(number)

    def page(self, number):
        page = self._one_query_page(number)
        return page if page is not None else super().page(number)

    def _number(self, number) -> int:
        """The page number as Django's validate_number reads it (before the range check)."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            return int(number)
        except (TypeError, ValueError):
            raise paginator.PageNotAnInteger(self.error_messages["invalid_page"]) from None
