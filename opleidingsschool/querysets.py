"""Query helpers shared by the apps' models."""

from __future__ import annotations

from django.db import models


class ActiveQuerySet(models.QuerySet):
    """For models with an `is_active` flag (in use, open to visitors): `.active()` is the one
    way to ask for the rows in use, also on related managers
    (`leeruitkomst.leerwerktaken.active()`)."""

    def active(self):
        return self.filter(is_active=True)


def partial_instance(model, db: str, **values):
    """A row of `model` with these fields loaded and the others deferred (read on access), as
    the ORM makes it from a query of only these columns."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    if len(names) != len(values):
        raise ValueError(f"not fields of {model.__name__}: {set(values) - set(names)}")
    return model.from_db(db, names, [values[name] for name in names])
