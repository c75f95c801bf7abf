"""Lesson observations (lesobservatie): a mentor or a colleague watches a student's lesson
along the partnership's observation instrument, to help the student develop, never to grade.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from opleidingsschool.models import Partnerschap, Student
from opleidingsschool.urlmemo import reverse

from .lesbezoeken import Lesbezoek


class Observatiedomein(models.Model):
    """A domain of a partnership's observation instrument, e.g. "efficient classroom
    management". Deactivated domains stay on the observations that used them."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnerschap = models.ForeignKey(
        Partnerschap, on_delete=models.CASCADE, related_name="observatiedomeinen",
        verbose_name=_("partnership"),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("observation domain")
        verbose_name_plural = _("observation domains")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnerschap", "name"], name="observatiedomein_name_per_partnerschap"
            ),
        ]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    """Something an observer can see happen in a lesson, within one domain ("starts the
    lesson promptly"). Deactivated indicators stay on the observations that scored them."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    domein = models.ForeignKey(
        Observatiedomein, on_delete=models.CASCADE, related_name="indicatoren",
        verbose_name=_("domain"),
    )
    text = models.CharField(_("indicator"), max_length=300)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("observation indicator")
        verbose_name_plural = _("observation indicators")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["domein", "text"], name="indicator_text_per_domein"),
        ]

    def __str__(self):
        return self.text


class Score(models.IntegerChoices):
    """The four-point observation scale. Not a grade: it says what the observer saw."""

    NOT_OBSERVED = 0, pgettext_lazy("observation score", "not observed")
    WEAK = 1, pgettext_lazy("observation score", "weak")
    RATHER_WEAK = 2, pgettext_lazy("observation score", "rather weak")
    RATHER_STRONG = 3, pgettext_lazy("observation score", "rather strong")
    STRONG = 4, pgettext_lazy("observation score", "strong")


class LesobservatieQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(sent_at__isnull=False)

    def drafts(self):
        return self.filter(sent_at__isnull=True)


class Lesobservatie(models.Model):
    """One observed lesson of a student (or a starter, through their student record).

    A draft is the observer's alone; once sent it is the student's to read first, and once
    the student marks it discussed their formal mentors read it too (selectors.lesobservaties)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="lesobservaties",
        verbose_name=_("student"),
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
        related_name="lesobservaties_made", verbose_name=_("observer"),
    )
    lesbezoek = models.ForeignKey(
        Lesbezoek, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="lesobservaties", verbose_name=_("classroom visit"),
    )
    date = models.DateField(_("date of the lesson"))
    class_name = models.CharField(_("class"), max_length=50)
    subject = models.CharField(_("subject"), max_length=100, blank=True)
    went_well = models.TextField(_("what went well"), blank=True)
    tip = models.TextField(_("a tip"), blank=True)
    # {str(domein id): "what went well / a tip"} for the domains the observer wrote about.
    domain_notes = models.JSONField(_("notes per domain"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent to the student at"), null=True, blank=True)
    discussed_at = models.DateTimeField(_("discussed at"), null=True, blank=True)

    objects = LesobservatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson observation")
        verbose_name_plural = _("lesson observations")
        ordering = ["-date", "-created_at"]
        indexes = [
            models.Index(fields=["student", "date"], name="lesobservatie_student_idx"),
            models.Index(fields=["observer", "date"], name="lesobservatie_observer_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discussed_at__isnull=True) | models.Q(sent_at__isnull=False),
                name="lesobservatie_discussed_after_sent",
            ),
        ]

    def __str__(self):
        return f"{self.student}, {self.class_name} {self.date:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("begeleiding:lesobservatie_detail", kwargs={"uuid": self.uuid})

    @property
    def is_draft(self) -> bool:
        return self.sent_at is None

    @property
    def is_discussed(self) -> bool:
        return self.discussed_at is not None


class Observatiescore(models.Model):
    """What the observer saw of one indicator in one observation: a point on the scale (or
    "not observed", or nothing yet in a draft) and an optional remark."""

    lesobservatie = models.ForeignKey(
        Lesobservatie, on_delete=models.CASCADE, related_name="scores",
        verbose_name=_("lesson observation"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="scores", verbose_name=_("indicator"),
    )
    score = models.PositiveSmallIntegerField(
        _("score"), choices=Score.choices, null=True, blank=True
    )
    remark = models.CharField(_("remark"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("observation score")
        verbose_name_plural = _("observation scores")
        constraints = [
            models.UniqueConstraint(
                fields=["lesobservatie", "indicator"], name="one_score_per_indicator"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__lte=Score.STRONG),
                name="observatiescore_on_the_scale",
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.get_score_display() or '–'}"
