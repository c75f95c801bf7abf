"""The privacy page (linked from the footer, open to everyone) and the way to my data."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_privacy_page_is_linked_from_every_footer_and_shows_the_periods(client, settings):
    settings.PRIVACY_RETENTION_DAYS = {**settings.PRIVACY_RETENTION_DAYS, "driehoek": 1095}
    login = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse("privacy:page")}"' in login
    page = client.get(reverse("privacy:page")).content.decode()
    assert "Jouw gegevens in dit portaal" in page
    assert "1095 dagen na het einde van de stage" in page
    assert "Driehoeksgesprekken met verslag, leerdoelen, actiepunten en tussenevaluaties" in page
    assert "Vraag het de coördinator van je partnerschap" in page


def test_the_user_menu_leads_to_my_data_and_who_read_it(client, personas):
    client.force_login(personas.student.user)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("privacy:my_data")}"' in home
    assert f'href="{reverse("privacy:reads")}"' in home
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert "Maak mijn zip-bestand" in page


def test_coordinator_menu_has_the_read_log_and_retention(client, personas):
    client.force_login(personas.coordinator.user)
    labels = [item.label for group in client.get(reverse("home")).context["portal_menu"]
              for item in group.items]
    assert "Wie las wat" in labels
    assert "Bewaartermijnen" in labels
