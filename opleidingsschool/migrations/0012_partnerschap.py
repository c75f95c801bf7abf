"""Issue 11: the partnership becomes an entity; an installation's data moves into one."""

import django.db.models.deletion
import opleidingsschool.models.core
import uuid
from django.db import migrations, models

from opleidingsschool.models.core import DEFAULT_PARTNERSCHAP_NAME


def into_one_partnership(apps, schema_editor):
    """Everything an installation holds so far belongs to its one partnership: every school,
    student, session, series and import, every institute works with it, every coordinator
    manages it. The installation starts with that partnership even when it is still empty."""
    Partnerschap = apps.get_model("opleidingsschool", "Partnerschap")
    partnerschap = Partnerschap.objects.order_by("pk").first() or Partnerschap.objects.create(
        name=DEFAULT_PARTNERSCHAP_NAME
    )
    for model in ("School", "Student", "Bijeenkomst", "Reeks", "ImportBatch"):
        apps.get_model("opleidingsschool", model).objects.filter(partnerschap=None).update(
            partnerschap=partnerschap
        )
    apps.get_model("opleidingsschool", "Medewerker").objects.filter(
        is_coordinator=True, partnerschap=None
    ).update(partnerschap=partnerschap)
    partnerschap.instituten.add(*apps.get_model("opleidingsschool", "Instituut").objects.all())


class Migration(migrations.Migration):

    dependencies = [
        ('opleidingsschool', '0011_import_kinds_staff_placements'),
    ]

    operations = [
        migrations.CreateModel(
            name='Partnerschap',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                ('triangle_weeks', models.PositiveSmallIntegerField(default=10, help_text='A placement is flagged when its last triangle meeting is longer ago.', verbose_name='weeks without a triangle meeting')),
                ('triangle_grace_weeks', models.PositiveSmallIntegerField(default=4, verbose_name='grace period at the start of a placement (weeks)')),
                ('hours_behind_percent', models.PositiveSmallIntegerField(default=20, help_text='A student is flagged when their confirmed hours are this much below the expected pace.', verbose_name='hours behind the expected pace (%)')),
                ('unconfirmed_days', models.PositiveSmallIntegerField(default=14, verbose_name='days before unconfirmed hours are flagged')),
                ('quiet_weeks', models.PositiveSmallIntegerField(default=4, verbose_name='weeks without activity on a learning question')),
                ('low_rapport', models.PositiveSmallIntegerField(default=2, verbose_name='low rapport score (this or lower)')),
                ('instituten', models.ManyToManyField(blank=True, help_text='The teacher-education institutes this partnership works with.', related_name='partnerschappen', to='opleidingsschool.instituut', verbose_name='institutes')),
            ],
            options={
                'verbose_name': 'partnership',
                'verbose_name_plural': 'partnerships',
                'ordering': ['name'],
            },
        ),
        migrations.AddField(
            model_name='bijeenkomst',
            name='partnerschap',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='bijeenkomsten', to='opleidingsschool.partnerschap', verbose_name='partnership'),
        ),
        migrations.AddField(
            model_name='importbatch',
            name='partnerschap',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='import_batches', to='opleidingsschool.partnerschap', verbose_name='partnership'),
        ),
        migrations.AddField(
            model_name='medewerker',
            name='partnerschap',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='coordinators', to='opleidingsschool.partnerschap', verbose_name='partnership'),
        ),
        migrations.AddField(
            model_name='reeks',
            name='partnerschap',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reeksen', to='opleidingsschool.partnerschap', verbose_name='partnership'),
        ),
        migrations.AddField(
            model_name='school',
            name='partnerschap',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='schools', to='opleidingsschool.partnerschap', verbose_name='partnership'),
        ),
        migrations.AddField(
            model_name='student',
            name='partnerschap',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='studenten', to='opleidingsschool.partnerschap', verbose_name='partnership'),
        ),
        migrations.RunPython(into_one_partnership, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='bijeenkomst',
            name='partnerschap',
            field=models.ForeignKey(default=opleidingsschool.models.core.default_partnerschap, on_delete=django.db.models.deletion.PROTECT, related_name='bijeenkomsten', to='opleidingsschool.partnerschap', verbose_name='partnership'),
        ),
        migrations.AlterField(
            model_name='importbatch',
            name='partnerschap',
            field=models.ForeignKey(default=opleidingsschool.models.core.default_partnerschap, on_delete=django.db.models.deletion.CASCADE, related_name='import_batches', to='opleidingsschool.partnerschap', verbose_name='partnership'),
        ),
        migrations.AlterField(
            model_name='reeks',
            name='partnerschap',
            field=models.ForeignKey(default=opleidingsschool.models.core.default_partnerschap, on_delete=django.db.models.deletion.PROTECT, related_name='reeksen', to='opleidingsschool.partnerschap', verbose_name='partnership'),
        ),
        migrations.AlterField(
            model_name='school',
            name='partnerschap',
            field=models.ForeignKey(default=opleidingsschool.models.core.default_partnerschap, on_delete=django.db.models.deletion.PROTECT, related_name='schools', to='opleidingsschool.partnerschap', verbose_name='partnership'),
        ),
        migrations.AlterField(
            model_name='student',
            name='partnerschap',
            field=models.ForeignKey(default=opleidingsschool.models.core.default_partnerschap, on_delete=django.db.models.deletion.PROTECT, related_name='studenten', to='opleidingsschool.partnerschap', verbose_name='partnership'),
        ),
        migrations.AddIndex(
            model_name='bijeenkomst',
            index=models.Index(fields=['partnerschap', 'starts_at'], name='bijeenkomst_partner_start'),
        ),
        migrations.AddConstraint(
            model_name='medewerker',
            constraint=models.CheckConstraint(condition=models.Q(('is_coordinator', False), ('partnerschap__isnull', False), _connector='OR'), name='coordinator_has_partnerschap'),
        ),
    ]
