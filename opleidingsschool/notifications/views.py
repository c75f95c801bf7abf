"""One-click unsubscribe (no login: the signed token is the proof) and a person's own mail log."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from opleidingsschool.pagination import Paginator

from . import selectors
from . import unsubscribe as tokens

PAGE_SIZE = 25
DONE = "afgemeld"


@csrf_exempt  # mail providers POST here without a session (RFC 8058); the token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows what will be turned off and a button; a POST with the RFC 8058 body
    (List-Unsubscribe=One-Click, which mail providers and the button send) turns it off. Any
    other POST changes nothing and shows the question again."""
    found = tokens.read_token(token)
    if found is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    context = {"request_": found, "token": token}
    if request.method == "POST":
        if request.POST.get("List-Unsubscribe") != "One-Click":
            return render(request, "notifications/unsubscribe.html", context, status=400)
        tokens.turn_off(found)
        response = redirect(f"{request.path}?{DONE}=1")
        response.status_code = 303  # see the result with a GET (a reload posts nothing again)
        return response
    if request.GET.get(DONE):
        return render(request, "notifications/unsubscribe_done.html", context)
    return render(request, "notifications/unsubscribe.html", context)


@login_required
def my_mail(request):
    """The mails the portal sent (or is about to send) to me, with what became of each."""
    page = Paginator(selectors.mails_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.label_rows(page.object_list)
    return render(request, "notifications/my_mail.html", {"page": page, "rows": rows})
