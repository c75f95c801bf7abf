"""The curriculum: learning outcomes and learning-work tasks."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Leeruitkomst(models.Model):
    """A learning outcome: what a student must be able to do by the end (startbekwaam)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    group = models.CharField(
        _("group"), max_length=100, blank=True,
        help_text=_("For example vakinhoudelijk, vakdidactisch or pedagogisch bekwaam."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")
        ordering = ["position", "code"]

    def __str__(self):
        return f"{self.code} {self.title}"
