"""A national-size dataset for `manage.py seed_scale`, built in Postgres with INSERT ... SELECT.

The demo partnership stays as it is (its log-ins keep working); beside it come `schools`
schools, each with 40 students on a placement this school year, a schoolopleider, 20
werkplekbegeleiders and 4 colleagues who open their lessons, plus one institute per ten
schools with 10 instituutsopleiders, grouped in partnerships of ten schools (each working with
its institute, with one coordinator: coordinator<n>@schaal.example.org). Every row gets an
explicit id computed from the plan, so each app's part (registered in
`registries.scale_seeders`) can refer to the core's rows by arithmetic instead of lookups.
At 1,000 schools: 40,000 students, 4,000,000 day-log rows, 120,000 learning questions,
5,000 sessions with 200,000 registrations.

Everything is fictional; every account has the demo password.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import DatabaseError, connection, transaction

from . import registries
from .models import Schooljaar

SCHOOL_PREFIX = "Schaalschool"
EMAIL_DOMAIN = "schaal.example.org"

STUDENTS_PER_SCHOOL = 40
STAFF_PER_SCHOOL = 25  # slot 0 schoolopleider, 1-20 werkplekbegeleider, 21-24 colleagues
WPB_SLOTS = 20
OPLEIDERS_PER_INSTITUUT = 10
SCHOOLS_PER_INSTITUUT = 10
OPLEIDINGEN_PER_INSTITUUT = 4
SCHOOLS_PER_PARTNERSCHAP = 10
PARTNERSCHAP_PREFIX = "Schaalpartnerschap"
SESSIONS_PER_SCHOOL = 5
REGISTRATIONS_PER_SESSION = 40
LOGREGELS_PER_STUDENT = 100
LEERVRAGEN_PER_STUDENT = 3


@dataclass(frozen=True)
class ScalePlan:
    """The sizes and the first id of every table the core fills; apps compute from it.

    Student number g (0 <= g < students) is user `user0 + g`, student `student0 + g`, placed
    at school `school0 + g // 40` as placement `stage0 + g`. Staff member t is user
    `user0 + students + t` and medewerker `medewerker0 + t`: t = s * 25 + slot for school s,
    then the institutes' opleiders.
    """

    schools: int
    today: datetime.date
    schooljaar_id: int
    schooljaar_start: datetime.date
    schooljaar_end: datetime.date
    user0: int
    school0: int
    instituut0: int
    opleiding0: int
    medewerker0: int
    student0: int
    stage0: int
    partnerschap0: int

    @property
    def partnerschappen(self) -> int:
        return max(1, -(-self.schools // SCHOOLS_PER_PARTNERSCHAP))

    @property
    def students(self) -> int:
        return self.schools * STUDENTS_PER_SCHOOL

    @property
    def instituten(self) -> int:
        return max(1, -(-self.schools // SCHOOLS_PER_INSTITUUT))

    @property
    def school_staff(self) -> int:
        return self.schools * STAFF_PER_SCHOOL

    @property
    def staff(self) -> int:
        return self.school_staff + self.instituten * OPLEIDERS_PER_INSTITUUT

    @property
    def users(self) -> int:
        return self.students + self.staff

    def sql_params(self) -> dict:
        """Named parameters every scale SQL statement may use."""
        return {
            "n_schools": self.schools, "n_students": self.students, "n_inst": self.instituten,
            "n_users": self.users, "n_school_staff": self.school_staff,
            "today": self.today, "sj": self.schooljaar_id, "sj_start": self.schooljaar_start,
            "sj_end": self.schooljaar_end, "user0": self.user0, "school0": self.school0,
            "inst0": self.instituut0, "opl0": self.opleiding0, "mw0": self.medewerker0,
            "student0": self.student0, "stage0": self.stage0, "spc": STUDENTS_PER_SCHOOL,
            "staff_ps": STAFF_PER_SCHOOL, "sps": SCHOOLS_PER_INSTITUUT,
            "opi": OPLEIDERS_PER_INSTITUUT, "oppi": OPLEIDINGEN_PER_INSTITUUT,
            "p0": self.partnerschap0, "n_partner": self.partnerschappen,
            "spp": SCHOOLS_PER_PARTNERSCHAP,
        }


def run(cursor, sql: str, plan: ScalePlan, **extra) -> None:
    cursor.execute(sql, {**plan.sql_params(), **extra})


def next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 (fixed names)
    return cursor.fetchone()[0]


def reset_sequences(cursor, tables: list[str]) -> None:
    """After inserting explicit ids, let Django's next insert continue above them."""
    for table in tables:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )


def finish(cursor, tables: list[str]) -> None:
    """Continue the id sequences above the inserted rows and refresh the planner's
    statistics of these tables (never a database-wide ANALYZE: that also locks the shared
    catalogs, which other databases on the server analyze too)."""
    reset_sequences(cursor, tables)
    for table in tables:
        cursor.execute(f"ANALYZE {table}")  # noqa: S608 (fixed names)


def _skip_foreign_key_triggers(cursor, log) -> None:
    """Every id is computed from the plan, so the rows are consistent by construction. Where
    the database role may (a superuser, as on a developer's or CI machine), skip the
    per-row foreign-key triggers for this transaction: otherwise COMMIT checks tens of
    millions of deferred constraints one by one."""
    try:
        with transaction.atomic():
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        log("foreign keys are checked row by row (no permission to skip): this takes longer")


def already_seeded() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM opleidingsschool_school WHERE name LIKE %s)",
            [f"{SCHOOL_PREFIX} %"],
        )
        return cursor.fetchone()[0]


CORE_TABLES = [
    "opleidingsschool_partnerschap", "opleidingsschool_partnerschap_instituten",
    "opleidingsschool_user", "opleidingsschool_school", "opleidingsschool_instituut",
    "opleidingsschool_opleiding", "opleidingsschool_medewerker", "opleidingsschool_student",
    "opleidingsschool_stage", "opleidingsschool_begeleider", "opleidingsschool_bijeenkomst",
    "opleidingsschool_bijeenkomst_schools", "opleidingsschool_aanmelding",
]

# Users: students first, then school staff, then institute staff.
SQL_USERS = """
INSERT INTO opleidingsschool_user (id, password, is_superuser, email, first_name, last_name,
    language, is_staff, is_active, date_joined)
SELECT %(user0)s + g, %(password)s, false,
    CASE WHEN g < %(n_students)s THEN 'student' || g
         ELSE 'medewerker' || (g - %(n_students)s) END || '@' || %(domain)s,
    (ARRAY['Anna','Bram','Daan','Emma','Fleur','Gijs','Iris','Jesse','Lotte','Milan',
           'Noor','Ruben','Sanne','Thijs','Yara'])[1 + g %% 15],
    (ARRAY['de Vries','Jansen','Bakker','Visser','Smit','Meijer','de Boer','Mulder',
           'de Groot','Bos','Vos','Peters','Hendriks','van Dijk','Dekker','Brouwer'])[1 + (g / 15) %% 16]
        || ' ' || g,
    'nl', false, true, now()
FROM generate_series(0, %(n_users)s - 1) AS g
"""

SQL_ORGS = [
    """INSERT INTO opleidingsschool_partnerschap (id, uuid, name, triangle_weeks,
           triangle_grace_weeks, hours_behind_percent, unconfirmed_days, quiet_weeks, low_rapport)
       SELECT %(p0)s + p, gen_random_uuid(),
              %(partner_prefix)s || ' ' || lpad((p + 1)::text, 3, '0'), 10, 4, 20, 14, 4, 2
       FROM generate_series(0, %(n_partner)s - 1) AS p""",
    """INSERT INTO opleidingsschool_school (id, uuid, name, city, regio, partnerschap_id)
       SELECT %(school0)s + s, gen_random_uuid(), %(prefix)s || ' ' || lpad((s + 1)::text, 4, '0'),
              'Plaats ' || (s %% 97 + 1), (ARRAY['noord','midden','zuid'])[1 + s %% 3],
              %(p0)s + s / %(spp)s
       FROM generate_series(0, %(n_schools)s - 1) AS s""",
    """INSERT INTO opleidingsschool_instituut (id, uuid, name, city)
       SELECT %(inst0)s + i, gen_random_uuid(), 'Schaalinstituut ' || lpad((i + 1)::text, 3, '0'),
              'Stad ' || (i + 1)
       FROM generate_series(0, %(n_inst)s - 1) AS i""",
    # Partnership p works with the institute of its schools (one per ten schools).
    """INSERT INTO opleidingsschool_partnerschap_instituten (partnerschap_id, instituut_id)
       SELECT DISTINCT %(p0)s + s / %(spp)s, %(inst0)s + s / %(sps)s
       FROM generate_series(0, %(n_schools)s - 1) AS s""",
    """INSERT INTO opleidingsschool_opleiding (id, uuid, name, niveau, vak, target_hours, instituut_id)
       SELECT %(opl0)s + i * %(oppi)s + j, gen_random_uuid(),
              'Leraar ' || (ARRAY['Geschiedenis','Wiskunde','Engels','Biologie'])[j + 1],
              CASE WHEN j = 3 THEN 'wo' ELSE 'hbo' END,
              (ARRAY['geschiedenis','wiskunde','Engels','biologie'])[j + 1],
              400, %(inst0)s + i
       FROM generate_series(0, %(n_inst)s - 1) AS i, generate_series(0, %(oppi)s - 1) AS j""",
]

SQL_STAFF = """
INSERT INTO opleidingsschool_medewerker (id, uuid, subject, is_werkplekbegeleider,
    is_schoolopleider, is_instituutsopleider, is_coordinator, visitors_welcome,
    instituut_id, user_id, school_id)
SELECT %(mw0)s + t, gen_random_uuid(),
    (ARRAY['geschiedenis','wiskunde','Engels','biologie','Nederlands'])[1 + t %% 5],
    t < %(n_school_staff)s AND t %% %(staff_ps)s BETWEEN 1 AND 20,
    t < %(n_school_staff)s AND t %% %(staff_ps)s = 0,
    t >= %(n_school_staff)s,
    false,
    t < %(n_school_staff)s AND t %% %(staff_ps)s > 20,
    CASE WHEN t >= %(n_school_staff)s THEN %(inst0)s + (t - %(n_school_staff)s) / %(opi)s END,
    %(user0)s + %(n_students)s + t,
    CASE WHEN t < %(n_school_staff)s THEN %(school0)s + t / %(staff_ps)s END
FROM generate_series(0, %(n_users)s - %(n_students)s - 1) AS t
"""

# One coordinator per partnership, after everyone else: user `user0 + users + p`.
SQL_COORDINATORS = [
    """INSERT INTO opleidingsschool_user (id, password, is_superuser, email, first_name,
           last_name, language, is_staff, is_active, date_joined)
       SELECT %(user0)s + %(n_users)s + p, %(password)s, false,
              'coordinator' || (p + 1) || '@' || %(domain)s, 'Coördinator', 'Schaal ' || (p + 1),
              'nl', false, true, now()
       FROM generate_series(0, %(n_partner)s - 1) AS p""",
    """INSERT INTO opleidingsschool_medewerker (id, uuid, subject, is_werkplekbegeleider,
           is_schoolopleider, is_instituutsopleider, is_coordinator, visitors_welcome,
           instituut_id, user_id, school_id, partnerschap_id)
       SELECT %(mw0)s + %(n_users)s - %(n_students)s + p, gen_random_uuid(), '', false, false,
              false, true, false, NULL, %(user0)s + %(n_users)s + p, NULL, %(p0)s + p
       FROM generate_series(0, %(n_partner)s - 1) AS p""",
]

SQL_STUDENTS = [
    """INSERT INTO opleidingsschool_student (id, uuid, study_year, student_number, opleiding_id,
           user_id, partnerschap_id)
       SELECT %(student0)s + g, gen_random_uuid(), 1 + g %% 4, 'S' || lpad(g::text, 7, '0'),
              %(opl0)s + ((g / %(spc)s) / %(sps)s) * %(oppi)s + g %% %(oppi)s, %(user0)s + g,
              %(p0)s + (g / %(spc)s) / %(spp)s
       FROM generate_series(0, %(n_students)s - 1) AS g""",
    """INSERT INTO opleidingsschool_stage (id, uuid, start_date, end_date, school_id, schooljaar_id,
           student_id, schooldagen)
       SELECT %(stage0)s + g, gen_random_uuid(), %(sj_start)s, %(sj_end)s,
              %(school0)s + g / %(spc)s, %(sj)s, %(student0)s + g,
              (ARRAY['12345','1234','124','245'])[1 + g %% 4]
       FROM generate_series(0, %(n_students)s - 1) AS g""",
    # The full triangle: werkplekbegeleider (two students each), the school's schoolopleider
    # and, for every other student, an instituutsopleider of the student's institute.
    """INSERT INTO opleidingsschool_begeleider (uuid, functie, status, is_gastheer,
           is_leermeester, is_raadgever, is_rolmodel, created_at, medewerker_id, stage_id)
       SELECT gen_random_uuid(), f.functie, 'active', f.functie = 'wpb',
              f.functie = 'wpb', f.functie <> 'wpb', false,
              now(),
              CASE f.functie
                WHEN 'wpb'
                  THEN %(mw0)s + (g / %(spc)s) * %(staff_ps)s + 1 + (g %% %(spc)s) / 2
                WHEN 'schoolopleider' THEN %(mw0)s + (g / %(spc)s) * %(staff_ps)s
                ELSE %(mw0)s + %(n_school_staff)s
                     + ((g / %(spc)s) / %(sps)s) * %(opi)s + (g / 2) %% %(opi)s
              END,
              %(stage0)s + g
       FROM generate_series(0, %(n_students)s - 1) AS g,
            (VALUES ('wpb'), ('schoolopleider'), ('instituutsopleider')) AS f(functie)
       WHERE f.functie <> 'instituutsopleider' OR g %% 2 = 0""",
]

# Sessions: five per school, spread over the school year, each open to that school only so
# the demo's people keep their own agenda; 40 registrations each from that school's people.
# None falls in the coming week, so the bench's reminder sweep times only its own reminders.
SQL_SESSIONS = [
    """INSERT INTO opleidingsschool_bijeenkomst (id, uuid, soort, title, description, agenda,
           starts_at, ends_at, place, capacity, status, for_students, study_years, niveau,
           for_starters, for_mentors, for_opleiders, for_colleagues, experience_hours, sequence,
           created_at, updated_at, partnerschap_id)
       SELECT %(bk0)s + b, gen_random_uuid(),
              (ARRAY['leercafe','themabijeenkomst','intervisie','ontwikkelbijeenkomst'])[1 + b %% 4],
              'Bijeenkomst ' || b, 'Een middag over werkplekleren.', '',
              (%(today)s::date + d.day * interval '1 day' + interval '13 hours'),
              (%(today)s::date + d.day * interval '1 day' + interval '15 hours 30 minutes'),
              'Aula', NULL, 'planned', true, '', '', false, true, true, false, 2.5, 0, now(), now(),
              %(p0)s + (b / %(spb)s) / %(spp)s
       FROM generate_series(0, %(n_sessions)s - 1) AS b,
            LATERAL (SELECT CASE WHEN b %% 230 - 120 >= -1 THEN b %% 230 - 110
                                 ELSE b %% 230 - 120 END) AS d(day)""",
    """INSERT INTO opleidingsschool_bijeenkomst_schools (bijeenkomst_id, school_id)
       SELECT %(bk0)s + b, %(school0)s + b / 5 FROM generate_series(0, %(n_sessions)s - 1) AS b""",
    """INSERT INTO opleidingsschool_aanmelding (uuid, status, registered_at, attended, user_id,
           bijeenkomst_id)
       SELECT gen_random_uuid(), 'registered', now(), NULL,
              CASE WHEN k < 35 THEN %(user0)s + (b / 5) * %(spc)s + (b * 7 + k) %% %(spc)s
                   ELSE %(user0)s + %(n_students)s + (b / 5) * %(staff_ps)s + (k - 35) * 4 END,
              %(bk0)s + b
       FROM generate_series(0, %(n_sessions)s - 1) AS b, generate_series(0, 39) AS k""",
]


def seed_scale(*, schools: int, today: datetime.date, log=print) -> ScalePlan:
    """Build the dataset; the caller holds the transaction. Returns the plan it followed."""
    schooljaar = Schooljaar.objects.current()
    if schooljaar is None:
        raise RuntimeError("run seed_demo first: there is no current school year")
    with connection.cursor() as cursor:
        plan = ScalePlan(
            schools=schools, today=today, schooljaar_id=schooljaar.pk,
            schooljaar_start=schooljaar.start_date, schooljaar_end=schooljaar.end_date,
            user0=next_id(cursor, "opleidingsschool_user"),
            school0=next_id(cursor, "opleidingsschool_school"),
            instituut0=next_id(cursor, "opleidingsschool_instituut"),
            opleiding0=next_id(cursor, "opleidingsschool_opleiding"),
            medewerker0=next_id(cursor, "opleidingsschool_medewerker"),
            student0=next_id(cursor, "opleidingsschool_student"),
            stage0=next_id(cursor, "opleidingsschool_stage"),
            partnerschap0=next_id(cursor, "opleidingsschool_partnerschap"),
        )
        _skip_foreign_key_triggers(cursor, log)
        log(f"core: {plan.users} people, {plan.schools} schools, {plan.students} placements")
        run(cursor, SQL_USERS, plan, password=make_password("demo"), domain=EMAIL_DOMAIN)
        for sql in SQL_ORGS:
            run(cursor, sql, plan, prefix=SCHOOL_PREFIX, partner_prefix=PARTNERSCHAP_PREFIX)
        run(cursor, SQL_STAFF, plan)
        for sql in SQL_COORDINATORS:
            run(cursor, sql, plan, password=make_password("demo"), domain=EMAIL_DOMAIN)
        for sql in SQL_STUDENTS:
            run(cursor, sql, plan)
        n_sessions = plan.schools * SESSIONS_PER_SCHOOL
        bk0 = next_id(cursor, "opleidingsschool_bijeenkomst")
        for sql in SQL_SESSIONS:
            run(cursor, sql, plan, bk0=bk0, n_sessions=n_sessions, spb=SESSIONS_PER_SCHOOL)
        finish(cursor, CORE_TABLES)
        for contribute in registries.scale_seeders:
            contribute(cursor=cursor, plan=plan, log=log)
    return plan
