"""The main menu: the union of what every role of the person contributes, grouped."""

from __future__ import annotations

from dataclasses import dataclass

from . import registries


@dataclass(frozen=True)
class MenuSection:
    """Items of one group shown together under one dropdown."""

    label: str
    items: list[registries.MenuItem]


@dataclass(frozen=True)
class MenuGroup:
    label: str
    items: list[registries.MenuItem]

    @property
    def entries(self) -> list[registries.MenuItem | MenuSection]:
        """The group as a single role sees it: items, and a dropdown per section (in the
        place of the section's first item)."""
        entries: list[registries.MenuItem | MenuSection] = []
        sections: dict[str, MenuSection] = {}
        for item in self.items:
            if not item.section:
                entries.append(item)
            elif item.section in sections:
                sections[item.section].items.append(item)
            else:
                sections[item.section] = MenuSection(item.section, [item])
                entries.append(sections[item.section])
        return entries


def menu_for(user, roles) -> list[MenuGroup]:
    if not getattr(user, "is_authenticated", False):
        return []
    groups: dict[str, list[registries.MenuItem]] = {}
    seen_urls: set[str] = set()
    items = [
        item for source in registries.menu_items for item in source(user=user, roles=roles)
    ]
    for item in sorted(items, key=lambda item: item.order):
        # A schoolopleider who also mentors reaches the same list once.
        if item.url in seen_urls:
            continue
        seen_urls.add(item.url)
        groups.setdefault(item.group, []).append(item)
    return [MenuGroup(label, group_items) for label, group_items in groups.items()]
