"""Changes to personal records are kept by django-auditlog, with who made them."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from begeleiding.models import Leervraag
from opleidingsschool.privacy.audit import AUDITED
from tests import factories

pytestmark = pytest.mark.django_db


def test_changing_a_learning_question_records_who_changed_what(client, personas):
    leervraag = factories.LeervraagFactory(student=personas.student, title="Orde")
    client.force_login(personas.student.user)
    client.post(reverse("begeleiding:leervraag_edit", args=[leervraag.uuid]), {
        "title": "Orde in 2B", "situation": leervraag.situation, "goal": leervraag.goal,
        "visibility": "private",
    })
    entry = LogEntry.objects.get_for_object(Leervraag.objects.get()).filter(
        action=LogEntry.Action.UPDATE).get()
    assert entry.actor == personas.student.user
    assert entry.changes_dict["title"] == ["Orde", "Orde in 2B"]
    assert entry.changes_dict["visibility"] == ["mentors", "private"]


def test_the_password_hash_is_never_in_the_change_history(personas):
    user = personas.student.user
    user.set_password("nieuw-geheim")
    user.first_name = "Sanna"
    user.save()
    entry = LogEntry.objects.get_for_object(user).filter(action=LogEntry.Action.UPDATE).get()
    assert "password" not in entry.changes_dict
    assert entry.changes_dict["first_name"] == ["Sanne", "Sanna"]


def test_the_personal_data_models_are_audited():
    from auditlog.registry import auditlog
    from django.apps import apps

    assert all(auditlog.contains(apps.get_model(label)) for label in AUDITED)
