"""Time an import of N rows the way a coordinator does it (issue 11: "a file of 2,000 rows
previews in under 10 seconds on 2 cores"): upload the file, open the preview, confirm, open
the result, for the students, then the staff, then the placements of those students. Each
step is one request through the whole stack (middleware, view, template). Everything runs
in one transaction that is rolled back at the end: the database is left as it was.

    manage.py bench_import --rows 2000
"""

from __future__ import annotations

import csv
import io
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from opleidingsschool.models import ImportBatch, Medewerker, Opleiding, School, Schooljaar


class Rollback(Exception):
    pass


def csv_file(name: str, headers: list[str], rows: list[list[str]]) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headers)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8-sig"), "text/csv")


class Command(BaseCommand):
    help = "Time the upload, preview and confirmation of an import of N rows (rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=2000)
        parser.add_argument("--coordinator", default="coordinator@example.org")

    def handle(self, *args, rows: int, coordinator: str, **options):
        medewerker = (Medewerker.objects.select_related("user", "partnerschap")
                      .filter(user__email=coordinator, is_coordinator=True).first())
        if medewerker is None:
            raise CommandError(f"{coordinator} is not a coordinator (run seed_demo first)")
        partnerschap = medewerker.partnerschap
        school = School.objects.filter(partnerschap=partnerschap).order_by("name").first()
        opleiding = (Opleiding.objects.filter(instituut__partnerschappen=partnerschap)
                     .order_by("name").first())
        schooljaar = Schooljaar.objects.current()
        if not (school and opleiding and schooljaar):
            raise CommandError("the partnership needs a school, a programme and a school year")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(medewerker.user)
        lists = [
            ("student", "studenten.csv",
             ["e-mail", "voornaam", "achternaam", "opleiding", "studiejaar", "studentnummer"],
             [[f"bench.student{n}@example.org", "Bench", f"Student {n}", opleiding.name,
               str(1 + n % 4), f"B{n:07d}"] for n in range(rows)]),
            ("medewerker", "medewerkers.csv",
             ["e-mail", "voornaam", "achternaam", "school", "instituut", "functies",
              "expertise"],
             [[f"bench.wpb{n}@example.org", "Bench", f"Begeleider {n}", school.name, "",
               "werkplekbegeleider", ""] for n in range(rows)]),
            ("stage", "stages.csv",
             ["student", "school", "schooljaar", "startdatum", "einddatum",
              "werkplekbegeleider", "schoolopleider", "instituutsopleider", "schooldagen"],
             [[f"bench.student{n}@example.org", school.name, schooljaar.name, "", "",
               f"bench.wpb{n}@example.org", "", "", "ma, di, do"] for n in range(rows)]),
        ]
        self.stdout.write(f"{rows} rows per list, partnership {partnerschap}, on {school}")
        self.stdout.write(f"{'list':<12}{'upload s':>10}{'preview s':>11}{'confirm s':>11}"
                          f"{'result s':>10}{'preview KB':>12}")
        try:
            with transaction.atomic():
                for prefix, filename, headers, data in lists:
                    self.run_list(client, prefix, filename, headers, data)
                raise Rollback
        except Rollback:
            pass

    def run_list(self, client, prefix, filename, headers, data):
        timings = []
        started = time.perf_counter()
        response = client.post(reverse(f"partnerschap:{prefix}_import"),
                               {"file": csv_file(filename, headers, data)})
        timings.append(time.perf_counter() - started)
        if response.status_code != 302:
            raise CommandError(f"{prefix}: the upload answered {response.status_code}")
        preview_url = response["Location"]
        started = time.perf_counter()
        response = client.get(preview_url)
        timings.append(time.perf_counter() - started)
        size = len(response.content) / 1024
        if b'<form method="post">' not in response.content:  # the confirm button
            raise CommandError(f"{prefix}: the preview offers no confirmation (rows in error?)")
        started = time.perf_counter()
        response = client.post(preview_url)
        timings.append(time.perf_counter() - started)
        if response.status_code != 302:
            raise CommandError(f"{prefix}: the confirmation answered {response.status_code}")
        started = time.perf_counter()
        response = client.get(response["Location"])
        timings.append(time.perf_counter() - started)
        batch = ImportBatch.objects.order_by("-created_at").first()
        assert batch.applied_at is not None
        self.stdout.write(f"{prefix:<12}" + "".join(f"{t:>10.2f} " for t in timings)
                          + f"{size:>11.0f}")
