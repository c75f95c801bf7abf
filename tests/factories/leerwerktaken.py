"""Factories for the leerwerktaken app."""

import factory
from factory.django import DjangoModelFactory

from leerwerktaken.models import Leeruitkomst

__all__ = ["LeeruitkomstFactory"]


class LeeruitkomstFactory(DjangoModelFactory):
    class Meta:
        model = Leeruitkomst
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"LU{n}")
    title = factory.Sequence(lambda n: f"Leeruitkomst {n}")
    group = "pedagogisch bekwaam"
