"""A series reviewed and edited as one list: every session's date, time and place on one page
(reached from the planning page), saved in one go."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool.models import BijeenkomstStatus, Reeks

from . import selectors, services
from .forms import ReeksFormSet
from .views import _require_planner


def _editable(bijeenkomst) -> bool:
    return bijeenkomst.status == BijeenkomstStatus.PLANNED and not bijeenkomst.is_past


@login_required
def reeks(request, uuid):
    series = get_object_or_404(Reeks, uuid=uuid, partnerschap=_require_planner(request))
    sessions = selectors.series_sessions(series)
    editable = [b for b in sessions if _editable(b)]
    initial = [
        {"session": b.uuid, "day": timezone.localtime(b.starts_at).date(),
         "start_time": timezone.localtime(b.starts_at).time(),
         "end_time": timezone.localtime(b.ends_at).time(), "place": b.place}
        for b in editable
    ]
    formset = ReeksFormSet(request.POST or None, initial=initial, prefix="s")
    errors = []
    if request.method == "POST" and (not formset.management_form.is_valid()
                                     or formset.total_form_count() != len(editable)):
        # A list that does not match the sessions (a tampered or outdated page): save nothing.
        errors = [_("The list of sessions has changed or was incomplete; nothing was saved. "
                    "Check the list and save again.")]
        formset = ReeksFormSet(initial=initial, prefix="s")
    if request.method == "POST" and not errors and formset.is_valid():
        by_uuid = {b.uuid: b for b in editable}
        changes = [
            {"bijeenkomst": by_uuid[form.cleaned_data["session"]], **{
                name: form.cleaned_data[name] for name in ("day", "start_time", "end_time", "place")}}
            for form in formset.forms if form.cleaned_data.get("session") in by_uuid
        ]
        try:
            moved = services.update_reeks(reeks=series, by=request.user, changes=changes)
        except ValidationError as error:
            errors = error.messages  # nothing was saved: the whole list is one transaction
        else:
            messages.success(request, _("Series ‘%(title)s’ saved: %(count)s sessions changed.") % {
                "title": series.title, "count": moved})
            return redirect("bijeenkomsten:reeks", uuid=series.uuid)
    forms = iter(formset.forms)
    rows = [(b, next(forms, None) if _editable(b) else None) for b in sessions]
    return render(request, "bijeenkomsten/reeks.html",
                  {"reeks": series, "rows": rows, "formset": formset, "errors": errors})
