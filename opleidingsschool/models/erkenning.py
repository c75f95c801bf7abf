"""Recognition of the colleagues who train (issue 15): what a teacher educator records of
their own development. Everything else on the recognition pages is computed from what the
portal already holds (registries.recognition_sources)."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.urlmemo import reverse

from .core import Medewerker


class ProfessionaliseringSoort(models.TextChoices):
    COURSE = "course", _("course or training")
    REGISTRATION = "registration", _("registration hours")
    CONFERENCE = "conference", _("conference or study day")
    INTERVISION = "intervision", _("peer consultation")
    OTHER = "other", _("other")


class Professionalisering(models.Model):
    """A schoolopleider's or instituutsopleider's own development as a teacher educator
    (professionalisering): a course, registration hours, a conference, peer consultation.
    The start of a career path for teacher educators; counted per school year."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    medewerker = models.ForeignKey(
        Medewerker, on_delete=models.CASCADE, related_name="professionaliseringen",
        verbose_name=_("staff member"),
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    soort = models.CharField(_("kind"), max_length=20, choices=ProfessionaliseringSoort.choices)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("professional development")
        verbose_name_plural = _("professional development")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["medewerker", "date"], name="professionalisering_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=999),
                name="professionalisering_hours_between_0_and_999",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse("erkenning:professionalisering_edit", kwargs={"uuid": self.uuid})
