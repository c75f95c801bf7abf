"""Account invitations as a source of the outbox: "account:<user id>", kind
"invitation-<when>" (a new row for every invitation sent; a double click in the same second
is one). An invitation is mail a person must get: it has no unsubscribe link."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Herinnering, User
from .notifications import outbox
from .notifications.registry import Due, Source
from .notifications.render import render_mail

PREFIX = "account"


def invitation_url(user: User) -> str:
    """A link where the person chooses a password (allauth's reset-from-key page)."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return f"{settings.SITE_URL}{path}"


def notify(user: User) -> None:
    kind = f"invitation-{timezone.now():%Y%m%d%H%M%S}"
    outbox.notify([Due(f"{PREFIX}:{user.pk}", user.pk, kind)])


def notify_all(users) -> None:
    """One invitation each for many people (an import), in three queries."""
    kind = f"invitation-{timezone.now():%Y%m%d%H%M%S}"
    outbox.notify([Due(f"{PREFIX}:{user.pk}", user.pk, kind) for user in users])


def build(*, rows: list[Herinnering]) -> dict[int, object]:
    """No queries: the row's user is the person invited (inactive accounts are skipped by
    the outbox)."""
    return {
        row.pk: render_mail(
            template="invitation",
            recipient=row.user,
            context={
                "url": invitation_url(row.user),
                "valid_days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24),
            },
        )
        for row in rows
    }


SOURCE = Source(prefix=PREFIX, build=build, label=lambda kind: str(_("Account invitation")))
