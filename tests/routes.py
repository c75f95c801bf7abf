"""The access table that tests/test_url_access.py walks: every URL as every persona.

Each app keeps its own rows in tests/<app>/access_routes.py as a list named ROUTES. A route
says how to build its URL from the personas and which personas may open it (200); everyone
else gets 404 (never a 403 that reveals the object exists), anonymous visitors go to login.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .conftest import PERSONA_NAMES

EVERYONE = frozenset(PERSONA_NAMES)
# Pages about the coordinator's own partnership (lists, new-object forms, the overview):
# each coordinator gets their own. A page about one object of the first partnership is for
# "coordinator" only: the coordinator of the second partnership gets a 404 for it.
COORDINATORS = frozenset({"coordinator", "other_coordinator"})


@dataclass(frozen=True)
class Route:
    name: str
    allowed: frozenset[str]
    kwargs: Callable[..., dict] = lambda personas: {}
    # Status codes other than 200/404 for particular personas, e.g. {"docent": 403}.
    expect: dict[str, int] = field(default_factory=dict)
    # A page anonymous visitors may open (login, password reset...).
    public: bool = False

    def expected_status(self, persona: str) -> int:
        if persona in self.expect:
            return self.expect[persona]
        return 200 if persona in self.allowed else 404
