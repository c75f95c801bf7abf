"""Issue 11: the curriculum belongs to a partnership. What an installation has so far belongs
to its first partnership; codes and focus-theme names are unique per partnership."""

import django.db.models.deletion
import opleidingsschool.models.core
from django.db import migrations, models

from opleidingsschool.models.core import DEFAULT_PARTNERSCHAP_NAME

MODELS = {
    "curriculumbouwsteen": "bouwstenen",
    "leeruitkomst": "leeruitkomsten",
    "leerwerktaak": "leerwerktaken",
    "speerpunt": "speerpunten",
}


def into_first_partnership(apps, schema_editor):
    Partnerschap = apps.get_model("opleidingsschool", "Partnerschap")
    partnerschap = Partnerschap.objects.order_by("pk").first() or Partnerschap.objects.create(
        name=DEFAULT_PARTNERSCHAP_NAME
    )
    for model in MODELS:
        apps.get_model("leerwerktaken", model).objects.filter(partnerschap=None).update(
            partnerschap=partnerschap
        )


def _field(related_name, **kwargs):
    return models.ForeignKey(
        on_delete=django.db.models.deletion.PROTECT, related_name=related_name,
        to="opleidingsschool.partnerschap", verbose_name="partnership", **kwargs,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('leerwerktaken', '0003_default_leeruitkomsten'),
        ('opleidingsschool', '0012_partnerschap'),
    ]

    operations = [
        *(
            migrations.AddField(model_name=model, name="partnerschap", field=_field(related, null=True))
            for model, related in MODELS.items()
        ),
        migrations.RunPython(into_first_partnership, migrations.RunPython.noop),
        *(
            migrations.AlterField(
                model_name=model, name="partnerschap",
                field=_field(related, default=opleidingsschool.models.core.default_partnerschap),
            )
            for model, related in MODELS.items()
        ),
        migrations.AlterField(
            model_name='leeruitkomst',
            name='code',
            field=models.CharField(max_length=20, verbose_name='code'),
        ),
        migrations.AlterField(
            model_name='speerpunt',
            name='name',
            field=models.CharField(max_length=100, verbose_name='name'),
        ),
        migrations.AddConstraint(
            model_name='leeruitkomst',
            constraint=models.UniqueConstraint(fields=('partnerschap', 'code'), name='leeruitkomst_code_per_partnerschap'),
        ),
        migrations.AddConstraint(
            model_name='speerpunt',
            constraint=models.UniqueConstraint(fields=('partnerschap', 'name'), name='speerpunt_name_per_partnerschap'),
        ),
    ]
