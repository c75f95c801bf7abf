"""Accounts: the e-mail-based User of the portal."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Everyone with a log-in: e-mail is the login name."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    language = models.CharField(
        _("language"), max_length=5, default="nl", choices=[("nl", "Nederlands"), ("en", "English")]
    )
    is_staff = models.BooleanField(
        _("admin access"), default=False, help_text=_("May log in to the Django admin.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set when a coordinator ends the account (is_active goes off with it) and cleared when
    # they reopen it or the account is erased: the retention job erases an account a set
    # period after this moment (privacy/retention.py, kind "accounts").
    ended_at = models.DateTimeField(_("account ended"), null=True, blank=True)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name"]
        indexes = [
            # Lists of people in name order walk this index for their first page instead of
            # sorting everyone (issue 10).
            models.Index(fields=["last_name", "first_name", "id"], name="user_name_idx"),
            models.Index(fields=["ended_at"], name="user_ended_at_idx",
                         condition=models.Q(ended_at__isnull=False)),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_ended(self) -> bool:
        """Ended by a coordinator and not yet erased: it can still be reopened."""
        return not self.is_active and self.ended_at is not None

    def get_short_name(self) -> str:
        return self.first_name or self.email

