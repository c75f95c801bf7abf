"""The key pages of issue 10 and who opens each; measured in-process for queries and bytes."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opleidingsschool.models import KalenderFeed, Schooljaar, Stage, Student, User

STUDENT = "student@example.org"
WPB = "wpb@example.org"
SCHOOLOPLEIDER = "schoolopleider@example.org"
INSTITUUTSOPLEIDER = "instituutsopleider@example.org"
COORDINATOR = "coordinator@example.org"
DOCENT = "docent@example.org"
STARTER = "starter@example.org"


@dataclass(frozen=True)
class KeyPage:
    key: str
    who: str  # the demo log-in that opens it
    path: Callable[[], str]
    # False: asked without the person's session, as a calendar app asks for the feed (its
    # secret address is the key; the app has no cookie of the portal).
    session: bool = True


def _student() -> Student:
    return Student.objects.select_related("user").get(user__email=STUDENT)


def _stage() -> Stage:
    return (
        Stage.objects.filter(student__user__email=STUDENT, schooljaar=Schooljaar.objects.current())
        .first()
    )


def _feed() -> str:
    feed, _created = KalenderFeed.objects.get_or_create(user=User.objects.get(email=STUDENT))
    return feed.get_absolute_url()


KEY_PAGES = [
    KeyPage("home student", STUDENT, lambda: reverse("home")),
    KeyPage("home wpb", WPB, lambda: reverse("home")),
    KeyPage("home schoolopleider", SCHOOLOPLEIDER, lambda: reverse("home")),
    KeyPage("home instituutsopleider", INSTITUUTSOPLEIDER, lambda: reverse("home")),
    KeyPage("home coordinator", COORDINATOR, lambda: reverse("home")),
    KeyPage("home docent", DOCENT, lambda: reverse("home")),
    KeyPage("home starter", STARTER, lambda: reverse("home")),
    KeyPage("leervragen", STUDENT, lambda: reverse("begeleiding:leervraag_list")),
    KeyPage("logboek", STUDENT, lambda: reverse("begeleiding:logboek")),
    KeyPage("ontwikkelplan", STUDENT, lambda: reverse("begeleiding:ontwikkelplan")),
    KeyPage("driehoek (student)", STUDENT, lambda: reverse("driehoek:stage", kwargs={"uuid": _stage().uuid})),
    KeyPage("bewijs per leeruitkomst", STUDENT,
            lambda: reverse("leerwerktaken:student_evidence", kwargs={"uuid": _student().uuid})),
    KeyPage("agenda", STUDENT, lambda: reverse("bijeenkomsten:agenda")),
    KeyPage("agenda-feed .ics", STUDENT, _feed, session=False),
    KeyPage("te bevestigen (wpb)", WPB, lambda: reverse("begeleiding:logregel_confirm_list")),
    KeyPage("logboek student (wpb)", WPB,
            lambda: reverse("begeleiding:logboek_student", kwargs={"uuid": _student().uuid})),
    KeyPage("/studenten/ wpb", WPB, lambda: reverse("student_list")),
    KeyPage("/studenten/ schoolopleider", SCHOOLOPLEIDER, lambda: reverse("student_list")),
    KeyPage("/studenten/ instituutsopleider", INSTITUUTSOPLEIDER, lambda: reverse("student_list")),
    KeyPage("/studenten/ coordinator", COORDINATOR, lambda: reverse("student_list")),
    KeyPage("signalen", SCHOOLOPLEIDER, lambda: reverse("signalen")),
    KeyPage("partnerschap", COORDINATOR, lambda: reverse("partnerschap:index")),
    KeyPage("partnerschap studenten", COORDINATOR, lambda: reverse("partnerschap:student_list")),
    KeyPage("plaatsingen", COORDINATOR, lambda: reverse("partnerschap:stage_list")),
    KeyPage("dekking", COORDINATOR, lambda: reverse("leerwerktaken:coverage")),
    KeyPage("planning bijeenkomsten", COORDINATOR, lambda: reverse("bijeenkomsten:planning")),
    KeyPage("behoeften", COORDINATOR, lambda: reverse("driehoek:behoeften")),
]

# The 50-user mix: what a partnership opens at five to two on a Thursday.
MIX = ["home student", "agenda", "logboek", "home wpb", "te bevestigen (wpb)",
       "/studenten/ schoolopleider", "home coordinator", "leervragen"]


def probe() -> dict:
    """Log every persona in (sessions in this database), and measure each key page once warm:
    status, queries, HTML bytes, Python calls. Returns {"cookies": {email: sessionid},
    "pages": [...]}."""
    clients: dict[str, Client] = {}
    cookies: dict[str, str] = {}
    pages = []
    for page in KEY_PAGES:
        if page.who not in clients:
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(User.objects.get(email=page.who))
            clients[page.who] = client
            cookies[page.who] = client.cookies["sessionid"].value
        client = clients[page.who] if page.session else Client(HTTP_HOST="127.0.0.1")
        path = page.path()
        client.get(path)  # warm: caches, translations, per-process first-request work
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        count = len(queries)  # now: the next request empties the log it reads
        # The Python function calls of one request: the work the page asks of the
        # interpreter, the same in every run (timings vary with the machine's load).
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(path)
        profiler.disable()
        pages.append({
            "key": page.key, "who": page.who, "path": path, "session": page.session,
            "status": response.status_code,
            "queries": count, "bytes": len(response.content),
            "calls": pstats.Stats(profiler).total_calls,
        })
    return {"cookies": cookies, "pages": pages}
