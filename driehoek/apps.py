from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DriehoekConfig(AppConfig):
    name = "driehoek"
    verbose_name = _("Triangle")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opleidingsschool import registries
        from opleidingsschool.notifications import registry

        from . import contributions, demo, notices, signalen

        registries.home_panels.append(contributions.home_panels)
        registries.student_links.append(contributions.student_links)
        registries.menu_items.append(contributions.menu_items)
        registries.calendar_sources.append(contributions.calendar_events)
        registries.timeline_sources.append(contributions.timeline)
        registries.evidence_sources.append(contributions.evidence)
        registries.interim_evaluation_sources.append(contributions.interim_evaluations)
        registries.interim_evaluation_dates.append(contributions.tussenevaluatie_dates)
        registry.register(notices.GESPREK_SOURCE)
        registry.register(notices.ACTIEPUNT_SOURCE)
        registries.demo_seeders.append(demo.seed_driehoek)
        from . import scale

        registries.scale_seeders.append(scale.seed_driehoek_scale)
        registries.signal_sources.append(signalen.no_recent_gesprek)
        from . import partnership_signals

        for signal in partnership_signals.SIGNALS:
            registries.partnership_signals.append(signal)
        # Recognition of the colleagues who train (issue 15): triangle meetings held.
        from . import recognition

        registries.recognition_sources.append(recognition.tallies)
