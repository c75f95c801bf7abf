"""`__any_of` (opleidingsschool/lookups.py): the same rows as `__in`, planned apart on Postgres.

The access layer's subqueries go into a page's query this way, so that Postgres does not
have to place their tables among the page's own joins (issue 10)."""

import pytest
from django.db import connection

from begeleiding.models import Logregel
from begeleiding.selectors.uren import logregels_for, logregels_for_list
from opleidingsschool.access import visible_stages, visible_students
from opleidingsschool.models import Student
from tests import factories

pytestmark = pytest.mark.django_db


def _sql(queryset) -> str:
    sql, _params = queryset.query.sql_with_params()
    return sql


def test_a_subquery_and_a_list_give_the_same_students_as_in(personas):
    others = [factories.StudentFactory() for _ in range(3)]
    wanted = Student.objects.filter(pk__in=[personas.student.pk, others[1].pk]).values("pk")
    by_subquery = set(Student.objects.filter(pk__any_of=wanted))
    assert by_subquery == set(Student.objects.filter(pk__in=wanted))
    assert by_subquery == {personas.student, others[1]}
    assert set(Student.objects.filter(pk__any_of=[others[0].pk])) == {others[0]}
    assert not Student.objects.filter(pk__any_of=Student.objects.none().values("pk")).exists()
    assert not Student.objects.filter(pk__any_of=wanted.filter(pk=-1)).exists()


def test_the_access_layers_ids_run_apart_from_the_pages_joins_on_postgres(personas):
    if connection.vendor != "postgresql":
        assert " IN (" in _sql(visible_students(personas.wpb.user))
        return
    for queryset in (
        visible_students(personas.wpb.user),
        visible_stages(personas.wpb.user),
        logregels_for(personas.wpb.user),
    ):
        assert "= ANY(ARRAY(" in _sql(queryset)


def test_the_day_log_list_joins_only_what_it_shows(personas):
    """The confirmer and the visit were joined and never shown: each join multiplied the
    planning of a query that runs in under a millisecond."""
    student = personas.student
    stage = student.stages.get()
    factories.LogregelFactory(student=student, stage=stage)
    sql = _sql(logregels_for_list(student.user, student=student, stage=stage))
    assert '"begeleiding_lesbezoek"' not in sql
    assert '"begeleiding_logregel"."confirmed_by_id" = ' not in sql
    entries = list(logregels_for_list(student.user, student=student, stage=stage))
    assert [entry.pk for entry in entries] == list(
        Logregel.objects.filter(student=student, stage=stage).values_list("pk", flat=True)
    )


def test_a_precompiled_subquery_selects_the_same_rows(personas):
    """lookups.precompiled: the ids subquery compiled apart and put in as its SQL text, the
    same rows as the queryset itself; a subquery that can select nothing stays a queryset."""
    from opleidingsschool.access import visible_stage_ids, visible_student_ids
    from opleidingsschool.lookups import precompiled
    from opleidingsschool.models import Stage, Student

    for user in (personas.wpb.user, personas.schoolopleider.user, personas.student.user):
        for model, ids in ((Stage, visible_stage_ids(user)), (Student, visible_student_ids(user))):
            assert set(model.objects.filter(pk__any_of=precompiled(ids))) == set(
                model.objects.filter(pk__in=ids))
            assert set(model.objects.filter(pk__in=precompiled(ids))) == set(
                model.objects.filter(pk__in=ids))
    nothing = Stage.objects.filter(pk__in=[]).values("pk")
    assert precompiled(nothing) is nothing
    assert list(Stage.objects.filter(pk__in=precompiled(nothing))) == []


def test_the_access_layer_compiles_its_ids_once_per_request(personas, monkeypatch):
    from opleidingsschool import access

    built = []
    original = access._id_values
    monkeypatch.setattr(access, "_id_values",
                        lambda user: built.append(user.pk) or original(user))
    user = type(personas.schoolopleider.user).objects.get(pk=personas.schoolopleider.user.pk)
    first = set(access.visible_stages(user))
    assert set(access.visible_stages(user).values_list("school_id", flat=True))
    assert built == [user.pk]  # once for this user object (one request's)
    fresh = type(user).objects.get(pk=user.pk)
    assert set(access.visible_stages(fresh)) == first and built == [user.pk, user.pk]


@pytest.mark.parametrize("who", ["student", "wpb", "schoolopleider", "instituutsopleider",
                                 "coordinator", "starter", "outsider", "docent"])
def test_the_compiled_ids_are_the_orms_with_the_persons_values(personas, who):
    """The ids' SQL is compiled once per shape (compiled.CompiledSubquery) and each person's
    values put in: the same SQL and parameters as the ORM compiles for that person, and the
    same rows."""
    from opleidingsschool import access
    from opleidingsschool.lookups import subquery_sql
    from opleidingsschool.models import Stage, Student

    user = personas.user(who) if who != "docent" else personas.docent.user
    user = type(user).objects.get(pk=user.pk)
    for kind, model, reference in (("stages", Stage, access.visible_stage_ids),
                                   ("students", Student, access.visible_student_ids)):
        compiled = access._compiled_ids(user, kind)
        sql, params = subquery_sql(reference(user))
        assert (compiled.sql, tuple(compiled.params)) == (sql, tuple(params))
        assert set(model.objects.filter(pk__any_of=compiled)) == set(
            model.objects.filter(pk__in=reference(user)))


def test_nobody_logged_in_or_deactivated_sees_no_ids(personas):
    from django.contrib.auth.models import AnonymousUser

    from opleidingsschool import access

    user = personas.wpb.user
    user.is_active = False
    assert access._compiled_ids(user, "stages") is None
    assert list(access.visible_students(user)) == []
    assert access._compiled_ids(AnonymousUser(), "students") is None


def test_in_array_gives_the_rows_of_in_with_one_parameter_for_any_number_of_ids(personas):
    """`__in_array`: the ids as one parameter (an array on Postgres, JSON on SQLite), so a
    compiled query keeps its SQL whatever their number."""
    others = [factories.StudentFactory() for _ in range(3)]
    for ids in ([], [others[0].pk], [personas.student.pk, others[2].pk, -5]):
        queryset = Student.objects.filter(pk__in_array=ids)
        assert set(queryset) == set(Student.objects.filter(pk__in=ids))
        sql, params = queryset.query.sql_with_params()
        assert len(params) == 1 and sql.count("%s") == 1
    assert set(Student.objects.exclude(pk__in_array=[others[1].pk])) == set(
        Student.objects.exclude(pk=others[1].pk))
