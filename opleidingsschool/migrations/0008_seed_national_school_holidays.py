"""The national school holidays of 2026-2027 and 2027-2028 as default data.

Taken from the Rijksoverheid schedule (rijksoverheid.nl, "Schoolvakanties") as known when this
was written; the dates of later years and any correction are the coordinator's, on the
partnership's holidays page. An empty region means all regions. Both dates are days off
(Saturday to Sunday, as the schedule gives them).
"""

import datetime

from django.db import migrations

D = datetime.date

HOLIDAYS = [
    # 2026-2027
    ("Herfstvakantie", "noord", D(2026, 10, 17), D(2026, 10, 25)),
    ("Herfstvakantie", "midden", D(2026, 10, 17), D(2026, 10, 25)),
    ("Herfstvakantie", "zuid", D(2026, 10, 10), D(2026, 10, 18)),
    ("Kerstvakantie", "", D(2026, 12, 19), D(2027, 1, 3)),
    ("Voorjaarsvakantie", "noord", D(2027, 2, 13), D(2027, 2, 21)),
    ("Voorjaarsvakantie", "midden", D(2027, 2, 20), D(2027, 2, 28)),
    ("Voorjaarsvakantie", "zuid", D(2027, 2, 6), D(2027, 2, 14)),
    ("Meivakantie", "", D(2027, 4, 24), D(2027, 5, 2)),
    ("Zomervakantie", "noord", D(2027, 7, 17), D(2027, 8, 29)),
    ("Zomervakantie", "midden", D(2027, 7, 10), D(2027, 8, 22)),
    ("Zomervakantie", "zuid", D(2027, 7, 24), D(2027, 9, 5)),
    # 2027-2028
    ("Herfstvakantie", "noord", D(2027, 10, 16), D(2027, 10, 24)),
    ("Herfstvakantie", "midden", D(2027, 10, 23), D(2027, 10, 31)),
    ("Herfstvakantie", "zuid", D(2027, 10, 16), D(2027, 10, 24)),
    ("Kerstvakantie", "", D(2027, 12, 25), D(2028, 1, 9)),
    ("Voorjaarsvakantie", "noord", D(2028, 2, 19), D(2028, 2, 27)),
    ("Voorjaarsvakantie", "midden", D(2028, 2, 19), D(2028, 2, 27)),
    ("Voorjaarsvakantie", "zuid", D(2028, 2, 26), D(2028, 3, 5)),
    ("Meivakantie", "", D(2028, 4, 22), D(2028, 4, 30)),
    ("Zomervakantie", "noord", D(2028, 7, 22), D(2028, 9, 3)),
    ("Zomervakantie", "midden", D(2028, 7, 15), D(2028, 8, 27)),
    ("Zomervakantie", "zuid", D(2028, 7, 8), D(2028, 8, 20)),
]


def seed(apps, schema_editor):
    Vakantie = apps.get_model("opleidingsschool", "Vakantie")
    for name, regio, start, end in HOLIDAYS:
        Vakantie.objects.get_or_create(
            name=name, regio=regio, start_date=start, defaults={"end_date": end}
        )


def unseed(apps, schema_editor):
    Vakantie = apps.get_model("opleidingsschool", "Vakantie")
    for name, regio, start, _end in HOLIDAYS:
        Vakantie.objects.filter(name=name, regio=regio, start_date=start).delete()


class Migration(migrations.Migration):
    dependencies = [("opleidingsschool", "0007_school_regions_holidays_and_school_days")]

    operations = [migrations.RunPython(seed, unseed)]
