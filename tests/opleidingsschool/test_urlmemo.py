"""Issue 10: fixed addresses are worked out once (urlmemo.fixed_url and the `{% url %}`
builtin), and the main menu is rendered once per menu; what a person sees is the same."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix
from django.utils.translation import gettext_lazy

from opleidingsschool.menu import MenuGroup
from opleidingsschool.registries import MenuItem
from opleidingsschool.templatetags.navigation import portal_menu_html
from opleidingsschool.urlmemo import fixed_url

pytestmark = pytest.mark.django_db


def test_a_fixed_address_is_reverses_under_every_script_prefix():
    for name in ("home", "student_list", "bijeenkomsten:agenda", "privacy:read_log"):
        assert fixed_url(name) == reverse(name)
    set_script_prefix("/portaal/")
    try:
        assert fixed_url("student_list") == "/portaal/studenten/" == reverse("student_list")
    finally:
        clear_script_prefix()
    assert fixed_url("student_list") == "/studenten/"
    with pytest.raises(NoReverseMatch):
        fixed_url("no-such-page")


def test_the_url_tag_writes_what_djangos_writes():
    template = Template(
        "{% url 'home' %}|{% url 'begeleiding:logboek' %}|{% url 'driehoek:stage' uuid=u %}|"
        "{% url 'student_detail' u %}|{% url 'home' as there %}[{{ there }}]|"
        "{% url 'no-such-page' as nowhere %}[{{ nowhere }}]|{% url name %}"
    )
    uuid = "2c6929d2-f0cc-4f9d-b866-6205a013d3c8"
    assert template.render(Context({"u": uuid, "name": "privacy:page"})) == "|".join([
        reverse("home"), reverse("begeleiding:logboek"),
        reverse("driehoek:stage", kwargs={"uuid": uuid}),
        reverse("student_detail", args=[uuid]), f"[{reverse('home')}]", "[]",
        reverse("privacy:page"),
    ])
    with pytest.raises(NoReverseMatch):
        Template("{% url 'no-such-page' %}").render(Context())


def _menu(*labels_and_urls) -> list[MenuGroup]:
    return [MenuGroup("Student", [MenuItem(label, url, "Student") for label, url in labels_and_urls])]


def _render(menu, path="/", active=None):
    request = RequestFactory().get(path)
    request.resolver_match = None
    return portal_menu_html(Context({"request": request, "portal_menu": menu,
                                     "portal_active_url": active,
                                     "portal_menu_dropdowns": False}))


def test_the_menu_is_kept_per_items_page_and_language():
    from django.utils import translation

    own = _render(_menu(("Leervragen", "/begeleiding/leervragen/")))
    other = _render(_menu(("Leervragen", "/begeleiding/leervragen/"), ("Logboek", "/logboek/")))
    assert "Logboek" not in own and "Logboek" in other
    active = _render(_menu(("Leervragen", "/begeleiding/leervragen/")),
                     active="/begeleiding/leervragen/")
    assert 'aria-current="page">Leervragen' in active and "aria-current" not in own.split(
        "Start")[1]
    lazy = _menu((gettext_lazy("Learning questions"), "/begeleiding/leervragen/"))
    with translation.override("nl"):
        assert ">Leervragen<" in _render(lazy)
    with translation.override("en"):
        assert ">Learning questions<" in _render(lazy)  # the label in the page's language
    with translation.override("nl"):
        assert _render(_menu(("<b>x</b>", "/x/"))).count("&lt;b&gt;x&lt;/b&gt;") == 1


def test_each_person_sees_their_own_menu_and_name(client, personas):
    """Two people with the same roles on the same page: each their own name in the layout,
    and the menu their roles give."""
    pages = {}
    for person in (personas.wpb, personas.other_wpb):
        client.force_login(person.user)
        pages[person] = client.get(reverse("student_list")).content.decode()
        assert person.user.email in pages[person]
        assert 'href="/studenten/" aria-current="page">' in pages[person]
    assert personas.other_wpb.user.email not in pages[personas.wpb]
    client.force_login(personas.student.user)
    student = client.get(reverse("begeleiding:logboek")).content.decode()
    assert "Te bevestigen uren" not in student and "Leervragen" in student
    assert "Te bevestigen uren" in pages[personas.wpb]


def _patterns_with_arguments():
    """Every named pattern of the project's URLconf with its converters, by full name."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = []

    def walk(patterns, namespace, converters):
        for entry in patterns:
            here = {**converters, **entry.pattern.converters}
            if isinstance(entry, URLResolver):
                space = namespace
                if entry.namespace:
                    space = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry.url_patterns, space, here)
            elif isinstance(entry, URLPattern) and entry.name and here:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                found.append((name, here))

    walk(get_resolver().url_patterns, "", {})
    return found


def _value(converter, seed: int):
    import uuid

    from django.urls.converters import IntConverter, UUIDConverter

    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=seed * 7919 + 13)
    if isinstance(converter, IntConverter):
        return seed
    return None  # text: left to Django by urlmemo anyway


def test_every_pattern_with_ids_is_written_as_django_writes_it():
    """For every named pattern of the project whose arguments are uuids or ids: the same
    address as Django's reverse, by position and by name, for several values, and under
    another script prefix."""
    from opleidingsschool import urlmemo

    checked = 0
    for name, converters in _patterns_with_arguments():
        for seed in (0, 5, 123456):
            values = {key: _value(converter, seed + index)
                      for index, (key, converter) in enumerate(converters.items())}
            if None in values.values():
                continue
            assert urlmemo.reverse(name, kwargs=values) == reverse(name, kwargs=values)
            args = list(values.values())
            try:
                expected = reverse(name, args=args)
            except NoReverseMatch:
                with pytest.raises(NoReverseMatch):
                    urlmemo.reverse(name, args=args)
                continue
            assert urlmemo.reverse(name, args=args) == expected
            checked += 1
    assert checked > 100
    some = [(name, converters) for name, converters in _patterns_with_arguments()
            if all(_value(converter, 1) is not None for converter in converters.values())][0]
    values = {key: _value(converter, 3) for key, converter in some[1].items()}
    set_script_prefix("/portaal/")
    try:
        assert urlmemo.reverse(some[0], kwargs=values) == reverse(some[0], kwargs=values)
        assert urlmemo.reverse(some[0], kwargs=values).startswith("/portaal/")
    finally:
        clear_script_prefix()


def test_other_arguments_and_errors_are_djangos():
    import uuid

    from opleidingsschool import urlmemo

    text = "2c6929d2-f0cc-4f9d-b866-6205a013d3c8"
    assert urlmemo.reverse("student_detail", args=[text]) == reverse("student_detail",
                                                                      args=[text])
    with pytest.raises(NoReverseMatch):
        urlmemo.reverse("student_detail", args=[5])  # an id where a uuid belongs
    with pytest.raises(NoReverseMatch):
        urlmemo.reverse("student_detail", args=[uuid.uuid4(), uuid.uuid4()])
    with pytest.raises(NoReverseMatch):
        urlmemo.reverse("no-such-page", args=[uuid.uuid4()])
    u = uuid.uuid4()
    assert urlmemo.reverse("student_detail", args=(u,)) == reverse("student_detail", args=[u])
    assert Template("{% url 'student_detail' u %}|{% url 'driehoek:stage' uuid=u %}").render(
        Context({"u": u})) == f"{reverse('student_detail', args=[u])}|" + reverse(
        "driehoek:stage", kwargs={"uuid": u})
