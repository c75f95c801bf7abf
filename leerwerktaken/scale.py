"""leerwerktaken's part of `manage.py seed_scale`: two assigned tasks per student, one of
them handed in with evidence for a learning outcome. Ids follow `ScalePlan`."""

from __future__ import annotations

from opleidingsschool.scale import ScalePlan, finish, next_id, run

TABLES = [
    "leerwerktaken_toewijzing", "leerwerktaken_toewijzing_students", "leerwerktaken_inlevering",
    "leerwerktaken_inlevering_evidence_leeruitkomsten",
]

SQL = [
    """INSERT INTO leerwerktaken_toewijzing (id, uuid, due_date, created_at, assigned_by_id,
           leerwerktaak_id)
       SELECT %(tw0)s + g * 2 + j, gen_random_uuid(), %(today)s::date + (j * 30 - 10), now(),
              %(user0)s + %(n_students)s + (g / %(spc)s) * %(staff_ps)s + 1 + (g %% %(spc)s) / 2,
              (SELECT array_agg(id ORDER BY id) FROM leerwerktaken_leerwerktaak)
                  [1 + (g + j) %% (SELECT count(*) FROM leerwerktaken_leerwerktaak)]
       FROM generate_series(0, %(n_students)s - 1) AS g, generate_series(0, 1) AS j""",
    """INSERT INTO leerwerktaken_toewijzing_students (toewijzing_id, student_id)
       SELECT %(tw0)s + g * 2 + j, %(student0)s + g
       FROM generate_series(0, %(n_students)s - 1) AS g, generate_series(0, 1) AS j""",
    """INSERT INTO leerwerktaken_inlevering (id, text, status, updated_at, handed_in_at,
           toewijzing_id)
       SELECT %(in0)s + g, 'Mijn uitwerking staat hieronder, met de reflectie van mijn klas.',
              'handed_in', now() - interval '3 days', now() - interval '3 days', %(tw0)s + g * 2
       FROM generate_series(0, %(n_students)s - 1) AS g""",
    """INSERT INTO leerwerktaken_inlevering_evidence_leeruitkomsten (inlevering_id, leeruitkomst_id)
       SELECT %(in0)s + g, lu.id
       FROM generate_series(0, %(n_students)s - 1) AS g,
            LATERAL (SELECT id FROM leerwerktaken_leeruitkomst ORDER BY id
                     OFFSET g %% GREATEST((SELECT count(*) FROM leerwerktaken_leeruitkomst), 1)
                     LIMIT 1) AS lu""",
]


def seed_leerwerktaken_scale(*, cursor, plan: ScalePlan, log) -> None:
    log(f"leerwerktaken: {plan.students * 2:,} assigned tasks")
    tw0 = next_id(cursor, "leerwerktaken_toewijzing")
    in0 = next_id(cursor, "leerwerktaken_inlevering")
    for sql in SQL:
        run(cursor, sql, plan, tw0=tw0, in0=in0)
    finish(cursor, TABLES)
