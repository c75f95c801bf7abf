"""On the way to startbekwaam: progress, evidence, coverage."""

from __future__ import annotations

from django.http import Http404

from opleidingsschool.access import visible_student
from opleidingsschool.models import Schooljaar
from opleidingsschool.pagination import Paginator
from opleidingsschool.permissions import coordinator_required

from .. import forms, selectors
from ..permissions import curriculum_partnerschap_ids, managed_partnerschap
from ._common import (
    _filters,
    _page,
    _render,
    curriculum_required,
)

# On the way to startbekwaam ---------------------------------------------------------------


@curriculum_required
def progress(request):
    form = forms.ProgressFilterForm(request.GET or None)
    filters = _filters(form)
    students = selectors.progress_for(request.user, query=filters.get("q") or "",
                                      study_year=filters.get("study_year"))
    return _render(
        request, "leerwerktaken/progress.html",
        {"page": _page(request, students), "form": form,
         "outcome_total": selectors.leeruitkomsten_of(
             curriculum_partnerschap_ids(request.user)).count(),
         "is_filtered": any(filters.values()) if filters else False},
        tab="voortgang",
    )


@curriculum_required
def student_evidence(request, uuid):
    student = visible_student(request.user, uuid)
    if student is None:
        raise Http404
    evidence = selectors.evidence_for_student(request.user, student)
    return _render(
        request, "leerwerktaken/student_evidence.html",
        {
            "student": student,
            "evidence": evidence,
            "covered": sum(1 for item in evidence if item.items),
            "is_own": student.user_id == request.user.pk,
        },
        tab="voortgang",
    )


@coordinator_required
def coverage(request):
    """The coordinator's own partnership: its schools and its outcomes."""
    partnerschap = managed_partnerschap(request.user)
    schooljaar = Schooljaar.objects.current()
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(
        selectors.coverage_schools_page_source(schooljaar, partnerschap=partnerschap,
                                               query=query),
        selectors.COVERAGE_SCHOOLS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    leeruitkomsten, rows = selectors.coverage(
        schooljaar, list(page.object_list), partnerschap=partnerschap)
    return _render(
        request, "leerwerktaken/coverage.html",
        {"outcomes": leeruitkomsten, "rows": rows, "schooljaar": schooljaar, "page": page,
         "query": query},
        tab="dekking",
    )
