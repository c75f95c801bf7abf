"""Notes: a draft for the supervisors until shared, optimistic locking on concurrent edits,
agreement by every participant, the locked record, addenda and the history."""

import pytest
from django.core import mail
from django.urls import reverse

from driehoek import services
from driehoek.models import Driehoeksgesprek, GesprekStatus
from tests import factories

pytestmark = pytest.mark.django_db


def _notes(**extra):
    return {"progress": "Fleur geeft rustig instructie.\n\n- start op tijd\n- kijkt rond",
            "questions": "Hoe differentieer ik in havo 4?", "agreements": "Twee lessen filmen.",
            **extra}


def test_a_supervisor_records_notes_that_stay_a_draft_for_the_student(client, personas, gesprek):
    client.force_login(personas.wpb.user)
    url = reverse("driehoek:gesprek_notes", kwargs={"uuid": gesprek.uuid})
    response = client.post(url, _notes(version=0))
    assert response.status_code == 302
    gesprek.refresh_from_db()
    assert gesprek.notes_version == 1
    assert gesprek.status == GesprekStatus.HELD
    page = client.get(gesprek.get_absolute_url()).content.decode()
    assert "Concept: alleen de begeleiders zien dit verslag" in page
    # Plain text shown as paragraphs and bullets, escaped.
    assert "<ul><li>start op tijd</li><li>kijkt rond</li></ul>" in page
    client.force_login(personas.student.user)
    page = client.get(gesprek.get_absolute_url()).content.decode()
    assert "Twee lessen filmen" not in page
    assert "Het verslag verschijnt hier zodra je begeleiders het met je delen." in page
    assert "Twee lessen filmen" not in client.get(
        reverse("driehoek:gesprek_print", kwargs={"uuid": gesprek.uuid})).content.decode()


def test_notes_are_escaped(client, personas, gesprek):
    client.force_login(personas.wpb.user)
    client.post(reverse("driehoek:gesprek_notes", kwargs={"uuid": gesprek.uuid}),
                _notes(progress="<script>alert(1)</script>", version=0))
    page = client.get(gesprek.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_concurrent_edits_never_overwrite_each_other(client, personas, gesprek):
    url = reverse("driehoek:gesprek_notes", kwargs={"uuid": gesprek.uuid})
    # Both open the form at version 0; the instituutsopleider saves first.
    services.save_notes(gesprek=gesprek, by=personas.instituutsopleider.user, version=0,
                        progress="Tekst van Ivo", questions="", agreements="")
    client.force_login(personas.wpb.user)
    response = client.post(url, _notes(progress="Tekst van Wim", version=0))
    assert response.status_code == 409
    page = response.content.decode()
    assert "heeft dit verslag om 10:00 opgeslagen terwijl jij aan het schrijven was" in page
    assert "Tekst van Ivo" in page  # the other person's text is shown
    assert "Tekst van Wim" in page  # what this person typed is kept in the form
    gesprek.refresh_from_db()
    assert gesprek.notes_progress == "Tekst van Ivo"
    assert response.context["form"]["version"].value() == 1
    # Saving again, having seen the other text, goes through.
    response = client.post(url, _notes(progress="Tekst van Ivo en Wim", version=1))
    assert response.status_code == 302
    gesprek.refresh_from_db()
    assert (gesprek.notes_progress, gesprek.notes_version) == ("Tekst van Ivo en Wim", 2)


def test_empty_notes_are_refused_with_a_clear_message(client, personas, gesprek):
    client.force_login(personas.wpb.user)
    response = client.post(reverse("driehoek:gesprek_notes", kwargs={"uuid": gesprek.uuid}),
                           {"progress": "", "questions": " ", "agreements": "", "version": 0})
    assert response.status_code == 200
    assert "Schrijf minstens één onderdeel van het verslag." in response.content.decode()


def test_share_agree_lock_addendum_and_history(
    client, personas, gesprek, django_capture_on_commit_callbacks
):
    services.save_notes(gesprek=gesprek, by=personas.wpb.user, version=0, **{
        "progress": "Goed op weg", "questions": "", "agreements": "Twee lessen filmen"})
    client.force_login(personas.wpb.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("driehoek:gesprek_share", kwargs={"uuid": gesprek.uuid}))
    gesprek.refresh_from_db()
    assert gesprek.is_shared and not gesprek.is_locked
    # The sharer agreed; the two others are asked by mail, without an attachment.
    assert sorted(message.to[0] for message in mail.outbox) == ["ivo@example.org",
                                                                "sanne@example.org"]
    assert mail.outbox[0].attachments == []
    assert list(gesprek.akkoorden.values_list("user__email", flat=True)) == ["wim@example.org"]

    client.force_login(personas.student.user)
    page = client.get(gesprek.get_absolute_url()).content.decode()
    assert "Twee lessen filmen" in page and "Ik ga akkoord" in page
    client.post(reverse("driehoek:gesprek_agree", kwargs={"uuid": gesprek.uuid}),
                {"version": gesprek.notes_version})
    client.force_login(personas.instituutsopleider.user)
    response = client.post(reverse("driehoek:gesprek_agree", kwargs={"uuid": gesprek.uuid}),
                           {"version": gesprek.notes_version}, follow=True)
    assert "Iedereen is akkoord" in response.content.decode()
    gesprek.refresh_from_db()
    assert gesprek.is_locked and gesprek.status == GesprekStatus.AGREED

    # Locked: the notes can no longer be edited, only added to.
    client.force_login(personas.wpb.user)
    notes_url = reverse("driehoek:gesprek_notes", kwargs={"uuid": gesprek.uuid})
    assert client.get(notes_url).status_code == 403
    assert Driehoeksgesprek.objects.filter(pk=gesprek.pk).get().notes_progress == "Goed op weg"
    client.force_login(personas.student.user)
    client.post(reverse("driehoek:addendum_create", kwargs={"uuid": gesprek.uuid}),
                {"text": "De stagedag is voortaan woensdag."})
    assert gesprek.addenda.get().text == "De stagedag is voortaan woensdag."
    history = [(row.user.email, row.soort) for row in gesprek.wijzigingen.order_by("pk")]
    assert history == [
        ("wim@example.org", "notes"), ("wim@example.org", "shared"),
        ("wim@example.org", "agreed"), ("sanne@example.org", "agreed"),
        ("ivo@example.org", "agreed"), ("ivo@example.org", "locked"),
        ("sanne@example.org", "addendum"),
    ]
    page = client.get(gesprek.get_absolute_url()).content.decode()
    assert "voegde een aanvulling toe" in page
    assert "De stagedag is voortaan woensdag." in page


def test_changing_shared_notes_withdraws_the_agreements(personas, gesprek):
    services.save_notes(gesprek=gesprek, by=personas.wpb.user, version=0,
                        progress="Versie 1", questions="", agreements="")
    services.share_notes(gesprek=gesprek, by=personas.wpb.user)
    services.give_akkoord(gesprek=gesprek, by=personas.student.user, version=1)
    services.save_notes(gesprek=gesprek, by=personas.instituutsopleider.user, version=1,
                        progress="Versie 2", questions="", agreements="")
    assert gesprek.akkoorden.count() == 0


def test_agreeing_to_an_outdated_version_is_refused(client, personas, gesprek):
    services.save_notes(gesprek=gesprek, by=personas.wpb.user, version=0,
                        progress="Versie 1", questions="", agreements="")
    services.share_notes(gesprek=gesprek, by=personas.wpb.user)
    services.save_notes(gesprek=gesprek, by=personas.wpb.user, version=1,
                        progress="Versie 2", questions="", agreements="")
    client.force_login(personas.student.user)
    response = client.post(reverse("driehoek:gesprek_agree", kwargs={"uuid": gesprek.uuid}),
                           {"version": 1}, follow=True)
    assert "Het verslag is gewijzigd terwijl je het las." in response.content.decode()
    assert gesprek.akkoorden.filter(user=personas.student.user).exists() is False


def test_only_participants_give_agreement(personas, gesprek, schoolopleider_in_triangle):
    from django.core.exceptions import ValidationError

    services.save_notes(gesprek=gesprek, by=personas.wpb.user, version=0,
                        progress="x", questions="", agreements="")
    services.share_notes(gesprek=gesprek, by=personas.wpb.user)
    with pytest.raises(ValidationError):
        services.give_akkoord(gesprek=gesprek, by=personas.schoolopleider.user, version=1)


def test_the_print_view_is_a_document_with_the_signatures(client, personas, gesprek):
    factories.LeerdoelFactory(stage=personas.stage, gesprek=gesprek, title="Differentiëren")
    services.save_notes(gesprek=gesprek, by=personas.wpb.user, version=0,
                        progress="Goed op weg", questions="", agreements="")
    services.share_notes(gesprek=gesprek, by=personas.wpb.user)
    client.force_login(personas.student.user)
    response = client.get(reverse("driehoek:gesprek_print", kwargs={"uuid": gesprek.uuid}))
    page = response.content.decode()
    assert "Verslag van een driehoeksgesprek" in page
    assert "css/driehoek.css" in page
    assert "Goed op weg" in page and "Differentiëren" in page
    assert page.count("<tr><td>") >= 3  # one signature row per participant
