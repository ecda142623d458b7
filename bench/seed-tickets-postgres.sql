-- The support desk at scale for bench/support-views.sh on PostgreSQL: 1,000,000 tickets with about 5,000,000 messages
-- (SEED_TICKETS=20000 in the environment seeds fewer, for a quick check of the scripts). Run once the owner exists: the
-- owner and three seeded assistants share the tickets. Raw SQL on purpose: the bench measures reading the desk (and
-- bypasses the audit trail, which a real instance would have).
--
-- What a desk looks like after three years: ticket i was opened 90 s after ticket i-1, the newest now; the newest 30,000
-- are still being worked on (New among the last 2,500, then Open, waiting for the member, for IT, for the owner, a few
-- solved), everything older is closed (3 % solved and never closed, 0.5 % merged into the ticket before). 15 % of the open
-- ones have nobody yet. 70 % of requesters are members (200,000 seeded here), the rest e-mail contacts. Messages: 2 to 8 a
-- ticket (5 on average: the requester's first mail, then replies, answers and an internal note now and then), plus two
-- long threads of 400 messages (ticket number 10000 + N/2, closed, and 10000 + N - 100, open). Bodies are drawn from
-- 6,000 texts (German for 3 of 4 tickets, English for the rest), each 4 to 6 sentences from lists of 44 German and 32
-- English ones, plus the ticket's member number or order number, so a common word matches many messages and a rare one few
-- ("Zahnradbahn": 110 messages at full scale, 2 of them on tickets still open).
--
-- Loading with the secondary indexes and foreign keys in place is several times slower: they are dropped first and made
-- again afterwards from their own definitions (pg_get_indexdef / pg_get_constraintdef), so the schema ends up exactly as
-- the migrations left it.
\set ON_ERROR_STOP 1
\getenv tickets SEED_TICKETS
\if :{?tickets}
\else
\set tickets 1000000
\endif
SET synchronous_commit = off;
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;
SET work_mem = '256MB';
SELECT now() AS t0 \gset
SELECT id AS owner FROM people WHERE role = 'Owner' ORDER BY created_at LIMIT 1 \gset

BEGIN;
CREATE TEMP TABLE bench_ddl ON COMMIT DROP AS
SELECT 'index' AS kind, i.indexrelid::regclass::text AS name, c.relname AS tbl, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
WHERE c.relname IN ('tickets', 'ticket_messages', 'ticket_tags') AND NOT i.indisprimary
UNION ALL
SELECT 'fk', con.conname, c.relname, pg_get_constraintdef(con.oid)
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
WHERE c.relname IN ('tickets', 'ticket_messages', 'ticket_tags', 'ticket_attachments', 'inbound_mails') AND con.contype = 'f';
DO $$ DECLARE d record; BEGIN
  FOR d IN SELECT * FROM bench_ddl WHERE kind = 'fk' LOOP EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', d.tbl, d.name); END LOOP;
  FOR d IN SELECT * FROM bench_ddl WHERE kind = 'index' LOOP EXECUTE format('DROP INDEX %s', d.name); END LOOP;
END $$;

INSERT INTO people (id, name, email, normalized_email, role, password_hash, security_stamp, two_factor_enabled, access_failed_count, language, created_at)
VALUES ('00000000-0000-7000-8000-0000000000a1', 'Lena Koch', 'lena.koch@bench.invalid', 'LENA.KOCH@BENCH.INVALID', 'Assistant', NULL, md5('a1'), false, 0, 'de', :'t0'),
       ('00000000-0000-7000-8000-0000000000a2', 'Jonas Weber', 'jonas.weber@bench.invalid', 'JONAS.WEBER@BENCH.INVALID', 'Assistant', NULL, md5('a2'), false, 0, 'de', :'t0'),
       ('00000000-0000-7000-8000-0000000000a3', 'Emily Brown', 'emily.brown@bench.invalid', 'EMILY.BROWN@BENCH.INVALID', 'Assistant', NULL, md5('a3'), false, 0, 'en', :'t0');

INSERT INTO ticket_categories (id, name, archived) VALUES
  ('00000000-0000-7000-8000-0000000000c1', 'Mitgliedschaft', false),
  ('00000000-0000-7000-8000-0000000000c2', 'Beitrag und Rechnung', false),
  ('00000000-0000-7000-8000-0000000000c3', 'Technik und Zugang', false),
  ('00000000-0000-7000-8000-0000000000c4', 'Veranstaltungen', false),
  ('00000000-0000-7000-8000-0000000000c5', 'Datenschutz', false),
  ('00000000-0000-7000-8000-0000000000c6', 'Sonstiges', false);

-- The requesters who are members (ids 'xxxxxxxx-0000-7000-b000-…', not those of seed-members-postgres.sql).
WITH n AS (SELECT ARRAY['Anna','Ben','Clara','David','Emma','Felix','Greta','Hannah','Jonas','Lena','Lukas','Mia','Noah','Paul','Sophie','Tim','Olivia','James','Emily','Jack'] AS first,
                  ARRAY['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz','Hoffmann','Koch','Richter','Klein','Wolf','Smith','Jones','Taylor','Brown','Wilson','Evans'] AS last)
INSERT INTO members (id, sequence, number, first_name, last_name, email, email_key, name_key, language, status, status_since, created_at, updated_at)
SELECT (lpad(to_hex(m), 8, '0') || '-0000-7000-b000-' || lpad(to_hex(m), 12, '0'))::uuid, 10000 + m, 'M-' || (10000 + m), f, l,
       lower(f) || '.' || lower(l) || m || '@example.org', lower(f) || '.' || lower(l) || m || '@example.org', lower(f || ' ' || l),
       CASE WHEN m % 4 = 0 THEN 'en' ELSE 'de' END, 0, :'t0'::timestamptz - interval '4 years', :'t0'::timestamptz - interval '4 years', :'t0'::timestamptz - interval '4 years'
FROM generate_series(1, 200000) AS m, n, LATERAL (SELECT n.first[m % 20 + 1] AS f, n.last[(m / 20) % 20 + 1] AS l) AS pick;

-- 6,000 message texts: 4,000 German, 2,000 English, each a greeting, 4 to 6 sentences and a closing.
CREATE TEMP TABLE bench_bodies (lang text, idx int, body text, PRIMARY KEY (lang, idx)) ON COMMIT DROP;
WITH s AS (SELECT ARRAY[
  'ich habe meine Rechnung für das laufende Jahr noch nicht erhalten.',
  'Der Mitgliedsbeitrag wurde doppelt von meinem Konto abgebucht.',
  'Können Sie mir bitte eine Spendenquittung für das Finanzamt schicken?',
  'Meine Bankverbindung hat sich geändert, die neue IBAN steht unten.',
  'Ich möchte meine Mitgliedschaft zum Jahresende kündigen.',
  'Die Kündigung habe ich schon im September per Post geschickt.',
  'Das Passwort für das Mitgliederportal funktioniert nicht mehr.',
  'Beim Anmelden erscheint immer eine Fehlermeldung.',
  'Die Zwei-Faktor-Anmeldung verlangt einen Code, den ich nicht habe.',
  'Wann findet die nächste Mitgliederversammlung statt?',
  'Ich würde gern zwei Gäste zum Sommerfest mitbringen.',
  'Die Einladung zur Veranstaltung ist bei mir nie angekommen.',
  'Bitte löschen Sie meine Daten gemäß der Datenschutz-Grundverordnung.',
  'Welche personenbezogenen Daten speichern Sie über mich?',
  'Meine Adresse hat sich geändert, ich wohne jetzt in der Gartenstraße.',
  'Der Newsletter kommt doppelt, einmal an jede meiner Adressen.',
  'Ich möchte vom Basistarif in den Jahrestarif wechseln.',
  'Gibt es eine Ermäßigung für Studierende und Auszubildende?',
  'Die Lastschrift ist zurückgegangen, bitte buchen Sie erneut ab.',
  'Im Anhang finden Sie den Kontoauszug als Nachweis.',
  'Mein Mitgliedsausweis ist verloren gegangen, ich brauche einen neuen.',
  'Der Drucker im Vereinsheim druckt nur noch leere Seiten.',
  'Das WLAN im Vereinsheim verlangt ein neues Passwort.',
  'Könnten Sie die Satzung und die Beitragsordnung zuschicken?',
  'Ich habe eine Mahnung bekommen, obwohl ich bezahlt habe.',
  'Die Überweisung ist am Montag rausgegangen.',
  'Wir haben die Buchung geprüft und korrigiert.',
  'Die Gutschrift erscheint in den nächsten Tagen auf Ihrem Konto.',
  'Ihr Zugang ist wieder freigeschaltet, bitte melden Sie sich neu an.',
  'Wir haben Ihre neue Anschrift eingetragen.',
  'Die Quittung schicken wir Ihnen per Post.',
  'Die Kündigung ist bestätigt und gilt zum Jahresende.',
  'Leider können wir die Frist nicht verlängern.',
  'Der Kollege aus der IT schaut sich das morgen an.',
  'Für den Ausflug im Herbst gibt es noch freie Plätze.',
  'Die Geschäftsstelle ist zwischen den Feiertagen geschlossen.',
  'Bitte nennen Sie uns Ihre Mitgliedsnummer.',
  'Das Formular für den Aufnahmeantrag finde ich nicht auf der Webseite.',
  'Mein Sohn möchte ebenfalls Mitglied werden, geht das online?',
  'Die Familienmitgliedschaft wurde nicht richtig berechnet.',
  'Seit dem Umzug bekomme ich keine Post mehr vom Verein.',
  'Bitte rufen Sie mich zurück, am besten nachmittags.',
  'Vielen Dank für die schnelle Hilfe!',
  'Das Problem besteht leider weiterhin.'] AS de,
ARRAY[
  'I have not received my invoice for this year yet.',
  'My membership fee was charged twice this month.',
  'Could you send me a receipt for my donation?',
  'My bank details have changed, please use the new account below.',
  'I would like to cancel my membership at the end of the year.',
  'I cannot log in to the member portal anymore.',
  'The password reset link has expired.',
  'When is the next general meeting taking place?',
  'I would like to bring two guests to the summer party.',
  'The invitation to the event never arrived.',
  'Please delete my personal data under the GDPR.',
  'I have moved and my new address is below.',
  'The newsletter arrives twice, once at each of my addresses.',
  'Is there a discount for students?',
  'The direct debit was returned, please charge it again.',
  'I lost my membership card and need a replacement.',
  'We have checked the booking and refunded the difference.',
  'The refund will show on your account within a few days.',
  'Your access has been restored, please sign in again.',
  'We updated your address.',
  'The cancellation is confirmed and takes effect at the end of the year.',
  'Our IT colleague will look into it tomorrow.',
  'Could you tell us your membership number?',
  'I was charged a late fee although I paid on time.',
  'The payment went out on Monday.',
  'Attached is my bank statement as proof.',
  'The printer in the club house only prints blank pages.',
  'The application form is missing from the website.',
  'Several refunds are still pending.',
  'The wifi in the club house asks for a new password.',
  'Thanks a lot for the quick help!',
  'The problem still persists, unfortunately.'] AS en)
INSERT INTO bench_bodies (lang, idx, body)
SELECT 'de', b, 'Hallo,' || E'\n\n' || (SELECT string_agg(s.de[(abs(hashint4(b * 16 + k)::bigint) % 44) + 1], ' ') FROM generate_series(1, 4 + b % 3) AS k)
       || E'\n\n' || 'Viele Grüße'
FROM generate_series(0, 3999) AS b, s
UNION ALL
SELECT 'en', b, 'Hello,' || E'\n\n' || (SELECT string_agg(s.en[(abs(hashint4(b * 16 + k + 7)::bigint) % 32) + 1], ' ') FROM generate_series(1, 4 + b % 3) AS k)
       || E'\n\n' || 'Kind regards'
FROM generate_series(0, 1999) AS b, s;

-- The tickets: i = 1 … N, number 10000 + i, k = N - i tickets were opened after it.
CREATE TEMP TABLE bench_tickets ON COMMIT DROP AS
SELECT i, k, id, created_at, state, assignee, lang, member, channel, msgs, created_at + span AS last_at, subject, category
FROM (
  SELECT i, k, (lpad(to_hex(i), 8, '0') || '-0000-7000-9000-' || lpad(to_hex(i), 12, '0'))::uuid AS id, created_at,
    CASE WHEN k < 2500 AND h < 60 THEN 0
         WHEN k < 30000 THEN CASE WHEN h < 45 THEN 1 WHEN h < 70 THEN 2 WHEN h < 80 THEN 3 WHEN h < 88 THEN 4 ELSE 5 END
         WHEN h < 97 THEN 6 ELSE 5 END AS state,
    CASE WHEN k < 30000 THEN
           CASE WHEN a < 15 THEN NULL WHEN a < 45 THEN :'owner'::uuid WHEN a < 65 THEN '00000000-0000-7000-8000-0000000000a1'::uuid
                WHEN a < 85 THEN '00000000-0000-7000-8000-0000000000a2'::uuid ELSE '00000000-0000-7000-8000-0000000000a3'::uuid END
         ELSE (ARRAY[:'owner'::uuid, '00000000-0000-7000-8000-0000000000a1'::uuid, '00000000-0000-7000-8000-0000000000a2'::uuid,
                     '00000000-0000-7000-8000-0000000000a3'::uuid])[a % 4 + 1] END AS assignee,
    CASE WHEN i % 4 = 3 THEN 'en' ELSE 'de' END AS lang,
    CASE WHEN h2 < 70 THEN (i::bigint * 7919) % 200000 + 1 END AS member,
    CASE WHEN h2 < 60 THEN 1 WHEN h2 < 85 THEN 0 WHEN h2 < 95 THEN 3 ELSE 2 END AS channel,
    CASE WHEN i = :tickets / 2 OR i = :tickets - 100 THEN 400 ELSE 2 + (i * 13) % 7 END AS msgs,
    -- How long the conversation ran: up to three days, but never past now for the newest.
    least(interval '1 hour' * (1 + (i * 37) % 72), (:'t0'::timestamptz - created_at) * 0.9) AS span,
    CASE WHEN i % 4 = 3 THEN (ARRAY['Invoice missing','Charged twice','Donation receipt','New bank details','Cancel membership','Cannot log in',
           'Password reset expired','General meeting','Guests at the summer party','Invitation not received','Delete my data','Change of address',
           'Newsletter twice','Student discount','Returned direct debit','Lost membership card'])[(i / 4) % 16 + 1]
         ELSE (ARRAY['Rechnung fehlt','Beitrag doppelt abgebucht','Spendenquittung','Neue Bankverbindung','Kündigung der Mitgliedschaft',
           'Anmeldung im Portal geht nicht','Passwort vergessen','Mitgliederversammlung','Gäste beim Sommerfest','Einladung nicht erhalten',
           'Auskunft nach DSGVO','Adressänderung','Newsletter doppelt','Ermäßigung für Studierende','Rücklastschrift','Mitgliedsausweis verloren',
           'Drucker im Vereinsheim','WLAN-Passwort','Aufnahmeantrag','Familienmitgliedschaft'])[(i / 4) % 20 + 1] END
      || CASE WHEN i % 3 = 0 THEN '' WHEN i % 3 = 1 THEN ' (' || (ARRAY['dringend','Nachfrage','bitte prüfen','urgent','follow-up'])[i % 5 + 1] || ')'
              ELSE ' – ' || (ARRAY['Januar','März','Mai','Juli','September','November','2024','2025','2026'])[i % 9 + 1] END AS subject,
    CASE WHEN (i * 11) % 10 = 0 THEN NULL ELSE ('00000000-0000-7000-8000-0000000000c' || ((i / 4) % 6 + 1))::uuid END AS category
  FROM (SELECT i, :tickets - i AS k, abs(hashint4(i)::bigint) % 100 AS h, abs(hashint4(i + 1000000000)::bigint) % 100 AS a, abs(hashint4(i * 3 + 1)::bigint) % 100 AS h2,
               :'t0'::timestamptz - interval '10 minutes' - (:tickets - i) * interval '90 seconds' AS created_at
        FROM generate_series(1, :tickets) AS i) AS r
) AS t;

INSERT INTO tickets (id, number, subject, requester_member_id, requester_email, requester_email_key, requester_name, channel, state, priority,
    category_id, assignee_id, language, first_response_due_at, resolution_due_at, first_responded_at, solved_at, closed_at, created_at, updated_at,
    last_activity_at, rating, rating_comment, merged_into_id, parent_id, sla_paused_at, sla_paused_seconds, rated_at)
SELECT t.id, 10000 + t.i, t.subject, m.id, coalesce(m.email, 'kontakt' || (t.i % 50000) || '@example.net'),
       coalesce(m.email_key, 'kontakt' || (t.i % 50000) || '@example.net'), coalesce(m.first_name || ' ' || m.last_name, NULL), t.channel, t.state,
       CASE WHEN t.i % 20 = 0 THEN 3 WHEN t.i % 5 = 1 THEN 2 WHEN t.i % 10 = 2 THEN 0 ELSE 1 END,
       t.category, t.assignee, t.lang, t.created_at + interval '8 hours', t.created_at + interval '30 days',
       CASE WHEN t.state <> 0 THEN t.created_at + (t.last_at - t.created_at) / t.msgs END,
       CASE WHEN t.state IN (5, 6) THEN t.last_at END, CASE WHEN t.state = 6 THEN t.last_at + interval '7 days' END,
       t.created_at, t.last_at, t.last_at,
       CASE WHEN t.state = 6 AND t.i % 5 = 0 THEN 1 + (t.i / 5) % 5 END, NULL,
       CASE WHEN t.state = 6 AND t.i % 200 = 7 THEN (lpad(to_hex(t.i - 1), 8, '0') || '-0000-7000-9000-' || lpad(to_hex(t.i - 1), 12, '0'))::uuid END,
       NULL, CASE WHEN t.state = 2 THEN t.last_at END, 0, CASE WHEN t.state = 6 AND t.i % 5 = 0 THEN t.last_at + interval '7 days' END
FROM bench_tickets t
LEFT JOIN members m ON t.member IS NOT NULL AND m.id = (lpad(to_hex(t.member), 8, '0') || '-0000-7000-b000-' || lpad(to_hex(t.member), 12, '0'))::uuid;

INSERT INTO ticket_tags (ticket_id, tag)
SELECT id, (ARRAY['Rückfrage','Rechnung','VIP','Technik','Beschwerde'])[i % 5 + 1] FROM bench_tickets WHERE i % 5 < 1 OR i % 7 = 0
ON CONFLICT DO NOTHING;

-- The conversation: message j of ticket i. The first is the requester's; then staff replies and the requester's answers
-- alternate, every seventh an internal note. Mail tickets' messages carry a Message-ID, so mail can thread onto them.
INSERT INTO ticket_messages (id, ticket_id, kind, author_person_id, author_member_id, requester_member_id, from_address, from_name, body,
    created_at, mail_message_id, channel)
SELECT (lpad(to_hex(t.i), 8, '0') || '-' || lpad(to_hex(j), 4, '0') || '-7000-a000-' || lpad(to_hex(t.i), 12, '0'))::uuid, t.id, kind,
       CASE WHEN kind <> 0 THEN coalesce(t.assignee, :'owner'::uuid) END,
       CASE WHEN kind = 0 THEN tk.requester_member_id END, tk.requester_member_id,
       CASE WHEN kind = 0 THEN tk.requester_email END, CASE WHEN kind = 0 THEN tk.requester_name END,
       b.body || CASE WHEN t.i % 3 = 0 THEN E'\n\n' || CASE WHEN t.lang = 'de' THEN 'Mitgliedsnummer ' ELSE 'Membership number ' END || 'M-' || (10000 + coalesce(t.member, 0))
                      WHEN t.i % 3 = 1 THEN E'\n\n' || CASE WHEN t.lang = 'de' THEN 'Bestellung ' ELSE 'Order ' END || (t.i * 7 + j) ELSE '' END
              || CASE WHEN (t.i % 100000 = 777 OR t.k % 10000 = 777) AND j = 1 THEN E'\n' || 'PS: Fährt die Zahnradbahn beim Ausflug auch bei Regen?' ELSE '' END,
       t.created_at + (t.last_at - t.created_at) * (j - 1) / t.msgs,
       CASE WHEN t.channel = 1 AND kind <> 2 THEN '<t' || t.i || '.m' || j || '@bench.example.org>' END,
       CASE WHEN kind = 0 THEN t.channel ELSE 1 END
FROM bench_tickets t
JOIN tickets tk ON tk.id = t.id
CROSS JOIN LATERAL generate_series(1, t.msgs) AS j
CROSS JOIN LATERAL (SELECT CASE WHEN j = 1 THEN 0 WHEN (t.i + j) % 7 = 0 THEN 2 WHEN j % 2 = 0 THEN 1 ELSE 0 END AS kind) AS kd
JOIN bench_bodies b ON b.lang = t.lang AND b.idx = abs(hashint4(t.i * 31 + j)::bigint) % CASE WHEN t.lang = 'de' THEN 4000 ELSE 2000 END;

DO $$ DECLARE d record; BEGIN
  FOR d IN SELECT * FROM bench_ddl WHERE kind = 'index' LOOP EXECUTE d.def; END LOOP;
  FOR d IN SELECT * FROM bench_ddl WHERE kind = 'fk' LOOP EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', d.tbl, d.name, d.def); END LOOP;
END $$;
COMMIT;
VACUUM ANALYZE;
