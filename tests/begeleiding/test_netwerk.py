import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from begeleiding import selectors
from begeleiding.models import Klikcheck
from opleidingsschool.models import Begeleider, BegeleiderStatus, Functie
from tests import factories

pytestmark = pytest.mark.django_db


def test_student_asks_a_colleague_who_accepts_and_both_are_mailed(
    client, personas, django_capture_on_commit_callbacks
):
    personas.docent.user.language = "en"
    personas.docent.user.save()
    client.force_login(personas.student.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("begeleiding:begeleider_request"), {
            "medewerker": personas.docent.pk, "roles": ["raadgever", "rolmodel"],
        }, follow=True)
    begeleider = Begeleider.objects.get(medewerker=personas.docent)
    assert (begeleider.status, begeleider.functie, begeleider.is_raadgever,
            begeleider.is_rolmodel, begeleider.is_gastheer) == (
        BegeleiderStatus.PROPOSED, Functie.EXTRA, True, True, False)
    assert escape(f"Je verzoek is verstuurd naar {personas.docent}.") in response.content.decode()
    assert [m.to for m in mail.outbox] == [["dirk@example.org"]]
    assert mail.outbox[0].subject == "Sanne Student asks you to become a mentor"

    client.force_login(personas.docent.user)
    requests = client.get(reverse("begeleiding:mentor_requests")).context["requests"]
    assert requests == [begeleider]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("begeleiding:mentor_request_answer", args=[begeleider.uuid]),
                    {"answer": "accept"})
    begeleider.refresh_from_db()
    assert begeleider.status == BegeleiderStatus.ACTIVE
    assert mail.outbox[1].to == ["sanne@example.org"]
    assert mail.outbox[1].subject == f"{personas.docent} is nu een van je begeleiders"
    # As an active extra mentor the colleague now sees the student's learning questions.
    leervraag = factories.LeervraagFactory(student=personas.student)
    assert client.get(leervraag.get_absolute_url()).status_code == 200


def test_a_declined_request_gives_no_access(client, personas,
                                           django_capture_on_commit_callbacks):
    client.force_login(personas.student.user)
    client.post(reverse("begeleiding:begeleider_request"),
                {"medewerker": personas.docent.pk, "roles": ["gastheer"]})
    begeleider = Begeleider.objects.get(medewerker=personas.docent)
    client.force_login(personas.docent.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("begeleiding:mentor_request_answer", args=[begeleider.uuid]),
                    {"answer": "decline"})
    begeleider.refresh_from_db()
    assert begeleider.status == BegeleiderStatus.DECLINED
    assert mail.outbox[-1].subject == f"{personas.docent} kan je begeleider niet worden"
    leervraag = factories.LeervraagFactory(student=personas.student)
    assert client.get(leervraag.get_absolute_url()).status_code == 404


def test_only_colleagues_of_the_school_who_do_not_mentor_yet_can_be_asked(client, personas):
    client.force_login(personas.student.user)
    form = client.get(reverse("begeleiding:begeleider_request")).context["form"]
    choices = set(form.fields["medewerker"].queryset)
    assert choices == {personas.docent, personas.schoolopleider}
    response = client.post(reverse("begeleiding:begeleider_request"),
                           {"medewerker": personas.other_wpb.pk, "roles": ["gastheer"]})
    assert "medewerker" in response.context["form"].errors


def test_network_shows_which_roles_nobody_fills_yet(client, personas):
    personas.stage.begeleiders.filter(medewerker=personas.wpb).update(
        is_gastheer=True, is_leermeester=True)
    client.force_login(personas.student.user)
    response = client.get(reverse("begeleiding:netwerk"))
    assert response.context["uncovered"] == ["is_raadgever", "is_rolmodel"]
    assert "raadgever: nog niemand" in response.content.decode()


def test_mentor_sets_own_roles(client, personas):
    begeleider = personas.stage.begeleiders.get(medewerker=personas.extra_mentor)
    client.force_login(personas.extra_mentor.user)
    client.post(reverse("begeleiding:begeleider_roles", args=[begeleider.uuid]),
                {"roles": ["leermeester"]})
    begeleider.refresh_from_db()
    assert (begeleider.is_leermeester, begeleider.is_rolmodel) == (True, False)


def test_klikcheck_is_seen_by_the_schoolopleider_not_by_the_mentor(client, personas):
    wpb = personas.stage.begeleiders.get(medewerker=personas.wpb)
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:klikcheck"), {
        f"score_{wpb.uuid}": "2", f"comment_{wpb.uuid}": "We zien elkaar weinig.",
    }, follow=True)
    assert "Klikcheck opgeslagen voor 1 begeleider(s). Dank je!" in response.content.decode()
    check = Klikcheck.objects.get()
    assert (check.score, check.comment) == (2, "We zien elkaar weinig.")
    assert list(selectors.klikchecks_for(personas.wpb.user)) == []
    assert list(selectors.klikchecks_for(personas.schoolopleider.user)) == [check]
    client.force_login(personas.schoolopleider.user)
    signals = client.get(reverse("signalen"))
    assert _shown(signals, "begeleiding:low_klik") == [check]
    assert "We zien elkaar weinig." in signals.content.decode()
    client.force_login(personas.wpb.user)
    home = client.get(reverse("home")).content.decode()
    assert "We zien elkaar weinig." not in home


def test_klikcheck_needs_at_least_one_score_and_updates_within_a_period(client, personas):
    wpb = personas.stage.begeleiders.get(medewerker=personas.wpb)
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:klikcheck"), {})
    assert "Geef minstens één begeleider een score van 1 tot 5." in response.content.decode()
    client.post(reverse("begeleiding:klikcheck"), {f"score_{wpb.uuid}": "3"})
    client.post(reverse("begeleiding:klikcheck"), {f"score_{wpb.uuid}": "5"})
    assert list(Klikcheck.objects.values_list("score", flat=True)) == [5]


def test_signals_show_hours_behind_and_quiet_questions(client, personas, school_day):
    import datetime

    from django.utils import timezone

    quiet = factories.LeervraagFactory(
        student=personas.student,
        last_activity_at=timezone.now() - datetime.timedelta(days=30))
    factories.LeervraagFactory(student=personas.student)
    client.force_login(personas.schoolopleider.user)
    response = client.get(reverse("signalen"))
    assert _shown(response, "begeleiding:quiet") == [quiet]
    assert _shown(response, "begeleiding:behind") == [personas.stage]


def _shown(response, kind):
    """The records the signals page shows under this kind."""
    [group] = [group for group in response.context["groups"] if group["kind"] == kind]
    return [signal.subject for signal in group["signals"]]
