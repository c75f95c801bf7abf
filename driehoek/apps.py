from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DriehoekConfig(AppConfig):
    name = "driehoek"
    verbose_name = _("Triangle")
    default_auto_field = "django.db.models.BigAutoField"
