"""allauth hooks: no open sign-up; people are invited by a coordinator or the admin."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's own mail (a password reset: asked for now, its link secret, so not kept
        in the outbox) says it is automatic, like every other mail of the portal. It has no
        unsubscribe: a person must get it."""
        headers = {
            "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All", **(headers or {})
        }
        return super().render_mail(template_prefix, email, context, headers=headers)
