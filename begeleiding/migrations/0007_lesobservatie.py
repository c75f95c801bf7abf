"""Issue 15: lesson observations along an instrument per partnership. Every partnership that
exists starts with the default instrument (its coordinator changes it); a partnership made
later gets it on first use (services.ensure_default_instrument)."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models

from begeleiding.observatie_defaults import DEFAULT_INSTRUMENT


def add_default_instrument(apps, schema_editor):
    Partnerschap = apps.get_model("opleidingsschool", "Partnerschap")
    Observatiedomein = apps.get_model("begeleiding", "Observatiedomein")
    Indicator = apps.get_model("begeleiding", "Indicator")
    for partnerschap in Partnerschap.objects.exclude(
        pk__in=Observatiedomein.objects.values("partnerschap_id")
    ):
        for position, (name, description, texts) in enumerate(DEFAULT_INSTRUMENT, 1):
            domein = Observatiedomein.objects.create(
                partnerschap=partnerschap, name=name, description=description,
                position=position * 10,
            )
            Indicator.objects.bulk_create([
                Indicator(domein=domein, text=text, position=index * 10)
                for index, text in enumerate(texts, 1)
            ])


class Migration(migrations.Migration):

    dependencies = [
        ('begeleiding', '0006_schooldag_klikafspraak'),
        ('opleidingsschool', '0013_import_in_background'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Lesobservatie',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('date', models.DateField(verbose_name='date of the lesson')),
                ('class_name', models.CharField(max_length=50, verbose_name='class')),
                ('subject', models.CharField(blank=True, max_length=100, verbose_name='subject')),
                ('went_well', models.TextField(blank=True, verbose_name='what went well')),
                ('tip', models.TextField(blank=True, verbose_name='a tip')),
                ('domain_notes', models.JSONField(blank=True, default=dict, verbose_name='notes per domain')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='last changed')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent to the student at')),
                ('discussed_at', models.DateTimeField(blank=True, null=True, verbose_name='discussed at')),
                ('lesbezoek', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='lesobservaties', to='begeleiding.lesbezoek', verbose_name='classroom visit')),
                ('observer', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='lesobservaties_made', to=settings.AUTH_USER_MODEL, verbose_name='observer')),
                ('student', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lesobservaties', to='opleidingsschool.student', verbose_name='student')),
            ],
            options={
                'verbose_name': 'lesson observation',
                'verbose_name_plural': 'lesson observations',
                'ordering': ['-date', '-created_at'],
            },
        ),
        migrations.AddField(
            model_name='ontwikkelpunt',
            name='lesobservatie',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ontwikkelpunten', to='begeleiding.lesobservatie', verbose_name='lesson observation'),
        ),
        migrations.CreateModel(
            name='Observatiedomein',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('description', models.CharField(blank=True, max_length=300, verbose_name='description')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('is_active', models.BooleanField(default=True, verbose_name='in use')),
                ('partnerschap', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='observatiedomeinen', to='opleidingsschool.partnerschap', verbose_name='partnership')),
            ],
            options={
                'verbose_name': 'observation domain',
                'verbose_name_plural': 'observation domains',
                'ordering': ['position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Indicator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('text', models.CharField(max_length=300, verbose_name='indicator')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('is_active', models.BooleanField(default=True, verbose_name='in use')),
                ('domein', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicatoren', to='begeleiding.observatiedomein', verbose_name='domain')),
            ],
            options={
                'verbose_name': 'observation indicator',
                'verbose_name_plural': 'observation indicators',
                'ordering': ['position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Observatiescore',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(blank=True, choices=[(0, 'not observed'), (1, 'weak'), (2, 'rather weak'), (3, 'rather strong'), (4, 'strong')], null=True, verbose_name='score')),
                ('remark', models.CharField(blank=True, max_length=500, verbose_name='remark')),
                ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scores', to='begeleiding.indicator', verbose_name='indicator')),
                ('lesobservatie', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='begeleiding.lesobservatie', verbose_name='lesson observation')),
            ],
            options={
                'verbose_name': 'observation score',
                'verbose_name_plural': 'observation scores',
            },
        ),
        migrations.AddIndex(
            model_name='lesobservatie',
            index=models.Index(fields=['student', 'date'], name='lesobservatie_student_idx'),
        ),
        migrations.AddIndex(
            model_name='lesobservatie',
            index=models.Index(fields=['observer', 'date'], name='lesobservatie_observer_idx'),
        ),
        migrations.AddConstraint(
            model_name='lesobservatie',
            constraint=models.CheckConstraint(condition=models.Q(('discussed_at__isnull', True), ('sent_at__isnull', False), _connector='OR'), name='lesobservatie_discussed_after_sent'),
        ),
        migrations.AddConstraint(
            model_name='observatiedomein',
            constraint=models.UniqueConstraint(fields=('partnerschap', 'name'), name='observatiedomein_name_per_partnerschap'),
        ),
        migrations.AddConstraint(
            model_name='indicator',
            constraint=models.UniqueConstraint(fields=('domein', 'text'), name='indicator_text_per_domein'),
        ),
        migrations.AddConstraint(
            model_name='observatiescore',
            constraint=models.UniqueConstraint(fields=('lesobservatie', 'indicator'), name='one_score_per_indicator'),
        ),
        migrations.AddConstraint(
            model_name='observatiescore',
            constraint=models.CheckConstraint(condition=models.Q(('score__isnull', True), ('score__lte', 4), _connector='OR'), name='observatiescore_on_the_scale'),
        ),
        migrations.RunPython(add_default_instrument, migrations.RunPython.noop),
    ]
