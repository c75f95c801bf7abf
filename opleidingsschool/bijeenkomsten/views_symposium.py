"""The symposium: presentations, jury and criteria (coordinator), scores (jury members),
and the prize winner (announced on the session page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opleidingsschool.access import partnerschap_of
from opleidingsschool.models import Bijeenkomst, Presentatie, Soort

from . import permissions, selectors, services
from .forms import CriteriumForm, JuryForm, PresentatieForm, ScoresForm, add_service_errors


def _symposium(request, uuid) -> Bijeenkomst:
    """The coordinator's symposium pages: their own partnership's symposium, else a 404."""
    bijeenkomst = get_object_or_404(
        selectors.planned_by(partnerschap_of(request.user)), uuid=uuid, soort=Soort.SYMPOSIUM)
    if not permissions.can_manage_symposium(request.user, bijeenkomst):
        raise Http404
    return bijeenkomst


@login_required
def manage(request, uuid):
    bijeenkomst = _symposium(request, uuid)
    scoped = {"partnerschap": bijeenkomst.partnerschap_id}
    forms = {
        "presentatie": PresentatieForm(prefix="p", **scoped),
        "jury": JuryForm(prefix="j", **scoped),
        "criterium": CriteriumForm(prefix="c"),
    }
    action = request.POST.get("action")
    if request.method == "POST" and action in forms:
        form_class = {"presentatie": PresentatieForm, "jury": JuryForm, "criterium": CriteriumForm}[action]
        form = form_class(request.POST, prefix=action[0], **(scoped if action != "criterium" else {}))
        forms[action] = form
        if form.is_valid():
            try:
                if action == "presentatie":
                    added = services.add_presentatie(bijeenkomst=bijeenkomst, **form.cleaned_data)
                    label = _("Presentation ‘%(name)s’ added.") % {"name": added.title}
                elif action == "jury":
                    added = services.add_jurylid(bijeenkomst=bijeenkomst, **form.cleaned_data)
                    label = _("%(name)s is on the jury.") % {"name": added.medewerker.user}
                else:
                    added = services.add_criterium(bijeenkomst=bijeenkomst, **form.cleaned_data)
                    label = _("Criterion ‘%(name)s’ added.") % {"name": added.name}
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, label)
                return redirect("bijeenkomsten:symposium", uuid=bijeenkomst.uuid)
    return render(
        request,
        "bijeenkomsten/symposium.html",
        {
            "bijeenkomst": bijeenkomst,
            "forms": forms,
            **selectors.symposium_context(bijeenkomst),
        },
    )


@login_required
@require_POST
def winner(request, uuid):
    bijeenkomst = _symposium(request, uuid)
    presentatie = get_object_or_404(
        Presentatie, bijeenkomst=bijeenkomst, uuid=request.POST.get("presentatie")
    )
    services.choose_winner(presentatie=presentatie)
    messages.success(
        request,
        _("‘%(title)s’ by %(student)s wins the prize.")
        % {"title": presentatie.title, "student": presentatie.student},
    )
    return redirect(bijeenkomst)


@login_required
def scores(request, uuid):
    bijeenkomst = get_object_or_404(
        selectors.bijeenkomsten_for(request.user), uuid=uuid, soort=Soort.SYMPOSIUM
    )
    jurylid = selectors.jurylid_for(request.user, bijeenkomst)
    if jurylid is None:
        raise Http404
    presentaties = list(bijeenkomst.presentaties.select_related("student__user"))
    form = ScoresForm(
        request.POST or None,
        presentaties=presentaties,
        criteria=selectors.criteria_of(bijeenkomst),
        scores=selectors.my_scores(jurylid),
    )
    if request.method == "POST" and form.is_valid():
        services.save_scores(jurylid=jurylid, scores=form.scores())
        messages.success(
            request, _("Your scores for ‘%(title)s’ have been saved.") % {"title": bijeenkomst.title}
        )
        return redirect("bijeenkomsten:scores", uuid=bijeenkomst.uuid)
    return render(
        request,
        "bijeenkomsten/scores.html",
        {"bijeenkomst": bijeenkomst, "form": form, "presentaties": presentaties},
    )
