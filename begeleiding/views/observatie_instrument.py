"""The coordinator's pages for the partnership's observation instrument (issue 15): domains
and the indicators an observer looks for, added, renamed, reordered and taken out of use.
Another partnership's domain or indicator is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from opleidingsschool.access import partnerschap_of
from opleidingsschool.permissions import coordinator_required

from .. import selectors, services
from ..forms import IndicatorForm, ObservatiedomeinForm
from ..models import Indicator, Observatiedomein
from ._common import _add_errors

__all__ = [
    "indicator_create", "indicator_edit", "indicator_move", "observatie_instrument",
    "observatiedomein_create", "observatiedomein_edit", "observatiedomein_move",
]


def _domein_or_404(request, uuid) -> Observatiedomein:
    return get_object_or_404(
        Observatiedomein.objects.filter(partnerschap=partnerschap_of(request.user)), uuid=uuid)


def _indicator_or_404(request, uuid) -> Indicator:
    return get_object_or_404(
        Indicator.objects.filter(domein__partnerschap=partnerschap_of(request.user))
        .select_related("domein"),
        uuid=uuid,
    )


def _back(anchor: str = "") -> str:
    return reverse("begeleiding:observatie_instrument") + (f"#{anchor}" if anchor else "")


@coordinator_required
def observatie_instrument(request):
    partnerschap = partnerschap_of(request.user)
    if request.method == "GET":
        services.ensure_default_instrument(partnerschap)  # a new partnership's first visit
    return render(request, "begeleiding/lesobservaties/instrument.html", {
        "partnerschap": partnerschap,
        "domeinen": selectors.instrument_of(partnerschap.pk, include_inactive=True),
    })


def _form_page(request, form, *, heading: str, subheading: str = "", save, saved_text: str):
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(**form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, saved_text % {"name": saved})
            return redirect(_back(f"domein-{getattr(saved, 'domein', saved).uuid}"))
    return render(request, "begeleiding/lesobservaties/instrument_form.html", {
        "form": form, "heading": heading, "subheading": subheading,
    })


@coordinator_required
def observatiedomein_create(request):
    partnerschap = partnerschap_of(request.user)
    return _form_page(
        request, ObservatiedomeinForm(request.POST or None), heading=_("New domain"),
        save=lambda **data: services.save_observatiedomein(partnerschap=partnerschap, **data),
        saved_text=_("Domain ‘%(name)s’ saved."),
    )


@coordinator_required
def observatiedomein_edit(request, uuid):
    domein = _domein_or_404(request, uuid)
    form = ObservatiedomeinForm(request.POST or None, initial={
        "name": domein.name, "description": domein.description, "is_active": domein.is_active})
    return _form_page(
        request, form, heading=domein.name, subheading=_("Domain of the observation instrument"),
        save=lambda **data: services.save_observatiedomein(
            partnerschap=domein.partnerschap, domein=domein, **data),
        saved_text=_("Domain ‘%(name)s’ saved."),
    )


@coordinator_required
def indicator_create(request, uuid):
    domein = _domein_or_404(request, uuid)
    return _form_page(
        request, IndicatorForm(request.POST or None), heading=_("New indicator"),
        subheading=domein.name,
        save=lambda **data: services.save_indicator(domein=domein, **data),
        saved_text=_("Indicator ‘%(name)s’ saved."),
    )


@coordinator_required
def indicator_edit(request, uuid):
    indicator = _indicator_or_404(request, uuid)
    form = IndicatorForm(request.POST or None, initial={
        "text": indicator.text, "is_active": indicator.is_active})
    return _form_page(
        request, form, heading=_("Edit indicator"), subheading=indicator.domein.name,
        save=lambda **data: services.save_indicator(
            domein=indicator.domein, indicator=indicator, **data),
        saved_text=_("Indicator ‘%(name)s’ saved."),
    )


@coordinator_required
def observatiedomein_move(request, uuid):
    domein = _domein_or_404(request, uuid)  # another partnership's: 404 whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.move_observatiedomein(domein=domein, up=request.POST.get("direction") == "up")
    return redirect(_back(f"domein-{domein.uuid}"))


@coordinator_required
def indicator_move(request, uuid):
    indicator = _indicator_or_404(request, uuid)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.move_indicator(indicator=indicator, up=request.POST.get("direction") == "up")
    return redirect(_back(f"indicator-{indicator.uuid}"))
