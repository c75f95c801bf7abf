"""The demo partnership's people and organisations (every name fictional), seeded by
opleidingsschool.demo."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .models import Niveau

PASSWORD = "demo"

SCHOOLS = {
    "linde": ("Het Lindecollege", "Elstermonde"),
    "brug": ("Scholengemeenschap De Brug", "Brugwaarden"),
    "wilgenhof": ("Het Wilgenhof Lyceum", "Kleindijk"),
}

# The holiday region of each school (the national schedule's noord, midden, zuid).
SCHOOL_REGIONS = {"linde": "midden", "brug": "noord", "wilgenhof": "zuid"}

INSTITUTEN = {
    "rivierland": ("Hogeschool Rivierland", "Rivierhaven"),
    "westerveld": ("Universiteit van Westerveld – Lerarenacademie", "Westerveld"),
}

# key: (instituut, name, niveau, vak, target_hours)
OPLEIDINGEN = {
    "rl-geschiedenis": ("rivierland", "Leraar Geschiedenis (tweedegraads)", Niveau.HBO,
                        "geschiedenis", 400),
    "rl-wiskunde": ("rivierland", "Leraar Wiskunde (tweedegraads)", Niveau.HBO, "wiskunde", 400),
    "rl-engels": ("rivierland", "Leraar Engels (tweedegraads)", Niveau.HBO, "Engels", 400),
    "rl-biologie": ("rivierland", "Leraar Biologie (tweedegraads)", Niveau.HBO, "biologie", 400),
    "wv-nederlands": ("westerveld", "Eerstegraads leraar Nederlands", Niveau.WO, "Nederlands",
                      300),
    "wv-natuurkunde": ("westerveld", "Eerstegraads leraar Natuurkunde", Niveau.WO,
                       "natuurkunde", 300),
    "wv-geschiedenis": ("westerveld", "Educatieve minor Geschiedenis", Niveau.WO,
                        "geschiedenis", 300),
}

EXPERTISES = [
    "differentiëren", "klassenmanagement", "formatief evalueren", "taalgericht vakonderwijs",
    "ict in de les", "motiveren", "pedagogisch klimaat", "omgaan met gedrag",
    "coöperatief leren", "onderzoekend leren",
]

WPB, SO, IO, COORD = "wpb", "schoolopleider", "instituutsopleider", "coordinator"

# (e-mail or None for first.last@example.org, first, last, school, instituut, subject,
#  functions, expertises, visitors_welcome)
MEDEWERKERS = [
    # Het Lindecollege
    ("wpb@example.org", "Wouter", "Brink", "linde", None, "geschiedenis", {WPB},
     ["klassenmanagement"], True),
    ("schoolopleider@example.org", "Marloes", "Kuipers", "linde", None, "Nederlands", {SO},
     ["pedagogisch klimaat", "formatief evalueren"], False),
    ("docent@example.org", "Joost", "van Rijn", "linde", None, "aardrijkskunde", set(),
     ["differentiëren", "formatief evalueren"], True),
    (None, "Ilse", "Vos", "linde", None, "Engels", {WPB}, ["taalgericht vakonderwijs"], False),
    (None, "Martijn", "de Boer", "linde", None, "biologie", {WPB}, ["onderzoekend leren"], False),
    (None, "Karin", "Prins", "linde", None, "geschiedenis", {WPB}, [], False),
    (None, "Anton", "Verhoef", "linde", None, "economie", set(), ["motiveren"], False),
    (None, "Sevda", "Arslan", "linde", None, "wiskunde", set(), [], False),
    (None, "Roos", "Gerritsen", "linde", None, "lichamelijke opvoeding", set(),
     ["klassenmanagement", "omgaan met gedrag"], True),
    # Scholengemeenschap De Brug
    (None, "Jeroen", "Mulder", "brug", None, "geschiedenis", {SO}, ["pedagogisch klimaat"],
     False),
    (None, "Kees", "Willems", "brug", None, "wiskunde", {WPB}, ["differentiëren"], False),
    (None, "Lisa", "Dijkstra", "brug", None, "biologie", {WPB}, [], False),
    (None, "Sander", "Kok", "brug", None, "natuurkunde", {WPB}, ["onderzoekend leren"], False),
    (None, "Gerrit", "Wolters", "brug", None, "wiskunde", set(), [], False),
    (None, "Hans", "Bosman", "brug", None, "techniek", set(),
     ["omgaan met gedrag", "klassenmanagement"], True),
    (None, "Yara", "Peeters", "brug", None, "Frans", set(),
     ["ict in de les", "motiveren", "coöperatief leren"], True),
    # Het Wilgenhof Lyceum
    (None, "Anouk", "Bakker", "wilgenhof", None, "Engels", {SO}, ["motiveren"], False),
    (None, "Mirjam", "Schouten", "wilgenhof", None, "wiskunde", {WPB}, ["differentiëren"],
     False),
    (None, "Tom", "Jacobs", "wilgenhof", None, "Engels", {WPB}, [], False),
    (None, "Esther", "van Leeuwen", "wilgenhof", None, "Nederlands", {WPB}, [], False),
    (None, "Lieke", "Evers", "wilgenhof", None, "Nederlands", set(),
     ["taalgericht vakonderwijs"], True),
    (None, "Bas", "Hermans", "wilgenhof", None, "scheikunde", set(),
     ["formatief evalueren", "ict in de les"], True),
    # The institutes and the partnership
    ("instituutsopleider@example.org", "Hanneke", "Smit", None, "rivierland", "geschiedenis",
     {IO}, [], False),
    (None, "Bram", "Hendriks", None, "rivierland", "wiskunde", {IO}, [], False),
    (None, "Petra", "Visser", None, "rivierland", "", {COORD}, [], False),
    (None, "Eva", "Dekker", None, "westerveld", "Nederlands", {IO}, [], False),
    ("coordinator@example.org", "Monique", "de Lange", None, None, "", {COORD}, [], False),
]

# Mentors are named by their e-mail address, or "first last" for first.last@example.org.
FULL_YEAR, SECOND_HALF = "full", "second"


@dataclass(frozen=True)
class DemoStudent:
    email: str | None
    first: str
    last: str
    opleiding: str
    study_year: int
    school: str
    wpb: str
    schoolopleider: bool = True
    instituutsopleider: str | None = None
    period: str = FULL_YEAR
    extras: tuple[tuple[str, frozenset[str]], ...] = ()
    previous: tuple[str, str, str | None] | None = None  # last year: school, wpb, instituutsopleider
    lio: bool = False  # an LIO placement: a final-year student with their own classes


STUDENTS = [
    DemoStudent("student@example.org", "Fleur", "Vermeulen", "rl-geschiedenis", 3, "linde",
                "wpb@example.org", instituutsopleider="instituutsopleider@example.org",
                extras=(("Anton Verhoef", frozenset({"raadgever", "rolmodel"})),),
                previous=("linde", "Karin Prins", None)),
    DemoStudent("student4@example.org", "Daan", "Koster", "rl-wiskunde", 4, "brug",
                "Kees Willems", instituutsopleider="Bram Hendriks",
                extras=(("Gerrit Wolters", frozenset({"leermeester", "raadgever"})),),
                previous=("wilgenhof", "Mirjam Schouten", "Bram Hendriks"), lio=True),
    DemoStudent(None, "Noor", "El Idrissi", "rl-engels", 1, "linde", "Ilse Vos",
                extras=(("Sevda Arslan", frozenset({"gastheer"})),)),
    DemoStudent(None, "Milan", "de Groot", "rl-biologie", 1, "brug", "Lisa Dijkstra",
                period=SECOND_HALF),
    DemoStudent(None, "Sara", "Yilmaz", "rl-wiskunde", 2, "wilgenhof", "Mirjam Schouten",
                instituutsopleider="Bram Hendriks"),
    DemoStudent(None, "Thijs", "van Dam", "rl-geschiedenis", 2, "linde", "Karin Prins",
                instituutsopleider="Bram Hendriks"),
    DemoStudent(None, "Julia", "Brouwer", "rl-engels", 3, "wilgenhof", "Tom Jacobs",
                instituutsopleider="instituutsopleider@example.org"),
    DemoStudent(None, "Emma", "Postma", "wv-geschiedenis", 3, "linde", "Karin Prins",
                instituutsopleider="Eva Dekker"),
    DemoStudent(None, "Ruben", "Maas", "rl-biologie", 4, "linde", "Martijn de Boer",
                instituutsopleider="instituutsopleider@example.org"),
    DemoStudent(None, "Iris", "Hoekstra", "wv-nederlands", 4, "wilgenhof", "Esther van Leeuwen",
                instituutsopleider="Eva Dekker",
                extras=(("Lieke Evers", frozenset({"leermeester", "rolmodel"})),)),
    DemoStudent(None, "Youssef", "Bakir", "wv-natuurkunde", 4, "brug", "Sander Kok",
                instituutsopleider="Eva Dekker"),
]

@dataclass(frozen=True)
class DemoStarter:
    """A starting teacher. With `studied`, they were a fourth-year student here last school
    year (programme, school, wpb, instituutsopleider) and became a starter in the same
    account this year (issue 15); `coach` is their induction coach."""

    email: str | None
    first: str
    last: str
    school: str
    subject: str
    started_this_year: bool = True
    studied: tuple[str, str, str, str | None] | None = None
    coach: str | None = None


STARTERS = [
    DemoStarter("starter@example.org", "Kim", "Verbeek", "linde", "Nederlands",
                studied=("wv-nederlands", "linde", "Ilse Vos", "Eva Dekker"),
                coach="Anton Verhoef"),
    DemoStarter(None, "Laura", "Smits", "brug", "biologie"),
    DemoStarter(None, "Ahmed", "Benali", "wilgenhof", "wiskunde", started_this_year=False),
]

LOGINS = [
    ("student@example.org", "third-year student (hbo history) at Het Lindecollege"),
    ("student4@example.org", "fourth-year student (hbo mathematics) on an LIO placement at "
                             "Scholengemeenschap De Brug"),
    ("wpb@example.org", "werkplekbegeleider of student@example.org"),
    ("schoolopleider@example.org", "schoolopleider of Het Lindecollege"),
    ("instituutsopleider@example.org", "instituutsopleider at Hogeschool Rivierland"),
    ("docent@example.org", "colleague at Het Lindecollege (differentiëren, visitors welcome)"),
    ("coordinator@example.org", "coordinator of the partnership"),
    ("starter@example.org", "starting teacher at Het Lindecollege, a student here last year"),
    ("anton.verhoef@example.org", "induction coach of starter@example.org"),
]

ROLES = ("gastheer", "leermeester", "raadgever", "rolmodel")


def demo_email(first: str, last: str) -> str:
    """first.last@example.org without spaces or diacritics: "Esther van Leeuwen" ->
    esther.vanleeuwen@example.org."""
    plain = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum() or c == ".") + "@example.org"


def _email_of(name: str) -> str:
    return name if "@" in name else demo_email(*name.split(" ", 1))
