import datetime

import pytest
from django.core import mail
from django.urls import reverse

from begeleiding import selectors
from begeleiding.models import Leervraag, LeervraagStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_student_writes_a_learning_question_linked_to_outcomes_and_expertise(client, personas):
    tag = factories.ExpertiseFactory(name="differentiëren")
    outcome = factories.LeeruitkomstFactory(code="LU3", title="Kunnen differentiëren")
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:leervraag_create"), {
        "title": "Differentiëren in havo 4",
        "situation": "Twee leerlingen in mijn havo-klas doen nooit mee.",
        "goal": "Hoe geef ik iedereen een passende opdracht?",
        "expertises": [tag.pk], "leeruitkomsten": [outcome.pk],
    }, follow=True)
    leervraag = Leervraag.objects.get()
    assert leervraag.student == personas.student
    assert leervraag.status == LeervraagStatus.OPEN
    assert list(leervraag.expertises.all()) == [tag]
    assert list(leervraag.leeruitkomsten.all()) == [outcome]
    assert "Leervraag ‘Differentiëren in havo 4’ opgeslagen" in response.content.decode()


def test_a_learning_question_without_title_keeps_the_input_and_says_what_is_missing(
    client, personas
):
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:leervraag_create"), {
        "title": "", "situation": "Mijn situatie", "goal": "",
    })
    content = response.content.decode()
    assert response.status_code == 200
    assert Leervraag.objects.count() == 0
    assert "Mijn situatie" in content
    assert "Dit veld is verplicht." in content


def test_question_moves_from_open_to_working_to_answered_with_a_reflection(client, personas):
    leervraag = factories.LeervraagFactory(student=personas.student)
    client.force_login(personas.student.user)
    client.post(reverse("begeleiding:leervraag_start", args=[leervraag.uuid]))
    leervraag.refresh_from_db()
    assert leervraag.status == LeervraagStatus.WORKING
    response = client.post(reverse("begeleiding:leervraag_answer", args=[leervraag.uuid]),
                           {"reflection": ""})
    assert "Dit veld is verplicht." in response.content.decode()
    client.post(reverse("begeleiding:leervraag_answer", args=[leervraag.uuid]),
                {"reflection": "Korte opdrachten op drie niveaus werken."})
    leervraag.refresh_from_db()
    assert leervraag.status == LeervraagStatus.ANSWERED
    assert leervraag.closing_reflection == "Korte opdrachten op drie niveaus werken."


def test_archived_questions_leave_the_list_until_asked_for(client, personas):
    leervraag = factories.LeervraagFactory(student=personas.student, title="Oud")
    client.force_login(personas.student.user)
    client.post(reverse("begeleiding:leervraag_archive", args=[leervraag.uuid]))
    listed = client.get(reverse("begeleiding:leervraag_list")).context["page"].object_list
    assert list(listed) == []
    archived = client.get(reverse("begeleiding:leervraag_list") + "?archived=on")
    assert [lv.title for lv in archived.context["page"].object_list] == ["Oud"]


def test_search_and_status_filter_narrow_the_list(client, personas):
    factories.LeervraagFactory(student=personas.student, title="Orde houden")
    factories.LeervraagFactory(student=personas.student, title="Differentiëren",
                               status=LeervraagStatus.WORKING)
    client.force_login(personas.student.user)
    found = client.get(reverse("begeleiding:leervraag_list") + "?q=orde")
    assert [lv.title for lv in found.context["page"].object_list] == ["Orde houden"]
    working = client.get(reverse("begeleiding:leervraag_list") + "?status=working")
    assert [lv.title for lv in working.context["page"].object_list] == ["Differentiëren"]


def test_mentor_sees_and_comments_but_cannot_edit(client, personas):
    leervraag = factories.LeervraagFactory(student=personas.student)
    client.force_login(personas.wpb.user)
    listed = client.get(reverse("begeleiding:leervraag_list")).context["page"].object_list
    assert list(listed) == [leervraag]
    client.post(reverse("begeleiding:leervraag_comment", args=[leervraag.uuid]),
                {"text": "Kijk eens bij Joost in de les."})
    assert [r.text for r in leervraag.reacties.all()] == ["Kijk eens bij Joost in de les."]
    assert client.get(reverse("begeleiding:leervraag_edit", args=[leervraag.uuid])).status_code == 403


def test_other_students_question_is_a_404(client, personas):
    leervraag = factories.LeervraagFactory(student=personas.other_student)
    client.force_login(personas.student.user)
    assert client.get(leervraag.get_absolute_url()).status_code == 404
    client.force_login(personas.wpb.user)
    assert client.get(leervraag.get_absolute_url()).status_code == 404


def test_list_runs_the_same_queries_for_one_and_many_questions(client, personas, count_queries):
    tag = factories.ExpertiseFactory(name="motiveren")
    factories.LeervraagFactory(student=personas.student, expertises=[tag])
    client.force_login(personas.wpb.user)
    url = reverse("begeleiding:leervraag_list")
    few, _ = count_queries(client, url)
    for _index in range(12):
        factories.LeervraagFactory(student=personas.student, expertises=[tag])
    many, response = count_queries(client, url)
    assert len(response.context["page"].object_list) == 13
    assert few == many


def test_suggestions_rank_matching_tags_own_school_open_lessons_and_fairness(personas):
    diff = factories.ExpertiseFactory(name="differentiëren")
    orde = factories.ExpertiseFactory(name="klassenmanagement")
    leervraag = factories.LeervraagFactory(student=personas.student, expertises=[diff, orde])
    last_names = ["Aa", "Bakker", "Claes", "Dekker", "Zwart"]

    def colleague(email, school, tags, lessons=True):
        # Last names in reverse of the expected order: the ranking, not the name, decides.
        medewerker = factories.MedewerkerFactory(user__email=email, school=school,
                                                 user__last_name=last_names.pop(),
                                                 visitors_welcome=True, expertises=tags)
        if lessons:
            factories.LesaanbodFactory(medewerker=medewerker)
        return medewerker

    both_tags_other_school = colleague("both@example.org", personas.other_school, [diff, orde])
    own_school = colleague("own@example.org", personas.school, [diff])
    other_school = colleague("other@example.org", personas.other_school, [diff])
    no_lessons = colleague("nolessons@example.org", personas.school, [diff], lessons=False)
    busy = colleague("busy@example.org", personas.school, [diff])
    for _index in range(3):
        factories.LesbezoekFactory(lesaanbod=busy.lesaanbod.get(), status="accepted",
                                   date=datetime.date(2027, 3, 3))
    factories.MedewerkerFactory(user__email="closed@example.org", school=personas.school,
                                visitors_welcome=False, expertises=[diff])
    factories.MedewerkerFactory(user__email="nomatch@example.org", school=personas.school,
                                visitors_welcome=True, expertises=[])
    ranked = [s.medewerker for s in selectors.suggestions_for(leervraag)]
    assert ranked == [both_tags_other_school, own_school, busy, no_lessons, other_school]


def test_answering_sends_no_mail(client, personas):
    leervraag = factories.LeervraagFactory(student=personas.student)
    client.force_login(personas.student.user)
    client.post(reverse("begeleiding:leervraag_answer", args=[leervraag.uuid]),
                {"reflection": "Klaar."})
    assert mail.outbox == []


def test_mentor_finds_the_questions_of_one_student_from_the_menu(client, personas):
    mine = factories.LeervraagFactory(student=personas.student)
    factories.StageFactory(student=personas.other_student, school=personas.school,
                           schooljaar=factories.SchooljaarFactory(start_year=2025))
    client.force_login(personas.schoolopleider.user)
    menu = client.get(reverse("home")).context["portal_menu"]
    assert "Leervragen van studenten" in [item.label for group in menu for item in group.items]
    factories.LeervraagFactory(student=personas.other_student)
    url = reverse("begeleiding:leervraag_list") + f"?student={personas.student.uuid}"
    response = client.get(url)
    assert list(response.context["page"].object_list) == [mine]
    assert "Leervragen van Sanne Student" in response.content.decode()


@pytest.mark.parametrize("name", ["student", "wpb", "schoolopleider", "instituutsopleider",
                                  "extra_mentor", "other_wpb", "docent", "outsider"])
def test_the_compiled_question_list_is_the_querysets_page_by_page(personas, name):
    """The learning questions as the list opens (no search, status or student) are compiled
    (issue 10): every page has the questions, counts and tags the queryset gives, the
    archived ones apart, a question marked "only me" for its student alone."""
    from django.utils import timezone

    from begeleiding.models import Visibility
    from opleidingsschool.pagination import Paginator

    tag = factories.ExpertiseFactory(name="Klassenmanagement")
    now = timezone.now()
    for days in range(4):
        question = factories.LeervraagFactory(student=personas.student, expertises=[tag])
        Leervraag.objects.filter(pk=question.pk).update(
            last_activity_at=now - datetime.timedelta(days=days))
    factories.LeervraagFactory(student=personas.student, visibility=Visibility.PRIVATE)
    factories.LeervraagFactory(student=personas.student, archived_at=now)
    factories.LogregelFactory(stage=personas.stage, leervraag=question)
    factories.LeervraagFactory(student=personas.other_student)
    user = personas.user(name)

    def rows(questions):
        return [(row.pk, row.entry_count, row.visit_count, [t.name for t in row.expertises.all()])
                for row in questions]

    for archived in (False, True):
        expected = rows(selectors.leervragen_for_list(user, archived=archived))
        shown = []
        for number in (1, 2, 3, 4):
            page = Paginator(selectors.leervragen_page_source(user, archived=archived), 2
                             ).get_page(number)
            assert page.paginator.count == len(expected)
            shown += rows(page) if page.number == number else []
        assert shown == expected
    current = rows(selectors.leervragen_for_list(user))
    sees_student = name in ("student", "wpb", "schoolopleider", "instituutsopleider",
                            "extra_mentor")
    assert len(current) == (5 if name == "student" else 4 if sees_student else
                            1 if name == "other_wpb" else 0)
