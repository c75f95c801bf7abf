"""Pages of the privacy module: the privacy page, my data (export), who read my records,
and for the coordinator the read log and the retention dry run."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opleidingsschool.access import partnerschap_of
from opleidingsschool.models import DataExport, ReadKind, User
from opleidingsschool.pagination import Paginator
from opleidingsschool.partnerschap.selectors import people_of
from opleidingsschool.permissions import coordinator_required

from . import export, readlog, retention, services
from .erasure import erase_account, preview
from .forms import EraseAccountForm, LookupForm, ReadLogFilterForm

PAGE_SIZE = 25


def privacy_page(request):
    """What is stored, why, who sees it, how long, and how to ask for export or deletion;
    open to everyone (linked from the footer)."""
    return render(request, "privacy/privacy_page.html", {
        "periods": retention.periods(),
        "link_hours": settings.PRIVACY_EXPORT_LINK_HOURS,
    })


@login_required
def my_data(request):
    exports = list(DataExport.objects.filter(user=request.user)[:5])
    for item in exports:
        item.download_url = services.download_url(item) if item.status == "ready" else ""
    return render(request, "privacy/my_data.html", {
        "exports": exports, "link_hours": settings.PRIVACY_EXPORT_LINK_HOURS,
    })


@login_required
def my_data_json(request):
    response = HttpResponse(export.to_json(export.collect(request.user)),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


@login_required
def dossier(request):
    data = export.collect(request.user)
    return render(request, "privacy/dossier.html", {
        "person": request.user, "data": data, "sections": export.dossier_sections(data),
    })


@login_required
@require_POST
def export_request(request):
    services.request_export(user=request.user)
    messages.success(request, _(
        "We are putting your data together. You will get an e-mail with a download link "
        "when it is ready; it also appears on this page."))
    return redirect("privacy:my_data")


@login_required
def export_download(request, token):
    try:
        data_export = services.export_for_token(token, user=request.user)
    except signing.SignatureExpired:
        return render(request, "privacy/export_expired.html", status=410)
    if data_export is None or not data_export.file:
        raise Http404
    return FileResponse(data_export.file.open("rb"), as_attachment=True,
                        filename="mijn-gegevens.zip")


@login_required
def my_reads(request):
    page = Paginator(readlog.reads_of_my_records(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "privacy/my_reads.html", {"page": page})


@login_required
@coordinator_required
def read_log(request):
    form = ReadLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    records = readlog.search_read_log(request.user, query=filters.get("q", ""),
                                      kind=filters.get("kind", ""))
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "privacy/read_log.html", {
        "page": page, "form": form, "kinds": ReadKind.choices,
    })


ACCOUNT_PAGES = (("medewerker", "partnerschap:medewerker_detail"),
                 ("student", "partnerschap:student_edit"),
                 ("starter", "partnerschap:starter_edit"))
DUE_ACCOUNTS_SHOWN = 25


def _due_accounts(partnerschap) -> tuple[list[dict], int]:
    """The first ended accounts of the partnership's people that the next run deletes, each
    with the page where the coordinator can reopen it, and how many more there are (the
    retention job is the installation's; a coordinator sees their own people only)."""
    users = retention.ended_accounts(timezone.localdate()).filter(
        pk__in=people_of(partnerschap).values("pk")
    ).select_related(*(name for name, _url in ACCOUNT_PAGES)).order_by("ended_at", "pk")
    rows = []
    for user in users[:DUE_ACCOUNTS_SHOWN]:
        url = next((reverse(url_name, kwargs={"uuid": getattr(user, name).uuid})
                    for name, url_name in ACCOUNT_PAGES if getattr(user, name, None)), "")
        rows.append({"user": user, "url": url})
    more = users.count() - len(rows) if len(rows) == DUE_ACCOUNTS_SHOWN else 0
    return rows, more


@login_required
@coordinator_required
def retention_plan(request):
    planned = retention.plan()
    due = next(item.count for item in planned if item.rule.kind == "accounts")
    rows, more = _due_accounts(partnerschap_of(request.user)) if due else ([], 0)
    return render(request, "privacy/retention.html", {
        "planned": planned, "due_accounts": rows, "due_accounts_more": more,
    })


def _person_to_erase(request, form) -> User | None:
    """The account named in the form, active or ended (waiting for the retention job), of
    one of the coordinator's partnership's people, never the coordinator's own; an error on
    the form otherwise (the same one for an account of another partnership)."""
    email = form.data.get("email", "").strip()
    if not email:
        return None
    person = User.objects.filter(
        Q(is_active=True) | Q(ended_at__isnull=False), email__iexact=email,
        pk__in=people_of(partnerschap_of(request.user)).values("pk"),
    ).first()
    if person is None:
        form.add_error("email", _("No account that can be deleted has this e-mail address."))
    elif person.pk == request.user.pk:
        form.add_error("email", _("You cannot delete your own account here."))
        person = None
    return person


@login_required
@coordinator_required
def erase(request):
    """Delete an account on the person's request: first the preview of what goes and what
    stays (the hours), then, confirmed, the deletion."""
    if request.method == "POST":
        form = EraseAccountForm(request.POST)
        lookup = LookupForm(request.POST)
    else:
        form = EraseAccountForm()
        lookup = LookupForm(request.GET or None)
    person = _person_to_erase(request, lookup) if lookup.is_bound else None
    if request.method == "POST" and person is not None and form.is_valid():
        name = person.get_full_name() or person.email
        erase_account(user=person)
        messages.success(request, _(
            "The account of %(name)s has been deleted; the experience hours were kept.")
            % {"name": name})
        return redirect("privacy:erase")
    return render(request, "privacy/erase.html", {
        "lookup": lookup, "form": form, "person": person,
        "counts": preview(person) if person else None,
    })
