"""The POST forms of a rendered page, read as a browser would submit them.

`post_forms(html)` gives each form's action and fields: the kind of each field (its input
type, `select` or `textarea`), the value the page filled in, the choices it offers and the
bounds the browser enforces (maxlength, min, max). The access table posts the filled-in
values; the fuzz test replaces them with hostile ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

IGNORED_KINDS = {"submit", "button", "reset", "image"}


@dataclass
class FormField:
    name: str
    kind: str
    values: list[str] = field(default_factory=list)  # what the browser would send as it is
    options: list[str] = field(default_factory=list)  # choices of a select, radio or checkbox
    attrs: dict = field(default_factory=dict)


@dataclass
class Form:
    action: str
    fields: dict[str, FormField] = field(default_factory=dict)
    buttons: dict[str, str] = field(default_factory=dict)

    def filled_in(self) -> dict[str, list[str]]:
        """The data a browser sends for this form as rendered, with its first named button."""
        data = {name: list(f.values) for name, f in self.fields.items() if f.values}
        for name, value in list(self.buttons.items())[:1]:
            data.setdefault(name, [value])
        return data


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: FormField | None = None
        self._option: str | None = None
        self._option_selected = False
        self._option_text = ""
        self._textarea: FormField | None = None

    def _field(self, name: str, kind: str, attrs: dict) -> FormField:
        current = self._form.fields.get(name)
        if current is None:
            current = self._form.fields[name] = FormField(name=name, kind=kind, attrs=attrs)
        return current

    def handle_starttag(self, tag, attrs):
        attrs = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self._form = Form(action=attrs.get("action") or "")
                self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "button":
            if name and (attrs.get("type") or "submit") == "submit":
                self._form.buttons.setdefault(name, attrs.get("value", ""))
            return
        if tag == "option" and self._select is not None:
            self._option = attrs.get("value")
            self._option_selected = "selected" in attrs
            self._option_text = ""
            return
        if not name or name == "csrfmiddlewaretoken" or "disabled" in attrs:
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in IGNORED_KINDS:
                if kind == "submit":
                    self._form.buttons.setdefault(name, attrs.get("value", ""))
                return
            current = self._field(name, kind, attrs)
            value = attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")
            if kind in {"checkbox", "radio"}:
                current.options.append(value)
                if "checked" in attrs:
                    current.values.append(value)
            elif kind != "file":
                current.values.append(value)
        elif tag == "select":
            self._select = self._field(name, "select", attrs)
        elif tag == "textarea":
            self._textarea = self._field(name, "textarea", attrs)
            self._textarea.values.append("")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.values[-1] += data
        if self._option is not None or self._select is not None:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the line break right after <textarea>.
            if self._textarea.values[-1].startswith("\n"):
                self._textarea.values[-1] = self._textarea.values[-1][1:]
            self._textarea = None
        elif tag == "option" and self._select is not None:
            value = self._option if self._option is not None else self._option_text.strip()
            self._select.options.append(value)
            if self._option_selected:
                self._select.values.append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            select = self._select
            if not select.values and select.options and "multiple" not in select.attrs:
                select.values.append(select.options[0])
            self._select = None


def post_forms(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms
