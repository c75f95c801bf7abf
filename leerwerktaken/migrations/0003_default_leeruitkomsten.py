"""A fresh install starts with the default set of learning outcomes (coordinators change it)."""

from django.db import migrations

from leerwerktaken.defaults import DEFAULT_LEERUITKOMSTEN


def add_defaults(apps, schema_editor):
    Leeruitkomst = apps.get_model("leerwerktaken", "Leeruitkomst")
    if Leeruitkomst.objects.exists():
        return  # the partnership already keeps its own set
    for position, (code, group, title, description) in enumerate(DEFAULT_LEERUITKOMSTEN, 1):
        Leeruitkomst.objects.create(
            code=code, group=group, title=title, description=description, position=position * 10
        )


class Migration(migrations.Migration):
    dependencies = [("leerwerktaken", "0002_curriculum")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
