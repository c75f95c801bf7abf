"""The schoolopleider's page of the school training team (opleidingsteam, issue 14): add a
colleague of the school, remove one after a confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import permissions, selectors, services
from ..forms import OpleidingsteamForm
from ._common import _add_errors

__all__ = ["opleidingsteam", "opleidingsteam_remove"]


def _team_school_or_404(request):
    if not permissions.can_manage_opleidingsteam(request.user):
        raise Http404
    school = selectors.opleidingsteam_school(request.user)
    if school is None:
        raise Http404
    return school


@login_required
def opleidingsteam(request):
    """The team: the schoolopleiders, the colleagues added (each with a remove button) and
    a searchable choice of the colleagues who can join."""
    school = _team_school_or_404(request)
    search = request.GET.get("q", "").strip()[:100]
    candidates = selectors.team_candidates(school, search=search)
    shown = list(candidates[:selectors.TEAM_CHOICES_SHOWN + 1])
    # A search that finds one colleague has them chosen already.
    initial = {"medewerker": shown[0].uuid} if search and len(shown) == 1 else {}
    form = OpleidingsteamForm(request.POST or None, school=school, initial=initial,
                              candidates=selectors.team_candidates(school),
                              shown=shown[:selectors.TEAM_CHOICES_SHOWN])
    if request.method == "POST" and form.is_valid():
        try:
            lid = services.add_teamlid(school=school, medewerker=form.cleaned_data["medewerker"],
                                       by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _(
                "%(name)s is now on the school training team: they open the school day and "
                "the week, and note lines of the group round.") % {"name": lid.medewerker})
            return redirect("begeleiding:opleidingsteam")
    return render(request, "begeleiding/opleidingsteam.html", {
        "school": school, "form": form, "search": search,
        "leden": list(selectors.opleidingsteam_of(school)),
        "schoolopleiders": list(selectors.schoolopleiders_of(school)),
        "more": len(shown) > selectors.TEAM_CHOICES_SHOWN, "found": len(shown),
    })


@login_required
def opleidingsteam_remove(request, uuid):
    """Take a colleague off the team after a confirmation; the school day closes to them
    at once."""
    school = _team_school_or_404(request)
    lid = get_object_or_404(selectors.opleidingsteam_of(school), uuid=uuid)
    if request.method == "POST":
        services.remove_teamlid(lid=lid)
        messages.success(request, _("%(name)s is no longer on the school training team.") % {
            "name": lid.medewerker})
        return redirect("begeleiding:opleidingsteam")
    return render(request, "begeleiding/opleidingsteam_remove.html", {
        "school": school, "lid": lid,
    })
