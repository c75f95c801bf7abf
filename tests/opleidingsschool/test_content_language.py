"""Dutch content in the English interface says it is Dutch (lang="nl"), for screen readers."""

import re

from django.conf import settings
from django.urls import reverse

from tests import factories


def _outcome_page(client, personas, language):
    outcome = factories.LeeruitkomstFactory(
        code="LU9", title="Differentiëren in de klas", description="Je stemt je les af."
    )
    client.force_login(personas.student.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("leerwerktaken:leeruitkomst_detail", args=[outcome.uuid]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_learning_outcome_is_marked_dutch_in_the_english_interface(client, personas):
    html = _outcome_page(client, personas, "en")
    assert re.search(r'<html lang="en">', html)
    assert '<h1><span lang="nl">LU9 Differentiëren in de klas</span></h1>' in html
    assert '<div class="card-body" lang="nl"><p>Je stemt je les af.</p></div>' in html


def test_the_dutch_interface_needs_no_extra_language_marks(client, personas):
    html = _outcome_page(client, personas, "nl")
    assert '<h1><span>LU9 Differentiëren in de klas</span></h1>' in html
    assert 'lang="nl"' not in html.split("<body", 1)[1].replace('lang="nl" class="btn', "")


def test_expertise_names_are_marked_dutch_in_the_english_interface(client, personas):
    expertise = factories.ExpertiseFactory(name="differentiëren")
    personas.docent.expertises.add(expertise)
    client.force_login(personas.docent.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("begeleiding:lesaanbod_list")).content.decode()
    badge = '<span class="badge rounded-pill text-bg-light border me-1" lang="nl">differentiëren</span>'
    assert badge in html
