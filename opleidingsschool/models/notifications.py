"""The exactly-once record of every mail the portal sends, and what a person wants to get."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .bijeenkomsten import Bijeenkomst


class HerinneringStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    CLAIMED = "claimed", _("being sent")
    SENT = "sent", _("sent")
    # No longer applies when its turn came (unregistered, session cancelled, opted out).
    SKIPPED = "skipped", _("not needed any more")
    # Every try failed (the last error is kept); never silently dropped.
    FAILED = "failed", _("failed")


class SkipReason(models.TextChoices):
    """Why a mail was not sent when its turn came."""

    PREFERENCE = "preference", _("turned off in the notification preferences")
    NOT_REGISTERED = "not_registered", _("no longer registered")
    CANCELLED = "cancelled", _("the session was cancelled")
    OVER = "over", _("already over")
    REPLACED = "replaced", _("replaced by a newer mail")
    INACTIVE = "inactive", _("account not active")
    GONE = "gone", _("no longer applies")


class Herinnering(models.Model):
    """One reminder or notice to one person for one thing: the exactly-once record.

    `subject_key` names the thing ("bijeenkomst:12", or another app's key); the unique
    constraint on (subject_key, user, kind) is the database guarantee that it is sent once.
    """

    subject_key = models.CharField(_("about"), max_length=80)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="herinneringen",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="herinneringen",
        verbose_name=pgettext_lazy("meeting", "session"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HerinneringStatus.choices,
        default=HerinneringStatus.PENDING,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    enqueued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    reason = models.CharField(_("reason"), max_length=20, choices=SkipReason.choices, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_key", "user", "kind"], name="one_herinnering_per_thing_person_kind"
            )
        ]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="herinnering_due_idx")]

    def __str__(self):
        return f"{self.subject_key} → {self.user_id} ({self.kind})"

    def message_id(self, domain: str) -> str:
        """The same Message-ID on every attempt, so a resend is recognisably the same mail."""
        return f"<herinnering.{self.pk}.{self.kind}@{domain}>"


class NotificatieVoorkeur(models.Model):
    """A person's choice of which mails they get (one row per person). Mail a person must
    get (an account invitation, a password reset) is not in here."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notificatievoorkeur",
        verbose_name=_("person"),
    )
    week_before = models.BooleanField(_("a reminder a week before"), default=True)
    same_day = models.BooleanField(_("a reminder on the morning of the session"), default=True)
    changes = models.BooleanField(_("a notice when a session changes or is cancelled"), default=True)
    triangle = models.BooleanField(
        _("invitations and notes of triangle meetings"), default=True
    )
    action_items = models.BooleanField(
        _("a reminder when an action item is due"), default=True
    )
    mentoring = models.BooleanField(
        _("requests and answers about mentoring and classroom visits"), default=True
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)
