from functools import wraps

from django.http import Http404

from ..access import is_coordinator


def coordinator_required(view):
    """Partnership management is for coordinators; to anyone else it does not exist (404)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
