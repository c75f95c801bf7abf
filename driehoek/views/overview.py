"""The overview of triangles and the year of one placement."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from opleidingsschool.pagination import Paginator

from .. import permissions, selectors
from ..forms import (
    SearchForm,
)
from ._common import (
    PAGE_SIZE,
    _stage,
)

# --- Overview and the year of a placement ---------------------------------------------------


@login_required
def index(request):
    form = SearchForm(request.GET or None)
    query = all_years = ""
    if form.is_valid():
        query, all_years = form.cleaned_data["q"], form.cleaned_data["all_years"]
    stages = selectors.overview(request.user, query=query, all_years=bool(all_years))
    page = Paginator(stages, PAGE_SIZE).get_page(request.GET.get("page"))
    own = [stage for stage in page.object_list if stage.student.user_id == request.user.pk]
    return render(request, "driehoek/index.html", {
        "form": form, "page": page, "is_filtered": bool(query or all_years),
        "is_student": bool(own) or hasattr(request.user, "student"),
        "awaiting": selectors.awaiting_akkoord_for(request.user),
        "my_actions": selectors.open_actions_of(request.user, limit=10),
    })


@login_required
def stage_detail(request, uuid):
    stage = _stage(request, uuid)
    role = permissions.role_in(request.user, stage)
    context = selectors.year_context(stage, role)
    context.update({
        "stage": stage, "role": role,
        "is_supervisor": permissions.is_supervisor(request.user, stage),
        "can_plan": permissions.can_plan(request.user, stage), "today": timezone.localdate(),
    })
    return render(request, "driehoek/stage_detail.html", context)


@login_required
def stage_print(request, uuid):
    stage = _stage(request, uuid)
    role = permissions.role_in(request.user, stage)
    context = selectors.year_context(stage, role)
    gesprekken = [
        gesprek for gesprek in context["gesprekken"] if not gesprek.is_cancelled
    ]
    for gesprek in gesprekken:
        gesprek.notes_shown = permissions.notes_visible(request.user, gesprek)
    context.update({
        "stage": stage, "role": role, "gesprekken": gesprekken,
        "printed_at": timezone.localtime(),
    })
    return render(request, "driehoek/stage_print.html", context)
