"""The bare Django view the bench compares every page with: the same middleware, no work.

Only routed when the setting BENCH_BARE_VIEW is on (environment variable of that name)."""

from django.http import HttpResponse


def bare_view(request):
    return HttpResponse("ok", content_type="text/plain")
