"""The paginator that reads a page and its total in one query (opleidingsschool/pagination.py):
the same pages as Django's for every page number a link or a person may type."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opleidingsschool.compiled import CompiledQuery
from opleidingsschool.models import Stage, Student
from opleidingsschool.pagination import Paginator
from tests import factories

pytestmark = pytest.mark.django_db

NUMBERS = [None, "", "1", "2", "3", "x", "0", "-1", "99", 1, 2.0, 2.5, "2.0"]


@pytest.fixture
def students():
    for number in range(7):
        factories.StudentFactory(user__last_name=f"Achternaam {number}", study_year=1 + number % 4)
    return Student.objects.select_related("user").order_by("user__last_name", "pk")


@pytest.mark.parametrize("number", NUMBERS)
def test_every_page_number_gives_djangos_page(students, number):
    ours, django = Paginator(students, 3).get_page(number), DjangoPaginator(students, 3).get_page(number)
    assert ours.number == django.number
    assert [row.pk for row in ours] == [row.pk for row in django]
    assert (ours.paginator.count, ours.paginator.num_pages) == (django.paginator.count,
                                                               django.paginator.num_pages)
    assert list(ours.paginator.page_range) == list(django.paginator.page_range)
    assert (ours.has_next(), ours.has_previous(), ours.start_index(), ours.end_index()) == (
        django.has_next(), django.has_previous(), django.start_index(), django.end_index())


def test_a_page_in_range_and_its_total_are_one_query(students):
    with CaptureQueriesContext(connection) as queries:
        page = Paginator(students, 3).get_page("2")
        rows = list(page.object_list)
        total = page.paginator.count
    assert (len(queries), len(rows), total) == (1, 3, 7)
    assert "OVER ()" in queries[0]["sql"]


def test_past_the_end_it_counts_and_shows_the_last_page(students):
    with CaptureQueriesContext(connection) as queries:
        page = Paginator(students, 3).get_page("99")
        rows = list(page.object_list)
    assert (page.number, len(rows)) == (3, 1)
    assert len(queries) == 3  # no rows on page 99, the count, the last page


@pytest.mark.parametrize("number", [None, "1", "x"])
def test_an_empty_list_is_one_empty_page_in_one_query(db, number):
    page = Paginator(Student.objects.none().order_by("pk"), 3).get_page(number)
    assert (page.number, list(page), page.paginator.count) == (1, [], 0)
    with CaptureQueriesContext(connection) as queries:
        page = Paginator(Student.objects.filter(pk=-1).order_by("pk"), 3).get_page(number)
        assert (page.number, list(page), page.paginator.count) == (1, [], 0)
    assert len(queries) == 1  # no rows on the first page: no count


def test_a_distinct_list_is_counted_after_distinct(students):
    """A student with two placements is one row of a DISTINCT list; a window would count the
    rows before DISTINCT, so such a list is counted apart."""
    student = students.first()
    school = factories.SchoolFactory()
    factories.StageFactory(student=student, school=school)
    factories.StageFactory(student=student, school=school,
                           schooljaar=factories.SchooljaarFactory(start_year=2030))
    listed = students.filter(stages__school=school).distinct()
    page = Paginator(listed, 3).get_page("1")
    assert (page.paginator.count, [row.pk for row in page]) == (1, [student.pk])


def test_rows_as_dicts_and_plain_lists(students):
    page = Paginator(students.values("pk", "study_year"), 3).get_page("3")
    assert page.paginator.count == 7 and len(page.object_list) == 1
    assert set(page.object_list[0]) >= {"pk", "study_year"}
    page = Paginator(list(range(10)), 4).get_page("3")
    assert (page.number, list(page), page.paginator.count) == (3, [8, 9], 10)


def test_page_raises_as_djangos_does(students):
    from django.core.paginator import EmptyPage, PageNotAnInteger

    with pytest.raises(PageNotAnInteger):
        Paginator(students, 3).page("x")
    with pytest.raises(EmptyPage):
        Paginator(students, 3).page("9")
    assert [row.pk for row in Paginator(Stage.objects.order_by("pk"), 2).page(1)] == list(
        Stage.objects.order_by("pk").values_list("pk", flat=True)[:2])


# A list compiled once (opleidingsschool/compiled.py), read a page at a time.
_STUDENTS_BUT = CompiledQuery(
    "test_students_but",
    lambda pk: Student.objects.select_related("user").exclude(pk=pk)
    .order_by("user__last_name", "pk"),
    int,
)


@pytest.mark.parametrize("number", NUMBERS)
def test_a_compiled_list_gives_djangos_page(students, number):
    ours = Paginator(_STUDENTS_BUT.page_source(0), 3).get_page(number)
    django = DjangoPaginator(students, 3).get_page(number)
    assert ours.number == django.number
    assert [row.pk for row in ours] == [row.pk for row in django]
    assert [row.user.last_name for row in ours] == [row.user.last_name for row in django]
    assert (ours.paginator.count, ours.paginator.num_pages) == (django.paginator.count,
                                                               django.paginator.num_pages)
    assert (ours.has_next(), ours.has_previous(), ours.start_index(), ours.end_index()) == (
        django.has_next(), django.has_previous(), django.start_index(), django.end_index())


def test_a_compiled_page_and_its_total_are_one_query_with_the_values_put_in(students):
    first = students.first()
    others = students.exclude(pk=first.pk)
    for _warm in range(2):  # compiled (and prepared) on the first call; the same after
        with CaptureQueriesContext(connection) as queries:
            page = Paginator(_STUDENTS_BUT.page_source(first.pk), 2).get_page("2")
        assert [row.pk for row in page] == [row.pk for row in others[2:4]]
        assert page.paginator.count == others.count() == 6
        assert len(queries) == 1


def test_a_compiled_list_raises_and_counts_as_djangos(students):
    from django.core.paginator import EmptyPage, PageNotAnInteger

    rows = _STUDENTS_BUT.page_source(0)
    with pytest.raises(PageNotAnInteger):
        Paginator(rows, 3).page("x")
    with pytest.raises(EmptyPage):
        Paginator(rows, 3).page("9")
    assert (rows.count(), len(rows)) == (7, 7)
    assert [row.pk for row in rows[5:10]] == [row.pk for row in students[5:10]]
    Student.objects.exclude(pk=students.first().pk).delete()
    page = Paginator(_STUDENTS_BUT.page_source(students.first().pk), 3).get_page("2")
    assert (page.number, list(page), page.paginator.count) == (1, [], 0)
