"""Project-wide rules: translations complete, every model in the admin, imports point down."""

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin

from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[1]
PO_FILE = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"

# Who may import whom (ARCHITECTURE.md): imports point downward only.
ALLOWED_IMPORTS = {
    "opleidingsschool": set(),
    "leerwerktaken": {"opleidingsschool"},
    "begeleiding": {"opleidingsschool", "leerwerktaken"},
    "driehoek": {"opleidingsschool", "leerwerktaken", "begeleiding"},
}


def _po_entries(text: str):
    """Yield (flags, msgid, msgstrs) for each entry of a .po file."""
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip()]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        current = None
        fields: dict[str, str] = {}
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid" in fields:
            msgstrs = [value for key, value in fields.items() if key.startswith("msgstr")]
            yield flags, fields["msgid"], msgstrs


def test_dutch_translations_are_complete_and_not_fuzzy():
    text = PO_FILE.read_text(encoding="utf-8")
    problems = []
    for flags, msgid, msgstrs in _po_entries(text):
        if msgid == "":
            continue  # the header
        if "fuzzy" in flags:
            problems.append(f"fuzzy: {msgid}")
        if not msgstrs or any(value == "" for value in msgstrs):
            problems.append(f"untranslated: {msgid}")
        # A merge once left "placement"/"placements" as "s"/"t": a one-letter translation of a
        # word is a broken entry, not Dutch.
        if len(msgid) > 2 and any(0 < len(value) <= 1 for value in msgstrs):
            problems.append(f"a single letter for: {msgid}")
    assert problems == []


def _catalog(mo_file: Path) -> dict:
    with mo_file.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


def test_the_committed_mo_file_is_the_compiled_po_file(tmp_path):
    """Compile the .po with msgfmt --check into a temporary folder: it must be valid, and the
    committed .mo must hold exactly the same translations (a stale .mo fails here)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        skip_or_fail("msgfmt not found (apt-get install -y gettext)")
    compiled = tmp_path / "django.mo"
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(compiled), str(PO_FILE)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert _catalog(PO_FILE.with_suffix(".mo")) == _catalog(compiled)


@pytest.mark.parametrize(
    "model",
    [model for model in apps.get_models()
     if model._meta.app_label in ALLOWED_IMPORTS],
    ids=lambda model: model._meta.label,
)
def test_every_portal_model_is_in_the_admin_with_search(model):
    assert admin.site.is_registered(model)
    assert admin.site.get_model_admin(model).search_fields


def test_imports_point_downward_only():
    violations = []
    for app, allowed in ALLOWED_IMPORTS.items():
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                for name in names:
                    top = name.split(".")[0]
                    if top in ALLOWED_IMPORTS and top != app and top not in allowed:
                        violations.append(f"{path.relative_to(ROOT)} imports {name}")
    assert violations == []


ARCHITECTURE = ROOT / "docs" / "architecture.md"


def _first_column(section: str) -> list[str]:
    """The `code` names in the first column of the table under a '## ' heading."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", body, flags=re.M)


def test_the_architecture_page_names_every_app_and_only_folders_that_exist():
    listed = _first_column("Apps and what each owns")
    assert set(ALLOWED_IMPORTS) <= set(listed)
    assert [name for name in listed if not (ROOT / name).is_dir()] == []


def test_the_architecture_page_lists_exactly_the_registries_that_exist():
    from opleidingsschool import registries

    existing = sorted(
        name for name, value in vars(registries).items()
        if isinstance(value, list) and not name.startswith("_")
    )
    assert sorted(_first_column("Registries")) == existing
