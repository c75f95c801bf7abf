"""The student's own data (issue 13): export, who read it, how long it is kept.

- export.py: everything the portal holds about one person, as JSON, a printable dossier and
  a zip with their files (docs/privacy-export.md describes the format);
- readlog.py: recording who opened someone's notes, evaluations, rapport checks, plans and
  files, and the pages that show it;
- retention.py: how long each kind of record is kept after a placement ends, the daily job
  and its dry run, and deleting an account on request;
- views.py, urls.py, tasks.py, mail.py: the pages, the Celery tasks and the one mail.

The tables name other apps' models by label (apps.get_model), never by import, so the core
still imports nothing above it.
"""
