"""Learning goals, action items and needs of a placement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opleidingsschool.access import partnerschap_of
from opleidingsschool.pagination import Paginator
from opleidingsschool.permissions import coordinator_required

from .. import permissions, selectors, services
from ..forms import (
    ActiepuntForm,
    BehoefteFilterForm,
    BehoefteForm,
    LeerdoelForm,
)
from ..models import Behoefte, Leerdoel
from ._common import (
    PAGE_SIZE,
    _actiepunt,
    _back,
    _gesprek_param,
    _stage,
    _visible_item,
    object_first,
)

# --- Goals, actions, needs ---------------------------------------------------------------------


@login_required
def leerdoel_create(request, uuid):
    stage = _stage(request, uuid)
    gesprek = _gesprek_param(request, stage)
    if not permissions.can_add_items(request.user, gesprek or stage):
        raise PermissionDenied
    form = LeerdoelForm(request.POST or None, stage=stage)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        leerdoel = services.save_leerdoel(
            stage=stage, by=request.user, gesprek=gesprek, title=data["title"],
            description=data["description"], leeruitkomsten=data["leeruitkomsten"],
            invullingen=data.get("invullingen") or [], leervragen=data["leervragen"],
            status=data["status"],
        )
        messages.success(request, _("Learning goal “%(title)s” saved.") % {"title": leerdoel.title})
        return redirect(_back(stage, gesprek))
    return render(request, "driehoek/item_form.html", {
        "form": form, "stage": stage, "gesprek": gesprek, "title": _("New learning goal"),
        "back": _back(stage, gesprek),
    })


@login_required
def leerdoel_edit(request, uuid):
    leerdoel = _visible_item(
        request, Leerdoel.objects.select_related("stage__student__user", "stage__school", "gesprek"),
        uuid,
    )
    stage = leerdoel.stage
    if not permissions.can_edit_leerdoel(request.user, leerdoel):
        raise PermissionDenied
    frozen = permissions.leerdoel_is_frozen(leerdoel)
    initial = {"title": leerdoel.title, "description": leerdoel.description,
               "status": leerdoel.status,
               "leeruitkomsten": list(leerdoel.leeruitkomsten.values_list("pk", flat=True)),
               "invullingen": list(leerdoel.invullingen.values_list("pk", flat=True)),
               "leervragen": list(leerdoel.leervragen.values_list("pk", flat=True))}
    form = LeerdoelForm(request.POST or None, stage=stage, frozen=frozen, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if frozen:
            services.set_leerdoel_status(leerdoel=leerdoel, by=request.user, status=data["status"])
        else:
            services.save_leerdoel(
                stage=stage, by=request.user, leerdoel=leerdoel, title=data["title"],
                description=data["description"], leeruitkomsten=data["leeruitkomsten"],
                invullingen=data.get("invullingen") or [], leervragen=data["leervragen"],
                status=data["status"],
            )
        messages.success(request, _("Learning goal “%(title)s” saved.") % {"title": leerdoel.title})
        return redirect(_back(stage, leerdoel.gesprek))
    return render(request, "driehoek/item_form.html", {
        "form": form, "stage": stage, "gesprek": leerdoel.gesprek, "frozen": frozen,
        "title": _("Learning goal “%(title)s”") % {"title": leerdoel.title},
        "back": _back(stage, leerdoel.gesprek),
    })


@login_required
def actiepunt_create(request, uuid):
    stage = _stage(request, uuid)
    gesprek = _gesprek_param(request, stage)
    if not permissions.can_add_items(request.user, gesprek or stage):
        raise PermissionDenied
    form = ActiepuntForm(request.POST or None, members=selectors.members(stage))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actiepunt = services.save_actiepunt(
            stage=stage, by=request.user, gesprek=gesprek, description=data["description"],
            owner=data["owner"], due_date=data["due_date"],
        )
        messages.success(request, _("Action item “%(title)s” saved.") % {
            "title": actiepunt.description})
        return redirect(_back(stage, gesprek))
    return render(request, "driehoek/item_form.html", {
        "form": form, "stage": stage, "gesprek": gesprek, "title": _("New action item"),
        "back": _back(stage, gesprek),
    })


@login_required
def actiepunt_edit(request, uuid):
    actiepunt = _actiepunt(request, uuid)
    if not permissions.can_edit_actiepunt(request.user, actiepunt):
        raise PermissionDenied
    stage = actiepunt.stage
    form = ActiepuntForm(
        request.POST or None, members=selectors.members(stage),
        initial={"description": actiepunt.description, "owner": actiepunt.owner_id,
                 "due_date": actiepunt.due_date},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_actiepunt(
                stage=stage, by=request.user, actiepunt=actiepunt,
                description=data["description"], owner=data["owner"], due_date=data["due_date"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Action item “%(title)s” saved.") % {
                "title": actiepunt.description})
            return redirect(_back(stage, actiepunt.gesprek))
    return render(request, "driehoek/item_form.html", {
        "form": form, "stage": stage, "gesprek": actiepunt.gesprek,
        "title": _("Action item"), "back": _back(stage, actiepunt.gesprek),
    })


@login_required
@object_first(_actiepunt)
@require_POST
def actiepunt_done(request, actiepunt):
    if not permissions.can_mark_done(request.user, actiepunt):
        raise PermissionDenied
    done = request.POST.get("done", "1") == "1"
    services.set_actiepunt_done(actiepunt=actiepunt, by=request.user, done=done)
    if done:
        messages.success(request, _("Action item “%(title)s” done.") % {
            "title": actiepunt.description})
    else:
        messages.success(request, _("Action item “%(title)s” open again.") % {
            "title": actiepunt.description})
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect(_back(actiepunt.stage, actiepunt.gesprek))


@login_required
def behoefte_create(request, uuid):
    stage = _stage(request, uuid)
    gesprek = _gesprek_param(request, stage)
    if not permissions.can_add_items(request.user, gesprek or stage):
        raise PermissionDenied
    form = BehoefteForm(request.POST or None, stage=stage)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        behoefte = services.save_behoefte(
            stage=stage, by=request.user, gesprek=gesprek, description=data["description"],
            status=data["status"], bouwsteen=data["bouwsteen"],
        )
        messages.success(request, _("Need “%(title)s” saved.") % {"title": behoefte.description})
        return redirect(_back(stage, gesprek))
    return render(request, "driehoek/item_form.html", {
        "form": form, "stage": stage, "gesprek": gesprek, "title": _("What is needed?"),
        "back": _back(stage, gesprek),
        "intro": _("Do we have something for this in the partnership, or must we make it?"),
    })


@login_required
def behoefte_edit(request, uuid):
    behoefte = _visible_item(
        request, Behoefte.objects.select_related("stage__student__user", "gesprek"), uuid
    )
    stage = behoefte.stage
    if not permissions.can_edit_behoefte(request.user, behoefte):
        raise PermissionDenied
    form = BehoefteForm(request.POST or None, stage=stage, initial={
        "description": behoefte.description, "status": behoefte.status,
        "bouwsteen": behoefte.bouwsteen_id,
    })
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_behoefte(
            stage=stage, by=request.user, behoefte=behoefte, description=data["description"],
            status=data["status"], bouwsteen=data["bouwsteen"],
        )
        messages.success(request, _("Need “%(title)s” saved.") % {"title": behoefte.description})
        return redirect(_back(stage, behoefte.gesprek))
    return render(request, "driehoek/item_form.html", {
        "form": form, "stage": stage, "gesprek": behoefte.gesprek, "title": _("Need"),
        "back": _back(stage, behoefte.gesprek),
    })


@coordinator_required
def behoeften(request):
    """Coordinators: the needs of their partnership's triangles, without notes or names."""
    partnerschap = partnerschap_of(request.user)
    form = BehoefteFilterForm(request.GET or None, partnerschap=partnerschap)
    filters = {}
    if form.is_valid():
        filters = {"status": form.cleaned_data["status"], "school": form.cleaned_data["school"],
                   "query": form.cleaned_data["q"]}
    needs = selectors.behoeften_overview(**filters).filter(stage__school__partnerschap=partnerschap)
    page = Paginator(needs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "driehoek/behoeften.html", {
        "form": form, "page": page, "is_filtered": any(filters.values()),
    })
