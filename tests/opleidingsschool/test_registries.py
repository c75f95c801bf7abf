"""The registries' contracts are checked when a contribution is appended (in an app's
ready(), so at start-up): a wrong contribution fails there, not on a page."""

import pytest

from opleidingsschool import registries
from opleidingsschool.registries import ContributionError, HomePanel, Registry


def test_a_positional_contribution_is_refused_at_registration():
    registry = Registry("home_panels", registries.HomePanelSource)

    def panels(user, roles):
        return []

    with pytest.raises(ContributionError, match="must be keyword-only"):
        registry.append(panels)
    assert list(registry) == []


def test_a_contribution_with_other_argument_names_is_refused():
    registry = Registry("signal_sources", registries.SignalSource)

    def signals(*, placements, today):
        return []

    with pytest.raises(ContributionError, match=r"the contract is \(\*, user, stages, today\)"):
        registry.append(signals)


def test_a_matching_contribution_is_registered_and_called_with_keywords():
    registry = Registry("home_panels", registries.HomePanelSource)

    @registry.register
    def panels(*, user, roles):
        return [HomePanel(title=str(user), template="x.html")]

    assert [panel.title for source in registry for panel in source(user="u", roles=frozenset())] == ["u"]


def test_an_item_registry_refuses_what_is_not_its_dataclass():
    registry = Registry("things", HomePanel)
    with pytest.raises(ContributionError, match="expected a HomePanel"):
        registry.append({"title": "x"})


@pytest.mark.parametrize("registry", [
    registries.home_panels, registries.menu_items, registries.calendar_sources,
    registries.timeline_sources, registries.demo_seeders, registries.open_leervragen_sources,
    registries.signal_sources, registries.student_links, registries.evidence_sources,
    registries.scale_seeders, registries.recognition_sources, registries.recognition_panels,
], ids=lambda registry: registry.name)
def test_every_app_contributes_through_a_checked_registry(registry):
    # The apps registered in ready(); each contribution passed the check then.
    assert len(registry) >= 1
    for contribution in registry:
        registry.check(contribution)



def test_the_apps_registering_again_leaves_each_contribution_once():
    """isolate_apps (and any second app registry) runs every ready() again: the home page
    must not show each panel twice afterwards."""
    from django.apps import apps
    from django.test.utils import isolate_apps

    before = {name: list(getattr(registries, name)) for name in ("home_panels", "menu_items")}
    with isolate_apps(*[config.name for config in apps.get_app_configs()]):
        pass
    assert {name: list(getattr(registries, name)) for name in before} == before
