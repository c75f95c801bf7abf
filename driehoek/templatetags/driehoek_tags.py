"""Plain text notes shown as well-formatted text: paragraphs at empty lines, lines starting
with a dash or an asterisk as bullets. Everything is escaped first; no markup gets in."""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from opleidingsschool.templatetags.dates import date
from opleidingsschool.templatetags.written import display as _display
from opleidingsschool.templatetags.written import raw as _raw

register = template.Library()

BULLET = re.compile(r"^\s*[-*•]\s+")


@register.filter
def notes(text: str):
    if not text:
        return ""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    html = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        if lines and all(BULLET.match(line) for line in lines):
            items = "".join(f"<li>{escape(BULLET.sub('', line))}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append("<p>" + "<br>".join(escape(line) for line in lines) + "</p>")
    return mark_safe("".join(html))  # noqa: S308 - every piece is escaped above


# --- The progress chart ------------------------------------------------------------------
# `{% progress_chart %}`: the chart of the context's `chart` (selectors.progress_chart),
# written in Python with the markup of driehoek/includes/_chart.html, which stays its
# description (tests/driehoek/test_chart.py compares the two character for character).
# Through the template one chart cost the triangle page about 0.9 ms (issue 10).


def _chart_line(chart: dict, line, content_lang: str) -> str:
    levels = "".join(
        f'<line class="chart-grid" x1="{_raw(chart["plot_left"])}" '
        f'x2="{_raw(chart["plot_right"])}" y1="{_raw(level["y"])}" y2="{_raw(level["y"])}"/>'
        for level in chart["levels"])
    months = "".join(
        f'<text class="chart-month" x="{_raw(month["x"])}" y="{_raw(chart["height"])}">'
        f'{_raw(date(month["date"], "M"))}</text>' for month in chart["months"])
    points = "".join(
        f'<circle class="chart-point level-{_raw(point["niveau"])}" cx="{_raw(point["x"])}" '
        f'cy="{_raw(point["y"])}" r="4"><title>{_raw(date(point["date"], "j F Y"))}: '
        f'{_raw(point["label"])}</title></circle>' for point in line.points)
    items = "".join(f'<li>{_raw(date(point["date"], "j F Y"))}: {_raw(point["label"])}</li>'
                    for point in line.points)
    label = gettext("Progress on %(outcome)s over the school year") % {
        "outcome": _raw(line.leeruitkomst.code)}
    return (
        '\n  <figure class="progress-chart mb-3">\n'
        f'    <figcaption class="small fw-semibold"><span{content_lang}>'
        f"{_raw(line.leeruitkomst)}</span> "
        f'<span class="badge level-{_raw(line.latest.niveau)}">'
        f"{_raw(_display(line.latest, 'niveau'))}</span></figcaption>\n"
        f'    <svg viewBox="0 0 {_raw(chart["width"])} {_raw(chart["height"])}" role="img" '
        f'aria-label="{label}" class="chart-svg">\n'
        f"      {levels}\n"
        f"      {months}\n"
        f'      <path class="chart-line" d="{_raw(line.path)}"/>\n'
        f"      {points}\n"
        "    </svg>\n"
        f'    <ul class="visually-hidden">{items}</ul>\n'
        "  </figure>\n  "
    )


@register.simple_tag(takes_context=True)
def progress_chart(context) -> str:
    chart = context.get("chart") or {}
    if not chart.get("lines"):
        return mark_safe(  # noqa: S308  (a translation, escaped)
            '\n\n<p class="text-body-secondary mb-0">'
            f'{_raw(gettext("The chart appears after the first interim evaluation."))}</p>\n\n')
    content_lang = conditional_escape(context.get("content_lang", ""))
    lines = "".join(_chart_line(chart, line, content_lang) for line in chart["lines"])
    legend = " · ".join(_raw(level["label"]) for level in reversed(chart["levels"]))
    return mark_safe(  # noqa: S308  (every value is escaped)
        "\n\n\n\n\n"
        '<div class="progress-charts">\n'
        f"  {lines}\n"
        '  <p class="small text-body-secondary mb-0 chart-legend">'
        f'{_raw(gettext("Scale, from bottom to top"))}: {legend}</p>\n'
        "</div>\n"
        "\n\n"
    )
