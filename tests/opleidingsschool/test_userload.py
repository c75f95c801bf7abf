"""The request's user, loaded by a query compiled once and prepared per connection
(opleidingsschool/userload.py): the same objects as the ORM's `select_related(...).get()`,
one query, and nothing about a person kept between requests."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opleidingsschool.access import ACTIVE_FUNCTIES, PROFILE_RELATED, Rol, roles_for
from opleidingsschool.userload import load_request_user
from tests import factories

pytestmark = pytest.mark.django_db


def _fields(obj) -> dict:
    return {key: value for key, value in vars(obj).items()
            if key not in ("_state", ACTIVE_FUNCTIES)}


def _assert_same(loaded, expected, path="user"):
    """The same field values and the same related records loaded, all the way down."""
    assert type(loaded) is type(expected), path
    assert _fields(loaded) == _fields(expected), path
    assert loaded._state.db == expected._state.db and loaded._state.adding is False
    assert set(loaded._state.fields_cache) == set(expected._state.fields_cache), path
    for name, related in expected._state.fields_cache.items():
        other = loaded._state.fields_cache[name]
        if related is None or name == "user":
            assert (other is None) == (related is None), f"{path}.{name}"
            continue
        _assert_same(other, related, f"{path}.{name}")


@pytest.mark.parametrize("who", ["student", "wpb", "schoolopleider", "instituutsopleider",
                                 "coordinator", "starter", "outsider"])
def test_the_user_and_their_profiles_are_what_the_orm_loads(personas, who):
    user = personas.user(who)
    expected = get_user_model()._default_manager.select_related(*PROFILE_RELATED).get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        loaded = load_request_user(user.pk)
    _assert_same(loaded, expected)
    # The profiles came with it: reading them asks nothing more.
    with CaptureQueriesContext(connection) as more:
        for name in ("student", "starter", "medewerker"):
            getattr(loaded, name, None)
    assert len(more) == 0
    assert len(queries) <= 2  # the PREPARE on a new connection, then the EXECUTE


def test_one_query_once_the_connection_has_the_statement(personas):
    load_request_user(personas.student.user.pk)
    with CaptureQueriesContext(connection) as queries:
        loaded = load_request_user(personas.wpb.user.pk)
    assert loaded == personas.wpb.user
    assert len(queries) == 1


@pytest.mark.django_db(transaction=True)
def test_a_new_database_connection_prepares_it_again():
    user = factories.StudentFactory().user
    assert load_request_user(user.pk) == user
    connection.close()  # as CONN_MAX_AGE or a restarted database would
    with CaptureQueriesContext(connection) as queries:
        assert load_request_user(user.pk) == user
    assert [q["sql"].split()[0] for q in queries] == ["PREPARE", "EXECUTE"]


@pytest.mark.parametrize("user_id", [987654321, "abc", None, "1; DROP TABLE x"])
def test_an_unknown_or_malformed_id_is_nobody(db, user_id):
    assert load_request_user(user_id) is None


def test_changes_count_from_the_next_request(client, personas):
    """Only the query's text is kept between requests: a person who leaves the staff, is
    deactivated, or gets a new name is seen as they are now at the next page."""
    user = personas.coordinator.user
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200
    user.first_name = "Anders"
    user.save(update_fields=["first_name"])
    assert "Anders" in client.get(reverse("home")).content.decode()
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_without_prepared_statements_the_compiled_query_runs_as_it_is(personas, settings):
    """Behind PgBouncer in transaction mode (DB_PREPARED_STATEMENTS=0): no PREPARE, no EXECUTE."""
    settings.DB_PREPARED_STATEMENTS = False
    with CaptureQueriesContext(connection) as queries:
        loaded = load_request_user(personas.student.user.pk)
    assert loaded == personas.student.user and loaded.student == personas.student
    assert len(queries) == 1 and queries[0]["sql"].startswith("SELECT")


@pytest.mark.parametrize("who", ["student", "wpb", "schoolopleider", "instituutsopleider",
                                 "coordinator", "extra_mentor", "starter", "outsider"])
def test_the_roles_of_a_loaded_user_need_no_query_and_match_the_orm(personas, who):
    """The kinds of mentoring the person does now come with the user (one column, not one
    query per page: an array on Postgres, a joined text on SQLite); the roles are the same as
    those of a user the ORM loads."""
    user = personas.user(who)
    loaded = load_request_user(user.pk)
    with CaptureQueriesContext(connection) as queries:
        roles = roles_for(loaded)
    assert len(queries) == 0
    assert roles == roles_for(get_user_model()._default_manager.get(pk=user.pk))


def test_an_ended_mentoring_counts_from_the_next_request(personas):
    user = personas.extra_mentor.user  # a colleague mentoring one student: a Begeleider
    assert Rol.BEGELEIDER in roles_for(load_request_user(user.pk))
    personas.stage.begeleiders.filter(medewerker=personas.extra_mentor).update(status="ended")
    assert Rol.BEGELEIDER not in roles_for(load_request_user(user.pk))
