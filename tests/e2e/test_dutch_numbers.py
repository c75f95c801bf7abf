"""A Dutch browser types numbers with a comma: "1,5" must be saved as one and a half.

Chromium's `<input type=number>` in the nl-NL locale dropped the comma and submitted 15, so
these tests TYPE the keys (not `fill`) the way a person does."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from begeleiding.models import Logregel
from opleidingsschool.models import Bijeenkomst

from .conftest import log_in, screenshot
from .test_begeleiding import school_tuesday  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_student_types_1_comma_5_hours_and_one_and_a_half_hours_are_saved(phone, school_tuesday):  # noqa: F811
    log_in(phone, "student@example.org")
    phone.goto("/begeleiding/logboek/nieuw/")
    before = set(Logregel.objects.values_list("pk", flat=True))
    phone.get_by_label("Lesgeven").check()
    hours = phone.get_by_label("Uren")
    assert hours.get_attribute("type") == "text"
    assert hours.get_attribute("inputmode") == "decimal"
    hours.press_sequentially("1,5")
    phone.get_by_label("Wat heb je gedaan?").fill("Twee lessen gegeven in 3 havo.")
    screenshot(phone, "dutch-numbers-logregel")
    phone.get_by_role("button", name="Opslaan").click()
    expect(phone.get_by_text("opgeslagen: 1,5 uur")).to_be_visible()
    (entry,) = Logregel.objects.exclude(pk__in=before)
    assert entry.hours == Decimal("1.5")


def test_coordinator_types_1_comma_5_experience_hours_for_a_session(page, demo):
    log_in(page, "coordinator@example.org")
    page.goto("/bijeenkomsten/nieuw/")
    page.locator("#id_title").fill("Komma-uren")
    page.locator("#id_place").fill("Aula")
    field = page.locator("#id_experience_hours")
    field.fill("")
    field.press_sequentially("1,5")
    screenshot(page, "dutch-numbers-bijeenkomst")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    expect(page.get_by_text("Bijeenkomst ‘Komma-uren’ gepland.")).to_be_visible()
    assert Bijeenkomst.objects.get(title="Komma-uren").experience_hours == Decimal("1.5")
