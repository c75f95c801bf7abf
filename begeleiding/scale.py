"""begeleiding's part of `manage.py seed_scale`: learning questions, the day log, visits.

Per student: 3 learning questions, 100 day-log entries over the last 100 days (all but the
last 10 confirmed by the werkplekbegeleider, every tenth about a learning question) and one
classroom visit to a colleague at the same school. Ids follow `ScalePlan` (see the core).
"""

from __future__ import annotations

from opleidingsschool.scale import (
    LEERVRAGEN_PER_STUDENT,
    LOGREGELS_PER_STUDENT,
    ScalePlan,
    finish,
    next_id,
    run,
)

TABLES = [
    "begeleiding_leervraag", "begeleiding_leervraag_leeruitkomsten", "begeleiding_logregel",
    "begeleiding_lesbezoek",
]

SQL_LEERVRAGEN = [
    """INSERT INTO begeleiding_leervraag (id, uuid, title, situation, goal, status,
           closing_reflection, created_at, last_activity_at, answered_at, archived_at, student_id,
           visibility)
       SELECT %(lv0)s + g * %(lps)s + j, gen_random_uuid(),
              (ARRAY['Hoe krijg ik de achterste rij erbij?', 'Hoe differentieer ik in een drukke klas?',
                     'Hoe geef ik feedback die landt?'])[j + 1],
              'In mijn klas haken twee leerlingen steeds af zodra ik uitleg geef.',
              'Ik wil leren hoe ik iedereen bij de les houd.',
              (ARRAY['open', 'working', 'answered'])[j + 1], '',
              now() - (j * 20 + 5) * interval '1 day', now() - j * interval '1 day',
              CASE WHEN j = 2 THEN now() - interval '1 day' END, NULL, %(student0)s + g, 'mentors'
       FROM generate_series(0, %(n_students)s - 1) AS g, generate_series(0, %(lps)s - 1) AS j""",
    """INSERT INTO begeleiding_leervraag_leeruitkomsten (leervraag_id, leeruitkomst_id)
       SELECT %(lv0)s + g * %(lps)s + j, lu.id
       FROM generate_series(0, %(n_students)s - 1) AS g, generate_series(0, %(lps)s - 1) AS j,
            LATERAL (SELECT id FROM leerwerktaken_leeruitkomst ORDER BY id
                     OFFSET (g + j) %% GREATEST((SELECT count(*) FROM leerwerktaken_leeruitkomst), 1)
                     LIMIT 1) AS lu""",
    # Every student's day log: dates run back from today, none before the placement starts.
    """INSERT INTO begeleiding_logregel (uuid, date, activity, hours, done, learned,
           confirmed_at, created_at, confirmed_by_id, leervraag_id, stage_id, student_id,
           visibility)
       SELECT gen_random_uuid(), GREATEST(%(today)s::date - k, %(sj_start)s::date),
              (ARRAY['meelopen','observeren','lesgeven','gesprek','overig'])[1 + k %% 5],
              (ARRAY[1.5, 2, 3.5, 4, 6])[1 + (g + k) %% 5],
              'Twee lessen gegeven in havo 3 en nabesproken met mijn werkplekbegeleider.',
              CASE WHEN k %% 3 = 0 THEN 'Eerst de opdracht, dan pas de uitleg.' ELSE '' END,
              CASE WHEN k >= 10 THEN now() - (k - 5) * interval '1 day' END,
              now() - k * interval '1 day',
              CASE WHEN k >= 10 THEN %(user0)s + %(n_students)s
                   + (g / %(spc)s) * %(staff_ps)s + 1 + (g %% %(spc)s) / 2 END,
              CASE WHEN k %% 10 = 0 THEN %(lv0)s + g * %(lps)s + (k / 10) %% %(lps)s END,
              %(stage0)s + g, %(student0)s + g, 'mentors'
       FROM generate_series(0, %(n_students)s - 1) AS g,
            generate_series(0, %(lpg)s - 1) AS k""",
    """INSERT INTO begeleiding_lesbezoek (uuid, date, start_time, end_time, class_name, subject,
           status, message, answer, observations, reflection, host_feedback, requested_at,
           answered_at, host_id, leervraag_id, lesaanbod_id, student_id)
       SELECT gen_random_uuid(), %(today)s::date + (g %% 21) - 10, '10:00', '10:50', 'havo 3',
              'biologie', CASE WHEN g %% 21 < 10 THEN 'accepted' ELSE 'requested' END,
              'Mag ik komen kijken hoe u differentieert?', '', '', '', '',
              now() - interval '12 days', NULL,
              %(mw0)s + (g / %(spc)s) * %(staff_ps)s + 21 + g %% 4,
              %(lv0)s + g * %(lps)s, NULL, %(student0)s + g
       FROM generate_series(0, %(n_students)s - 1) AS g""",
]


def seed_begeleiding_scale(*, cursor, plan: ScalePlan, log) -> None:
    log(f"begeleiding: {plan.students * LOGREGELS_PER_STUDENT:,} day-log entries")
    lv0 = next_id(cursor, "begeleiding_leervraag")
    for sql in SQL_LEERVRAGEN:
        run(cursor, sql, plan, lv0=lv0, lps=LEERVRAGEN_PER_STUDENT, lpg=LOGREGELS_PER_STUDENT)
    finish(cursor, TABLES)
