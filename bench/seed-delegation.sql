-- Fills a fresh instance (after the owner exists) with 10,000 approval requests waiting for a decision and
-- 10,000 open tasks, for bench/delegation-lists.sh. Raw SQL on purpose: the bench measures reading the
-- lists, not writing them (and bypasses the audit trail, which a real instance would have).
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO approval_requests (id, work_type_key, module, item_id, title, preview, content_hash, amount_cents, prepared_by, state,
    sampled_for_review, decided_by, decided_at, comment, created_at, always_review, review_seconds)
SELECT printf('%08X-0000-7000-8000-%012X', 16777216 + i, i), 'canned-answer', 'Bench', 'item-' || i, 'Antwort ' || i,
       'Guten Tag,' || char(10) || 'vielen Dank für Ihre Nachricht Nr. ' || i || '. Ihr Passwort setzen Sie unter Konto → Sicherheit zurück.' || char(10) || 'Viele Grüße',
       printf('%064X', i), NULL, (SELECT id FROM people LIMIT 1), 0, 0, NULL, NULL, NULL,
       strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || i || ' minutes'), 0, NULL
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO delegated_tasks (id, title, goal, context, definition_of_done, deadline, priority, work_language, links, assignee_id, created_by,
    created_at, state, state_changed_at, result, playbook_id, is_trial, recurring_task_id, occurrence_date)
SELECT printf('%08X-0000-7000-9000-%012X', 33554432 + i, i), 'Aufgabe ' || i, 'Mitgliederdaten prüfen, Teil ' || i, 'Seit dem Import im Mai.',
       'Keine Fehler mehr in Teil ' || i, date('now', ((i % 60) - 20) || ' days'), i % 4, 'de', '', (SELECT id FROM people LIMIT 1),
       (SELECT id FROM people LIMIT 1), strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || i || ' minutes'), i % 4,
       strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || i || ' minutes'), '', NULL, 0, NULL, NULL
FROM n;
COMMIT;
