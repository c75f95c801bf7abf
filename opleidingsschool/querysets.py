"""Query helpers shared by the apps' models."""

from __future__ import annotations

from django.db import models


class ActiveQuerySet(models.QuerySet):
    """For models with an `is_active` flag (in use, open to visitors): `.active()` is the one
    way to ask for the rows in use, also on related managers
    (`leeruitkomst.leerwerktaken.active()`)."""

    def active(self):
        return self.filter(is_active=True)
