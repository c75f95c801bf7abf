"""driehoek's part of `manage.py seed_scale`: per placement a held triangle meeting with
notes (shared with the student) and a planned one, each with the triangle as participants.
Ids follow `ScalePlan`."""

from __future__ import annotations

from opleidingsschool.scale import ScalePlan, finish, next_id, run

TABLES = ["driehoek_driehoeksgesprek", "driehoek_driehoeksgesprek_deelnemers"]

SQL = [
    """INSERT INTO driehoek_driehoeksgesprek (id, uuid, title, starts_at, ends_at, place,
           video_link, status, sequence, notes_progress, notes_questions, notes_agreements,
           notes_version, notes_updated_at, shared_at, locked_at, created_at, updated_at,
           created_by_id, notes_updated_by_id, shared_by_id, stage_id)
       SELECT %(gs0)s + g * 2 + j, gen_random_uuid(),
              CASE j WHEN 0 THEN 'Startgesprek' ELSE 'Voortgangsgesprek' END,
              %(today)s::date + (CASE j WHEN 0 THEN -40 ELSE 14 END + g %% 7) * interval '1 day'
                  + interval '15 hours',
              %(today)s::date + (CASE j WHEN 0 THEN -40 ELSE 14 END + g %% 7) * interval '1 day'
                  + interval '16 hours',
              'Lokaal 12', '', CASE j WHEN 0 THEN 'held' ELSE 'planned' END, 0,
              CASE j WHEN 0 THEN 'De student staat steviger voor de klas en plant beter.' ELSE '' END,
              CASE j WHEN 0 THEN 'Hoe houd ik de aandacht na de pauze vast?' ELSE '' END,
              CASE j WHEN 0 THEN 'Twee keer per week een lesvoorbereiding delen.' ELSE '' END,
              CASE j WHEN 0 THEN 1 ELSE 0 END,
              CASE j WHEN 0 THEN now() - interval '39 days' END,
              CASE j WHEN 0 THEN now() - interval '38 days' END, NULL, now(), now(),
              %(wpb_user)s, CASE j WHEN 0 THEN %(wpb_user)s END,
              CASE j WHEN 0 THEN %(wpb_user)s END, %(stage0)s + g
       FROM generate_series(0, %(n_students)s - 1) AS g, generate_series(0, 1) AS j""",
    """INSERT INTO driehoek_driehoeksgesprek_deelnemers (driehoeksgesprek_id, user_id)
       SELECT %(gs0)s + g * 2 + j, p.user_id
       FROM generate_series(0, %(n_students)s - 1) AS g, generate_series(0, 1) AS j,
            LATERAL (VALUES (%(user0)s + g), (%(wpb_user)s),
                            (%(user0)s + %(n_students)s + (g / %(spc)s) * %(staff_ps)s)) AS p(user_id)""",
]

WPB_USER = "%(user0)s + %(n_students)s + (g / %(spc)s) * %(staff_ps)s + 1 + (g %% %(spc)s) / 2"


def seed_driehoek_scale(*, cursor, plan: ScalePlan, log) -> None:
    log(f"driehoek: {plan.students * 2:,} triangle meetings")
    gs0 = next_id(cursor, "driehoek_driehoeksgesprek")
    for sql in SQL:
        run(cursor, sql.replace("%(wpb_user)s", f"({WPB_USER})"), plan, gs0=gs0)
    finish(cursor, TABLES)
