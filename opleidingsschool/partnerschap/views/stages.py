"""Placements and their triangle."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from ... import services
from ...models import (
    Functie,
    Schooljaar,
    Stage,
    Student,
)
from .. import forms, selectors
from .base import (
    CoordinatorMixin,
    LookupMixin,
    ObjectPage,
    SectionList,
    ServiceFormView,
)

# --- Placements --------------------------------------------------------------------------------


class StageList(SectionList):
    model = Stage
    heading = gettext_lazy("Placements")
    add_label = gettext_lazy("Add a placement")
    selector = staticmethod(selectors.stages)
    page_source = staticmethod(selectors.stages_page_source)
    filter_form_class = forms.StageFilterForm


class StageDetail(ObjectPage, LookupMixin, CoordinatorMixin, DetailView):
    model = Stage
    template_name = "partnerschap/stage_detail.html"

    def get_queryset(self):
        return selectors.stage_detail_queryset(self.partnerschap)


class StageFormView(ServiceFormView):
    """Create or change a placement and its triangle through services.save_stage."""

    model = Stage
    form_class = forms.StageForm
    stage = None

    def call_service(self, data):
        if self.stage is not None:
            data["student"] = self.stage.student
        return services.save_stage(stage=self.stage, **data)

    def saved_message(self, stage):
        return _("The placement of %(student)s at %(school)s in %(year)s has been saved.") % {
            "student": stage.student, "school": stage.school, "year": stage.schooljaar,
        }

    def get_success_url(self, stage):
        return stage.get_absolute_url()


class StageCreate(StageFormView):
    heading = gettext_lazy("Add a placement")

    def get_initial(self):
        initial = {"schooljaar": Schooljaar.objects.current()}
        # "Add a placement" on a student's page passes the student along.
        try:
            initial["student"] = selectors.studenten_of(self.partnerschap).get(
                uuid=self.request.GET["student"])
        except (KeyError, ValidationError, Student.DoesNotExist):
            pass
        return initial


class StageEdit(StageFormView):
    def load_object(self):
        self.stage = get_object_or_404(
            selectors.stage_detail_queryset(self.partnerschap), uuid=self.kwargs["uuid"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "fixed_student": self.stage.student}

    def get_initial(self):
        stage = self.stage
        return {
            "student": stage.student, "school": stage.school, "schooljaar": stage.schooljaar,
            "start_date": stage.start_date, "end_date": stage.end_date, "kind": stage.kind,
            "werkplekbegeleider": services.current_formal(stage, Functie.WERKPLEKBEGELEIDER),
            "schoolopleider": services.current_formal(stage, Functie.SCHOOLOPLEIDER),
            "instituutsopleider": services.current_formal(stage, Functie.INSTITUUTSOPLEIDER),
            "schooldagen": list(stage.schooldagen),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=str(self.stage), subheading=_("Placement"),
            cancel_url=self.stage.get_absolute_url(), **kwargs,
        )
