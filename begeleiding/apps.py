from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BegeleidingConfig(AppConfig):
    name = "begeleiding"
    verbose_name = _("Mentoring")
    default_auto_field = "django.db.models.BigAutoField"
