"""Learning outcomes and their meaning per school, focus themes, learning-work tasks and
curriculum building blocks."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import Partnerschap, School, default_partnerschap
from opleidingsschool.querysets import ActiveQuerySet
from opleidingsschool.urlmemo import reverse


def partnerschap_field(related_name: str):
    """The partnership a piece of the curriculum belongs to (the installation's first one
    when made without one); each partnership keeps its own curriculum."""
    return models.ForeignKey(
        Partnerschap, on_delete=models.PROTECT, default=default_partnerschap,
        related_name=related_name, verbose_name=_("partnership"),
    )


class Leeruitkomst(models.Model):
    """A learning outcome: what a student must be able to do by the end (startbekwaam)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnerschap = partnerschap_field("leeruitkomsten")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    group = models.CharField(
        _("group"), max_length=100, blank=True,
        help_text=_("For example vakinhoudelijk, vakdidactisch or pedagogisch bekwaam."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnerschap", "code"], name="leeruitkomst_code_per_partnerschap"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("leerwerktaken:leeruitkomst_detail", kwargs={"uuid": self.uuid})


class Invulling(models.Model):
    """What a learning outcome concretely means at one school, written by its schoolopleider."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    leeruitkomst = models.ForeignKey(
        Leeruitkomst, on_delete=models.CASCADE, related_name="invullingen",
        verbose_name=_("learning outcome"),
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="invullingen", verbose_name=_("school")
    )
    indicators = models.TextField(
        _("indicators"), help_text=_("What you see when a student masters this here; one per line.")
    )
    examples = models.TextField(
        _("examples"), blank=True, help_text=_("Situations at this school where it shows.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("school-specific interpretation")
        verbose_name_plural = _("school-specific interpretations")
        ordering = ["leeruitkomst__position", "school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["leeruitkomst", "school"], name="one_invulling_per_school"
            )
        ]

    def __str__(self):
        return f"{self.leeruitkomst.code} – {self.school}"

    @property
    def indicator_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.indicators.splitlines() if line.strip(" -•\t")]


class Speerpunt(models.Model):
    """A focus theme the partnership chose, such as creative thinking in education."""

    partnerschap = partnerschap_field("speerpunten")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("focus theme")
        verbose_name_plural = _("focus themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnerschap", "name"], name="speerpunt_name_per_partnerschap"
            )
        ]

    def __str__(self):
        return self.name


class StageLevel(models.TextChoices):
    ORIENTEREND = "orienterend", _("orientation placement")
    VERDIEPEND = "verdiepend", _("deepening placement")
    AFSTUDEREND = "afstuderend", _("final placement (lio)")


class Leerwerktaak(models.Model):
    """A learning-work task: an assignment done in practice, fitted to the study year and
    placement level and linked to the institute's curriculum."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnerschap = partnerschap_field("leerwerktaken")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    year_1 = models.BooleanField(_("study year 1"), default=False)
    year_2 = models.BooleanField(_("study year 2"), default=False)
    year_3 = models.BooleanField(_("study year 3"), default=False)
    year_4 = models.BooleanField(_("study year 4"), default=False)
    stage_level = models.CharField(
        _("placement level"), max_length=20, choices=StageLevel.choices, blank=True
    )
    speerpunten = models.ManyToManyField(
        Speerpunt, blank=True, related_name="leerwerktaken", verbose_name=_("focus themes")
    )
    leeruitkomsten = models.ManyToManyField(
        Leeruitkomst, blank=True, related_name="leerwerktaken",
        verbose_name=_("learning outcomes"),
    )
    module = models.CharField(
        _("institute module"), max_length=200, blank=True,
        help_text=_("The module of the institute's curriculum this task belongs to."),
    )
    is_group_task = models.BooleanField(
        _("group task"), default=False,
        help_text=_("Students do it together and hand in one submission."),
    )
    uses_outside_school = models.BooleanField(
        _("uses the learning environment outside school"), default=False
    )
    deliverable = models.TextField(_("what the student hands in"), blank=True)
    criteria = models.TextField(
        _("assessment criteria"), blank=True,
        help_text=_("One criterion per line; feedback is given per criterion."),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning-work task")
        verbose_name_plural = _("learning-work tasks")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("leerwerktaken:leerwerktaak_detail", kwargs={"uuid": self.uuid})

    @property
    def study_years(self) -> list[int]:
        return [year for year in range(1, 5) if getattr(self, f"year_{year}")]

    @property
    def criteria_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.criteria.splitlines() if line.strip(" -•\t")]



class BouwsteenSoort(models.TextChoices):
    LEERWERKTAAK = "leerwerktaak", _("learning-work task")
    BIJEENKOMST = "bijeenkomst", _("session or workshop")
    MODULE = "module", _("institute module")
    MATERIAAL = "materiaal", _("material or tool")
    BEGELEIDING = "begeleiding", _("form of mentoring")


class Curriculumbouwsteen(models.Model):
    """Something the partnership already has to address a need ("do we have something for
    this, or must we make it?")."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnerschap = partnerschap_field("bouwstenen")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    soort = models.CharField(_("kind"), max_length=20, choices=BouwsteenSoort.choices)
    leeruitkomsten = models.ManyToManyField(
        Leeruitkomst, blank=True, related_name="bouwstenen", verbose_name=_("learning outcomes")
    )
    speerpunten = models.ManyToManyField(
        Speerpunt, blank=True, related_name="bouwstenen", verbose_name=_("focus themes")
    )
    leerwerktaak = models.ForeignKey(
        Leerwerktaak, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="bouwstenen", verbose_name=_("learning-work task"),
    )
    contact = models.CharField(
        _("contact"), max_length=200, blank=True, help_text=_("Who to ask about it.")
    )
    link = models.URLField(_("link"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("curriculum building block")
        verbose_name_plural = _("curriculum building blocks")
        ordering = ["title"]

    def __str__(self):
        return self.title
