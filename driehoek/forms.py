"""Forms of the triangle. They parse and check input; the services hold the rules."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from begeleiding.models import Leervraag
from leerwerktaken.models import Curriculumbouwsteen, Invulling, Leeruitkomst
from opleidingsschool.formfields import shorten_school_filter

from .models import BehoefteStatus, LeerdoelStatus, Ontwikkelniveau

DURATIONS = [(30, _("30 minutes")), (45, _("45 minutes")), (60, _("1 hour")),
             (90, _("1.5 hours")), (120, _("2 hours"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({self.functies.get(obj.pk, '')})"


class GesprekForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("meeting", "Subject"), max_length=200,
                            initial=pgettext_lazy("meeting title", "Triangle meeting"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    duration = forms.TypedChoiceField(label=_("Duration"), choices=DURATIONS, coerce=int,
                                      initial=60)
    place = forms.CharField(label=_("Place"), max_length=200, required=False,
                            help_text=_("For example the school and the room."))
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https",
                                help_text=_("Fill in a place, a video link or both."))
    deelnemers = MemberChoiceField(
        label=_("Who takes part"), queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("The student always takes part. Everyone gets a calendar invitation."),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        from opleidingsschool.models import User

        field = self.fields["deelnemers"]
        field.queryset = User.objects.filter(pk__in=[member.user.pk for member in members])
        field.functies = {member.user.pk: member.functie for member in members}
        if not self.is_bound and "deelnemers" not in self.initial:
            self.initial["deelnemers"] = [member.user.pk for member in members]

    def clean(self):
        data = super().clean()
        if not (data.get("place") or data.get("video_link")) and not self.has_error("video_link"):
            self.add_error("place", _("Fill in a place or a video link."))
        if all(data.get(name) is not None for name in ("date", "start_time", "duration")):
            try:
                self.times()
            except OverflowError:  # the end would fall after the last day a date can hold
                self.add_error("date", _("This date is too far in the future."))
        return data

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        from .services import local_datetime

        start = local_datetime(self.cleaned_data["date"], self.cleaned_data["start_time"])
        return start, start + datetime.timedelta(minutes=self.cleaned_data["duration"])

    @classmethod
    def initial_for(cls, gesprek) -> dict:
        start = timezone.localtime(gesprek.starts_at)
        minutes = int((gesprek.ends_at - gesprek.starts_at).total_seconds() // 60)
        return {
            "title": gesprek.title, "date": start.date(), "start_time": start.time(),
            "duration": minutes if minutes in dict(DURATIONS) else 60,
            "place": gesprek.place, "video_link": gesprek.video_link,
            "deelnemers": [user.pk for user in gesprek.deelnemers.all()],
        }


class NotesForm(forms.Form):
    progress = forms.CharField(
        label=_("Progress"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text. An empty line starts a new paragraph; a line starting with "
                    "a dash becomes a bullet."),
    )
    questions = forms.CharField(label=_("The student's questions"), required=False,
                                widget=forms.Textarea(attrs={"rows": 5}))
    agreements = forms.CharField(label=_("Agreements"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 5}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def clean(self):
        data = super().clean()
        if not any(data.get(name, "").strip() for name in ("progress", "questions", "agreements")):
            raise forms.ValidationError(_("Write at least one section of the notes."))
        return data


class AkkoordForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)


class AddendumForm(forms.Form):
    text = forms.CharField(label=_("Addendum"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Added below the agreed record, with your name and "
                                       "the date."))


class LeeruitkomstChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class InvullingChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.leeruitkomst.code}: {obj.indicators.splitlines()[0] if obj.indicators else ''}"


class LeerdoelForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("goal", "Goal"), max_length=200,
                            help_text=_("What the student wants to be able to do this year."))
    description = forms.CharField(label=_("How we will see it"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    leeruitkomsten = LeeruitkomstChoiceField(
        label=_("Learning outcomes"), queryset=Leeruitkomst.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    invullingen = InvullingChoiceField(
        label=_("What it means at this school"), queryset=Invulling.objects.none(),
        widget=forms.CheckboxSelectMultiple, required=False,
    )
    leervragen = forms.ModelMultipleChoiceField(
        label=_("Learning questions"), queryset=Leervraag.objects.none(),
        widget=forms.CheckboxSelectMultiple, required=False,
    )
    status = forms.ChoiceField(label=_("Status"), choices=LeerdoelStatus.choices,
                               initial=LeerdoelStatus.ACTIVE)

    def __init__(self, *args, stage, frozen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # The outcomes of the student's partnership (issue 11: each keeps its own curriculum).
        self.fields["leeruitkomsten"].queryset = Leeruitkomst.objects.active().filter(
            partnerschap_id=stage.student.partnerschap_id)
        invullingen = Invulling.objects.filter(school_id=stage.school_id).select_related(
            "leeruitkomst"
        )
        self.fields["invullingen"].queryset = invullingen
        if not invullingen.exists():
            del self.fields["invullingen"]
        self.fields["leervragen"].queryset = Leervraag.objects.shared().filter(
            student_id=stage.student_id, archived_at__isnull=True
        )
        if frozen:
            # Agreed in a locked record: only the status moves on.
            for name in list(self.fields):
                if name != "status":
                    del self.fields[name]


class ActiepuntForm(forms.Form):
    description = forms.CharField(label=pgettext_lazy("action item", "What"), max_length=300)
    owner = forms.TypedChoiceField(label=_("Who"), coerce=int)
    due_date = forms.DateField(label=pgettext_lazy("action item", "Due date"), widget=DateInput())

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {member.user.pk: member.user for member in members}
        self.fields["owner"].choices = [("", "---------")] + [
            (member.user.pk, f"{member.user} ({member.functie})") for member in members
        ]

    def clean_owner(self):
        return self.users[self.cleaned_data["owner"]]

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate() - datetime.timedelta(days=1) and not self.initial.get("due_date"):
            raise forms.ValidationError(_("Choose a due date from today on."))
        return due


class BehoefteForm(forms.Form):
    description = forms.CharField(label=_("What is needed"), max_length=300,
                                  help_text=_("For example: more grip on conversations with "
                                              "parents."))
    status = forms.ChoiceField(label=_("Do we have something for this?"),
                               choices=BehoefteStatus.choices, widget=forms.RadioSelect,
                               initial=BehoefteStatus.OPEN)
    bouwsteen = forms.ModelChoiceField(
        label=_("Curriculum building block"), required=False,
        queryset=Curriculumbouwsteen.objects.active(),
        help_text=_("Only when we have something for this."),
    )

    def __init__(self, *args, stage, **kwargs):
        super().__init__(*args, **kwargs)
        # The building blocks of the placement's partnership only.
        self.fields["bouwsteen"].queryset = Curriculumbouwsteen.objects.active().filter(
            partnerschap_id=stage.student.partnerschap_id)

    def clean(self):
        data = super().clean()
        if data.get("status") == BehoefteStatus.LINKED and not data.get("bouwsteen"):
            self.add_error("bouwsteen", _("Choose the building block we already have."))
        return data


class TussenevaluatieForm(forms.Form):
    """One row per active learning outcome: level, evidence and a short narrative."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    summary = forms.CharField(label=_("Overall picture"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, leeruitkomsten, **kwargs):
        super().__init__(*args, **kwargs)
        self.leeruitkomsten = list(leeruitkomsten)
        choices = [("", _("not rated this time"))] + list(Ontwikkelniveau.choices)
        for leeruitkomst in self.leeruitkomsten:
            prefix = f"lu{leeruitkomst.pk}"
            self.fields[f"{prefix}_niveau"] = forms.TypedChoiceField(
                label=str(leeruitkomst), choices=choices, required=False, coerce=int,
                empty_value=None, widget=forms.RadioSelect,
            )
            self.fields[f"{prefix}_evidence"] = forms.CharField(
                label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("What we saw: lessons, tasks, feedback."),
            )
            self.fields[f"{prefix}_narrative"] = forms.CharField(
                label=_("In short"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        return [
            {"leeruitkomst": lu, "niveau": self[f"lu{lu.pk}_niveau"],
             "evidence": self[f"lu{lu.pk}_evidence"], "narrative": self[f"lu{lu.pk}_narrative"]}
            for lu in self.leeruitkomsten
        ]

    def clean(self):
        data = super().clean()
        oordelen = {}
        for lu in self.leeruitkomsten:
            prefix = f"lu{lu.pk}"
            niveau = data.get(f"{prefix}_niveau")
            if niveau:
                oordelen[lu] = (niveau, data.get(f"{prefix}_evidence", ""),
                                data.get(f"{prefix}_narrative", ""))
            elif data.get(f"{prefix}_evidence") or data.get(f"{prefix}_narrative"):
                self.add_error(f"{prefix}_niveau", _("Choose a level for this outcome."))
        if not oordelen and not self.errors:
            raise forms.ValidationError(_("Rate at least one learning outcome."))
        data["oordelen"] = oordelen
        return data

    @staticmethod
    def initial_for(tussenevaluatie) -> dict:
        initial = {"date": tussenevaluatie.date, "summary": tussenevaluatie.summary}
        for oordeel in tussenevaluatie.oordelen.all():
            prefix = f"lu{oordeel.leeruitkomst_id}"
            initial[f"{prefix}_niveau"] = oordeel.niveau
            initial[f"{prefix}_evidence"] = oordeel.evidence
            initial[f"{prefix}_narrative"] = oordeel.narrative
        return initial


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    all_years = forms.BooleanField(label=_("Earlier years too"), required=False)


class BehoefteFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All"))] + list(BehoefteStatus.choices))
    school = forms.ModelChoiceField(label=_("School"), required=False, queryset=None,
                                    empty_label=_("All schools"))

    def __init__(self, *args, partnerschap, **kwargs):
        super().__init__(*args, **kwargs)
        from opleidingsschool.models import School

        # The partnership's own schools: offered in the select, counted for the typed
        # filter, and the only ones a typed name finds.
        self.fields["school"].queryset = (
            School.objects.none() if partnerschap is None
            else School.objects.filter(partnerschap=partnerschap).order_by("name"))
        shorten_school_filter(self)  # a typed school beyond SCHOOL_SELECT_LIMIT schools
