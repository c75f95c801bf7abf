"""`make bench`: the portal's key pages under a real load generator, beside a bare view.

- `pages` names the key pages, who opens each, and measures queries and HTML bytes in-process
  (run inside the database being benched: `manage.py bench_probe`).
- `runner` builds a demo-size and a national-size database, serves each with gunicorn, drives
  wrk against every page and the bare view, times the reminder sweep and a 50-user page mix.
- `report` prints the one table.
"""
