from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpleidingsschoolConfig(AppConfig):
    name = "opleidingsschool"
    verbose_name = _("Training school")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import home, homecache, lookups, registries  # noqa: F401  (lookups: __any_of)

        homecache.connect()

        registries.home_panels.append(home.core_panels)
        registries.menu_items.append(home.core_menu_items)
        from .bijeenkomsten import contributions, demo, notices

        registries.home_panels.append(contributions.panels)
        registries.menu_items.append(contributions.menu_items)
        from . import invitations
        from .notifications import registry, tasks  # noqa: F401  (tasks: registered by name)

        registry.register(notices.SOURCE)
        registry.register(invitations.SOURCE)
        from .privacy import mail as privacy_mail

        registry.register(privacy_mail.SOURCE)
        registries.demo_seeders.append(demo.seed_bijeenkomsten)
        from .bijeenkomsten import partnership_signals

        registries.partnership_signals.append(partnership_signals.SIGNAL)
        from .privacy import menu as privacy_menu
        from .privacy.audit import register_audited_models

        registries.menu_items.append(privacy_menu.menu_items)
        register_audited_models()
        # Recognition of the colleagues who train (issue 15).
        from .erkenning import contributions as erkenning
        from .erkenning import demo as erkenning_demo
        from .erkenning import sources

        registries.recognition_sources.append(sources.mentoring)
        registries.recognition_sources.append(sources.sessions)
        registries.menu_items.append(erkenning.menu_items)
        registries.home_panels.append(erkenning.home_panels)
        registries.demo_seeders.append(erkenning_demo.seed_erkenning)
