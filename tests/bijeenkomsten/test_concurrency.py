"""Two people pressing the same button at the same moment, on real Postgres connections.

Each thread has its own database connection (Django opens one per thread), so the requests
really overlap; a barrier releases them together."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from opleidingsschool import services as core_services
from opleidingsschool.bijeenkomsten import services
from opleidingsschool.models import Begeleider, BegeleiderStatus, Presentatie
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*calls):
    """Run the calls in threads released at the same instant; return what each raised."""
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException | None] = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            call()
        except BaseException as error:  # noqa: BLE001 - reported to the test
            errors[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_coordinators_choosing_a_winner_at_the_same_moment_leave_exactly_one_winner():
    symposium = factories.BijeenkomstFactory(soort="symposium")
    presentaties = [factories.PresentatieFactory(bijeenkomst=symposium) for _ in range(4)]
    for round_ in range(12):
        order = presentaties[round_ % 4:] + presentaties[:round_ % 4]
        errors = run_together(*[
            (lambda p=p: services.choose_winner(presentatie=Presentatie.objects.get(pk=p.pk)))
            for p in order
        ])
        assert errors == [None] * 4
        winners = list(Presentatie.objects.filter(bijeenkomst=symposium, is_winner=True))
        assert len(winners) == 1
        assert winners[0] in presentaties


def test_two_coordinators_adding_the_same_presenter_get_one_presentation_and_one_message():
    symposium = factories.BijeenkomstFactory(soort="symposium")
    student = factories.StudentFactory(study_year=4)
    errors = run_together(*[
        (lambda: services.add_presentatie(bijeenkomst=symposium, student=student, title="Stille leerlingen",
                                          research_question="Hoe?"))
        for _ in range(3)
    ])
    assert sorted(type(error).__name__ for error in errors if error) == ["ValidationError"] * 2
    assert Presentatie.objects.filter(bijeenkomst=symposium).count() == 1


def test_a_colleague_answering_a_mentor_request_twice_at_once_is_answered_once():
    stage = factories.StageFactory()
    medewerker = factories.MedewerkerFactory(school=stage.school)
    begeleider = core_services.propose_extra_begeleider(stage=stage, medewerker=medewerker)
    errors = run_together(
        lambda: core_services.accept_begeleider(begeleider=Begeleider.objects.get(pk=begeleider.pk)),
        lambda: core_services.decline_begeleider(begeleider=Begeleider.objects.get(pk=begeleider.pk)),
    )
    refused = [error for error in errors if error]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError)
    begeleider.refresh_from_db()
    assert begeleider.status in {BegeleiderStatus.ACTIVE, BegeleiderStatus.DECLINED}


def test_a_student_asking_the_same_colleague_twice_at_once_makes_one_request():
    stage = factories.StageFactory()
    medewerker = factories.MedewerkerFactory(school=stage.school)
    errors = run_together(*[
        (lambda: core_services.propose_extra_begeleider(stage=stage, medewerker=medewerker))
        for _ in range(3)
    ])
    assert sorted(type(error).__name__ for error in errors if error) == ["ValidationError"] * 2
    assert Begeleider.objects.filter(stage=stage, medewerker=medewerker).count() == 1
