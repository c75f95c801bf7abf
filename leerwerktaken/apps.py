from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerwerktakenConfig(AppConfig):
    name = "leerwerktaken"
    verbose_name = _("Curriculum")
    default_auto_field = "django.db.models.BigAutoField"
