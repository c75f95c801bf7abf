"""The students' notes of thanks to the colleagues who train them (issue 15)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opleidingsschool.models import FUNCTIE_ORDER
from opleidingsschool.pagination import Paginator

from .. import permissions, selectors, services
from ..forms.bedankjes import BedankjeForm
from ._common import PAGE_SIZE, _add_errors, _next_or, _student_or_404

__all__ = ["bedankje_begeleider", "bedankje_delete", "bedankje_lesbezoek", "bedankjes"]


@login_required
def bedankjes(request):
    """Whom the student can thank (their mentors, the hosts of their visits) and the notes
    they left. A fixed number of queries; the visits are paginated."""
    _student_or_404(request)
    # Newest school year first, each year's mentors in triangle order.
    mentorings = sorted(
        selectors.thankable_begeleiders(request.user),
        key=lambda b: (-b.stage.schooljaar.start_date.toordinal(),
                       FUNCTIE_ORDER.index(b.functie) if b.functie in FUNCTIE_ORDER
                       else len(FUNCTIE_ORDER), b.medewerker.user.last_name),
    )
    visits = selectors.thankable_lesbezoeken(request.user).order_by("-date", "-start_time")
    page = Paginator(visits, PAGE_SIZE).get_page(request.GET.get("page"))
    notes = list(selectors.bedankjes_of_student(request.user).select_related("medewerker__user"))
    by_begeleider = {note.begeleider_id: note for note in notes if note.begeleider_id}
    by_visit = {note.lesbezoek_id: note for note in notes if note.lesbezoek_id}
    for begeleider in mentorings:
        begeleider.bedankje = by_begeleider.get(begeleider.pk)
    for visit in page.object_list:
        visit.bedankje = by_visit.get(visit.pk)
    return render(request, "begeleiding/bedankjes.html", {
        "mentorings": mentorings, "page": page,
    })


def _thank_page(request, *, lesbezoek=None, begeleider=None):
    student = _student_or_404(request)
    scope = selectors.bedankjes_of_student(request.user)
    existing = (scope.filter(lesbezoek=lesbezoek) if lesbezoek is not None
                else scope.filter(begeleider=begeleider)).first()
    colleague = lesbezoek.host if lesbezoek is not None else begeleider.medewerker
    form = BedankjeForm(request.POST or None)
    # Thanked already (a second tab): the page shows the note that stands, nothing changes.
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            services.thank(student=student, text=form.cleaned_data["text"],
                           lesbezoek=lesbezoek, begeleider=begeleider)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _(
                "Your note of thanks to %(name)s has been saved. They read it on their page "
                "‘My contribution to training’.") % {"name": colleague})
            return redirect("begeleiding:bedankjes")
    return render(request, "begeleiding/bedankje_form.html", {
        "form": form, "existing": existing, "colleague": colleague,
        "visit": lesbezoek, "begeleider": begeleider,
    })


@login_required
def bedankje_lesbezoek(request, uuid):
    """Thank the host of one of the student's own visits that took place (else a 404)."""
    lesbezoek = get_object_or_404(selectors.thankable_lesbezoeken(request.user), uuid=uuid)
    return _thank_page(request, lesbezoek=lesbezoek)


@login_required
def bedankje_begeleider(request, uuid):
    """Thank a mentor for one of the student's own mentorings, active or ended (else 404)."""
    begeleider = get_object_or_404(selectors.thankable_begeleiders(request.user), uuid=uuid)
    return _thank_page(request, begeleider=begeleider)


@login_required
@require_POST
def bedankje_delete(request, uuid):
    bedankje = get_object_or_404(
        selectors.bedankjes_of_student(request.user).select_related("medewerker__user",
                                                                    "student"),
        uuid=uuid,
    )
    if not permissions.can_delete_bedankje(request.user, bedankje):
        raise PermissionDenied
    name = str(bedankje.medewerker)
    services.delete_bedankje(bedankje=bedankje)
    messages.success(request, _("Your note of thanks to %(name)s has been deleted.")
                     % {"name": name})
    return redirect(_next_or(request, reverse("begeleiding:bedankjes")))
