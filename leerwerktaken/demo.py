"""The curriculum's part of the demo partnership (see opleidingsschool/demo.py)."""

from __future__ import annotations

import datetime

from .services import seed_leeruitkomsten


def seed_leerwerktaken(*, today: datetime.date) -> None:
    seed_leeruitkomsten()
