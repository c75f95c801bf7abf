"""A large import is written by a worker (issue 11: "never times out a request; large files
go to a Celery task with progress shown"), still in one transaction; after the invitations
the coordinator sees who accepted."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from opleidingsschool.imports import services as imports
from opleidingsschool.models import ImportBatch, Student, User
from tests.bijeenkomsten.test_real_worker import worker  # noqa: F401, F811 (a fixture)

from . import spreadsheets

pytestmark = pytest.mark.django_db

HEADER = ["e-mail", "voornaam", "achternaam", "opleiding", "studiejaar", "studentnummer"]
UPLOAD = reverse("partnerschap:student_import")


def _rows(count: int) -> list[list[str]]:
    return [[f"nieuw{n}@example.org", "Nieuwe", f"Student {n}", "Leraar Geschiedenis",
             str(1 + n % 4), ""] for n in range(count)]


@pytest.fixture
def coordinator(client, personas):
    client.force_login(personas.coordinator.user)
    return client


def _preview_url(client, count: int) -> str:
    page = spreadsheets.preview_of(client, UPLOAD, spreadsheets.csv_bytes(HEADER, _rows(count)))
    return page.wsgi_request.path


@override_settings(IMPORT_BACKGROUND_ROWS=3)
def test_a_large_file_is_written_by_the_worker_while_the_page_shows_progress(
    coordinator, personas, django_capture_on_commit_callbacks
):
    url = _preview_url(coordinator, 5)
    with django_capture_on_commit_callbacks() as queued:
        response = coordinator.post(url)
    # The request only hands the file over: nothing is written yet, the page shows progress.
    assert (response.status_code, response["Location"]) == (302, url)
    assert not Student.objects.filter(user__email__startswith="nieuw").exists()
    page = coordinator.get(url).content.decode()
    assert "0 van 5 rijen geschreven" in page
    assert '<meta http-equiv="refresh" content="3">' in page
    # A second click while it runs queues nothing more.
    with django_capture_on_commit_callbacks() as again:
        coordinator.post(url)
    assert (len(queued), len(again)) == (1, 0)

    queued[0]()  # the worker (tasks run in-process in the tests)
    assert Student.objects.filter(user__email__startswith="nieuw").count() == 5
    batch = ImportBatch.objects.get()
    assert batch.result["new"] == 5
    assert imports.progress_of(batch) == 5
    result = coordinator.get(url, follow=True)
    assert result.redirect_chain[-1][0] == batch.get_absolute_url()
    assert result.context["result"]["new"] == 5
    assert "Bezig met importeren" not in result.content.decode()


@override_settings(IMPORT_BACKGROUND_ROWS=3)
def test_a_file_the_worker_cannot_write_is_refused_on_the_page_and_writes_nothing(
    coordinator, personas, django_capture_on_commit_callbacks
):
    url = _preview_url(coordinator, 5)
    with django_capture_on_commit_callbacks() as queued:
        coordinator.post(url)
    # Meanwhile one of the file's addresses becomes a staff member's.
    from tests import factories
    factories.MedewerkerFactory(user__email="nieuw2@example.org", school=personas.school)
    queued[0]()
    assert not Student.objects.filter(user__email__startswith="nieuw").exists()
    batch = ImportBatch.objects.get()
    assert (batch.applied_at, batch.queued_at) == (None, None)
    page = coordinator.get(url)
    # The coordinator reads why (in Dutch, their language), and the row now in error.
    assert batch.refused.startswith("Het bestand heeft rijen met fouten")
    assert batch.refused in page.content.decode()
    assert page.context["preview"].counts["error"] == 1


@override_settings(IMPORT_BACKGROUND_ROWS=3)
def test_a_worker_that_died_leaves_nothing_and_may_be_confirmed_again(
    coordinator, personas, django_capture_on_commit_callbacks
):
    url = _preview_url(coordinator, 5)
    with django_capture_on_commit_callbacks():
        coordinator.post(url)  # the task is never run: the worker died
    ImportBatch.objects.update(queued_at=timezone.now() - datetime.timedelta(hours=1))
    page = coordinator.get(url).content.decode()
    assert "De import die je eerder bevestigde is niet afgemaakt" in page
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(url)
    assert Student.objects.filter(user__email__startswith="nieuw").count() == 5


def test_a_small_file_is_written_in_the_request(coordinator, personas):
    url = _preview_url(coordinator, 2)
    response = coordinator.post(url)
    assert Student.objects.filter(user__email__startswith="nieuw").count() == 2
    assert response["Location"] == ImportBatch.objects.get().get_absolute_url()


def test_after_the_invitations_the_coordinator_sees_who_accepted(
    coordinator, personas, django_capture_on_commit_callbacks
):
    url = _preview_url(coordinator, 3)
    result_url = coordinator.post(url)["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(result_url)
    User.objects.filter(email="nieuw1@example.org").update(last_login=timezone.now())
    with translation.override("nl"):
        page = coordinator.get(result_url).content.decode()
    assert "1 van 3 nieuwe mensen hebben ingelogd." in page
    waiting = page.split("Nog niet ingelogd:")[1]
    assert "nieuw0@example.org" in waiting and "nieuw2@example.org" in waiting
    assert "nieuw1@example.org" not in waiting


@pytest.mark.real_celery
@pytest.mark.django_db(transaction=True)
@override_settings(IMPORT_BACKGROUND_ROWS=3)
def test_a_real_worker_writes_the_file_through_redis(client, personas, worker):  # noqa: F811
    from tests.bijeenkomsten.test_real_worker import wait_for

    client.force_login(personas.coordinator.user)
    url = _preview_url(client, 5)
    assert client.post(url).status_code == 302
    assert wait_for(lambda: Student.objects.filter(user__email__startswith="nieuw").count() == 5)
    assert wait_for(lambda: ImportBatch.objects.filter(applied_at__isnull=False).exists())
    page = client.get(url, follow=True)
    assert page.context["result"]["new"] == 5


def test_who_accepted_costs_the_same_queries_for_few_and_many_people(
    coordinator, personas, count_queries, django_capture_on_commit_callbacks
):
    def invited_result(rows):
        content = spreadsheets.csv_bytes(HEADER, rows)
        url = spreadsheets.preview_of(coordinator, UPLOAD, content).wsgi_request.path
        result_url = coordinator.post(url)["Location"]
        with django_capture_on_commit_callbacks(execute=True):
            coordinator.post(result_url)
        return result_url

    few = invited_result(_rows(2))
    many = invited_result([[f"veel{n}@example.org", "Veel", f"Student {n}",
                            "Leraar Geschiedenis", "2", ""] for n in range(40)])
    queries_few, _ = count_queries(coordinator, few)
    queries_many, page = count_queries(coordinator, many)
    assert queries_few == queries_many == 5
    assert len(page.context["acceptance"].waiting) == 25  # and "and 15 more"
    assert page.context["acceptance"].more == 15
