"""Signed, expiring one-click unsubscribe tokens (RFC 8058), one per person and kind of mail.

The token names the person and the NotificatieVoorkeur field to turn off; it is signed with
the SECRET_KEY (django.core.signing) and refused once older than
settings.UNSUBSCRIBE_TOKEN_MAX_AGE, or when anything in it was changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from opleidingsschool.models import NotificatieVoorkeur, User

SALT = "opleidingsschool.notifications.unsubscribe"
FIELDS = ("week_before", "same_day", "changes", "triangle", "action_items", "mentoring")


@dataclass(frozen=True)
class Request:
    user: User
    field: str

    @property
    def label(self) -> str:
        return NotificatieVoorkeur._meta.get_field(self.field).verbose_name


def make_token(*, user_id: int, field: str) -> str:
    if field not in FIELDS:
        raise ValueError(f"unknown preference {field!r}")
    return signing.dumps({"u": user_id, "f": field}, salt=SALT, compress=True)


def unsubscribe_url(*, user_id: int, field: str) -> str:
    path = reverse("notifications:unsubscribe", kwargs={"token": make_token(user_id=user_id, field=field)})
    return f"{settings.SITE_URL}{path}"


def read_token(token: str) -> Request | None:
    """The person and preference of a valid token; None when tampered with or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.UNSUBSCRIBE_TOKEN_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    if not isinstance(data, dict) or data.get("f") not in FIELDS:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    return Request(user=user, field=data["f"]) if user else None


def turn_off(request: Request) -> None:
    NotificatieVoorkeur.objects.update_or_create(
        user=request.user, defaults={request.field: False}
    )
