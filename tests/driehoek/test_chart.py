"""Issue 10: the progress chart is written in Python ({% progress_chart %}) with the markup
of driehoek/includes/_chart.html, character for character."""

from __future__ import annotations

import datetime

import pytest
from django.template import engines
from django.utils import translation

from driehoek import selectors
from driehoek.templatetags.driehoek_tags import progress_chart
from leerwerktaken.models import Leeruitkomst
from tests import factories

pytestmark = pytest.mark.django_db

TEMPLATE = engines["django"].from_string('{% include "driehoek/includes/_chart.html" %}')


def test_the_chart_is_the_templates_markup(personas):
    Leeruitkomst.objects.all().delete()
    outcomes = [factories.LeeruitkomstFactory(code="LU-1", title="Orde & <rust>", position=1),
                factories.LeeruitkomstFactory(code='LU"2', title="Didactiek", position=2)]
    start = personas.schooljaar.start_date
    evaluations = []
    for days, levels in ((40, (1, 1)), (120, (2, 1)), (400, (3, None))):
        evaluation = factories.TussenevaluatieFactory(
            stage=personas.stage, date=start + datetime.timedelta(days=days))
        for outcome, level in zip(outcomes, levels, strict=True):
            if level is not None:
                factories.OordeelFactory(tussenevaluatie=evaluation, leeruitkomst=outcome,
                                         niveau=level)
        evaluations.append(evaluation)
    empty = selectors.progress_chart(personas.stage, [])
    full = selectors.progress_chart(personas.stage, evaluations)
    assert len(full["lines"]) == 2
    for language, content_lang in (("nl", ""), ("en", ' lang="nl"')):
        with translation.override(language):
            for chart in (empty, full, {}):
                context = {"chart": chart, "content_lang": content_lang}
                assert progress_chart(context) == TEMPLATE.render(context)
    assert "Orde &amp; &lt;rust&gt;" in progress_chart({"chart": full, "content_lang": ""})
