"""Helpers shared by the triangle's pages."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from .. import permissions, selectors
from ..models import Actiepunt, Driehoeksgesprek

PAGE_SIZE = 20


def _stage(request, uuid):
    """A placement whose triangle the user is in; anyone else gets a 404."""
    stage = selectors.triangle_stage(request.user, uuid)
    if stage is None:
        raise Http404
    return stage


def _gesprek(request, uuid):
    """A meeting of a triangle the user is in; anyone else gets a 404."""
    return get_object_or_404(selectors.gesprek_detail_queryset(request.user), uuid=uuid)


def _visible_item(request, queryset, uuid):
    """A goal, action or need of the user's triangles that the record lets them see; a 404
    otherwise (permissions.item_visible: notes not shared yet are the mentors' only)."""
    item = get_object_or_404(
        queryset.filter(stage__in=selectors.driehoek_stages(request.user)), uuid=uuid
    )
    if not permissions.item_visible(request.user, item):
        raise Http404
    return item


def _actiepunt(request, uuid):
    return _visible_item(
        request,
        Actiepunt.objects.select_related("stage__student__user", "gesprek", "owner"),
        uuid,
    )


def _tussenevaluatie(request, uuid):
    return get_object_or_404(
        selectors.tussenevaluaties_for(request.user).select_related(
            "stage__student__user", "stage__school", "stage__schooljaar", "created_by"
        ),
        uuid=uuid,
    )


def object_first(loader):
    """Load the page's object before anything else, so a user outside the triangle gets a
    404 whatever the method (a member's GET on a POST-only page is then a 405), and call the
    view with the object instead of its uuid."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, uuid):
            return view(request, loader(request, uuid))

        return wrapper

    return decorator


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


def _format_date(value) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(value), "l j F Y, H:i")
