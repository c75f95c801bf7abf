"""Access rows for the outbox's pages (see tests/routes.py). The one-click unsubscribe page
needs no login: its signed token is the proof."""

from opleidingsschool.notifications.unsubscribe import make_token
from tests.routes import EVERYONE, Route


def _token(personas):
    return {"token": make_token(user_id=personas.student.user.pk, field="week_before")}


ROUTES = [
    Route("notifications:my_mail", EVERYONE),
    Route("notifications:unsubscribe", EVERYONE, kwargs=_token, public=True),
]
