"""The coordinator's partnership pages: organisations, people, placements and expertise."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from opleidingsschool.models import (
    Begeleider,
    BegeleiderStatus,
    Expertise,
    Functie,
    Instituut,
    Medewerker,
    Opleiding,
    School,
    Schooljaar,
    Stage,
    Starter,
    Student,
    User,
)

from .. import factories
from ..conftest import PERSONA_NAMES
from ..routes import COORDINATORS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Assertions read the English source texts; the Dutch UI comes from the .po file."""
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def coordinator_client(client, personas):
    client.force_login(personas.coordinator.user)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def listed(response) -> list[str]:
    return [str(row) for row in response.context["page"].object_list]


def form_errors(response) -> dict[str, list[str]]:
    return {field: list(errors) for field, errors in response.context["form"].errors.items()}


def stage_data(personas, **overrides) -> dict:
    """A valid placement of the other student at the personas' school this year."""
    year = personas.schooljaar
    data = {
        "student": personas.other_student.pk,
        "school": personas.school.pk,
        "schooljaar": year.pk,
        "start_date": (year.start_date + datetime.timedelta(days=40)).isoformat(),
        "end_date": (year.start_date + datetime.timedelta(days=200)).isoformat(),
        "werkplekbegeleider": personas.wpb.pk,
        "schoolopleider": personas.schoolopleider.pk,
        "instituutsopleider": "",
        "schooldagen": ["1", "2", "3", "4", "5"],
    }
    data.update(overrides)
    return data


# --- The index ----------------------------------------------------------------------------------


def test_coordinator_sees_every_section_with_its_count(coordinator_client):
    response = coordinator_client.get(reverse("partnerschap:index"))

    counts = {str(section["heading"]): section["count"] for section in response.context["sections"]}
    assert counts == {
        "Placements": 2, "Students": 2, "Staff members": 7, "Starting teachers": 1,
        "Schools": 2, "Institutes": 1, "Programmes": 1, "School years": 1, "Expertise": 0,
        # The national holidays of 2026-2027 and 2027-2028 come with the migrations.
        "School holidays": 22, "Days off of schools": 0,
    }
    assert response.context["counts"]["stages_incomplete"] == 1  # the other student's: no opleider
    assert reverse("partnerschap:stage_list").encode() in response.content


# --- Creating each kind of thing ----------------------------------------------------------------


def test_coordinator_adds_a_school_and_it_is_listed(coordinator_client):
    response = coordinator_client.post(
        reverse("partnerschap:school_create"), {"name": "Nieuw Lyceum", "city": "Zwolle"}
    )

    assert response.status_code == 302
    school = School.objects.get(name="Nieuw Lyceum")
    assert (school.city, school.regio) == ("Zwolle", "midden")  # no region given: midden
    assert messages_of(response) == ["School ‘Nieuw Lyceum’ has been saved."]
    listing = coordinator_client.get(reverse("partnerschap:school_list"))
    assert listed(listing) == ["Het Testlyceum", "Nieuw Lyceum", "Tweede Testcollege"]


def test_coordinator_adds_an_institute_and_a_programme(coordinator_client):
    coordinator_client.post(
        reverse("partnerschap:instituut_create"), {"name": "Universiteit Test", "city": "Leiden"}
    )
    instituut = Instituut.objects.get(name="Universiteit Test")

    response = coordinator_client.post(reverse("partnerschap:opleiding_create"), {
        "instituut": instituut.pk, "name": "Leraar Wiskunde", "niveau": "wo", "vak": "wiskunde",
        "target_hours": "320",
    })

    assert response.status_code == 302
    opleiding = Opleiding.objects.get(name="Leraar Wiskunde")
    assert (opleiding.instituut, opleiding.niveau, opleiding.vak, opleiding.target_hours) == (
        instituut, "wo", "wiskunde", 320
    )
    listing = coordinator_client.get(reverse("partnerschap:opleiding_list"))
    assert "Leraar Wiskunde (wo, Universiteit Test)" in listed(listing)
    assert listed(coordinator_client.get(reverse("partnerschap:instituut_list"))) == [
        "Testhogeschool", "Universiteit Test",
    ]


def test_new_school_year_form_proposes_the_next_school_year(coordinator_client, personas):
    response = coordinator_client.get(reverse("partnerschap:schooljaar_create"))

    start_year = personas.schooljaar.start_date.year + 1
    assert response.context["form"].initial == {
        "name": f"{start_year}-{start_year + 1}",
        "start_date": datetime.date(start_year, 8, 1),
        "end_date": datetime.date(start_year + 1, 7, 31),
    }


def test_coordinator_adds_a_school_year_and_an_expertise(coordinator_client):
    coordinator_client.post(reverse("partnerschap:schooljaar_create"), {
        "name": "2040-2041", "start_date": "2040-08-01", "end_date": "2041-07-31",
    })
    coordinator_client.post(reverse("partnerschap:expertise_create"), {"name": "differentiëren"})

    schooljaar = Schooljaar.objects.get(name="2040-2041")
    assert (schooljaar.start_date, schooljaar.end_date) == (
        datetime.date(2040, 8, 1), datetime.date(2041, 7, 31)
    )
    assert listed(coordinator_client.get(reverse("partnerschap:schooljaar_list")))[0] == "2040-2041"
    assert listed(coordinator_client.get(reverse("partnerschap:expertise_list"))) == ["differentiëren"]


def test_coordinator_adds_a_staff_member_who_is_invited(
    coordinator_client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    expertise = factories.ExpertiseFactory(name="klassenmanagement")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("partnerschap:medewerker_create"), {
            "first_name": "Mila", "last_name": "Mentor", "email": "Mila@Example.org",
            "school": personas.school.pk, "subject": "biologie",
            "is_werkplekbegeleider": "on", "expertises": [expertise.pk],
            "visitors_welcome": "on",
        })

    medewerker = Medewerker.objects.get(user__email="mila@example.org")
    assert response.status_code == 302
    assert response["Location"] == medewerker.get_absolute_url()
    assert messages_of(response) == ["Mila Mentor has been added and invited by e-mail."]
    assert (medewerker.school, medewerker.subject, medewerker.is_werkplekbegeleider) == (
        personas.school, "biologie", True
    )
    assert list(medewerker.expertises.all()) == [expertise]
    assert medewerker.user.has_usable_password() is False
    assert [mail.to for mail in mailoutbox] == [["mila@example.org"]]
    # By her address: the personas' random names may contain "mila" too (Milan, Camila).
    listing = coordinator_client.get(reverse("partnerschap:medewerker_list"),
                                     {"q": "mila@example"})
    assert listed(listing) == ["Mila Mentor"]


def test_coordinator_adds_a_starter_who_is_invited(
    coordinator_client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("partnerschap:starter_create"), {
            "first_name": "Bas", "last_name": "Begin", "email": "bas@example.org",
            "school": personas.other_school.pk, "subject": "Frans", "started_on": "2025-08-18",
        })

    starter = Starter.objects.get(user__email="bas@example.org")
    assert messages_of(response) == ["Bas Begin has been added and invited by e-mail."]
    assert (starter.school, starter.subject, starter.started_on) == (
        personas.other_school, "Frans", datetime.date(2025, 8, 18)
    )
    assert [mail.to for mail in mailoutbox] == [["bas@example.org"]]
    # The list is by last name: the persona's (a random factory name) is fixed after "Begin".
    personas.starter.user.last_name = "Zeeman"
    personas.starter.user.save(update_fields=["last_name"])
    listing = coordinator_client.get(reverse("partnerschap:starter_list"))
    assert listed(listing) == ["Bas Begin", str(personas.starter)]


def test_invited_student_chooses_a_password_with_the_link_and_logs_in(
    client, coordinator_client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    opleiding = personas.student.opleiding
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("partnerschap:student_create"), {
            "first_name": "Lotte", "last_name": "Leerling", "email": "lotte@example.org",
            "opleiding": opleiding.pk, "study_year": "2", "student_number": "S123",
        })

    student = Student.objects.get(user__email="lotte@example.org")
    assert messages_of(response) == ["Lotte Leerling has been added and invited by e-mail."]
    assert (student.opleiding, student.study_year, student.student_number) == (opleiding, 2, "S123")
    assert "Lotte Leerling" in listed(coordinator_client.get(reverse("partnerschap:student_list")))
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["lotte@example.org"]
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mailoutbox[0].body).group()

    coordinator_client.logout()
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200
    assert "token_fail" not in form_page.context or not form_page.context["token_fail"]
    client.post(form_page.request["PATH_INFO"], {
        "password1": "een-lang-wachtwoord-42", "password2": "een-lang-wachtwoord-42",
    })
    client.logout()
    login = client.post(
        reverse("account_login"),
        {"login": "lotte@example.org", "password": "een-lang-wachtwoord-42"},
    )
    assert login.status_code == 302
    assert login["Location"] == reverse("home")


def test_coordinator_places_a_student_with_the_triangle(coordinator_client, personas):
    response = coordinator_client.post(reverse("partnerschap:stage_create"), stage_data(personas))

    stage = Stage.objects.get(student=personas.other_student, school=personas.school)
    assert response["Location"] == stage.get_absolute_url()
    assert messages_of(response) == [
        f"The placement of {personas.other_student} at Het Testlyceum in "
        f"{personas.schooljaar} has been saved."
    ]
    assert {
        (begeleider.functie, begeleider.medewerker) for begeleider in stage.begeleiders.active()
    } == {
        (Functie.WERKPLEKBEGELEIDER, personas.wpb),
        (Functie.SCHOOLOPLEIDER, personas.schoolopleider),
    }
    listing = coordinator_client.get(
        reverse("partnerschap:stage_list"), {"school": personas.school.pk}
    )
    assert sorted(listed(listing)) == sorted([str(stage), str(personas.stage)])


def test_placement_without_dates_spans_the_school_year(coordinator_client, personas):
    coordinator_client.post(
        reverse("partnerschap:stage_create"), stage_data(personas, start_date="", end_date="")
    )

    stage = Stage.objects.get(student=personas.other_student, school=personas.school)
    assert (stage.start_date, stage.end_date) == (
        personas.schooljaar.start_date, personas.schooljaar.end_date
    )


def test_new_placement_form_proposes_the_current_school_year_and_the_chosen_student(
    coordinator_client, personas
):
    response = coordinator_client.get(
        reverse("partnerschap:stage_create"), {"student": str(personas.other_student.uuid)}
    )

    assert response.context["form"].initial == {
        "schooljaar": personas.schooljaar, "student": personas.other_student,
    }


# --- Editing --------------------------------------------------------------------------------------


def test_placement_edit_form_shows_the_current_triangle(coordinator_client, personas):
    response = coordinator_client.get(reverse("partnerschap:stage_edit", args=[personas.stage.uuid]))

    initial = response.context["form"].initial
    assert (initial["werkplekbegeleider"], initial["schoolopleider"],
            initial["instituutsopleider"]) == (personas.wpb, None, personas.instituutsopleider)


def test_changing_the_workplace_mentor_ends_the_previous_one(coordinator_client, personas):
    new_wpb = factories.MedewerkerFactory(school=personas.school, is_werkplekbegeleider=True)
    stage = personas.stage
    data = stage_data(
        personas, student="", start_date=stage.start_date.isoformat(),
        end_date=stage.end_date.isoformat(), werkplekbegeleider=new_wpb.pk,
        instituutsopleider=personas.instituutsopleider.pk,
    )

    response = coordinator_client.post(reverse("partnerschap:stage_edit", args=[stage.uuid]), data)

    assert response.status_code == 302
    statuses = dict(
        stage.begeleiders.filter(functie=Functie.WERKPLEKBEGELEIDER)
        .values_list("medewerker", "status")
    )
    assert statuses == {personas.wpb.pk: BegeleiderStatus.ENDED, new_wpb.pk: BegeleiderStatus.ACTIVE}
    stage.refresh_from_db()
    assert stage.student == personas.student  # a placement keeps its student


def test_coordinator_changes_a_students_name_email_and_study_year(coordinator_client, personas):
    student = personas.student
    response = coordinator_client.post(reverse("partnerschap:student_edit", args=[student.uuid]), {
        "first_name": "Sanne", "last_name": "de Vries", "email": "Sanne.DeVries@example.org",
        "opleiding": student.opleiding.pk, "study_year": "4", "student_number": "",
    })

    student.refresh_from_db()
    student.user.refresh_from_db()
    assert response.status_code == 302
    assert (student.user.get_full_name(), student.user.email, student.study_year) == (
        "Sanne de Vries", "sanne.devries@example.org", 4
    )
    assert messages_of(response) == ["Student ‘Sanne de Vries’ has been saved."]


def test_coordinator_resends_an_invitation(
    coordinator_client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("partnerschap:starter_resend", args=[personas.starter.uuid])
        )

    assert response["Location"] == reverse("partnerschap:starter_edit", args=[personas.starter.uuid])
    assert messages_of(response) == [
        f"A new invitation has been sent to {personas.starter} (stef@example.org)."
    ]
    assert [mail.to for mail in mailoutbox] == [["stef@example.org"]]


def test_resending_needs_a_post(coordinator_client, personas, mailoutbox):
    response = coordinator_client.get(
        reverse("partnerschap:medewerker_resend", args=[personas.wpb.uuid])
    )

    assert response.status_code == 405
    assert mailoutbox == []


# --- Bad input: a clear error on the form, nothing changed --------------------------------------


def test_duplicate_email_is_refused_whatever_its_case(
    coordinator_client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    users_before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("partnerschap:student_create"), {
            "first_name": "Nog", "last_name": "Eens", "email": "SANNE@example.org",
            "opleiding": personas.student.opleiding.pk, "study_year": "1",
        })

    assert response.status_code == 200
    assert form_errors(response) == {
        "email": ["Someone with this e-mail address already has an account."]
    }
    assert response.context["form"]["first_name"].value() == "Nog"  # what was typed stays
    assert User.objects.count() == users_before
    assert mailoutbox == []


def test_changing_an_email_to_someone_elses_is_refused(coordinator_client, personas):
    wpb = personas.wpb
    response = coordinator_client.post(reverse("partnerschap:medewerker_edit", args=[wpb.uuid]), {
        "first_name": "Wim", "last_name": "Werkplek", "email": "Olga@example.org",
        "school": personas.school.pk, "is_werkplekbegeleider": "on",
    })

    assert form_errors(response) == {
        "email": ["Someone with this e-mail address already has an account."]
    }
    wpb.user.refresh_from_db()
    assert wpb.user.email == "wim@example.org"


def test_a_workplace_mentor_of_another_school_is_refused(coordinator_client, personas):
    stages_before, begeleiders_before = Stage.objects.count(), Begeleider.objects.count()

    response = coordinator_client.post(
        reverse("partnerschap:stage_create"),
        stage_data(personas, werkplekbegeleider=personas.other_wpb.pk),
    )

    assert response.status_code == 200
    assert form_errors(response) == {
        "werkplekbegeleider": ["Choose a workplace mentor of Het Testlyceum."]
    }
    assert response.context["form"]["werkplekbegeleider"].value() == str(personas.other_wpb.pk)
    assert (Stage.objects.count(), Begeleider.objects.count()) == (stages_before, begeleiders_before)


def test_an_end_date_before_the_start_date_is_refused(coordinator_client, personas):
    year = personas.schooljaar
    stages_before = Stage.objects.count()

    response = coordinator_client.post(reverse("partnerschap:stage_create"), stage_data(
        personas,
        start_date=(year.start_date + datetime.timedelta(days=60)).isoformat(),
        end_date=(year.start_date + datetime.timedelta(days=10)).isoformat(),
    ))

    assert form_errors(response) == {"end_date": ["The end date lies before the start date."]}
    assert Stage.objects.count() == stages_before


def test_an_invalid_date_is_refused(coordinator_client, personas):
    stages_before = Stage.objects.count()

    response = coordinator_client.post(
        reverse("partnerschap:stage_create"), stage_data(personas, start_date="2025-02-30")
    )

    assert form_errors(response) == {"start_date": ["Enter a valid date."]}
    assert Stage.objects.count() == stages_before


def test_coordinator_sets_the_school_days_of_a_placement(coordinator_client, personas):
    stage = personas.stage
    url = reverse("partnerschap:stage_edit", args=[stage.uuid])
    assert coordinator_client.get(url).context["form"].initial["schooldagen"] == list("12345")
    data = stage_data(personas, student=personas.student.pk, schooldagen=["4", "1", "2"])
    coordinator_client.post(url, data)
    stage.refresh_from_db()
    assert stage.schooldagen == "124"
    detail = coordinator_client.get(reverse("partnerschap:stage_detail", args=[stage.uuid])).content.decode()
    assert "Monday, Tuesday, Thursday" in detail  # this module runs in English

    refused = coordinator_client.post(url, stage_data(personas, student=personas.student.pk,
                                                      schooldagen=[]))
    assert form_errors(refused) == {
        "schooldagen": ["Choose at least one school day, Monday to Friday."]
    }
    tampered = coordinator_client.post(url, stage_data(personas, student=personas.student.pk,
                                                       schooldagen=["6"]))
    assert set(form_errors(tampered)) == {"schooldagen"}
    stage.refresh_from_db()
    assert stage.schooldagen == "124"


def test_an_invalid_edit_of_a_placement_changes_nothing(coordinator_client, personas):
    stage = personas.stage
    response = coordinator_client.post(
        reverse("partnerschap:stage_edit", args=[stage.uuid]),
        stage_data(personas, werkplekbegeleider=personas.other_wpb.pk, end_date="2000-01-01"),
    )

    assert set(form_errors(response)) == {"werkplekbegeleider", "end_date"}
    assert set(stage.begeleiders.active().values_list("medewerker", flat=True)) == {
        personas.wpb.pk, personas.instituutsopleider.pk, personas.extra_mentor.pk,
    }
    old_end = stage.end_date
    stage.refresh_from_db()
    assert stage.end_date == old_end


def test_missing_required_fields_are_named(coordinator_client, personas):
    schools_before, users_before = School.objects.count(), User.objects.count()

    school = coordinator_client.post(reverse("partnerschap:school_create"), {"name": ""})
    student = coordinator_client.post(reverse("partnerschap:student_create"), {
        "first_name": "Zonder", "last_name": "Opleiding", "email": "zonder@example.org",
    })
    stage = coordinator_client.post(reverse("partnerschap:stage_create"), stage_data(
        personas, school=""
    ))

    assert form_errors(school) == {"name": ["This field is required."]}
    assert form_errors(student) == {
        "opleiding": ["This field is required."], "study_year": ["This field is required."],
    }
    assert form_errors(stage) == {"school": ["This field is required."]}
    assert (School.objects.count(), User.objects.count()) == (schools_before, users_before)


def test_school_year_ending_before_it_starts_is_refused(coordinator_client):
    response = coordinator_client.post(reverse("partnerschap:schooljaar_create"), {
        "name": "2041-2042", "start_date": "2041-08-01", "end_date": "2041-07-31",
    })

    assert form_errors(response) == {"end_date": ["The end date must lie after the start date."]}
    assert not Schooljaar.objects.filter(name="2041-2042").exists()


def test_an_expertise_that_exists_in_another_case_is_refused(coordinator_client):
    factories.ExpertiseFactory(name="Differentiëren")

    response = coordinator_client.post(
        reverse("partnerschap:expertise_create"), {"name": "differentiëren"}
    )

    assert form_errors(response) == {"name": ["This expertise already exists."]}
    assert Expertise.objects.count() == 1


def test_a_school_based_teacher_educator_needs_a_school(coordinator_client):
    users_before = User.objects.count()

    response = coordinator_client.post(reverse("partnerschap:medewerker_create"), {
        "first_name": "Ola", "last_name": "Opleider", "email": "ola@example.org",
        "is_schoolopleider": "on",
    })

    assert form_errors(response) == {"school": [
        "A workplace mentor or school-based teacher educator works at a school: choose the school."
    ]}
    assert User.objects.count() == users_before


def test_a_mentor_in_a_running_placement_cannot_move_to_another_school(
    coordinator_client, personas
):
    wpb = personas.wpb
    response = coordinator_client.post(reverse("partnerschap:medewerker_edit", args=[wpb.uuid]), {
        "first_name": "Wim", "last_name": "Werkplek", "email": "wim@example.org",
        "school": personas.other_school.pk, "is_werkplekbegeleider": "on",
    })

    assert form_errors(response) == {"school": [
        f"This person mentors {personas.student} at Het Testlyceum in a running placement. "
        "Change that placement first."
    ]}
    wpb.refresh_from_db()
    assert wpb.school == personas.school


# --- Deleting -------------------------------------------------------------------------------------


def test_deleting_asks_first_then_deletes_an_unused_school(coordinator_client):
    school = factories.SchoolFactory(name="Leeg College")
    url = reverse("partnerschap:school_delete", args=[school.uuid])

    confirmation = coordinator_client.get(url)
    assert School.objects.filter(pk=school.pk).exists()
    assert b"Yes, delete" in confirmation.content

    response = coordinator_client.post(url)
    assert response["Location"] == reverse("partnerschap:school_list")
    assert messages_of(response) == ["School ‘Leeg College’ has been deleted."]
    assert not School.objects.filter(pk=school.pk).exists()


def test_a_school_in_use_is_not_deleted_and_the_page_says_why(coordinator_client, personas):
    response = coordinator_client.post(
        reverse("partnerschap:school_delete", args=[personas.school.uuid])
    )

    assert response.status_code == 200
    assert response.context["error"] == (
        "‘Het Testlyceum’ cannot be deleted because placements, staff members, starting "
        "teachers are still linked to it. Nothing has been changed."
    )
    assert School.objects.filter(pk=personas.school.pk).exists()


def test_a_school_year_and_programme_in_use_are_kept(coordinator_client, personas):
    coordinator_client.post(
        reverse("partnerschap:schooljaar_delete", args=[personas.schooljaar.pk])
    )
    coordinator_client.post(
        reverse("partnerschap:opleiding_delete", args=[personas.student.opleiding.uuid])
    )

    assert Schooljaar.objects.count() == 1
    assert Opleiding.objects.count() == 1


def test_deleting_an_expertise_removes_it_from_staff(coordinator_client, personas):
    expertise = factories.ExpertiseFactory(name="klassenmanagement")
    personas.docent.expertises.add(expertise)

    coordinator_client.post(reverse("partnerschap:expertise_delete", args=[expertise.pk]))

    assert list(personas.docent.expertises.all()) == []


# --- Access ---------------------------------------------------------------------------------------


# The coordinator of the second partnership: tests/opleidingsschool/test_partnerschappen.py.
@pytest.mark.parametrize("name", [name for name in PERSONA_NAMES if name not in COORDINATORS])
def test_everyone_but_a_coordinator_gets_404(client, personas, name):
    client.force_login(personas.user(name))

    for url in (
        reverse("partnerschap:index"),
        reverse("partnerschap:stage_detail", args=[personas.stage.uuid]),
        reverse("partnerschap:medewerker_detail", args=[personas.wpb.uuid]),
        reverse("partnerschap:student_list"),
        reverse("partnerschap:school_edit", args=[personas.school.uuid]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(
        reverse("partnerschap:school_delete", args=[personas.other_school.uuid])
    ).status_code == 404
    assert School.objects.filter(pk=personas.other_school.pk).exists()


def test_anonymous_visitor_is_sent_to_log_in(client, personas):
    url = reverse("partnerschap:stage_detail", args=[personas.stage.uuid])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_coordinator_opens_every_page(coordinator_client, personas):
    expertise = factories.ExpertiseFactory(name="klassenmanagement")
    personas.wpb.expertises.add(expertise)
    urls = [reverse("partnerschap:index")]
    for name in ("school", "instituut", "opleiding", "schooljaar", "expertise", "medewerker",
                 "student", "starter", "stage"):
        urls += [reverse(f"partnerschap:{name}_list"), reverse(f"partnerschap:{name}_create")]
    for name, obj in (
        ("school", personas.school), ("instituut", personas.instituut),
        ("opleiding", personas.student.opleiding), ("schooljaar", personas.schooljaar),
        ("expertise", expertise),
    ):
        key = obj.uuid if hasattr(obj, "uuid") else obj.pk
        urls += [reverse(f"partnerschap:{name}_edit", args=[key]),
                 reverse(f"partnerschap:{name}_delete", args=[key])]
    for name, obj in (("medewerker", personas.wpb), ("student", personas.student),
                      ("starter", personas.starter), ("stage", personas.stage)):
        urls.append(reverse(f"partnerschap:{name}_edit", args=[obj.uuid]))
    urls += [personas.wpb.get_absolute_url(), personas.stage.get_absolute_url()]

    assert {url: coordinator_client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)


def test_coordinator_sees_a_placement_and_a_staff_member(coordinator_client, personas):
    stage = coordinator_client.get(reverse("partnerschap:stage_detail", args=[personas.stage.uuid]))
    medewerker = coordinator_client.get(personas.wpb.get_absolute_url())

    assert [str(b.medewerker) for b in stage.context["stage"].active_begeleiders] == [
        str(personas.wpb), str(personas.instituutsopleider), str(personas.extra_mentor),
    ]  # the triangle first
    assert [b.stage for b in medewerker.context["medewerker"].active_begeleidingen] == [
        personas.stage
    ]


# --- Lists: search, filters, fixed query counts ---------------------------------------------------


def test_search_and_filters_narrow_the_lists(coordinator_client, personas):
    def rows(name, **params):
        return listed(coordinator_client.get(reverse(f"partnerschap:{name}_list"), params))

    assert rows("medewerker", q="wim werk") == ["Wim Werkplek"]
    assert rows("medewerker", functie="instituutsopleider") == [str(personas.instituutsopleider)]
    assert rows("medewerker", school=personas.other_school.pk) == [str(personas.other_wpb)]
    assert rows("student", study_year="1") == [str(personas.other_student)]
    assert rows("student", q="sanne@") == ["Sanne Student"]
    assert rows("student", school=personas.other_school.pk) == [str(personas.other_student)]
    assert rows("stage", school=personas.other_school.pk) == [str(personas.other_student.stages.get())]
    assert rows("stage", incomplete="on") == [str(personas.other_student.stages.get())]
    assert rows("stage", q="sanne@") == [str(personas.stage)]  # a random name may hold "sanne"
    assert rows("school", q="tweede") == ["Tweede Testcollege"]


def test_an_empty_search_says_so_and_offers_all(coordinator_client, personas):
    response = coordinator_client.get(reverse("partnerschap:student_list"), {"q": "niemand"})

    assert listed(response) == []
    assert b"Nothing matches your search." in response.content


def test_an_empty_list_says_what_to_do_next(coordinator_client):
    response = coordinator_client.get(reverse("partnerschap:expertise_list"))

    assert b"No expertise yet." in response.content
    assert reverse("partnerschap:expertise_create").encode() in response.content


def test_lists_show_25_a_page(coordinator_client, personas):
    for number in range(30):
        factories.SchoolFactory(name=f"School {number:02}")

    first = coordinator_client.get(reverse("partnerschap:school_list"))
    second = coordinator_client.get(reverse("partnerschap:school_list"), {"page": 2})

    assert len(listed(first)) == 25
    assert len(listed(second)) == 7  # 32 schools in all


def add_rows(kind: str, number: int, schooljaar, expertise) -> None:
    """Rows with everything their list shows: staff with expertise, students with a placement,
    placements with a mentor."""
    for _ in range(number):
        if kind == "medewerker":
            factories.MedewerkerFactory(is_werkplekbegeleider=True, expertises=[expertise])
        else:
            stage = factories.StageFactory(schooljaar=schooljaar)
            factories.BegeleiderFactory(stage=stage)


@pytest.mark.parametrize("kind", ["medewerker", "student", "stage"])
def test_list_pages_cost_the_same_queries_for_1_and_30_rows(client, kind, count_queries):
    coordinator = factories.MedewerkerFactory(school=None, is_coordinator=True)
    client.force_login(coordinator.user)
    schooljaar = factories.SchooljaarFactory()
    expertise = factories.ExpertiseFactory()
    coordinator.expertises.add(expertise)
    url = reverse(f"partnerschap:{kind}_list")

    add_rows(kind, 0 if kind == "medewerker" else 1, schooljaar, expertise)  # 1 row in all
    assert len(listed(client.get(url))) == 1
    with_one = count_queries(client, url)[0]
    add_rows(kind, 29, schooljaar, expertise)
    assert len(listed(client.get(url))) == 25
    with_thirty = count_queries(client, url)[0]

    assert with_one == with_thirty


def _placement_rows(rows) -> list:
    return [(stage.pk, stage.has_wpb, stage.has_opleider, str(stage.student.user),
             stage.school.name, str(stage.schooljaar),
             [(mentor.pk, str(mentor.medewerker.user), mentor.functie)
              for mentor in stage.active_begeleiders]) for stage in rows]


def _student_rows(rows) -> list:
    from opleidingsschool.federation import login_methods_of

    return [(student.pk, str(student.user), [stage.pk for stage in student.stages_newest_first],
             [stage.school.name for stage in student.stages_newest_first],
             login_methods_of(student)) for student in rows]


def test_the_compiled_placement_and_student_lists_are_the_selectors_page_by_page(personas):
    """Without a filter the coordinator's two longest lists are compiled (issue 10): every
    page has the rows the selectors give, with the mentors, placements and log-in methods
    the prefetches gave; nothing of another partnership."""
    from allauth.socialaccount.models import SocialAccount

    from opleidingsschool.federation import with_login_methods
    from opleidingsschool.pagination import Paginator
    from opleidingsschool.partnerschap import selectors

    partnerschap = personas.school.partnerschap
    for _number in range(3):
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
        factories.BegeleiderFactory(stage=stage, medewerker=personas.wpb)
    factories.StageFactory(student=personas.student, school=personas.school,
                           schooljaar=factories.SchooljaarFactory(start_year=2020))
    SocialAccount.objects.create(user=personas.student.user, provider="entree", uid="s-1")
    lists = (
        (selectors.stages_page_source, selectors.stages, _placement_rows),
        (selectors.students_page_source,
         lambda **filters: with_login_methods(selectors.studenten(**filters)), _student_rows),
    )
    stage_filters = ({}, {"schooljaar": personas.schooljaar},
                     {"school": personas.school, "incomplete": True}, {"study_year": 3})
    student_filters = ({}, {"school": personas.school, "schooljaar": personas.schooljaar},
                       {"study_year": 3, "opleiding": personas.student.opleiding})
    for (page_source, selector, rows_of), filter_sets in zip(
            lists, (stage_filters, student_filters), strict=True):
        for filters in filter_sets:
            expected = rows_of(selector(partnerschap=partnerschap, **filters))
            assert len(expected) >= (4 if not filters else 1), filters
            shown = []
            for number in (1, 2, 3, 4):
                page = Paginator(page_source(partnerschap=partnerschap, q="", **filters), 2
                                 ).get_page(number)
                assert page.paginator.count == len(expected)
                shown += rows_of(page) if page.number == number else []
            assert shown == expected, filters
        other = factories.PartnerschapFactory(name=f"Derde {len(filter_sets)}")
        assert list(page_source(partnerschap=other)[0:10]) == []
    expected = _student_rows(with_login_methods(selectors.studenten(partnerschap=partnerschap)))
    identities = [row[4].identities for row in expected if row[0] == personas.student.pk]
    assert identities and identities[0]
