"""Issue 10: pages that used to list a whole partnership stay small at national size."""

from __future__ import annotations

from django.urls import reverse

from . import factories


def _schools_with_placements(personas, count: int, *, name: str = "Zeeschool",
                             city: str = "Elders") -> list:
    schools = []
    for index in range(count):
        school = factories.SchoolFactory(name=f"{name} {index:02d}", city=city)
        factories.StageFactory(school=school, schooljaar=personas.schooljaar)
        schools.append(school)
    return schools


def test_coverage_shows_ten_schools_a_page_and_filters_on_school_or_place(client, personas):
    _schools_with_placements(personas, 11)
    (harbour,) = _schools_with_placements(personas, 1, name="Zuiderschool", city="Havenstad")
    client.force_login(personas.coordinator.user)
    url = reverse("leerwerktaken:coverage")

    first = client.get(url)
    assert first.context["page"].paginator.count == 14  # the two persona schools too
    assert [row.school.name for row in first.context["rows"]] == [
        "Het Testlyceum", "Tweede Testcollege", *[f"Zeeschool {i:02d}" for i in range(8)]]
    assert "Pagina 1 van 2" in first.content.decode()
    second = client.get(url, {"page": 2})
    assert {row.school.name for row in second.context["rows"]} == {
        "Zeeschool 08", "Zeeschool 09", "Zeeschool 10", harbour.name}

    filtered = client.get(url, {"q": "havenst"})
    assert [row.school for row in filtered.context["rows"]] == [harbour]
    nothing = client.get(url, {"q": "bestaat niet"})
    assert nothing.context["rows"] == []
    assert "Geen school met plaatsingen dit schooljaar past bij dit filter." in nothing.content.decode()


def test_coordinator_home_summarises_many_schools(client, personas):
    _schools_with_placements(personas, 12)
    client.force_login(personas.coordinator.user)
    response = client.get(reverse("home"))
    (panel,) = [panel for panel in response.context["panels"] if "signals" in panel.context]
    totals = {item.signal.key: item.total for item in panel.context["signals"]}
    assert (totals["plaatsingen"], totals["driehoek-compleet"]) == (14, 1)
    content = response.content.decode()
    assert "Per school en per instituut" in content
    # The schools themselves are on the overview, each on its own line.
    overview = client.get(reverse("partnerschap:overzicht"))
    assert len(overview.context["schools"]) == 14
