"""The template builtins `date` and `time` (opleidingsschool/templatetags/dates.py) keep what
they wrote; they write exactly what Django's filters write, for every kind of value, format,
language and time zone, and a kept text is never given for another zone or language."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.template import Context, engines
from django.template import defaultfilters as django_filters
from django.utils import timezone, translation

from opleidingsschool.templatetags import dates

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
MOMENT = datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC)  # the night DST ends
VALUES = [
    MOMENT, MOMENT + datetime.timedelta(hours=1), MOMENT.astimezone(AMSTERDAM),
    MOMENT.astimezone(NEW_YORK), datetime.datetime(2026, 10, 25, 2, 30),  # naive
    datetime.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=AMSTERDAM),
    datetime.date(2026, 12, 1), datetime.time(14, 5), None, "", "geen datum", 42,
]
FORMATS = [None, "D", "l j F Y", "j M", "H:i", "N j, Y P", "e O T Z", "DATE_FORMAT",
           "SHORT_DATETIME_FORMAT", "r", "c"]


def _outcome(function, value, arg):
    try:
        return function(value, arg)
    except Exception as error:  # noqa: BLE001  (Django's own refusal, e.g. "H" of a date)
        return type(error)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_same_text_as_djangos_filters(language):
    with translation.override(language):
        for value in VALUES:
            for arg in FORMATS:
                for _twice in range(2):  # made, then kept
                    for ours, django in ((dates.date, django_filters.date),
                                         (dates.time, django_filters.time)):
                        assert _outcome(ours, value, arg) == _outcome(django, value, arg), (
                            ours.__name__, value, arg)


def test_a_kept_text_is_not_given_in_another_language_or_zone():
    template = engines["django"].from_string('{{ moment|date:"l j F H:i" }}')
    with translation.override("nl"), timezone.override(AMSTERDAM):
        assert template.render({"moment": MOMENT}) == "zondag 25 oktober 02:30"
    with translation.override("en"), timezone.override(AMSTERDAM):
        assert template.render({"moment": MOMENT}) == "Sunday 25 October 02:30"
    with translation.override("nl"), timezone.override(NEW_YORK):
        assert template.render({"moment": MOMENT}) == "zaterdag 24 oktober 20:30"
    with translation.override("nl"), timezone.override(AMSTERDAM):
        # the same wall time an hour later: the other side of the DST change
        assert template.render({"moment": MOMENT + datetime.timedelta(hours=1)}) == (
            "zondag 25 oktober 02:30")
        off = engines["django"].from_string(
            '{% load tz %}{% localtime off %}{{ moment|date:"H:i" }}{% endlocaltime %}')
        assert off.render({"moment": MOMENT}) == "00:30"


def test_the_builtins_are_these_filters():
    template = engines["django"].from_string("{{ day|date:'j F' }} {{ at|time:'H:i' }}")
    before = dates._formatted.cache_info().hits
    with translation.override("nl"):
        for _ in range(2):
            text = template.render(Context({"day": datetime.date(2026, 12, 1),
                                            "at": datetime.time(9, 15)}).flatten())
    assert text == "1 december 09:15"
    assert dates._formatted.cache_info().hits >= before + 2
