"""Querysets compiled once and prepared per connection (opleidingsschool/compiled.py): the
same objects as the ORM makes, the values put in where the stand-ins were, and shapes whose
values would not reach the SQL as parameters refused."""

import datetime

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from driehoek import selectors
from opleidingsschool.compiled import CompiledQuery
from opleidingsschool.models import Stage
from tests import factories
from tests.conftest import skip_or_fail

from .test_userload import _assert_same

pytestmark = pytest.mark.django_db


def _prefetched(obj) -> dict:
    return {name: [item.pk for item in items]
            for name, items in getattr(obj, "_prefetched_objects_cache", {}).items()}


def _assert_same_list(loaded, expected):
    assert [obj.pk for obj in loaded] == [obj.pk for obj in expected]
    for one, other in zip(loaded, expected, strict=True):
        assert _prefetched(one) == _prefetched(other)
        for obj in (one, other):
            vars(obj).pop("_prefetched_objects_cache", None)  # querysets: compared above
        _assert_same(one, other, type(other).__name__)


@pytest.fixture
def triangle(personas):
    """The student's placement with a goal, an action and a need in a shared meeting, in a
    meeting whose record is not shared yet, and outside any meeting; evaluations shared and not."""
    stage = personas.stage
    shared = factories.DriehoeksgesprekFactory(stage=stage, shared_at=timezone.now(),
                                               deelnemers=[personas.student.user])
    draft = factories.DriehoeksgesprekFactory(stage=stage)
    outcome = factories.LeeruitkomstFactory()
    meaning = factories.InvullingFactory(leeruitkomst=outcome, school=stage.school)
    for gesprek in (shared, draft, None):
        goal = factories.LeerdoelFactory(stage=stage, gesprek=gesprek, leeruitkomsten=[outcome])
        goal.invullingen.set([meaning])
        factories.ActiepuntFactory(stage=stage, gesprek=gesprek, owner=personas.wpb.user)
        factories.BehoefteFactory(stage=stage, gesprek=gesprek)
    for shared_at in (timezone.now(), None):
        evaluation = factories.TussenevaluatieFactory(stage=stage, shared_at=shared_at)
        factories.OordeelFactory(tussenevaluatie=evaluation, leeruitkomst=outcome)
    factories.LeerdoelFactory(stage=factories.StageFactory())  # someone else's
    return stage


@pytest.mark.parametrize("full", [True, False])
@pytest.mark.parametrize("name", ["_LEERDOELEN", "_ACTIEPUNTEN", "_BEHOEFTEN",
                                  "_TUSSENEVALUATIES"])
def test_the_triangle_pages_items_are_what_the_orm_loads(triangle, name, full):
    query = getattr(selectors, name)[full]
    expected = list(query.queryset(triangle.pk))
    loaded = query.list(triangle.pk)
    # The goals, actions and needs: three, the student's two (not the unshared meeting's);
    # the evaluations: two, the student's one (the shared one).
    shown = {True: 3, False: 2} if name != "_TUSSENEVALUATIES" else {True: 2, False: 1}
    assert len(loaded) == shown[full]
    _assert_same_list(loaded, expected)


def test_a_student_sees_no_item_of_an_unshared_meeting_record(triangle):
    draft = triangle.driehoeksgesprekken.get(shared_at__isnull=True)
    for query in (selectors._LEERDOELEN, selectors._ACTIEPUNTEN, selectors._BEHOEFTEN):
        assert draft.pk not in {item.gesprek_id for item in query[False].list(triangle.pk)}
        assert draft.pk in {item.gesprek_id for item in query[True].list(triangle.pk)}
    shown = selectors._TUSSENEVALUATIES[False].list(triangle.pk)
    assert [evaluation.shared_at is not None for evaluation in shown] == [True]


def test_the_members_and_meetings_are_what_the_orm_loads(triangle):
    for query in (selectors._MEMBERS, selectors._MEETINGS):
        expected = list(query.queryset(triangle.pk))
        loaded = query.list(triangle.pk)
        assert loaded
        _assert_same_list(loaded, expected)  # the annotated participant columns too


def test_known_related_objects_are_set_without_a_query(triangle):
    goals = selectors._LEERDOELEN[True].list(triangle.pk, known={"stage": triangle})
    with CaptureQueriesContext(connection) as queries:
        assert {goal.stage for goal in goals} == {triangle}
        assert all(goal.stage is triangle for goal in goals)
    assert len(queries) == 0


def test_each_call_puts_in_its_own_values(personas):
    today = timezone.localdate()
    query = CompiledQuery("test_stages_from", lambda school_id, day: Stage.objects.filter(
        school_id=school_id, start_date__lte=day).order_by("pk"), int, datetime.date)
    other = factories.StageFactory()
    for school_id in (personas.stage.school_id, other.school_id):
        for day in (today, datetime.date(2000, 1, 1)):
            assert [stage.pk for stage in query.list(school_id, day)] == list(
                Stage.objects.filter(school_id=school_id, start_date__lte=day)
                .order_by("pk").values_list("pk", flat=True))


def test_a_value_that_is_not_a_parameter_is_refused(db):
    # A LIMIT is written into the SQL: its stand-in (a negative number) is refused already
    # by the ORM; a value the query does not use at all, by the compiling.
    limited = CompiledQuery("test_limited", lambda n: Stage.objects.all()[:n], int)
    with pytest.raises(ValueError, match="Negative indexing"):
        limited.list(5)
    unused = CompiledQuery("test_unused", lambda n: Stage.objects.all(), int)
    with pytest.raises(ValueError, match="is not a parameter"):
        unused.list(5)


def test_a_value_of_another_type_is_refused(db):
    with pytest.raises(TypeError):
        selectors._MEMBERS.list("5")
    with pytest.raises(TypeError):
        selectors._MEMBERS.list(True)


@pytest.mark.django_db(transaction=True)
def test_prepared_once_per_connection_and_run_as_it_is_without(settings):
    if connection.vendor != "postgresql":
        skip_or_fail("prepared statements are Postgres's")
    stage = factories.StageFactory()
    factories.BehoefteFactory(stage=stage)
    query = selectors._BEHOEFTEN[True]
    connection.close()
    for expected in (["PREPARE", "EXECUTE"], ["EXECUTE"]):
        with CaptureQueriesContext(connection) as queries:
            assert len(query.list(stage.pk)) == 1
        assert [q["sql"].split()[0] for q in queries] == expected
    settings.DB_PREPARED_STATEMENTS = False
    with CaptureQueriesContext(connection) as queries:
        assert len(query.list(stage.pk)) == 1
    assert [q["sql"].split()[0] for q in queries] == ["SELECT"]


@pytest.mark.django_db(transaction=True)
def test_written_out_queries_are_prepared_once_per_connection_whatever_the_ids(settings):
    """The evidence page's written-out queries keep one text for any number of outcomes
    (lookups.in_array_sql), so Postgres plans each once per connection, not per visit."""
    if connection.vendor != "postgresql":
        skip_or_fail("prepared statements are Postgres's")
    from opleidingsschool.compiled import execute_written
    from opleidingsschool.lookups import in_array_sql

    stages = [factories.StageFactory(), factories.StageFactory(), factories.StageFactory()]
    sql = "SELECT id FROM opleidingsschool_stage WHERE id {ids} AND id > %s ORDER BY id"
    connection.close()
    for ids, expected in ((stages[:1], ["PREPARE", "EXECUTE"]), (stages, ["EXECUTE"])):
        fragment, params = in_array_sql([stage.pk for stage in ids])
        with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
            execute_written(cursor, sql.format(ids=fragment), [*params, 0])
            assert [row[0] for row in cursor.fetchall()] == [stage.pk for stage in ids]
        assert [q["sql"].split()[0] for q in queries] == expected
    settings.DB_PREPARED_STATEMENTS = False
    with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
        execute_written(cursor, sql.format(ids=fragment), [*params, stages[0].pk])
        assert [row[0] for row in cursor.fetchall()] == [stage.pk for stage in stages[1:]]
    assert [q["sql"].split()[0] for q in queries] == ["SELECT"]


@pytest.mark.django_db(transaction=True)
def test_a_generic_query_runs_on_postgres_generic_plan_outside_a_transaction_only():
    """generic=True: Postgres keeps one plan for it instead of planning every execution;
    inside a transaction the setting is left out, so it cannot reach the next statement."""
    if connection.vendor != "postgresql":
        skip_or_fail("plans are Postgres's")
    from django.db import transaction

    stage = factories.StageFactory()
    query = CompiledQuery("test_generic", lambda stage_id: Stage.objects.filter(pk=stage_id),
                          int, generic=True)
    connection.close()
    for _ in range(3):
        assert [obj.pk for obj in query.list(stage.pk)] == [stage.pk]
    with connection.cursor() as cursor:
        cursor.execute("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                       " WHERE name = 'portal_test_generic'")
        assert cursor.fetchone() == (3, 0)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert [obj.pk for obj in query.list(stage.pk)] == [stage.pk]
        with connection.cursor() as cursor:
            cursor.execute("SHOW plan_cache_mode")
            assert cursor.fetchone() == ("auto",)
    assert queries[0]["sql"].startswith("EXECUTE portal_test_generic(")


@pytest.mark.parametrize("who", ["student", "wpb"])
def test_the_feeds_sessions_and_visits_are_what_the_orm_loads(personas, who):
    from begeleiding import contributions
    from opleidingsschool.bijeenkomsten import feeds

    user = personas.user(who)
    session = factories.BijeenkomstFactory(for_mentors=True, for_colleagues=True)
    factories.AanmeldingFactory(bijeenkomst=session, user=user)
    factories.LesbezoekFactory(student=personas.student, lesaanbod__medewerker=personas.wpb,
                              status="accepted")
    now = timezone.now()
    start, end = now - datetime.timedelta(days=90), now + datetime.timedelta(days=365)
    if who == "student":
        queries = [(feeds._MY_SESSIONS, (user.pk, start, end)),
                   (contributions._VISITS_AS_STUDENT, (user.pk, start.date(), end.date()))]
    else:
        staff = personas.wpb.pk
        queries = [(feeds._MY_SESSIONS_AS_STAFF, (user.pk, staff, start, end)),
                   (contributions._VISITS_AS_STUDENT_OR_HOST,
                    (user.pk, staff, start.date(), end.date()))]
    for query, values in queries:
        loaded = query.list(*values)
        assert len(loaded) == 1
        _assert_same_list(loaded, list(query.queryset(*values)))
    assert feeds.my_bijeenkomsten(user, start, end) == [session]


def _current_stage_by_the_orm(student, today):
    """begeleiding's current_stage as the ORM asked it before it was compiled."""
    stages = Stage.objects.filter(student=student).select_related(
        "school", "schooljaar", "student__opleiding")
    return (
        stages.filter(start_date__lte=today, end_date__gte=today).order_by("-start_date").first()
        or stages.filter(start_date__lte=today).order_by("-end_date").first()
        or stages.order_by("start_date").first()
    )


def test_the_current_placement_is_the_one_the_orm_finds_on_every_day(personas):
    from begeleiding.selectors import current_stage

    student = personas.student
    stage = personas.stage
    later = factories.StageFactory(
        student=student, school=factories.SchoolFactory(), schooljaar=stage.schooljaar,
        start_date=stage.end_date + datetime.timedelta(days=30),
        end_date=stage.end_date + datetime.timedelta(days=90))
    days = [stage.start_date - datetime.timedelta(days=1), stage.start_date, stage.end_date,
            stage.end_date + datetime.timedelta(days=1), later.start_date, later.end_date,
            later.end_date + datetime.timedelta(days=400)]
    found = []
    for day in days:
        loaded, expected = current_stage(student, day), _current_stage_by_the_orm(student, day)
        _assert_same_list([loaded], [expected])
        found.append(loaded)
    # Before the first: the first; during each: that one; between and after: the last started.
    assert found == [stage, stage, stage, stage, later, later, later]
    assert current_stage(factories.StudentFactory()) is None


def test_the_sessions_to_book_are_what_the_orm_finds(personas):
    from begeleiding import selectors

    student, stage = personas.student, personas.stage
    attended = factories.AanmeldingFactory(
        user=student.user, attended=True, bijeenkomst__experience_hours=2,
        bijeenkomst__starts_at=timezone.make_aware(datetime.datetime.combine(
            stage.start_date + datetime.timedelta(days=1), datetime.time(14))))
    factories.AanmeldingFactory(user=student.user, attended=False)
    values = (student.user_id, stage.start_date, min(stage.end_date, timezone.localdate()))
    loaded = selectors.uren._BOOKABLE.list(*values)
    _assert_same_list(loaded, list(selectors.uren._BOOKABLE.queryset(*values)))
    assert [item.aanmelding for item in selectors.bookable_bijeenkomsten(student, stage)] == (
        [attended] if stage.start_date + datetime.timedelta(days=1) <= timezone.localdate()
        else [])


@pytest.mark.parametrize("role", [selectors.Rol.FORMAL_MENTOR, None])
def test_the_goals_and_evaluations_come_with_what_a_prefetch_gives(triangle, personas, role):
    """year_context attaches each goal's outcomes, meanings and shared learning questions,
    and each evaluation's ratings, from one compiled query each: the same lists, in the same
    order, as the ORM's prefetches."""
    from begeleiding.models import Leervraag
    from driehoek.models import Leerdoel, Oordeel, Tussenevaluatie
    from leerwerktaken.models import Invulling

    mine = factories.LeervraagFactory(student=personas.student)
    hidden = factories.LeervraagFactory(student=personas.student, visibility="private")
    second = factories.LeeruitkomstFactory()
    for goal in Leerdoel.objects.filter(stage=triangle):
        goal.leervragen.set([mine, hidden])
        goal.leeruitkomsten.add(second)
    context = selectors.year_context(triangle, role)
    visible = {goal.pk for goal in context["leerdoelen"]}
    expected = Leerdoel.objects.filter(pk__in=visible).prefetch_related(
        "leeruitkomsten",
        Prefetch("invullingen", queryset=Invulling.objects.select_related("leeruitkomst")),
        Prefetch("leervragen", queryset=Leervraag.objects.shared()),
    )
    assert [_prefetched(goal) for goal in context["leerdoelen"]] == [
        _prefetched(goal) for goal in expected]
    assert all(len(goal.leeruitkomsten.all()) == 2 and list(goal.leervragen.all()) == [mine]
               for goal in context["leerdoelen"])
    evaluations = Tussenevaluatie.objects.filter(
        pk__in=[evaluation.pk for evaluation in context["tussenevaluaties"]]
    ).order_by("date", "pk").prefetch_related(
        Prefetch("oordelen", queryset=Oordeel.objects.select_related("leeruitkomst")))
    assert [_prefetched(e) for e in context["tussenevaluaties"]] == [
        _prefetched(e) for e in evaluations]
    with CaptureQueriesContext(connection) as queries:
        for evaluation in context["tussenevaluaties"]:
            for oordeel in evaluation.oordelen.all():
                assert oordeel.tussenevaluatie is evaluation and oordeel.leeruitkomst.code
        for goal in context["leerdoelen"]:
            assert all(meaning.leeruitkomst.code for meaning in goal.invullingen.all())
    assert len(queries) == 0


def test_a_prefetch_that_depends_on_the_values_is_refused(db):
    """A prefetch's queryset is kept as it was built, with the stand-ins in it: refused, so
    that no person's prefetch runs with another's values."""
    from driehoek.models import Leerdoel

    dependent = CompiledQuery("test_dependent_prefetch", lambda stage_id: Stage.objects.filter(
        pk=stage_id).prefetch_related(Prefetch(
            "leerdoelen", queryset=Leerdoel.objects.filter(stage_id=stage_id))), int)
    with pytest.raises(ValueError, match="depends on the values"):
        dependent.list(1)
    fixed = CompiledQuery("test_fixed_prefetch", lambda stage_id: Stage.objects.filter(
        pk=stage_id).prefetch_related("leerdoelen"), int)
    stage = factories.StageFactory()
    goal = factories.LeerdoelFactory(stage=stage)
    assert list(fixed.list(stage.pk)[0].leerdoelen.all()) == [goal]


def test_the_hours_per_week_are_the_rows_the_orm_gives(personas):
    from begeleiding.selectors import uren

    stage, today = personas.stage, timezone.localdate()
    for days_ago, confirmed in ((0, False), (1, True), (9, True), (30, False)):
        entry = factories.LogregelFactory(stage=stage, date=today - datetime.timedelta(
            days=days_ago))
        if confirmed:
            entry.confirmed_at = timezone.now()
            entry.save()
    values = (personas.student.pk, stage.pk, today)
    rows = uren._HOURS_PER_WEEK.rows(*values)
    assert len(rows) >= 3
    assert sorted(rows) == sorted(uren._HOURS_PER_WEEK.queryset(*values))
    with pytest.raises(TypeError, match="use rows"):
        uren._HOURS_PER_WEEK.list(*values)


def test_values_list_columns_come_in_the_order_asked(personas):
    from django.db.models import Count

    query = CompiledQuery("test_columns_order", lambda pk: Stage.objects.filter(pk=pk).annotate(
        mentors=Count("begeleiders")).values_list("mentors", "uuid", "pk"), int)
    stage = personas.stage
    assert query.rows(stage.pk) == list(query.queryset(stage.pk)) == [
        (stage.begeleiders.count(), stage.uuid, stage.pk)]


def test_a_literal_percent_sign_stays_one_in_the_prepared_statement(personas):
    from django.db.models.expressions import RawSQL

    query = CompiledQuery("test_percent", lambda pk: Stage.objects.filter(pk=pk).annotate(
        share=RawSQL("'5%%'", ())), int)
    assert [stage.share for stage in query.list(personas.stage.pk)] == ["5%"]
    assert [stage.share for stage in query.list(personas.stage.pk)] == ["5%"]  # EXECUTE


def test_a_list_of_ids_goes_in_as_one_value_of_any_length(personas):
    stages = [personas.stage, *(factories.StageFactory() for _ in range(2))]
    query = CompiledQuery("test_stages_among", lambda ids, school_id: (
        Stage.objects.filter(pk__in_array=ids).exclude(school_id=school_id).order_by("pk")
    ), list, int)
    for ids in ([], [stages[1].pk], [stage.pk for stage in stages]):
        expected = Stage.objects.filter(pk__in=ids).exclude(school_id=-1).order_by("pk")
        assert [stage.pk for stage in query.list(ids, -1)] == [stage.pk for stage in expected]
    assert [stage.pk for stage in query.list([stage.pk for stage in stages],
                                             personas.stage.school_id)] == [
        stage.pk for stage in stages[1:]]
    for wrong in ((stages[0].pk,), [str(stages[0].pk)], stages[0].pk):
        with pytest.raises(TypeError):
            query.list(wrong, -1)
