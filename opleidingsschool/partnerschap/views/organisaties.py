"""Schools, institutes, programmes, school years and expertise tags."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ... import services
from ...models import (
    Expertise,
    Instituut,
    Opleiding,
    School,
    Schooljaar,
    Vakantie,
    VrijeDag,
)
from .. import forms, selectors
from .base import (
    ObjectCreate,
    ObjectDelete,
    ObjectEdit,
    SectionList,
    ServiceFormView,
)

# --- Schools, institutes, programmes, school years, expertise ----------------------------------


class SchoolList(SectionList):
    model = School
    heading = gettext_lazy("Schools")
    add_label = gettext_lazy("Add a school")
    selector = staticmethod(selectors.schools)


class SchoolCreate(ObjectCreate):
    model = School
    form_class = forms.SchoolForm
    heading = gettext_lazy("Add a school")


class SchoolEdit(ObjectEdit):
    model = School
    form_class = forms.SchoolForm


class SchoolDelete(ObjectDelete):
    model = School


class InstituutList(SectionList):
    model = Instituut
    heading = gettext_lazy("Institutes")
    add_label = gettext_lazy("Add an institute")
    selector = staticmethod(selectors.instituten)


class InstituutCreate(ServiceFormView):
    """A new institute works with the coordinator's partnership; one the portal already has
    (another partnership works with it) is linked to this partnership too."""

    model = Instituut
    form_class = forms.InstituutForm
    heading = gettext_lazy("Add an institute")

    def form_valid(self, form):
        try:
            instituut, linked = services.add_instituut(
                partnerschap=self.partnerschap, **form.cleaned_data)
        except ValidationError as error:
            forms.add_service_errors(form, error)
            return self.form_invalid(form)
        if linked:
            messages.success(self.request, _(
                "The portal already had the institute ‘%(name)s’ (another partnership works "
                "with it). It now works with your partnership too.") % {"name": instituut})
        else:
            messages.success(self.request, self.saved_message(instituut))
        return redirect(self.url_for("list"))


class InstituutEdit(ObjectEdit):
    model = Instituut
    form_class = forms.InstituutForm


class InstituutDelete(ObjectDelete):
    model = Instituut

    def check_deletable(self):
        if self.object.partnerschappen.exclude(pk=self.partnerschap.pk).exists():
            raise ValidationError(_(
                "‘%(name)s’ cannot be deleted because other partnerships work with it too. "
                "Nothing has been changed.") % {"name": self.object})


class OpleidingList(SectionList):
    model = Opleiding
    heading = gettext_lazy("Programmes")
    add_label = gettext_lazy("Add a programme")
    selector = staticmethod(selectors.opleidingen)
    filter_form_class = forms.OpleidingFilterForm


class OpleidingCreate(ObjectCreate):
    model = Opleiding
    form_class = forms.OpleidingForm
    heading = gettext_lazy("Add a programme")


class OpleidingEdit(ObjectEdit):
    model = Opleiding
    form_class = forms.OpleidingForm


class OpleidingDelete(ObjectDelete):
    model = Opleiding


class SchooljaarList(SectionList):
    model = Schooljaar
    heading = gettext_lazy("School years")
    add_label = gettext_lazy("Add a school year")
    selector = staticmethod(selectors.schooljaren)

    def get_context_data(self, **kwargs):
        return super().get_context_data(current=Schooljaar.objects.current(), **kwargs)


class SchooljaarCreate(ObjectCreate):
    model = Schooljaar
    form_class = forms.SchooljaarForm
    heading = gettext_lazy("Add a school year")

    def get_initial(self):
        # The school year after the latest one, or this school year when there is none.
        latest = Schooljaar.objects.order_by("-start_date").first()
        today = timezone.localdate()
        start_year = (
            latest.start_date.year + 1 if latest
            else today.year if today.month >= 8 else today.year - 1
        )
        name, start, end = Schooljaar.bounds_for(start_year)
        return {"name": name, "start_date": start, "end_date": end}


class SchooljaarEdit(ObjectEdit):
    model = Schooljaar
    form_class = forms.SchooljaarForm


class SchooljaarDelete(ObjectDelete):
    model = Schooljaar


class ExpertiseList(SectionList):
    model = Expertise
    heading = gettext_lazy("Expertise")
    add_label = gettext_lazy("Add an expertise")
    selector = staticmethod(selectors.expertises)


class ExpertiseCreate(ObjectCreate):
    model = Expertise
    form_class = forms.ExpertiseForm
    heading = gettext_lazy("Add an expertise")


class ExpertiseEdit(ObjectEdit):
    model = Expertise
    form_class = forms.ExpertiseForm


class ExpertiseDelete(ObjectDelete):
    model = Expertise
    consequence = gettext_lazy(
        "Staff members who have this expertise lose it from their profile."
    )


# --- The school calendar: holidays per region and a school's days off (issue 11) -----------


class VakantieList(SectionList):
    model = Vakantie
    heading = gettext_lazy("School holidays")
    add_label = gettext_lazy("Add a school holiday")
    selector = staticmethod(selectors.vakanties)
    filter_form_class = forms.VakantieFilterForm


class VakantieCreate(ObjectCreate):
    model = Vakantie
    form_class = forms.VakantieForm
    heading = gettext_lazy("Add a school holiday")


class VakantieEdit(ObjectEdit):
    model = Vakantie
    form_class = forms.VakantieForm


class VakantieDelete(ObjectDelete):
    model = Vakantie


class VrijeDagList(SectionList):
    model = VrijeDag
    heading = gettext_lazy("Days off of schools")
    add_label = gettext_lazy("Add a day off")
    selector = staticmethod(selectors.vrije_dagen)
    filter_form_class = forms.VrijeDagFilterForm


class VrijeDagCreate(ObjectCreate):
    model = VrijeDag
    form_class = forms.VrijeDagForm
    heading = gettext_lazy("Add a day off")

    def get_initial(self):
        return {"reason": "studiedag"}


class VrijeDagEdit(ObjectEdit):
    model = VrijeDag
    form_class = forms.VrijeDagForm


class VrijeDagDelete(ObjectDelete):
    model = VrijeDag
