/**
 * What the exports read of each link-up beyond its row and history, written in bulk from the
 * `link_ups` rows already seeded (the export worker's test and the exports benchmark seed the same):
 * three fortnightly cadence check-ins (the third missed), two goals (the first achieved where the
 * link-up completed) rated twice each, two small wins, a get-together a week in, and a K10 at baseline
 * and exit (the exit declined where the link-up ended early). Every date is counted from the
 * link-up's `started_at`. It imports nothing, so the benchmark's build takes this file alone, not the
 * rest of libs/testing.
 */
export const LINK_UP_RECORDS_SQL: readonly string[] = [
  `INSERT INTO check_ins (link_up_id, party, kind, status, due_at, overdue_at, held_at)
     SELECT lu.id, 'both', 'cadence', CASE WHEN n = 3 THEN 'missed' ELSE 'completed' END,
            lu.started_at + n * interval '14 days', lu.started_at + n * interval '17 days',
            CASE WHEN n = 3 THEN NULL ELSE lu.started_at + n * interval '14 days' END
       FROM link_ups lu CROSS JOIN generate_series(1, 3) n`,
  `INSERT INTO goals (id, link_up_id, family_id, text, theme, status, recorded_by, recorded_by_role, created_at)
     SELECT gen_random_uuid(), lu.id, lu.seeking_family_id, 'Goal words ' || n, (ARRAY['routines', 'school_connection', 'health'])[1 + n % 3],
            CASE WHEN n = 1 AND lu.status = 'completed' THEN 'achieved' ELSE 'active' END,
            lu.coach_id, 'coach', lu.started_at + interval '10 days'
       FROM link_ups lu CROSS JOIN generate_series(1, 2) n`,
  `INSERT INTO goal_ratings (goal_id, link_up_id, rating, rated_by, rated_at, recorded_by)
     SELECT g.id, g.link_up_id, n - 2 + (g.status = 'achieved')::int, 'joint', g.created_at + n * interval '20 days', g.recorded_by
       FROM goals g CROSS JOIN generate_series(1, 2) n`,
  `INSERT INTO small_wins (link_up_id, family_id, text, occurred_on, visibility, recorded_by, recorded_by_role)
     SELECT lu.id, lu.seeking_family_id, 'A small win ' || n, (lu.started_at + n * interval '30 days')::date, 'link_up', lu.coach_id, 'coach'
       FROM link_ups lu CROSS JOIN generate_series(1, 2) n`,
  `INSERT INTO get_togethers (link_up_id, held_on, kind, children_involved, recorded_by, recorded_by_role)
     SELECT id, (started_at + interval '7 days')::date, 'chat', true, coach_id, 'coach' FROM link_ups`,
  `INSERT INTO outcome_measures (family_id, link_up_id, instrument, timepoint, score, declined, decline_reason, administered_at, assessed_by, recorded_by)
     SELECT lu.seeking_family_id, lu.id, 'K10', t.timepoint,
            CASE WHEN t.timepoint = 'exit' AND lu.status = 'ended_early' THEN NULL ELSE 10 + (hashtext(lu.id::text || t.timepoint) & 31) END,
            t.timepoint = 'exit' AND lu.status = 'ended_early',
            CASE WHEN t.timepoint = 'exit' AND lu.status = 'ended_early' THEN 'could_not_contact' END,
            lu.started_at + t.days * interval '1 day', 'family', lu.coach_id
       FROM link_ups lu CROSS JOIN (VALUES ('baseline', 5), ('exit', 140)) AS t(timepoint, days)`,
];
