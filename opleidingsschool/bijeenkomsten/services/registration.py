"""Registration with a waiting list that moves up by itself, attendance, invited experts and
the calendar feed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool import homecache
from opleidingsschool.models import (
    Aanmelding,
    AanmeldingStatus,
    Bijeenkomst,
    BijeenkomstStatus,
    Expertise,
    KalenderFeed,
    Medewerker,
    School,
    Uitnodiging,
    UitnodigingStatus,
    User,
    new_feed_token,
)
from opleidingsschool.notifications.preferences import preferences_for, save_preferences  # noqa: F401
from opleidingsschool.services.people import invite_gastexpert

from .. import notices
from ..selectors import partnerschap_staff
from .planning import _promote_waiting, _registered_count, queue_notice


@transaction.atomic
def register(*, bijeenkomst: Bijeenkomst, user: User) -> Aanmelding:
    """Register; when the session is full, join the waiting list instead. The session row
    is locked so two people cannot take the last place together."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    if bijeenkomst.status != BijeenkomstStatus.PLANNED or bijeenkomst.is_past:
        raise ValidationError(_("You can no longer register for this session."))
    aanmelding, _created = Aanmelding.objects.get_or_create(
        bijeenkomst=bijeenkomst,
        user=user,
        defaults={"status": AanmeldingStatus.CANCELLED},
    )
    if aanmelding.status != AanmeldingStatus.CANCELLED:
        return aanmelding
    full = bijeenkomst.capacity is not None and _registered_count(bijeenkomst) >= bijeenkomst.capacity
    aanmelding.status = AanmeldingStatus.WAITING if full else AanmeldingStatus.REGISTERED
    aanmelding.registered_at = timezone.now()
    aanmelding.save(update_fields=["status", "registered_at"])
    return aanmelding


@transaction.atomic
def unregister(*, bijeenkomst: Bijeenkomst, user: User) -> list[Aanmelding]:
    """Unregister (or leave the waiting list); the first on the waiting list moves up.
    Returns the registrations that moved up."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    homecache.note(everyone=True)
    updated = (
        Aanmelding.objects.filter(bijeenkomst=bijeenkomst, user=user)
        .exclude(status=AanmeldingStatus.CANCELLED)
        .update(status=AanmeldingStatus.CANCELLED)
    )
    return _promote_waiting(bijeenkomst) if updated else []


@transaction.atomic
def record_attendance(*, bijeenkomst: Bijeenkomst, by: User, present_ids) -> int:
    """Record who attended among the registered: the others are marked absent. Returns the
    number present."""
    now = timezone.now()
    homecache.note(everyone=True)
    registered = bijeenkomst.aanmeldingen.filter(status=AanmeldingStatus.REGISTERED)
    present_ids = set(present_ids)
    present = registered.filter(pk__in=present_ids).update(attended=True, attendance_recorded_at=now)
    registered.exclude(pk__in=present_ids).update(attended=False, attendance_recorded_at=now)
    return present


# Invitations ---------------------------------------------------------------------------


@transaction.atomic
def invite_expert(
    *, bijeenkomst: Bijeenkomst, medewerker: Medewerker, by: User, expertise: Expertise | None = None
) -> Uitnodiging:
    """Invite a colleague for their expertise; they get a mail and answer in the portal."""
    uitnodiging, created = Uitnodiging.objects.get_or_create(
        bijeenkomst=bijeenkomst,
        medewerker=medewerker,
        defaults={"expertise": expertise, "invited_by": by},
    )
    if created:
        queue_notice(bijeenkomst=bijeenkomst, kind=notices.INVITED, user_ids=[medewerker.user_id])
    return uitnodiging


@transaction.atomic
def invite_guest_expert(
    *, bijeenkomst: Bijeenkomst, email: str, first_name: str, last_name: str, by: User,
    expertise: Expertise | None = None,
) -> tuple[Uitnodiging, bool]:
    """Invite an expert from outside the partnership (issue 12: a guest expert, who logs in
    with eduID). A new address gets an account as a guest expert of the session's partnership
    and the account invitation; the address of one of the partnership's staff or guest
    experts invites that person. Another account's address is refused (ValidationError on
    `email`): it is not this partnership's to invite. Returns the invitation and whether an
    account was made."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        medewerker = invite_gastexpert(
            email=email, first_name=first_name, last_name=last_name,
            partnerschap=bijeenkomst.partnerschap, expertises=[expertise] if expertise else [],
        )
    else:
        medewerker = partnerschap_staff(bijeenkomst.partnerschap).filter(user=user).first()
        if medewerker is None:
            raise ValidationError({"email": _(
                "This e-mail address belongs to an account outside this partnership's staff "
                "and guest experts: it cannot be invited here."
            )})
        if expertise is not None and medewerker.is_gast:
            medewerker.expertises.add(expertise)
    uitnodiging = invite_expert(
        bijeenkomst=bijeenkomst, medewerker=medewerker, by=by, expertise=expertise
    )
    return uitnodiging, user is None


@transaction.atomic
def answer_uitnodiging(*, uitnodiging: Uitnodiging, accept: bool) -> Uitnodiging:
    uitnodiging.status = UitnodigingStatus.ACCEPTED if accept else UitnodigingStatus.DECLINED
    uitnodiging.answered_at = timezone.now()
    uitnodiging.save(update_fields=["status", "answered_at"])
    return uitnodiging


# The calendar feed (mail preferences live in the outbox: notifications.preferences) ------


def feed_for(user: User) -> KalenderFeed:
    feed, _created = KalenderFeed.objects.get_or_create(user=user)
    return feed


def reset_feed(*, user: User) -> KalenderFeed:
    """A new secret address; the old one stops working at once."""
    feed = feed_for(user)
    feed.token = new_feed_token()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed


def schools_queryset():
    return School.objects.order_by("name")
