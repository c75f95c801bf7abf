"""Which mails a person wants (NotificatieVoorkeur): one switch per kind of mail that can be
turned off. Mail a person must get (an invitation, a password reset) has no switch."""

from __future__ import annotations

from opleidingsschool.models import NotificatieVoorkeur, User

from .unsubscribe import FIELDS


def preferences_for(user: User) -> NotificatieVoorkeur:
    """The person's preferences; defaults (everything on) until they change them."""
    return NotificatieVoorkeur.objects.filter(user=user).first() or NotificatieVoorkeur(user=user)


def save_preferences(*, user: User, **choices: bool) -> NotificatieVoorkeur:
    """Save which mails the person wants; a kind not in `choices` keeps its value."""
    unknown = set(choices) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown preferences: {sorted(unknown)}")
    voorkeur, _created = NotificatieVoorkeur.objects.update_or_create(
        user=user, defaults={name: bool(value) for name, value in choices.items()}
    )
    return voorkeur
