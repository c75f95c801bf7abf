"""Who may POST to what: the access table's second half (tests/test_url_access.py walks it).

Every route of the access table is posted to by every persona, with a valid CSRF token and
the form as the page shows it to someone who may open it. By default a persona gets on POST
what it gets on GET: 404 outside its scope, 403 where it may look but not change, and 200
where the page shows itself again (a form with errors, a page without a form). A row here says
otherwise, by route name:

- `status`: what the personas who may open the page get (302: the change was made);
- `allowed`: for routes that only take POST (405 on GET for everyone), who may post;
  `status` is theirs, everyone else gets 404 unless `expect` says 403;
- `data`: what to post when the route has no page of its own to read a form from.

Whatever the status, a refused request (anything but a redirect after a change) leaves every
table of the portal exactly as it was.

Two partnerships: the personas' objects are the first partnership's, so the coordinator of
the second (`other_coordinator`) gets a 404 on GET for their pages and therefore a 404 on
POST, with nothing changed; the pages of the shared school years, expertise tags and school
holidays (and every list and new-object form) change for both coordinators.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .conftest import PERSONA_NAMES

MENTORS = frozenset({"wpb", "schoolopleider", "instituutsopleider", "extra_mentor"})


@dataclass(frozen=True)
class Post:
    status: int = 302
    allowed: frozenset[str] | None = None
    expect: dict[str, int] = field(default_factory=dict)
    data: Callable[..., dict] | dict = field(default_factory=dict)


def _forbidden(*personas):
    return {persona: 403 for persona in personas}


EVERYONE = frozenset(PERSONA_NAMES)
GET_ONLY = Post(status=405)

VIEWERS = MENTORS | {"student"}
TRIANGLE = frozenset({"student", "wpb", "instituutsopleider"})
CHANGED = Post(status=302)

POST_ROUTES: dict[str, Post] = {
    # federated log-in (tests/federation): without an invitation's key in the session the
    # button sends everyone to the log-in page; the student removes their own identity.
    "federation_invitation_login": Post(expect={persona: 302 for persona in EVERYONE}),
    "identity_remove": CHANGED,
    # begeleiding
    "begeleiding:leervraag_edit": CHANGED,
    "begeleiding:leervraag_start": Post(allowed={"student"}, expect=_forbidden(*MENTORS)),
    "begeleiding:leervraag_archive": Post(allowed={"student"}, expect=_forbidden(*MENTORS)),
    "begeleiding:leervraag_comment": Post(allowed=VIEWERS, data={"text": "Mooi plan."}),
    "begeleiding:logregel_edit": CHANGED,
    "begeleiding:logregel_delete": Post(allowed={"student"}, expect=_forbidden(*MENTORS)),
    "begeleiding:logregel_confirm": Post(
        allowed={"wpb"}, expect=_forbidden(*(VIEWERS - {"wpb"}))
    ),
    "begeleiding:aanmelding_hours": Post(allowed={"student"}),
    # The extra mentor in the personas is already active: nobody has a request to answer.
    "begeleiding:mentor_request_answer": Post(
        allowed=frozenset(), expect=_forbidden("student", "extra_mentor"),
        data={"answer": "accept"},
    ),
    "begeleiding:lesaanbod_edit": CHANGED,
    "begeleiding:lesaanbod_delete": Post(allowed={"docent"}),
    "begeleiding:lesbezoek_answer": Post(
        allowed={"docent"}, expect=_forbidden(*VIEWERS), data={"decision": "accept"}
    ),
    "begeleiding:lesbezoek_cancel": Post(
        allowed={"student"}, expect=_forbidden(*MENTORS, "docent")
    ),
    "begeleiding:lesbezoek_hours": Post(
        allowed={"student"}, expect=_forbidden(*MENTORS, "docent")
    ),
    "begeleiding:ontwikkelpunt_edit": CHANGED,
    # The school day (issue 14): the schoolopleider notes a student's line of the group
    # round; only the schoolopleider notes what was agreed about a rapport check.
    "begeleiding:schooldag_close": Post(allowed={"schoolopleider"}, data=lambda personas: {
        f"{personas.student.uuid}-done": "Twee lessen gegeven",
        f"{personas.student.uuid}-hours": "2"}),
    # The schoolopleider removes a colleague from the opleidingsteam (the confirmation's
    # form); the add form as shown chooses nobody (200, its message). Each coordinator saves
    # their own partnership's rapport check moments.
    "begeleiding:opleidingsteam_remove": CHANGED,
    "begeleiding:klikmomenten": CHANGED,
    "begeleiding:klikafspraak_create": Post(
        allowed={"schoolopleider"}, expect=_forbidden("student"),
        data=lambda personas: {
            f"{personas.stage.begeleiders.get(medewerker=personas.wpb).klikchecks.get().uuid}"
            "-text": "Elke vrijdag een nagesprek."}),
    # lesson observations (issue 15): the observer saves their draft; the observed student
    # marks it discussed; the coordinator reorders the instrument.
    "begeleiding:lesobservatie_edit": CHANGED,
    "begeleiding:lesobservatie_delete": Post(allowed={"wpb"}),
    "begeleiding:lesobservatie_discussed": Post(allowed={"student"}, expect=_forbidden("wpb")),
    "begeleiding:observatiedomein_edit": CHANGED,
    "begeleiding:indicator_edit": CHANGED,
    "begeleiding:observatiedomein_move": Post(allowed={"coordinator"},
                                              data={"direction": "down"}),
    "begeleiding:indicator_move": Post(allowed={"coordinator"}, data={"direction": "down"}),
    # monitoring: the health probes answer GET only
    "health": GET_ONLY,
    "health_web": GET_ONLY,
    "health_sweep": GET_ONLY,
    # one-click unsubscribe: the confirm button (RFC 8058 body) turns it off and redirects
    "notifications:unsubscribe": Post(status=303),
    # sessions
    "bijeenkomsten:preferences": CHANGED,
    "bijeenkomsten:edit": CHANGED,
    "bijeenkomsten:cancel": CHANGED,
    # The series list as the page shows it saves (nothing moved) and goes back to the list.
    "bijeenkomsten:reeks": CHANGED,
    "bijeenkomsten:register": Post(allowed={"student", "coordinator"}),
    "bijeenkomsten:unregister": Post(allowed={"student", "coordinator"}),
    "bijeenkomsten:invite": Post(allowed={"coordinator"}),
    "bijeenkomsten:invite_guest": Post(allowed={"coordinator"}, data={
        "gast-first_name": "Gert", "gast-last_name": "Gast", "gast-email": "gast.walk@example.net",
    }),
    # The symposium of the access table has no presentation to choose.
    "bijeenkomsten:winner": Post(allowed=frozenset()),
    "bijeenkomsten:answer": Post(allowed={"docent"}),
    "bijeenkomsten:feed_reset": Post(allowed=EVERYONE),
    "bijeenkomsten:feed": GET_ONLY,
    # driehoek
    "driehoek:gesprek_edit": CHANGED,
    "driehoek:gesprek_cancel": CHANGED,
    # A planned meeting cannot be shared, agreed or amended yet.
    "driehoek:gesprek_share": Post(allowed=frozenset(), expect=_forbidden(*TRIANGLE)),
    "driehoek:gesprek_agree": Post(allowed=frozenset(), expect=_forbidden(*TRIANGLE)),
    "driehoek:addendum_create": Post(allowed=frozenset(), expect=_forbidden(*TRIANGLE)),
    "driehoek:leerdoel_edit": CHANGED,
    "driehoek:actiepunt_edit": CHANGED,
    "driehoek:behoefte_edit": CHANGED,
    "driehoek:tussenevaluatie_edit": CHANGED,
    "driehoek:actiepunt_done": Post(
        allowed={"wpb", "instituutsopleider"}, expect=_forbidden("student")
    ),
    "driehoek:tussenevaluatie_share": Post(
        allowed={"wpb", "instituutsopleider"}, expect=_forbidden("student")
    ),
    # curriculum
    "leerwerktaken:leeruitkomst_update": CHANGED,
    "leerwerktaken:leerwerktaak_update": CHANGED,
    "leerwerktaken:bouwsteen_update": CHANGED,
    # The page's first form is the student's submission; mentors read it.
    "leerwerktaken:toewijzing_detail": Post(allowed={"student"}, expect=_forbidden(*MENTORS)),
    "leerwerktaken:bestand_delete": Post(allowed={"student"}, expect=_forbidden(*MENTORS)),
    # core and partnership management
    "profile": CHANGED,
    # A starter's induction coach (issue 15): the form saves and shows the page again.
    "inductie_coach": CHANGED,
    "theme_css": GET_ONLY,
    "partnerschap:schooljaar_create": CHANGED,
    "partnerschap:expertise_delete": CHANGED,
    "partnerschap:medewerker_detail": GET_ONLY,
    "partnerschap:stage_detail": GET_ONLY,
    **{
        f"partnerschap:{name}_list": GET_ONLY
        for name in ("school", "instituut", "opleiding", "schooljaar", "expertise",
                     "medewerker", "student", "starter", "stage", "vakantie", "vrijedag")
    },
    **{
        f"partnerschap:{name}_edit": CHANGED
        for name in ("school", "instituut", "opleiding", "schooljaar", "expertise",
                     "medewerker", "student", "starter", "stage", "vakantie", "vrijedag")
    },
    # The school calendar's rows are used by nothing that protects them: delete deletes.
    "partnerschap:vakantie_delete": CHANGED,
    "partnerschap:vrijedag_delete": CHANGED,
    **{
        f"partnerschap:{name}_resend": Post(allowed={"coordinator"})
        for name in ("medewerker", "student", "starter")
    },
    # An upload with a readable row is imported; the result page's button sends the
    # invitations. The upload page posted without a file shows itself again (200).
    "partnerschap:student_import_preview": CHANGED,
    "partnerschap:student_import_result": CHANGED,
    "partnerschap:student_import_template": GET_ONLY,
    "partnerschap:student_export": GET_ONLY,
    **{f"partnerschap:{name}_import_preview": CHANGED for name in ("medewerker", "stage")},
    **{f"partnerschap:{name}_import_result": CHANGED for name in ("medewerker", "stage")},
    **{f"partnerschap:{name}_import_template": GET_ONLY for name in ("medewerker", "stage")},
    **{f"partnerschap:{name}_export": GET_ONLY for name in ("medewerker", "stage")},
    # Ending an account asks first (the page's form ends it); reopening is a button.
    **{f"partnerschap:{name}_end": CHANGED for name in ("medewerker", "student", "starter")},
    **{
        f"partnerschap:{name}_reopen": Post(allowed={"coordinator"})
        for name in ("medewerker", "student", "starter")
    },
    # privacy (issue 13): anyone logged in may ask for a zip of their own data.
    "privacy:export_request": Post(allowed=EVERYONE),
    # The partnership at a glance (issue 11): the lists are read-only, the thresholds a form.
    "partnerschap:overzicht": GET_ONLY,
    "partnerschap:signal_list": GET_ONLY,
    "partnerschap:signal_export": GET_ONLY,
    "partnerschap:drempels": CHANGED,
    # Recognition (issue 15): a teacher educator's own development (the edit form as shown
    # saves); a student's notes of thanks are written on their pages and deleted by a button.
    "erkenning:professionalisering_edit": CHANGED,
    "erkenning:professionalisering_delete": Post(allowed={"schoolopleider"}),
    "begeleiding:bedankje_lesbezoek": Post(data={"text": "Dank je wel voor de mooie les!"}),
    "begeleiding:bedankje_begeleider": Post(data={"text": "Dank je wel voor je begeleiding!"}),
    "begeleiding:bedankje_delete": Post(allowed={"student"}),
}
