import re

import pytest
from django.urls import reverse

from opleidingsschool.models import User
from opleidingsschool.services import invite_student
from tests import factories

pytestmark = pytest.mark.django_db


def test_login_with_email_and_password_lands_on_home(client, personas):
    personas.student.user.set_password("een-goed-wachtwoord")
    personas.student.user.save()
    response = client.post(
        reverse("account_login"),
        {"login": "sanne@example.org", "password": "een-goed-wachtwoord"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == personas.student.user


def test_login_with_wrong_password_shows_a_dutch_error(client, personas):
    response = client.post(
        reverse("account_login"), {"login": "sanne@example.org", "password": "fout"}
    )
    assert response.status_code == 200
    assert "Het door jou opgegeven e-mailadres en/of wachtwoord is niet correct." in response.content.decode()
    assert response.context["user"].is_authenticated is False


def test_login_is_rate_limited_after_repeated_failures(client, personas):
    personas.student.user.set_password("een-goed-wachtwoord")
    personas.student.user.save()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "sanne@example.org", "password": "fout"})
    response = client.post(
        reverse("account_login"),
        {"login": "sanne@example.org", "password": "een-goed-wachtwoord"},
    )
    assert response.status_code == 200
    assert response.context["user"].is_authenticated is False
    assert "Te veel inlogpogingen. Probeer het later nogmaals." in response.content.decode()


def test_open_signup_is_closed(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "nieuw@example.org", "password1": "Zeer-geheim-42", "password2": "Zeer-geheim-42"},
    )
    assert response.status_code == 200
    assert "Je kunt niet zelf een account aanmaken." in response.content.decode()
    assert User.objects.filter(email="nieuw@example.org").exists() is False


def test_logout_ends_the_session(client, personas):
    client.force_login(personas.student.user)
    client.post(reverse("account_logout"))
    assert client.get(reverse("home")).status_code == 302


def test_invited_person_chooses_a_password_and_logs_in(
    client, mailoutbox, db, django_capture_on_commit_callbacks
):
    opleiding = factories.OpleidingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invite_student(
            email="Nieuwe.Student@Example.org", first_name="Noor", last_name="Nieuw",
            opleiding=opleiding, study_year=1,
        )
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["nieuwe.student@example.org"]
    assert mail.subject == "Je account voor Opleidingsschool"
    link = re.search(r"http://\S+", mail.body).group(0)
    path = link.removeprefix("http://127.0.0.1:8000")
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"password1": "Een-sterk-wachtwoord-9", "password2": "Een-sterk-wachtwoord-9"},
        follow=True,
    )
    assert response.context["user"].email == "nieuwe.student@example.org"
    client.logout()
    assert client.login(email="nieuwe.student@example.org", password="Een-sterk-wachtwoord-9")


def test_invitation_link_works_only_once(
    client, mailoutbox, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_student(
            email="eenmalig@example.org", first_name="Eef", last_name="Eenmalig",
            opleiding=factories.OpleidingFactory(), study_year=2,
        )
    path = re.search(r"http://\S+", mailoutbox[0].body).group(0).removeprefix(
        "http://127.0.0.1:8000"
    )
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(form_url, {"password1": "Een-sterk-wachtwoord-9", "password2": "Een-sterk-wachtwoord-9"})
    client.logout()
    response = client.get(path, follow=True)
    assert "Deze link werkt niet meer" in response.content.decode()


def test_password_reset_sends_a_mail_to_known_address(client, mailoutbox, personas):
    response = client.post(
        reverse("account_reset_password"), {"email": "sanne@example.org"}, follow=True
    )
    assert "Kijk in je e-mail" in response.content.decode()
    assert [mail.to for mail in mailoutbox] == [["sanne@example.org"]]


def test_password_reset_with_invalid_address_shows_error(client, db):
    response = client.post(reverse("account_reset_password"), {"email": "geen-adres"})
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in." in response.content.decode()


def test_invitation_is_not_sent_when_the_transaction_rolls_back(
    mailoutbox, db, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                invite_student(
                    email="terug@example.org", first_name="T", last_name="T",
                    opleiding=factories.OpleidingFactory(), study_year=1,
                )
                raise RuntimeError("something later in the same request failed")
    assert mailoutbox == []
    assert User.objects.filter(email="terug@example.org").exists() is False


def test_invitation_mail_is_in_the_persons_language(
    mailoutbox, db, django_capture_on_commit_callbacks
):
    user = factories.UserFactory(email="english@example.org", language="en")
    from opleidingsschool.services import send_invitation

    with django_capture_on_commit_callbacks(execute=True):
        send_invitation(user=user)
    assert mailoutbox[0].subject == "Your account for Opleidingsschool"


def test_duplicate_email_is_refused_whatever_the_case(db):
    from django.core.exceptions import ValidationError

    factories.UserFactory(email="dubbel@example.org")
    with pytest.raises(ValidationError) as error:
        invite_student(
            email="DUBBEL@example.org", first_name="D", last_name="D",
            opleiding=factories.OpleidingFactory(), study_year=1,
        )
    assert error.value.message_dict == {
        "email": ["Iemand met dit e-mailadres heeft al een account."]
    }
