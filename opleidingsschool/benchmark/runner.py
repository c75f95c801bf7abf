"""Drive the bench: two databases, gunicorn, wrk, the reminder sweep, the 50-user mix.

Every load goes to 127.0.0.1 only, and every wrk run is bounded in time.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import psycopg2
from django.conf import settings
from django.db import connections

BASE_DIR = Path(settings.BASE_DIR)
LUA = Path(__file__).with_name("report.lua")
PYTHON = sys.executable


@dataclass(frozen=True)
class Options:
    schools: int = 1000
    duration: int = 5  # seconds of wrk per page and size
    connections: int = 16
    # As the image serves (Dockerfile: WEB_CONCURRENCY=3). On 2 cores that Postgres, Redis and
    # the load generator share, 3 workers served the 50-user mix about a tenth faster than 5
    # (266 against 241 req/s on average over 11 and 15 alternating runs that each spread by a
    # fifth; docs/performance.md, eleventh round).
    workers: int = 3
    rounds: int = 2  # runs per page and size; the one with the most requests per second counts
    bare_duration: int = 2  # seconds of the bare view right before each page
    reminders: int = 50_000
    mix_users: int = 50
    mix_duration: int = 15
    reuse: bool = False  # keep a national-size database that already has `schools` schools
    demo_from_current: bool = False  # DATABASE_URL's database is freshly migrated + seed_demo (CI)
    sweep_limit: int = 300  # seconds the reminder sweep may take before it is reported as is


class Bench:
    def __init__(self, options: Options, log):
        self.options = options
        self.log = log
        self.url = dj_database_url.parse(os.environ["DATABASE_URL"])
        base = self.url["NAME"]
        self.databases = {"demo": f"{base}_bench_demo", "scale": f"{base}_bench_scale"}
        self.static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
        self.timings: dict[str, float] = {}

    # -- databases -------------------------------------------------------------------------
    def admin(self, sql: str) -> list:
        connection = psycopg2.connect(
            dbname="postgres", user=self.url["USER"], password=self.url["PASSWORD"],
            host=self.url["HOST"] or "127.0.0.1", port=self.url["PORT"] or 5432,
        )
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()

    def database_url(self, size: str) -> str:
        u = self.url
        auth = u["USER"] + (f":{u['PASSWORD']}" if u["PASSWORD"] else "")
        return f"postgres://{auth}@{u['HOST'] or '127.0.0.1'}:{u['PORT'] or 5432}/{self.databases[size]}"

    def env(self, size: str, **extra) -> dict:
        env = dict(os.environ)
        env.update({
            "DATABASE_URL": self.database_url(size), "DEBUG": "0",
            "SECRET_KEY": "bench-only-secret-key-not-for-any-real-use",
            "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_COOKIES": "0",
            # Plain HTTP on loopback: no redirect to HTTPS, no HSTS (else every page is a 301).
            "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0",
            "BENCH_BARE_VIEW": "1", "LOG_LEVEL": "WARNING", "STATIC_ROOT": str(self.static_root),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            # The two databases share user ids (the national one is a copy of the demo): each
            # keeps its sessions and home panels under its own prefix in the one Redis.
            "CACHE_KEY_PREFIX": f"bench-{size}",
        })
        env.update(extra)
        return env

    def manage(self, size: str, *args: str, capture: bool = False) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=self.env(size), check=True,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL, text=True,
        )
        return result.stdout or ""

    def scale_schools(self) -> int | None:
        name = self.databases["scale"]
        if not self.admin(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
            return None
        try:
            connection = psycopg2.connect(self.database_url("scale"))
        except psycopg2.Error:
            return None
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM opleidingsschool_school WHERE name LIKE 'Schaalschool %%'"
                )
                return cursor.fetchone()[0]
        except psycopg2.Error:
            return None
        finally:
            connection.close()

    def build(self) -> None:
        demo, scale = self.databases["demo"], self.databases["scale"]
        # First: DEBUG is off under gunicorn and in the seeding (the demo's data export
        # renders a page with static files), so the manifest must exist.
        self.log("collectstatic (DEBUG is off)")
        self.manage("demo", "collectstatic", "--noinput")
        self.log(f"demo database {demo}: " + (
            "copy of the current database" if self.options.demo_from_current
            else "migrate, seed_demo"))
        self.admin(f"DROP DATABASE IF EXISTS {demo} WITH (FORCE)")
        if self.options.demo_from_current:
            connections.close_all()  # a template database must have no other sessions
            self.admin(f"CREATE DATABASE {demo} TEMPLATE {self.url['NAME']}")
        else:
            self.admin(f"CREATE DATABASE {demo}")
            self.manage("demo", "migrate", "--noinput")
        self.manage("demo", "seed_demo", "--force")
        if self.options.reuse and self.scale_schools() == self.options.schools:
            self.log(f"national-size database {scale}: reused ({self.options.schools} schools)")
            self.manage("scale", "migrate", "--noinput")
            self.manage("scale", "seed_demo", "--force")
            self.manage("scale", "bench_reminders", "--clean")  # an earlier run's sweep
            # What the seeding and the last run's sweep left dead, autovacuum would clear in a
            # database in use; a server with autovacuum off (this machine's) never does, and
            # each reuse left the registrations slower to count (index-only scans that visit
            # the table): vacuum as seed_scale does.
            self.vacuum("scale")
        else:
            self.log(f"national-size database {scale}: copy of the demo + seed_scale "
                     f"--schools {self.options.schools}")
            self.admin(f"DROP DATABASE IF EXISTS {scale} WITH (FORCE)")
            self.admin(f"CREATE DATABASE {scale} TEMPLATE {demo}")
            started = time.monotonic()
            self.manage("scale", "seed_scale", "--force", "--schools", str(self.options.schools))
            self.timings["seed_scale"] = time.monotonic() - started

    def vacuum(self, size: str) -> None:
        self.log(f"{size}: VACUUM (ANALYZE), as autovacuum keeps a database in use")
        connection = psycopg2.connect(self.database_url(size))
        connection.autocommit = True  # VACUUM runs outside a transaction
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                for (table,) in cursor.fetchall():
                    cursor.execute(f'VACUUM (ANALYZE) "{table}"')
        finally:
            connection.close()

    # -- serving and loading -----------------------------------------------------------------
    def serve(self, size: str) -> tuple[subprocess.Popen, int]:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [str(Path(PYTHON).with_name("gunicorn")), "opleidingsschool.wsgi", "-w",
             str(self.options.workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=BASE_DIR, env=self.env(size), stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # every worker has loaded Django when this answers
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=5):
                    break
            except OSError:
                time.sleep(0.5)
        return server, port

    def wrk(self, port: int, path: str = "/", *, cookie: str = "", mix: str = "",
            connections: int | None = None, duration: int | None = None) -> dict:
        connections = connections or self.options.connections
        command = ["wrk", "-t2", f"-c{connections}", f"-d{duration or self.options.duration}s",
                   "--timeout", "10s", "-s", str(LUA)]
        if cookie:
            command += ["-H", f"Cookie: sessionid={cookie}"]
        command.append(f"http://127.0.0.1:{port}{path}")
        env = dict(os.environ, BENCH_MIX=mix)
        output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
        self.drain(port)
        line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
        result = json.loads(line.removeprefix("BENCH_JSON "))
        result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
        return result

    def drain(self, port: int) -> None:
        """Wait until the server has answered what a load left behind. When wrk stops, the
        connections it was still waiting on are queued at the server, which serves every one
        of them (up to 50 requests after the mix, 16 after a page) before its next request:
        the next run's first requests waited behind them, on the same two cores. A request
        of the bare view, queued behind them, comes back once they are done; the workers'
        last requests then finish in well under 100 ms."""
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=60):
            pass
        time.sleep(0.1)

    def measure(self, *, mix: list[str]) -> dict:
        """Both sizes served at once and measured page by page, the demo's run of a page right
        beside the national size's: the ratio p95(scale)/p95(demo) then compares two runs
        seconds apart, not two halves of the bench minutes apart (in which the machine's own
        load drifts; the same page's ratio moved from 2.0 to 1.4 between two such runs).

        Each page is measured `rounds` times per size (the sizes in turn, the other one first
        in every other round), each time right after a short run of the bare view: a page's
        figures are those of its size's run with the most requests per second, and its share
        of the bare view is taken against the bare run seconds before it. One bare run at the
        start was 3,545 req/s in a run in which the machine then slowed by a third for
        minutes (docs/performance.md, eleventh round)."""
        sizes = ("demo", "scale")
        probes = {}
        for size in sizes:
            self.log(f"{size}: probing pages in-process (queries, bytes)")
            probes[size] = json.loads(self.manage(size, "bench_probe", capture=True))
        servers = {}
        try:
            for size in sizes:
                servers[size] = self.serve(size)
                self.wrk(servers[size][1], "/bench/bare/", duration=1)  # warm every worker
            results = {size: {"pages": {}} for size in sizes}
            rounds = max(self.options.rounds, 1)
            bare_seconds = min(self.options.bare_duration, self.options.duration)
            self.log(f"wrk {self.options.duration} s per page and size, "
                     f"{self.options.connections} connections, the two sizes in turn, "
                     f"{rounds} round(s), the bare view for {bare_seconds} s before each page")
            for size in sizes:
                results[size]["bare"] = self.wrk(servers[size][1], "/bench/bare/")
            by_key = {size: {page["key"]: page for page in probes[size]["pages"]}
                      for size in sizes}
            runs = {size: {key: [] for key in by_key["demo"]} for size in sizes}
            for round_number in range(rounds):
                order = sizes if round_number % 2 == 0 else sizes[::-1]
                for key in by_key["demo"]:
                    bare = self.wrk(servers["scale"][1], "/bench/bare/", duration=bare_seconds)
                    for size in order:
                        probe, port, page = probes[size], servers[size][1], by_key[size][key]
                        cookie = probe["cookies"][page["who"]] if page["session"] else ""
                        if round_number == 0 and self.options.duration > 2:
                            self.wrk(port, page["path"], cookie=cookie, duration=1)  # warm
                        run = self.wrk(port, page["path"], cookie=cookie)
                        runs[size][key].append({**run, "bare_rps": bare["rps"]})
            for size in sizes:
                for key, page in by_key[size].items():
                    best = max(runs[size][key], key=lambda run: run["rps"])
                    # The probe's figures (queries, the page's HTML bytes) over wrk's ("bytes"
                    # there is everything read in the run); every run's own figures kept.
                    results[size]["pages"][key] = {
                        **best, **page, "runs": [
                            {name: run[name] for name in ("rps", "p50", "p95", "p99", "bare_rps")}
                            for run in runs[size][key]]}
            for size in sizes:
                pages, probe = results[size]["pages"], probes[size]
                spec = ";".join(
                    f"{pages[key]['path']}|{probe['cookies'][pages[key]['who']]}" for key in mix
                )
                self.log(f"{size}: {self.options.mix_users} users on a mix of {len(mix)} pages, "
                         f"{self.options.mix_duration} s")
                results[size]["mix"] = {**self.wrk(
                    servers[size][1], "/", mix=spec, connections=self.options.mix_users,
                    duration=self.options.mix_duration), "users": self.options.mix_users}
        finally:
            for server, _port in servers.values():
                server.terminate()
                server.wait(timeout=30)
        return results

    # -- the reminder sweep --------------------------------------------------------------------
    def reminders_done(self) -> int:
        """Sent or skipped reminders of the bench's session: one query on a short connection
        (not a Django process a second, which would take a core from the sweep it measures)."""
        from opleidingsschool.management.commands.bench_reminders import TITLE

        connection = psycopg2.connect(self.database_url("scale"))
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM opleidingsschool_herinnering h JOIN "
                    "opleidingsschool_bijeenkomst b ON b.id = h.bijeenkomst_id "
                    "WHERE b.title = %s AND h.status IN ('sent', 'skipped')", [TITLE])
                return cursor.fetchone()[0]
        finally:
            connection.close()

    def sweep(self) -> dict:
        """Time 50,000 due reminders (fewer when the dataset has fewer people): the sweep that
        beat runs (`manage.py send_due_reminders --enqueue`) hands every batch to a real
        worker with 2 processes, which send them."""
        wanted = self.options.reminders
        out = self.manage("scale", "bench_reminders", "--prepare", str(wanted), capture=True)
        prepared = json.loads(out)
        worker = subprocess.Popen(
            [str(Path(PYTHON).with_name("celery")), "-A", "opleidingsschool", "worker", "-c", "2",
             "--loglevel", "WARNING"],
            cwd=BASE_DIR, env=self.env("scale"), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(3)  # the worker connects to the broker
            started = time.monotonic()
            sweep = subprocess.Popen(  # bounded: a slow sweep is reported, never waited out
                [PYTHON, "manage.py", "send_due_reminders", "--enqueue"], cwd=BASE_DIR,
                env=self.env("scale"),
                stdout=subprocess.DEVNULL,
            )
            done, progress_at = 0, time.monotonic()
            seconds = time.monotonic() - started
            while time.monotonic() - started < self.options.sweep_limit and (
                    time.monotonic() - progress_at < 30):
                count = self.reminders_done()
                if count > done:  # stop when nothing moves for 30 s (a capped sweep)
                    done, progress_at = count, time.monotonic()
                    seconds = progress_at - started
                if done >= prepared["count"]:
                    break
                time.sleep(1)
        finally:
            if sweep.poll() is None:
                sweep.terminate()
                sweep.wait(timeout=60)
            worker.terminate()
            worker.wait(timeout=60)
        return {"count": prepared["count"], "done": done, "seconds": seconds}

    def run(self) -> dict:
        from . import report
        from .pages import MIX

        if not shutil.which("wrk"):
            raise RuntimeError("wrk is not installed (apt-get install wrk)")
        self.build()
        results = self.measure(mix=MIX)
        for size in ("demo", "scale"):
            self.log(f"{size} done:\n" + report.pages_table(results, size))  # kept if later steps fail
        self.log("scale: the reminder sweep")
        results["sweep"] = self.sweep()
        results["timings"] = self.timings
        shutil.rmtree(self.static_root, ignore_errors=True)
        return results
