"""Record changes of the personal-data models with django-auditlog (issue 13).

Registered by label from the core's AppConfig.ready(), after every app's models exist, so
the core imports nothing above it. The actor comes from auditlog's middleware.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.apps import apps

AUDITED = {
    "opleidingsschool.User": {"exclude_fields": ["password", "last_login"]},
    "opleidingsschool.Student": {},
    "opleidingsschool.Medewerker": {},
    "opleidingsschool.Starter": {},
    "opleidingsschool.Stage": {},
    "opleidingsschool.Begeleider": {},
    "begeleiding.Leervraag": {"exclude_fields": ["last_activity_at"]},
    "begeleiding.Logregel": {},
    "begeleiding.Klikcheck": {},
    "begeleiding.Ontwikkelplan": {},
    "begeleiding.Ontwikkelpunt": {},
    "driehoek.Driehoeksgesprek": {},
    "driehoek.Tussenevaluatie": {},
    "driehoek.Oordeel": {},
    "leerwerktaken.Inlevering": {},
    "leerwerktaken.Bestand": {},
}


def register_audited_models() -> None:
    for label, options in AUDITED.items():
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, **options)
