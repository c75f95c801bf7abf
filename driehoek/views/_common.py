"""Helpers shared by the triangle's pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from .. import selectors
from ..models import Driehoeksgesprek

PAGE_SIZE = 20


def _stage_and_role(request, uuid):
    stage = get_object_or_404(
        selectors.driehoek_stages(request.user).select_related(
            "student__user", "student__opleiding__instituut", "school", "schooljaar"
        ),
        uuid=uuid,
    )
    return stage, selectors.role_in(request.user, stage)


def _gesprek_and_role(request, uuid):
    gesprek = get_object_or_404(selectors.gesprek_detail_queryset(request.user), uuid=uuid)
    return gesprek, selectors.role_in(request.user, gesprek.stage)


def _gesprek_param(request, stage):
    """The meeting a goal, action or need is added in (?gesprek=<uuid>), of this placement."""
    uuid = request.GET.get("gesprek") or request.POST.get("gesprek")
    if not uuid:
        return None
    try:
        return stage.driehoeksgesprekken.get(uuid=uuid)
    except (Driehoeksgesprek.DoesNotExist, ValidationError) as error:
        raise Http404 from error


def _back(stage, gesprek):
    if gesprek is not None:
        return gesprek.get_absolute_url()
    return reverse("driehoek:stage", kwargs={"uuid": stage.uuid})


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def _format_date(value) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(value), "l j F Y, H:i")
