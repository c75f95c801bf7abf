"""The 500 page, which must show even when the database or a context processor fails."""

import logging

from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)


@requires_csrf_token
def server_error(request):
    """Render 500.html in the portal's layout without a request context.

    Without the request no context processor runs (the menu needs the database, which may be
    what failed); the page gets only the portal's name. The active language is still the
    user's: LocaleMiddleware activated it before the error.
    """
    try:
        body = loader.render_to_string("500.html", {"PORTAL_NAME": settings.PORTAL_NAME})
    except Exception:  # the last resort must not fail itself
        logger.exception("the 500 page could not be rendered")
        body = "<!DOCTYPE html><title>500</title><h1>Server Error (500)</h1>"
    return HttpResponseServerError(body)
