"""The school calendar: national school holidays per region and a school's own days off.

Which days a placement's student is at school is worked out in opleidingsschool.schoolcalendar
from these rows, the school's region and the placement's school days.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .core import Regio, School


class Vakantie(models.Model):
    """A school holiday (herfstvakantie, kerstvakantie, ...) of one region, or of all regions
    when `regio` is empty. Both dates are days off."""

    name = models.CharField(_("name"), max_length=100)
    regio = models.CharField(
        _("region"), max_length=6, choices=Regio.choices, blank=True,
        help_text=_("Left empty: the holiday applies to all regions."),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("school holiday")
        verbose_name_plural = _("school holidays")
        ordering = ["start_date", "regio"]
        indexes = [models.Index(fields=["end_date", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="vakantie_ends_after_start",
            ),
        ]

    def __str__(self):
        region = self.get_regio_display() if self.regio else _("all regions")
        return f"{self.name} {self.start_date:%Y} ({region})"


class VrijeDag(models.Model):
    """A day one school is closed outside the holidays, such as a study day."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="vrije_dagen", verbose_name=_("school"),
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=100, help_text=_("For example studiedag."))

    class Meta:
        verbose_name = _("day off")
        verbose_name_plural = _("days off")
        ordering = ["date", "school__name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "date"], name="unique_vrije_dag_per_school"),
        ]

    def __str__(self):
        return f"{self.reason} {self.date:%d-%m-%Y}"
