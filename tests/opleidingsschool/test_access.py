import pytest

from opleidingsschool.access import Rol, capacities_for, role_on, roles_for, visible_students
from opleidingsschool.models import BegeleiderStatus, Stage

pytestmark = pytest.mark.django_db


def visible_emails(user) -> set[str]:
    return set(visible_students(user).values_list("user__email", flat=True))


def test_student_sees_only_own_record(personas):
    assert visible_emails(personas.student.user) == {"sanne@example.org"}


def test_werkplekbegeleider_sees_the_students_they_mentor(personas):
    assert visible_emails(personas.wpb.user) == {"sanne@example.org"}
    assert visible_emails(personas.other_wpb.user) == {"otto@example.org"}


def test_schoolopleider_sees_every_student_placed_at_their_school(personas):
    # ... and the starter in induction there (issue 15).
    assert visible_emails(personas.schoolopleider.user) == {"sanne@example.org",
                                                             "stef@example.org"}


def test_instituutsopleider_sees_students_whose_triangle_they_are_in(personas):
    assert visible_emails(personas.instituutsopleider.user) == {"sanne@example.org"}


def test_coordinator_docent_starter_and_outsider_see_no_students(personas):
    for name in ("coordinator", "docent", "outsider"):
        assert visible_emails(personas.user(name)) == set(), name
    # A starter sees their own learning record only (issue 15).
    assert visible_emails(personas.starter.user) == {"stef@example.org"}


def test_ended_mentoring_no_longer_gives_access(personas):
    personas.wpb.begeleidingen.update(status=BegeleiderStatus.ENDED)
    assert visible_emails(personas.wpb.user) == set()


def test_capacities_name_how_a_user_sees_a_student(personas):
    student = personas.student
    assert capacities_for(student.user, student) == {Rol.STUDENT}
    assert capacities_for(personas.wpb.user, student) == {Rol.FORMAL_MENTOR}
    assert capacities_for(personas.extra_mentor.user, student) == {Rol.EXTRA_MENTOR}
    assert capacities_for(personas.schoolopleider.user, student) == {Rol.SCHOOLOPLEIDER}
    assert capacities_for(personas.docent.user, student) == frozenset()


def test_roles_follow_profiles_functions_and_mentoring(personas):
    assert roles_for(personas.student.user) == {Rol.STUDENT}
    assert roles_for(personas.wpb.user) == {Rol.DOCENT, Rol.WERKPLEKBEGELEIDER, Rol.BEGELEIDER}
    assert roles_for(personas.schoolopleider.user) == {Rol.DOCENT, Rol.SCHOOLOPLEIDER}
    assert roles_for(personas.instituutsopleider.user) == {Rol.INSTITUUTSOPLEIDER}
    assert roles_for(personas.extra_mentor.user) == {Rol.DOCENT, Rol.BEGELEIDER}
    assert roles_for(personas.coordinator.user) == {Rol.COORDINATOR}
    assert roles_for(personas.starter.user) == {Rol.STARTER}
    assert roles_for(personas.outsider) == frozenset()


def test_role_on_says_what_each_persona_is_on_the_placement(personas, django_assert_num_queries):
    stage = Stage.objects.select_related("student").get(pk=personas.stage.pk)
    expected = {
        "student": Rol.STUDENT, "wpb": Rol.FORMAL_MENTOR, "instituutsopleider": Rol.FORMAL_MENTOR,
        "extra_mentor": Rol.EXTRA_MENTOR, "schoolopleider": Rol.SCHOOLOPLEIDER,
        "other_wpb": None, "docent": None, "coordinator": None, "outsider": None,
    }
    got = {name: role_on(personas.user(name), stage) for name in expected}
    assert got == expected
    # Asked again in the same request, the answer costs nothing.
    wpb = personas.user("wpb")
    with django_assert_num_queries(0):
        assert role_on(wpb, stage) == Rol.FORMAL_MENTOR


ROLES = ("student", "wpb", "schoolopleider", "instituutsopleider", "extra_mentor", "docent",
         "other_student", "other_wpb", "coordinator", "outsider")


def test_a_student_by_uuid_is_found_only_by_who_may_see_them(personas, django_assert_num_queries):
    """visible_student (compiled once per shape, issue 10) finds what visible_students
    does, with the related rows loaded; a uuid of no one, or not a UUID, is no one."""
    import uuid

    from opleidingsschool.access import visible_student, visible_students

    for name in ROLES:
        user = personas.user(name)
        for student in (personas.student, personas.other_student):
            expected = visible_students(user).filter(uuid=student.uuid).first()
            found = visible_student(user, student.uuid, ("user", "opleiding"))
            assert getattr(found, "pk", None) == getattr(expected, "pk", None), name
            if found is not None:
                with django_assert_num_queries(0):
                    assert (found.user.email, found.opleiding.pk) == (
                        student.user.email, student.opleiding_id)
    assert visible_student(personas.student.user, uuid.uuid4()) is None
    assert visible_student(personas.student.user, str(personas.student.uuid)) is None
