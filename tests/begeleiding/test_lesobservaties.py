"""Lesson observations (issue 15): who observes, who reads what when, the phone form with its
Dutch messages, taking a point into the development plan, growth per domain, the
coordinator's instrument, and a list page whose cost does not grow with its rows."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from begeleiding import selectors, services
from begeleiding.models import (
    Indicator,
    LesbezoekStatus,
    Lesobservatie,
    Observatiedomein,
    Observatiescore,
    Ontwikkelpunt,
)
from begeleiding.observatie_defaults import DEFAULT_INSTRUMENT
from opleidingsschool.models import BegeleiderStatus, Functie
from opleidingsschool.privacy.export import _rows
from tests import factories
from tests.conftest import PERSONA_NAMES

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)  # tests/begeleiding/conftest.py: a fixed school day
LIST = reverse("begeleiding:lesobservatie_list")


def _instrument(personas):
    return factories.default_instrument(personas.student.partnerschap)


def _observe(personas, by="wpb", *, sent=True, discussed=False, scores=(), **kwargs):
    """An observation of the personas' student by `by`, with (indicator, score) rows."""
    now = timezone.now()
    observation = factories.LesobservatieFactory(
        student=personas.student, observer=personas.user(by), sent_at=now if sent else None,
        discussed_at=now if discussed else None, **kwargs)
    for indicator, score in scores:
        factories.ObservatiescoreFactory(lesobservatie=observation, indicator=indicator,
                                         score=score)
    return observation


def _form_data(indicators, *, action="save", scores=None, **fields):
    data = {"date": TODAY.isoformat(), "class_name": "3 havo", "subject": "geschiedenis",
            "went_well": "", "tip": "", "action": action}
    for indicator, value in (scores or {}).items():
        data[f"score_{indicator.pk}"] = str(value)
    data.update(fields)
    return data


# --- The instrument ------------------------------------------------------------------------


def test_a_new_partnership_starts_with_six_domains_of_observable_indicators_once():
    partnerschap = factories.PartnerschapFactory(name="Nieuw Partnerschap")
    assert services.ensure_default_instrument(partnerschap) == 6
    assert services.ensure_default_instrument(partnerschap) == 0
    domeinen = selectors.instrument_of(partnerschap.pk)
    assert [domein.name for domein in domeinen] == [name for name, _d, _i in DEFAULT_INSTRUMENT]
    assert [domein.name for domein in domeinen] == [
        "Veilig en stimulerend leerklimaat", "Efficiënte klassenorganisatie",
        "Duidelijke en gestructureerde instructie", "Activerende didactiek",
        "Afstemmen op verschillen", "Leerstrategieën aanleren",
    ]
    assert all(3 <= len(domein.items) <= 5 for domein in domeinen)


def test_coordinator_adds_renames_reorders_and_retires_items_and_old_observations_keep_them(
    client, personas
):
    indicators = _instrument(personas)
    first, second = indicators[0], indicators[1]
    domein = first.domein
    old = _observe(personas, scores=[(first, 3)])
    client.force_login(personas.coordinator.user)

    response = client.post(reverse("begeleiding:indicator_create", args=[domein.uuid]),
                           {"text": "Kent de namen van de leerlingen.", "is_active": "on"},
                           follow=True)
    assert "Indicator ‘Kent de namen van de leerlingen.’ opgeslagen." in response.content.decode()
    added = Indicator.objects.get(text="Kent de namen van de leerlingen.")
    assert list(domein.indicatoren.order_by("position"))[-1] == added

    client.post(reverse("begeleiding:indicator_edit", args=[first.uuid]),
                {"text": "Spreekt leerlingen respectvol aan."}, follow=True)  # not ticked: retired
    first.refresh_from_db()
    assert (first.text, first.is_active) == ("Spreekt leerlingen respectvol aan.", False)

    client.post(reverse("begeleiding:indicator_move", args=[second.uuid]), {"direction": "down"})
    order = list(domein.indicatoren.order_by("position").values_list("pk", flat=True))
    assert order.index(second.pk) == 2

    # New observations no longer offer the retired item; the old one still shows it.
    client.force_login(personas.wpb.user)
    form = client.get(reverse("begeleiding:lesobservatie_create",
                              args=[personas.student.uuid])).content.decode()
    assert "Spreekt leerlingen respectvol aan." not in form
    assert "Kent de namen van de leerlingen." in form
    detail = client.get(old.get_absolute_url()).content.decode()
    assert "Spreekt leerlingen respectvol aan." in detail


def test_instrument_names_are_unique_and_one_domain_stays_in_use(client, personas):
    domeinen = list(dict.fromkeys(indicator.domein for indicator in _instrument(personas)))
    client.force_login(personas.coordinator.user)
    response = client.post(reverse("begeleiding:observatiedomein_create"),
                           {"name": "activerende didactiek", "is_active": "on"})
    assert ("Je instrument heeft al een domein ‘activerende didactiek’. Kies een andere naam."
            in response.content.decode())
    assert Observatiedomein.objects.filter(partnerschap=personas.student.partnerschap).count() == 6
    for domein in domeinen[1:]:
        services.save_observatiedomein(partnerschap=domein.partnerschap, domein=domein,
                                       name=domein.name, is_active=False)
    response = client.post(reverse("begeleiding:observatiedomein_edit",
                                   args=[domeinen[0].uuid]), {"name": domeinen[0].name})
    assert ("Houd minstens één domein in gebruik: een observatie heeft iets nodig om naar te "
            "kijken." in response.content.decode())
    domeinen[0].refresh_from_db()
    assert domeinen[0].is_active


def test_coordinator_moves_a_domain_and_another_partnerships_coordinator_cannot(
    client, personas
):
    domeinen = selectors.instrument_of(_instrument(personas)[0].domein.partnerschap_id)
    client.force_login(personas.other_coordinator.user)
    url = reverse("begeleiding:observatiedomein_move", args=[domeinen[0].uuid])
    assert client.post(url, {"direction": "down"}).status_code == 404
    client.force_login(personas.coordinator.user)
    assert client.post(url, {"direction": "down"}).status_code == 302
    names = [domein.name for domein in selectors.instrument_of(domeinen[0].partnerschap_id)]
    assert names[:2] == [domeinen[1].name, domeinen[0].name]


# --- Who observes, who reads ---------------------------------------------------------------


def test_the_active_mentors_and_a_host_of_a_visit_this_year_may_observe(personas):
    def may(name):
        return selectors.observable_students(personas.user(name)).filter(
            pk=personas.student.pk).exists()

    assert {name for name in PERSONA_NAMES if may(name)} == {
        "wpb", "instituutsopleider", "extra_mentor"}
    visit = factories.LesbezoekFactory(student=personas.student,
                                       lesaanbod__medewerker=personas.docent,
                                       status=LesbezoekStatus.DECLINED)
    assert not may("docent")
    visit.status = LesbezoekStatus.ACCEPTED
    visit.save()
    assert may("docent")
    visit.date = datetime.date(2026, 6, 1)  # last school year
    visit.save()
    assert not may("docent")
    personas.stage.begeleiders.filter(medewerker=personas.extra_mentor).update(
        status=BegeleiderStatus.ENDED)
    assert not may("extra_mentor")


# Who reads an observation by the wpb, per state (selectors.lesobservaties docstring).
READERS = {
    "draft": {"wpb"},
    "sent": {"wpb", "student"},
    "discussed": {"wpb", "student", "instituutsopleider"},
}


@pytest.mark.parametrize("state", list(READERS))
def test_every_persona_reads_exactly_what_the_rule_allows(client, personas, state):
    observation = _observe(personas, sent=state != "draft", discussed=state == "discussed",
                           scores=[(_instrument(personas)[0], 4)])
    readers = {
        name for name in PERSONA_NAMES
        if selectors.lesobservaties_for(personas.user(name)).filter(pk=observation.pk).exists()
    }
    assert readers == READERS[state]
    for name in PERSONA_NAMES:
        client.force_login(personas.user(name))
        status = client.get(observation.get_absolute_url()).status_code
        assert (name, status) == (name, 200 if name in READERS[state] else 404)


def test_an_extra_mentors_observation_reaches_the_formal_mentors_only_once_discussed(personas):
    observation = _observe(personas, by="extra_mentor")

    def readers():
        return {name for name in PERSONA_NAMES if selectors.lesobservaties_for(
            personas.user(name)).filter(pk=observation.pk).exists()}

    assert readers() == {"extra_mentor", "student"}
    services.mark_lesobservatie_discussed(lesobservatie=observation, by=personas.student.user)
    assert readers() == {"extra_mentor", "student", "wpb", "instituutsopleider"}


def test_a_schoolopleider_in_the_triangle_reads_discussed_ones_an_ended_mentor_does_not(
    personas
):
    factories.BegeleiderFactory(stage=personas.stage, medewerker=personas.schoolopleider,
                                functie=Functie.SCHOOLOPLEIDER)
    observation = _observe(personas, discussed=True)
    personas.stage.begeleiders.filter(medewerker=personas.instituutsopleider).update(
        status=BegeleiderStatus.ENDED)
    assert selectors.lesobservaties_for(personas.schoolopleider.user).filter(
        pk=observation.pk).exists()
    assert not selectors.lesobservaties_for(personas.instituutsopleider.user).filter(
        pk=observation.pk).exists()


# --- Observing on the phone ----------------------------------------------------------------


def test_wpb_saves_a_draft_the_student_cannot_see_then_sends_it(client, personas):
    indicators = _instrument(personas)
    client.force_login(personas.wpb.user)
    create = reverse("begeleiding:lesobservatie_create", args=[personas.student.uuid])
    data = _form_data(indicators, scores={indicators[0]: 4, indicators[5]: 2, indicators[6]: 0})
    data[f"remark_{indicators[5].pk}"] = "De les begon na zeven minuten."
    data[f"note_{indicators[0].domein_id}"] = "Fijne sfeer, iedereen doet mee."
    response = client.post(create, data)
    observation = Lesobservatie.objects.get()
    assert response["Location"] == reverse("begeleiding:lesobservatie_edit",
                                           args=[observation.uuid])
    assert (observation.is_draft, observation.observer, observation.class_name) == (
        True, personas.wpb.user, "3 havo")
    assert observation.domain_notes == {
        str(indicators[0].domein_id): "Fijne sfeer, iedereen doet mee."}
    scored = dict(Observatiescore.objects.filter(score__isnull=False)
                  .values_list("indicator_id", "score"))
    assert scored == {indicators[0].pk: 4, indicators[5].pk: 2, indicators[6].pk: 0}
    client.force_login(personas.student.user)
    assert client.get(observation.get_absolute_url()).status_code == 404

    client.force_login(personas.wpb.user)
    edit = reverse("begeleiding:lesobservatie_edit", args=[observation.uuid])
    page = client.get(edit).content.decode()
    assert "De les begon na zeven minuten." in page
    response = client.post(edit, {**data, "action": "send", "tip": "Zet het lesdoel op het bord."},
                           follow=True)
    assert f"Observatie van de les van {personas.student.user.get_full_name()} verstuurd." in (
        response.content.decode())
    observation.refresh_from_db()
    assert observation.sent_at is not None and observation.tip == "Zet het lesdoel op het bord."
    assert client.get(edit).status_code == 403  # sent: the student's now

    client.force_login(personas.student.user)
    page = client.get(observation.get_absolute_url()).content.decode()
    assert "sterk" in page and "eerder zwak" in page and "niet gezien" in page
    assert "De les begon na zeven minuten." in page
    assert "We hebben hem besproken" in page


def test_sending_without_any_score_keeps_everything_and_says_what_is_missing(client, personas):
    indicators = _instrument(personas)
    client.force_login(personas.wpb.user)
    data = _form_data(indicators, action="send", scores={indicators[2]: 0},
                      went_well="Rustige klas na de pauze.")
    data[f"remark_{indicators[2].pk}"] = "Zat achterin, niet goed te zien."
    response = client.post(reverse("begeleiding:lesobservatie_create",
                                   args=[personas.student.uuid]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert ("Geef minstens één indicator een plek op de schaal (zwak tot sterk) voordat je de "
            "observatie naar de student stuurt.") in page
    assert "Rustige klas na de pauze." in page
    assert "Zat achterin, niet goed te zien." in page
    assert Lesobservatie.objects.count() == 0


@pytest.mark.parametrize(("fields", "message"), [
    ({"date": "2027-03-11"}, "De les moet al gegeven zijn: kies vandaag of een eerdere datum."),
    ({"date": "2027-02-31"}, "Voer een geldige datum in."),
    ({"class_name": ""}, "Welke klas heb je geobserveerd? Bijvoorbeeld havo 4."),
    ({"score_FIRST": "7"}, "Selecteer een geldige keuze. 7 is geen beschikbare keuze."),
    ({"remark_FIRST": "x" * 501},
     "Zorg dat deze waarde niet meer dan 500 tekens bevat (het zijn er nu 501)."),
])
def test_bad_input_gets_a_dutch_message_and_nothing_is_saved(client, personas, fields, message):
    indicators = _instrument(personas)
    client.force_login(personas.wpb.user)
    fields = {key.replace("FIRST", str(indicators[0].pk)): value for key, value in fields.items()}
    data = {**_form_data(indicators, scores={indicators[1]: 3}, tip="Meer wachttijd."),
            **fields}
    response = client.post(reverse("begeleiding:lesobservatie_create",
                                   args=[personas.student.uuid]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Meer wachttijd." in page
    assert Lesobservatie.objects.count() == 0


def test_a_sent_observation_no_longer_changes_and_only_drafts_are_deleted(personas):
    observation = _observe(personas)
    with pytest.raises(ValidationError):
        services.save_lesobservatie(observer=personas.wpb.user, student=personas.student,
                                    lesobservatie=observation, date=TODAY, class_name="4 vwo",
                                    scores={})
    with pytest.raises(ValidationError):
        services.delete_lesobservatie(lesobservatie=observation)
    observation.refresh_from_db()
    assert observation.class_name == "3 havo"


def test_a_host_observes_during_a_visit_and_links_it(client, personas):
    visit = factories.LesbezoekFactory(student=personas.student,
                                       lesaanbod__medewerker=personas.docent,
                                       status=LesbezoekStatus.ACCEPTED, date=TODAY)
    indicators = _instrument(personas)
    client.force_login(personas.docent.user)
    client.post(reverse("begeleiding:lesobservatie_create", args=[personas.student.uuid]),
                _form_data(indicators, action="send", scores={indicators[0]: 3},
                           lesbezoek=str(visit.pk)))
    observation = Lesobservatie.objects.get()
    assert (observation.lesbezoek, observation.observer) == (visit, personas.docent.user)
    assert not observation.is_draft


# --- Discussed, and into the development plan ----------------------------------------------


def test_student_marks_it_discussed_and_takes_an_indicator_into_their_plan(client, personas):
    indicators = _instrument(personas)
    observation = _observe(personas, scores=[(indicators[5], 2)])
    client.force_login(personas.wpb.user)
    assert client.post(reverse("begeleiding:lesobservatie_discussed",
                               args=[observation.uuid])).status_code == 403
    to_plan = reverse("begeleiding:lesobservatie_to_plan", args=[observation.uuid])
    assert client.post(to_plan, {"goal": "Sneller starten",
                                 "target_date": "2027-04-01"}).status_code == 403

    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:lesobservatie_discussed",
                                   args=[observation.uuid]), follow=True)
    assert "staat op besproken. Je begeleiders kunnen hem nu lezen." in response.content.decode()
    observation.refresh_from_db()
    assert observation.is_discussed

    form = client.get(to_plan, {"indicator": str(indicators[5].uuid)}).content.decode()
    assert indicators[5].text in form
    response = client.post(to_plan, {"goal": "Elke les binnen twee minuten beginnen",
                                     "target_date": "2027-04-21"}, follow=True)
    assert ("Punt ‘Elke les binnen twee minuten beginnen’ toegevoegd aan je ontwikkelplan."
            in response.content.decode())
    punt = Ontwikkelpunt.objects.get()
    assert (punt.goal, punt.lesobservatie, punt.ontwikkelplan.student,
            punt.ontwikkelplan.schooljaar.name, punt.target_date) == (
        "Elke les binnen twee minuten beginnen", observation, personas.student, "2026-2027",
        datetime.date(2027, 4, 21))
    plan = client.get(reverse("begeleiding:ontwikkelplan")).content.decode()
    assert "uit de lesobservatie van 10 maart" in plan


@pytest.mark.parametrize(("data", "message"), [
    ({"goal": " ", "target_date": "2027-04-01"}, "Schrijf op waar je aan wilt werken."),
    ({"goal": "Wachttijd geven", "target_date": "2027-03-01"},
     "Kies een streefdatum vanaf vandaag."),
])
def test_a_point_without_words_or_with_a_past_date_is_refused_in_dutch(
    client, personas, data, message
):
    observation = _observe(personas)
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:lesobservatie_to_plan",
                                   args=[observation.uuid]), data)
    assert message in response.content.decode()
    assert Ontwikkelpunt.objects.count() == 0


# --- Growth per domain, and the list page --------------------------------------------------


def test_growth_shows_per_domain_the_nearest_word_of_the_scale_over_the_year(personas):
    indicators = _instrument(personas)
    climate = [indicator for indicator in indicators if indicator.domein == indicators[0].domein]
    early = _observe(personas, date=datetime.date(2026, 10, 5),
                     scores=[(climate[0], 1), (climate[1], 2), (climate[2], 0)])
    later = _observe(personas, date=datetime.date(2027, 2, 8),
                     scores=[(climate[0], 3), (climate[1], 4)])
    growth = selectors.growth_per_domain(
        [later, early], partnerschap_id=personas.student.partnerschap_id,
        start=datetime.date(2026, 8, 1), end=datetime.date(2027, 7, 31))
    row = growth["rows"][0]
    assert row.domein == climate[0].domein
    assert [(bar.lesobservatie, bar.level, bar.label) for bar in row.bars] == [
        (early, 2, "eerder zwak"), (later, 4, "sterk")]
    assert row.bars[0].height < row.bars[1].height
    assert [len(other.bars) for other in growth["rows"][1:]] == [0, 0, 0, 0, 0]


def test_the_student_page_shows_growth_and_the_interim_evaluations_they_may_see(
    client, personas
):
    indicators = _instrument(personas)
    _observe(personas, discussed=True, scores=[(indicators[0], 4)])
    shared = factories.TussenevaluatieFactory(stage=personas.stage, shared_at=timezone.now(),
                                              date=datetime.date(2027, 1, 20))
    factories.TussenevaluatieFactory(stage=personas.stage, date=datetime.date(2027, 2, 20))
    client.force_login(personas.student.user)
    page = client.get(LIST).content.decode()
    assert "Groei per domein" in page
    assert shared.get_absolute_url() in page and "20 januari" in page
    assert "20 februari" not in page  # not shared with the student yet
    client.force_login(personas.wpb.user)
    page = client.get(reverse("begeleiding:lesobservatie_student",
                              args=[personas.student.uuid])).content.decode()
    assert "20 januari" in page and "20 februari" in page


def test_the_list_page_costs_the_same_queries_with_one_and_five_observations(
    client, personas, django_assert_num_queries
):
    indicators = _instrument(personas)

    def observe(day):
        _observe(personas, discussed=True, date=day,
                 scores=[(indicator, 1 + index % 4) for index, indicator in enumerate(indicators)])

    observe(datetime.date(2026, 9, 14))
    client.force_login(personas.student.user)
    student_page = reverse("begeleiding:lesobservatie_student", args=[personas.student.uuid])
    client.get(LIST)
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert response.context["count"] == 1
    client.force_login(personas.wpb.user)
    client.get(student_page)
    with django_assert_num_queries(8):
        client.get(student_page)
    for day in range(4):
        observe(datetime.date(2026, 10, 5) + datetime.timedelta(weeks=day * 4))
    client.force_login(personas.student.user)
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert response.context["count"] == 5
    client.force_login(personas.wpb.user)
    with django_assert_num_queries(8):
        response = client.get(student_page)
    assert response.context["count"] == 5


def test_the_observers_list_costs_the_same_queries_with_one_and_five_observations(
    client, personas, count_queries
):
    _observe(personas)
    client.force_login(personas.wpb.user)
    few, _response = count_queries(client, LIST)
    for _index in range(4):
        student = factories.StageFactory(school=personas.school,
                                         schooljaar=personas.schooljaar).student
        factories.BegeleiderFactory(stage=student.stages.get(), medewerker=personas.wpb)
        factories.LesobservatieFactory(student=student, observer=personas.wpb.user)
    many, response = count_queries(client, LIST)
    assert (few, len(response.context["page"].object_list), len(response.context["students"])) \
        == (many, 5, 5)


# --- Home, menu, counts and privacy --------------------------------------------------------


def test_home_asks_the_student_to_discuss_and_the_observer_to_send(client, personas, settings):
    settings.HOME_CACHE_SECONDS = 0
    observation = _observe(personas)
    _observe(personas, sent=False, class_name="2 vwo")
    client.force_login(personas.student.user)
    home = client.get(reverse("home")).content.decode()
    assert "Lesobservaties om te bespreken" in home and observation.get_absolute_url() in home
    assert "Lesobservaties" in home  # the menu entry
    client.force_login(personas.wpb.user)
    assert "Lesobservaties om te versturen" in client.get(reverse("home")).content.decode()
    services.mark_lesobservatie_discussed(lesobservatie=observation, by=personas.student.user)
    client.force_login(personas.student.user)
    assert "Lesobservaties om te bespreken" not in client.get(reverse("home")).content.decode()
    client.force_login(personas.coordinator.user)
    assert "Observatie-instrument" in client.get(reverse("home")).content.decode()


def test_observations_made_counts_what_the_observer_sent_in_the_school_year(personas):
    _observe(personas, date=datetime.date(2026, 9, 1))
    _observe(personas, date=datetime.date(2027, 3, 1))
    _observe(personas, sent=False)  # a draft
    _observe(personas, date=datetime.date(2026, 7, 1))  # the school year before
    _observe(personas, by="instituutsopleider")
    made = selectors.observations_made(
        user_ids=[personas.wpb.user.pk, personas.docent.user.pk], schooljaar=personas.schooljaar)
    assert made.get(personas.wpb.user.pk, 0) == 2
    assert made.get(personas.docent.user.pk, 0) == 0


def test_the_data_export_gives_the_student_what_was_sent_and_the_observer_their_drafts(
    personas
):
    sent = _observe(personas)
    draft = _observe(personas, sent=False)
    label = "begeleiding.Lesobservatie"
    assert [row["pk"] for row in _rows(label, personas.student.user)] == [sent.pk]
    assert [row["pk"] for row in _rows(label, personas.wpb.user)] == [sent.pk, draft.pk]


def test_observations_go_with_the_plans_after_their_school_year_and_with_an_erased_account(
    personas, settings
):
    from opleidingsschool.privacy import retention
    from opleidingsschool.privacy.erasure import erase_account, preview

    this_year = _observe(personas, date=datetime.date(2027, 3, 1))
    _observe(personas, date=datetime.date(2026, 5, 1))  # the school year before
    days = settings.PRIVACY_RETENTION_DAYS["ontwikkelplannen"]
    retention.apply(datetime.date(2026, 7, 31) + datetime.timedelta(days=days))
    assert Lesobservatie.objects.count() == 2
    retention.apply(datetime.date(2026, 7, 31) + datetime.timedelta(days=days + 1))
    assert list(Lesobservatie.objects.all()) == [this_year]
    assert preview(personas.student.user)["lesobservaties"] == 1
    assert erase_account(user=personas.student.user)["lesobservaties"] == 1
    assert Lesobservatie.objects.count() == 0
