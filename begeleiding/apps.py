from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BegeleidingConfig(AppConfig):
    name = "begeleiding"
    verbose_name = _("Mentoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opleidingsschool import registries
        from opleidingsschool.notifications import registry

        from . import (
            contributions,
            contributions_lesobservaties,
            demo,
            demo_lesobservaties,
            demo_ontwikkelplan,
            notices,
            signalen,
        )

        registries.home_panels.append(contributions.home_panels)
        registries.menu_items.append(contributions.menu_items)
        registries.student_links.append(contributions.student_links)
        registries.home_panels.append(contributions_lesobservaties.home_panels)
        registries.menu_items.append(contributions_lesobservaties.menu_items)
        registries.student_links.append(contributions_lesobservaties.student_links)
        registries.timeline_sources.append(contributions.timeline)
        registries.evidence_sources.append(contributions.evidence)
        registries.calendar_sources.append(contributions.calendar_events)
        registries.open_leervragen_sources.append(contributions.open_leervragen)
        for kind in signalen.KINDS:
            registries.signal_kinds.append(kind)
        registries.signal_sources.append(signalen.low_klik)
        registries.signal_sources.append(signalen.hours_behind)
        registries.signal_sources.append(signalen.quiet_leervragen)
        from . import partnership_signals

        for signal in partnership_signals.SIGNALS:
            registries.partnership_signals.append(signal)
        from . import services

        registries.inductie_started.append(services.carry_over_ontwikkelpunten)
        registries.demo_seeders.append(demo.seed_begeleiding)
        registries.demo_seeders.append(demo_ontwikkelplan.seed_ontwikkelplannen)
        registries.demo_seeders.append(demo_lesobservaties.seed_lesobservaties)
        registry.register(notices.LESBEZOEK_SOURCE)
        registry.register(notices.BEGELEIDER_SOURCE)
        from . import scale

        registries.scale_seeders.append(scale.seed_begeleiding_scale)
        # Recognition of the colleagues who train (issue 15): visits hosted, hours confirmed,
        # lesson observations made and notes of thanks (begeleiding/recognition.py).
        from . import demo_bedankjes, recognition

        registries.recognition_sources.append(recognition.tallies)
        registries.recognition_panels.append(recognition.panels)
        registries.demo_seeders.append(demo_bedankjes.seed_bedankjes)
