"""The rapport check asked again at moments the partnership chooses (issue 14): a number of
weeks into the placement (default 6) and each interim evaluation shared with the student.
The student sees the prompt on their home page once per moment; a rating then is a new
point in the trend. The coordinator chooses the moments. Today is Wednesday 10 March 2027
(conftest), in the period that began on 1 February."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleiding import selectors
from begeleiding.models import Klikcheck, Klikmomenten
from opleidingsschool.models import BegeleiderStatus, Functie
from tests import factories

pytestmark = pytest.mark.django_db

FEB = datetime.date(2027, 2, 1)
SIX_WEEKS_IN = datetime.date(2027, 3, 3)  # six weeks after a start on 20 January
SIX_WEEKS_PROMPT = "Je bent 6 weken op stage. Hoe klikt het met je begeleiders?"
EVALUATION_PROMPT = "Je hebt een tussenevaluatie gehad. Hoe klikt het nu met je begeleiders?"


def _started_on(personas, day):
    personas.stage.start_date = day
    personas.stage.save(update_fields=["start_date"])


def _wpb_relation(personas):
    return personas.stage.begeleiders.get(functie=Functie.WERKPLEKBEGELEIDER)


def _home(client, personas):
    client.force_login(personas.student.user)
    return client.get(reverse("home")).content.decode()


def _rate(client, personas, score):
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:klikcheck"),
                           {f"score_{_wpb_relation(personas).uuid}": str(score)})
    assert response.status_code == 302


def _shared_evaluation(personas, day, shared_on):
    shared_at = timezone.make_aware(datetime.datetime.combine(shared_on, datetime.time(16)))
    return factories.TussenevaluatieFactory(stage=personas.stage, date=day, shared_at=shared_at)


def test_six_weeks_in_the_student_is_asked_again_and_the_trend_keeps_both(client, personas):
    _started_on(personas, datetime.date(2027, 1, 20))
    factories.KlikcheckFactory(begeleider=_wpb_relation(personas), period_start=FEB, score=4)
    content = _home(client, personas)
    assert SIX_WEEKS_PROMPT in content
    assert reverse("begeleiding:klikcheck") in content
    page = client.get(reverse("begeleiding:klikcheck")).content.decode()
    assert "Opnieuw gevraagd na 6 weken stage." in page
    _rate(client, personas, 2)
    assert list(Klikcheck.objects.order_by("period_start").values_list(
        "period_start", "score")) == [(FEB, 4), (SIX_WEEKS_IN, 2)]
    # Once per moment: answered, the prompt is gone.
    assert SIX_WEEKS_PROMPT not in _home(client, personas)
    # The schoolopleider sees the new point in the trend.
    client.force_login(personas.schoolopleider.user)
    [rij] = client.get(reverse("begeleiding:klik_school")).context["rijen"]
    assert (rij.trend, rij.is_falling) == ([4, 2], True)


def test_a_second_rating_in_the_same_moment_replaces_the_first(client, personas):
    _started_on(personas, datetime.date(2027, 1, 20))
    _rate(client, personas, 2)
    _rate(client, personas, 3)
    assert list(Klikcheck.objects.values_list("period_start", "score")) == [(SIX_WEEKS_IN, 3)]


def test_each_shared_interim_evaluation_asks_again(client, personas):
    evaluation = _shared_evaluation(personas, datetime.date(2027, 3, 5),
                                    shared_on=datetime.date(2027, 3, 8))
    assert EVALUATION_PROMPT in _home(client, personas)
    # The moment is the day the student could read it.
    assert selectors.klik_periode(personas.stage).start == datetime.date(2027, 3, 8)
    _rate(client, personas, 5)
    assert EVALUATION_PROMPT not in _home(client, personas)
    assert Klikcheck.objects.get().period_start == datetime.date(2027, 3, 8)
    # A later evaluation is a new moment.
    _shared_evaluation(personas, datetime.date(2027, 3, 9), shared_on=datetime.date(2027, 3, 9))
    assert EVALUATION_PROMPT in _home(client, personas)
    assert evaluation.stage == personas.stage


def test_a_draft_or_future_evaluation_asks_nothing(client, personas):
    factories.TussenevaluatieFactory(stage=personas.stage, date=datetime.date(2027, 3, 8))
    _shared_evaluation(personas, datetime.date(2027, 3, 20), shared_on=datetime.date(2027, 3, 9))
    assert EVALUATION_PROMPT not in _home(client, personas)
    assert selectors.klik_periode(personas.stage).start == FEB


def test_a_moment_of_an_earlier_period_asks_nothing(client, personas):
    # The placement began in September: its six weeks were in October.
    assert personas.stage.start_date + datetime.timedelta(weeks=6) < FEB
    content = _home(client, personas)
    assert SIX_WEEKS_PROMPT not in content
    assert "Klikcheck invullen" not in content


def test_no_prompt_without_active_mentors(client, personas):
    _started_on(personas, datetime.date(2027, 1, 20))
    personas.stage.begeleiders.update(status=BegeleiderStatus.ENDED)
    assert SIX_WEEKS_PROMPT not in _home(client, personas)


def test_the_partnership_chooses_its_own_moments(client, personas):
    _started_on(personas, datetime.date(2027, 1, 20))
    _shared_evaluation(personas, datetime.date(2027, 3, 8), shared_on=datetime.date(2027, 3, 8))
    # Another partnership's choice changes nothing here.
    other = factories.PartnerschapFactory(name="Derde Opleidingsschool")
    factories.KlikmomentenFactory(partnerschap=other, after_weeks=None,
                                  at_tussenevaluatie=False)
    assert EVALUATION_PROMPT in _home(client, personas)
    factories.KlikmomentenFactory(after_weeks=None, at_tussenevaluatie=False)
    content = _home(client, personas)
    assert EVALUATION_PROMPT not in content and SIX_WEEKS_PROMPT not in content
    momenten = Klikmomenten.objects.get(partnerschap=personas.student.partnerschap)
    momenten.after_weeks = 7
    momenten.save(update_fields=["after_weeks"])
    assert "Je bent 7 weken op stage." in _home(client, personas)
    assert selectors.klik_periode(personas.stage).start == datetime.date(2027, 3, 10)


def test_coordinator_chooses_the_moments(client, personas):
    client.force_login(personas.coordinator.user)
    url = reverse("begeleiding:klikmomenten")
    form = client.get(url).context["form"]
    assert (form["after_weeks"].value(), form["at_tussenevaluatie"].value()) == (6, True)
    response = client.post(url, {"after_weeks": "8"})
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerschap:overzicht")
    momenten = Klikmomenten.objects.get()
    assert (momenten.partnerschap, momenten.after_weeks, momenten.at_tussenevaluatie) == (
        personas.student.partnerschap, 8, False)
    form = client.get(url).context["form"]
    assert (form["after_weeks"].value(), form["at_tussenevaluatie"].value()) == (8, False)
    # Empty weeks: only the interim evaluations.
    client.post(url, {"after_weeks": "", "at_tussenevaluatie": "on"})
    momenten.refresh_from_db()
    assert (momenten.after_weeks, momenten.at_tussenevaluatie) == (None, True)


@pytest.mark.parametrize("typed, message", [
    ("tien", "Typ een heel aantal weken, bijvoorbeeld 6."),
    ("1,5", "Typ een heel aantal weken, bijvoorbeeld 6."),
    ("0", "Kies een aantal weken van 1 tot en met 52."),
    ("53", "Kies een aantal weken van 1 tot en met 52."),
])
def test_weeks_that_are_no_whole_number_are_refused_in_dutch(client, personas, typed, message):
    client.force_login(personas.coordinator.user)
    response = client.post(reverse("begeleiding:klikmomenten"),
                           {"after_weeks": typed, "at_tussenevaluatie": "on"})
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert f'value="{typed}"' in content
    assert Klikmomenten.objects.count() == 0


def test_each_coordinator_sets_their_own_partnership(client, personas):
    client.force_login(personas.other_coordinator.user)
    client.post(reverse("begeleiding:klikmomenten"), {"after_weeks": "3"})
    assert list(Klikmomenten.objects.values_list("partnerschap__name", "after_weeks")) == [
        ("Tweede Opleidingsschool", 3)]
    assert selectors.klikmomenten_of(personas.student.partnerschap_id).after_weeks == 6


def test_the_thresholds_page_leads_to_the_moments(client, personas):
    client.force_login(personas.coordinator.user)
    content = client.get(reverse("partnerschap:drempels")).content.decode()
    assert reverse("begeleiding:klikmomenten") in content
    assert "Klikmomenten instellen" in content
