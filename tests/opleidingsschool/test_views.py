import pytest
from django.urls import reverse

from opleidingsschool.models import Begeleider, Functie
from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_student_home_shows_placement_and_mentors(client, personas):
    client.force_login(personas.student.user)
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Het Testlyceum" in content
    assert "Wim Werkplek" in content
    assert "Mijn stage" in content


def test_werkplekbegeleider_home_lists_their_students(client, personas):
    client.force_login(personas.wpb.user)
    content = client.get(reverse("home")).content.decode()
    assert "Sanne Student" in content
    assert str(personas.other_student) not in content


def test_schoolopleider_home_shows_the_school_and_missing_triangles(client, personas):
    unmentored = factories.StageFactory(
        school=personas.school, schooljaar=personas.schooljaar,
        student__user__first_name="Nina", student__user__last_name="Nogniemand",
    )
    client.force_login(personas.schoolopleider.user)
    content = client.get(reverse("home")).content.decode()
    assert "Nina Nogniemand" in content
    assert "geen werkplekbegeleider" in content
    assert str(unmentored.student) in content


def test_coordinator_home_shows_the_partnership_at_a_glance(client, personas):
    client.force_login(personas.coordinator.user)
    response = client.get(reverse("home"))
    totals = {item.signal.key: item.total for item in _panel(response, "signals")}
    # Both placements of the first partnership; Sanne's has its whole triangle (werkplek-
    # begeleider and instituutsopleider), the other student's a werkplekbegeleider only.
    assert (totals["plaatsingen"], totals["driehoek-compleet"]) == (2, 1)
    assert reverse("partnerschap:overzicht") in response.content.decode()
    # The coordinator of the second partnership counts none of them.
    client.force_login(personas.other_coordinator.user)
    totals = {item.signal.key: item.total
              for item in _panel(client.get(reverse("home")), "signals")}
    assert totals["plaatsingen"] == 0


def _panel(response, key):
    for panel in response.context["panels"]:
        if key in panel.context:
            return panel.context[key]
    raise AssertionError(f"no panel with {key}")


def test_person_with_several_roles_sees_every_panel(client, personas):
    # A schoolopleider who also mentors a student as werkplekbegeleider.
    factories.BegeleiderFactory(
        stage=factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar),
        medewerker=personas.schoolopleider, functie=Functie.WERKPLEKBEGELEIDER,
    )
    client.force_login(personas.schoolopleider.user)
    response = client.get(reverse("home"))
    titles = {panel.title for panel in response.context["panels"]}
    assert {"Mijn studenten", "Studenten van de school dit jaar", "Mijn expertise"} <= titles


def test_user_without_role_gets_a_helpful_home(client, personas):
    client.force_login(personas.outsider)
    content = client.get(reverse("home")).content.decode()
    assert "Je account heeft nog geen rol in het partnerschap." in content


def test_student_list_shows_only_students_in_scope(client, personas):
    client.force_login(personas.wpb.user)
    response = client.get(reverse("student_list"))
    assert [student.user.email for student in response.context["page"]] == ["sanne@example.org"]


def test_student_list_search_narrows_the_list(client, personas):
    client.force_login(personas.schoolopleider.user)
    factories.StageFactory(
        school=personas.school, schooljaar=personas.schooljaar,
        student__user__first_name="Bram", student__user__last_name="Bakker",
    )
    response = client.get(reverse("student_list"), {"q": "bakk"})
    assert [str(student) for student in response.context["page"]] == ["Bram Bakker"]


def test_student_list_uses_the_same_number_of_queries_for_one_or_many(
    client, personas, django_assert_num_queries
):
    client.force_login(personas.schoolopleider.user)
    client.get(reverse("student_list"))  # the compiled queries prepared on this connection
    with django_assert_num_queries(4):  # user, students with their total, placements with
        client.get(reverse("student_list"))  # their active mentors, the school filter
    for _ in range(30):
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
        factories.BegeleiderFactory(stage=stage)
    with django_assert_num_queries(4):
        response = client.get(reverse("student_list"))
    # The student, the starter in induction at the school (issue 15) and the 30 new ones.
    assert response.context["page"].paginator.count == 32


def test_student_list_names_each_placements_active_mentors_in_triangle_order(client, personas):
    """The placements come with their active mentors in one query (issue 10): names and
    functions as before, the werkplekbegeleider first, an ended mentor left out, a placement
    without mentors a dash."""
    personas.stage.begeleiders.filter(medewerker=personas.extra_mentor).update(status="ended")
    bare = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar,
                                  student__user__first_name="Zonder",
                                  student__user__last_name="Begeleiding")
    client.force_login(personas.schoolopleider.user)
    page = client.get(reverse("student_list")).content.decode()
    row = page[page.index(str(personas.student)):].split("</tr>")[0]
    mentors = [str(mentor.medewerker.user) for mentor in Begeleider.objects.active().filter(
        stage=personas.stage).in_triangle_order().select_related("medewerker__user")]
    assert len(mentors) >= 2 and mentors[0] == str(personas.wpb.user)
    assert [row.index(name) for name in mentors] == sorted(row.index(name) for name in mentors)
    assert "(werkplekbegeleider)" in row and str(personas.extra_mentor.user) not in row
    bare_row = page[page.index(str(bare.student)):].split("</tr>")[0]
    assert bare_row.rstrip().endswith('<span class="text-body-secondary">–</span></td>')


def test_student_detail_for_outsider_is_404(client, personas):
    url = reverse("student_detail", args=[personas.student.uuid])
    for name in ("other_student", "other_wpb", "docent", "coordinator", "starter", "outsider"):
        client.force_login(personas.user(name))
        assert client.get(url).status_code == 404, name


def test_student_detail_shows_triangle_to_mentor(client, personas):
    client.force_login(personas.instituutsopleider.user)
    response = client.get(reverse("student_detail", args=[personas.student.uuid]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Wim Werkplek" in content
    assert "instituutsopleider" in content


def test_docent_saves_expertise_and_visitors_welcome(client, personas):
    tag = factories.ExpertiseFactory(name="differentiëren")
    client.force_login(personas.docent.user)
    response = client.post(
        reverse("profile"),
        {
            "first_name": "Dirk", "last_name": "Docent", "language": "nl", "subject": "aardrijkskunde",
            "expertises": [tag.pk], "visitors_welcome": "on",
        },
        follow=True,
    )
    personas.docent.refresh_from_db()
    assert list(personas.docent.expertises.all()) == [tag]
    assert personas.docent.visitors_welcome is True
    assert "Je profiel is opgeslagen." in response.content.decode()


def test_profile_with_empty_name_keeps_input_and_shows_error(client, personas):
    client.force_login(personas.student.user)
    response = client.post(
        reverse("profile"), {"first_name": "", "last_name": "Nieuwenaam", "language": "nl"}
    )
    personas.student.user.refresh_from_db()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    assert 'value="Nieuwenaam"' in response.content.decode()
    assert personas.student.user.last_name == "Student"


def test_student_profile_has_no_expertise_fields(client, personas):
    client.force_login(personas.student.user)
    form = client.get(reverse("profile")).context["form"]
    assert list(form.fields) == ["first_name", "last_name", "language"]


def test_choosing_english_in_the_profile_switches_the_ui(client, personas):
    client.force_login(personas.student.user)
    client.post(
        reverse("profile"), {"first_name": "Sanne", "last_name": "Student", "language": "en"}
    )
    content = client.get(reverse("home")).content.decode()
    assert "My placement" in content


def test_theme_stylesheet_carries_the_partnership_colour(client, settings):
    response = client.get(reverse("theme_css"))
    assert response["Content-Type"] == "text/css"
    assert "--portal-color: #1f5f8b;" in response.content.decode()


def test_menu_keeps_a_section_highlighted_on_its_subpages(client, personas):
    client.force_login(personas.coordinator.user)
    response = client.get(reverse("partnerschap:school_list"))
    assert response.context["portal_active_url"] == reverse("partnerschap:index")


def test_a_person_with_several_roles_gets_one_menu_group_per_role(client, personas):
    client.force_login(personas.wpb.user)
    response = client.get(reverse("home"))
    assert response.context["portal_menu_dropdowns"] is True
    groups = [group.label for group in response.context["portal_menu"]]
    assert groups[:2] == ["Begeleiding", "Collega"]


def test_a_person_with_one_role_keeps_every_menu_item_in_sight(client, personas):
    client.force_login(personas.student.user)
    response = client.get(reverse("home"))
    assert response.context["portal_menu_dropdowns"] is False


def test_every_link_on_the_student_page_opens_for_whoever_sees_it(client, personas):
    url = reverse("student_detail", args=[personas.student.uuid])
    seen = {}
    for name in ("student", "wpb", "schoolopleider", "instituutsopleider", "extra_mentor"):
        client.force_login(personas.user(name))
        links = client.get(url).context["links"]
        seen[name] = sorted(link.label for link in links)
        for link in links:
            assert client.get(link.url).status_code == 200, (name, link.label)
    assert seen["wpb"] == [
        "Bewijs per leeruitkomst", "Driehoek " + personas.schooljaar.name, "Lesobservaties",
        "Logboek en uren", "Ontwikkelplan",
    ]
    # Lesson observations: the mentors who may observe (issue 15), not the schoolopleider
    # without a mentor row.
    assert seen["extra_mentor"] == [
        "Bewijs per leeruitkomst", "Lesobservaties", "Logboek en uren", "Ontwikkelplan"]
    assert seen["schoolopleider"] == ["Bewijs per leeruitkomst", "Logboek en uren"]


def _listed(students) -> list:
    return [(student.pk, str(student.user), student.opleiding and student.opleiding.instituut_id, [
        (stage.pk, stage.school.name, str(stage.schooljaar),
         [(str(mentor.medewerker.user), mentor.functie) for mentor in stage.active_begeleiders])
        for stage in student.visible_stages]) for student in students]


@pytest.mark.parametrize("name", ["student", "wpb", "schoolopleider", "instituutsopleider",
                                  "extra_mentor", "other_wpb", "docent", "coordinator",
                                  "outsider"])
def test_the_compiled_student_list_is_the_querysets_page_by_page(personas, name):
    """/studenten/ without a search or school is compiled (issue 10): every page has the
    students, their visible placements and those placements' active mentors that the
    queryset gives, also per study year."""
    from opleidingsschool import selectors
    from opleidingsschool.pagination import Paginator

    for number in range(3):
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar,
                                       student__study_year=1 + number % 2)
        factories.BegeleiderFactory(stage=stage, medewerker=personas.wpb)
    factories.StageFactory(student=personas.student, school=personas.other_school,
                           schooljaar=factories.SchooljaarFactory(start_year=2020))
    user = personas.user(name)
    everyone = _listed(selectors.students_for_list(user))
    assert (len(everyone) > 0) == (name in ("student", "wpb", "schoolopleider",
                                            "instituutsopleider", "extra_mentor", "other_wpb"))
    for year in (None, 1, 3):
        expected = _listed(selectors.students_for_list(user, study_year=year))
        shown = []
        for number in (1, 2, 3):
            page = Paginator(selectors.students_page_source(user, study_year=year), 2).get_page(
                number)
            assert page.paginator.count == len(expected)
            shown += _listed(page) if page.number == number else []
        assert shown == expected
