"""Helper of `manage.py bench`: measure the key pages in this database, print JSON."""

import json

from django.core.management.base import BaseCommand

from opleidingsschool.benchmark import pages


class Command(BaseCommand):
    help = "Log the bench personas in and measure each key page (queries, bytes); prints JSON."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(pages.probe()))
