"""Access rows for the federated log-in's own pages (see tests/routes.py); allauth's
socialaccount_ and mfa_ pages are exempt."""

from allauth.account.utils import user_pk_to_url_str
from allauth.socialaccount.models import SocialAccount

from tests.routes import EVERYONE, Route


def _students_identity(personas) -> dict:
    account, _created = SocialAccount.objects.get_or_create(
        user=personas.student.user, provider="surfconext", uid="sanne-sub-7f3a"
    )
    return {"pk": account.pk}


ROUTES = [
    # Only the invitation page's button (a POST with the invitation's key in the session)
    # starts it; anyone else is sent to the log-in page.
    Route(
        "federation_invitation_login", frozenset(),
        kwargs=lambda personas: {"uidb36": user_pk_to_url_str(personas.student.user),
                                 "provider_id": "surfconext"},
        expect={persona: 302 for persona in EVERYONE},
    ),
    Route("identity_remove", frozenset({"student"}), kwargs=_students_identity),
]
