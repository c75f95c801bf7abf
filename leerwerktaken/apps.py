from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerwerktakenConfig(AppConfig):
    name = "leerwerktaken"
    verbose_name = _("Curriculum")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opleidingsschool import registries

        from . import demo, navigation, selectors

        registries.menu_items.append(navigation.menu_items)
        registries.student_links.append(navigation.student_links)
        registries.home_panels.append(navigation.home_panels)
        registries.calendar_sources.append(navigation.calendar_events)
        registries.evidence_sources.append(selectors.task_evidence)
        registries.demo_seeders.append(demo.seed_leerwerktaken)
        from . import scale

        registries.scale_seeders.append(scale.seed_leerwerktaken_scale)
