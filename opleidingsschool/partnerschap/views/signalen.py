"""The coordinator's overview (issue 11): the partnership at a glance per school and per
institute, the list behind each number (paginated, exportable) and the thresholds."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from opleidingsschool.pagination import Paginator
from opleidingsschool.urlmemo import reverse

from ...access import partnerschap_of
from ...models import Instituut, School, Schooljaar
from ...permissions import coordinator_required
from .. import signals
from ..threshold_forms import ThresholdsForm


@coordinator_required
@require_GET
def overzicht(request):
    partnerschap = partnerschap_of(request.user)
    context = signals.overview(partnerschap, today=timezone.localdate())
    return render(request, "partnerschap/overzicht.html", context)


def _listed_signal(request, key: str):
    """The signal, the partnership, the school year and the school or institute filtered on:
    a 404 for a signal that does not exist or is not listed (low rapport), a school or
    institute outside the coordinator's partnership, or a day without a school year."""
    signal = signals.signal_by_key(key)
    if signal is None or not signal.listable:
        raise Http404
    partnerschap = partnerschap_of(request.user)
    today = timezone.localdate()
    schooljaar = Schooljaar.objects.current(today)
    if schooljaar is None:
        raise Http404
    school = instituut = None
    try:
        if request.GET.get("school") and signal.school_field:
            school = School.objects.get(partnerschap=partnerschap, uuid=request.GET["school"])
        elif request.GET.get("instituut") and signal.instituut_field:
            instituut = Instituut.objects.get(partnerschappen=partnerschap,
                                              uuid=request.GET["instituut"])
    except (School.DoesNotExist, Instituut.DoesNotExist, ValidationError) as error:
        raise Http404 from error
    rows = signals.list_rows(signal, partnerschap, schooljaar=schooljaar, today=today,
                             school=school, instituut=instituut)
    return signal, partnerschap, schooljaar, school or instituut, rows


@coordinator_required
def signal_list(request, key):
    signal, partnerschap, schooljaar, subject, rows = _listed_signal(request, key)
    if request.method != "GET":  # after the 404s: a list never shown stays unknown
        return HttpResponseNotAllowed(["GET"])
    page = Paginator(rows, signals.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partnerschap/signal_list.html", {
        "signal": signal,
        "description": signals.describe(signal, partnerschap),
        "schooljaar": schooljaar,
        "subject": subject,
        "headers": [column.header for column in signals.columns(signal)],
        "page": page,
        "table": signals.table_rows(signal, page.object_list),
        "query": request.GET.urlencode(),
    })


@coordinator_required
def signal_export(request, key):
    signal, partnerschap, schooljaar, subject, rows = _listed_signal(request, key)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    name = f"{signal.key}-{timezone.localdate():%Y-%m-%d}"
    response = HttpResponse(signals.export_csv(signal, rows),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@coordinator_required
def drempels(request):
    partnerschap = partnerschap_of(request.user)
    form = ThresholdsForm(request.POST or None, instance=partnerschap)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The thresholds of %(name)s are saved.") % {
            "name": partnerschap.name})
        return redirect("partnerschap:overzicht")
    return render(request, "partnerschap/drempels.html", {
        "form": form, "partnerschap": partnerschap,
        "heading": _("Thresholds of the overview"), "subheading": partnerschap.name,
        "list_heading": _("The partnership at a glance"),
        "list_url": reverse("partnerschap:overzicht"),
        "cancel_url": reverse("partnerschap:overzicht"),
    })
