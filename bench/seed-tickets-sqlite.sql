-- The support desk at scale on SQLite for bench/support-views.sh (ENGINE=sqlite): 200,000 tickets with about 1,000,000
-- messages, the same shapes as bench/seed-tickets-postgres.sql (read its header): the newest 30,000 tickets open, the rest
-- closed; the owner and three seeded assistants; 200,000 member requesters; two threads of 400 messages (numbers
-- 10000 + N/2 and 10000 + N - 100); bodies from the same German and English sentences; "Zahnradbahn" in 22 messages.
-- support-views.sh puts "CREATE TEMP TABLE bench_n AS SELECT <N> AS n;" in front (N = SEED_TICKETS, default 200,000).
--
-- The full-text table is filled the way the app's migration 0022 fills it (one row per ticket: subject and every message),
-- once at the end (bench/seed-tickets-sqlite-search.sql through bench/sqlite-exec.py): the triggers that keep it current,
-- and the secondary indexes, are dropped first and made again from
-- their own text in sqlite_master, so the schema ends up exactly as the migrations left it.
.bail on
.headers off
.mode list
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -400000;

.output /tmp/righthand-seed-tickets-recreate.sql
SELECT sql || ';' FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ('tickets', 'ticket_messages', 'ticket_tags');
.output /tmp/righthand-seed-tickets-drop.sql
SELECT 'DROP ' || type || ' "' || name || '";' FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ('tickets', 'ticket_messages', 'ticket_tags');
.output stdout

BEGIN;
.read /tmp/righthand-seed-tickets-drop.sql
CREATE TEMP TABLE bench_t0 AS SELECT julianday('now') AS jd, (SELECT id FROM people WHERE role = 'Owner' ORDER BY created_at LIMIT 1) AS owner;
CREATE TEMP TABLE nums (j INTEGER PRIMARY KEY);
WITH RECURSIVE r(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM r WHERE j < 400) INSERT INTO nums SELECT j FROM r;

INSERT INTO people (id, name, email, normalized_email, role, password_hash, security_stamp, two_factor_enabled, access_failed_count, language, created_at)
VALUES ('00000000-0000-7000-8000-0000000000A1', 'Lena Koch', 'lena.koch@bench.invalid', 'LENA.KOCH@BENCH.INVALID', 'Assistant', NULL, 'a1', 0, 0, 'de', strftime('%Y-%m-%d %H:%M:%f', 'now')),
       ('00000000-0000-7000-8000-0000000000A2', 'Jonas Weber', 'jonas.weber@bench.invalid', 'JONAS.WEBER@BENCH.INVALID', 'Assistant', NULL, 'a2', 0, 0, 'de', strftime('%Y-%m-%d %H:%M:%f', 'now')),
       ('00000000-0000-7000-8000-0000000000A3', 'Emily Brown', 'emily.brown@bench.invalid', 'EMILY.BROWN@BENCH.INVALID', 'Assistant', NULL, 'a3', 0, 0, 'en', strftime('%Y-%m-%d %H:%M:%f', 'now'));

INSERT INTO ticket_categories (id, name, archived) VALUES
  ('00000000-0000-7000-8000-0000000000C1', 'Mitgliedschaft', 0), ('00000000-0000-7000-8000-0000000000C2', 'Beitrag und Rechnung', 0),
  ('00000000-0000-7000-8000-0000000000C3', 'Technik und Zugang', 0), ('00000000-0000-7000-8000-0000000000C4', 'Veranstaltungen', 0),
  ('00000000-0000-7000-8000-0000000000C5', 'Datenschutz', 0), ('00000000-0000-7000-8000-0000000000C6', 'Sonstiges', 0);

WITH RECURSIVE r(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM r WHERE m < 200000),
  n(first, last) AS (SELECT '["Anna","Ben","Clara","David","Emma","Felix","Greta","Hannah","Jonas","Lena","Lukas","Mia","Noah","Paul","Sophie","Tim","Olivia","James","Emily","Jack"]',
                            '["Müller","Schmidt","Schneider","Fischer","Weber","Meyer","Wagner","Becker","Schulz","Hoffmann","Koch","Richter","Klein","Wolf","Smith","Jones","Taylor","Brown","Wilson","Evans"]')
INSERT INTO members (id, sequence, number, first_name, last_name, email, email_key, name_key, language, status, status_since, created_at, updated_at)
SELECT printf('%08X-0000-7000-B000-%012X', m, m), 10000 + m, 'M-' || (10000 + m), f, l, lower(f) || '.' || lower(l) || m || '@example.org',
       lower(f) || '.' || lower(l) || m || '@example.org', lower(f || ' ' || l), CASE WHEN m % 4 = 0 THEN 'en' ELSE 'de' END, 0,
       strftime('%Y-%m-%d %H:%M:%f', 'now', '-4 years'), strftime('%Y-%m-%d %H:%M:%f', 'now', '-4 years'), strftime('%Y-%m-%d %H:%M:%f', 'now', '-4 years')
FROM (SELECT m, json_extract(n.first, '$[' || (m % 20) || ']') AS f, json_extract(n.last, '$[' || ((m / 20) % 20) || ']') AS l FROM r, n);

CREATE TEMP TABLE bench_sentences (lang TEXT, k INTEGER, s TEXT, PRIMARY KEY (lang, k));
INSERT INTO bench_sentences SELECT 'de', key, value FROM json_each('[
  "ich habe meine Rechnung für das laufende Jahr noch nicht erhalten.", "Der Mitgliedsbeitrag wurde doppelt von meinem Konto abgebucht.",
  "Können Sie mir bitte eine Spendenquittung für das Finanzamt schicken?", "Meine Bankverbindung hat sich geändert, die neue IBAN steht unten.",
  "Ich möchte meine Mitgliedschaft zum Jahresende kündigen.", "Die Kündigung habe ich schon im September per Post geschickt.",
  "Das Passwort für das Mitgliederportal funktioniert nicht mehr.", "Beim Anmelden erscheint immer eine Fehlermeldung.",
  "Die Zwei-Faktor-Anmeldung verlangt einen Code, den ich nicht habe.", "Wann findet die nächste Mitgliederversammlung statt?",
  "Ich würde gern zwei Gäste zum Sommerfest mitbringen.", "Die Einladung zur Veranstaltung ist bei mir nie angekommen.",
  "Bitte löschen Sie meine Daten gemäß der Datenschutz-Grundverordnung.", "Welche personenbezogenen Daten speichern Sie über mich?",
  "Meine Adresse hat sich geändert, ich wohne jetzt in der Gartenstraße.", "Der Newsletter kommt doppelt, einmal an jede meiner Adressen.",
  "Ich möchte vom Basistarif in den Jahrestarif wechseln.", "Gibt es eine Ermäßigung für Studierende und Auszubildende?",
  "Die Lastschrift ist zurückgegangen, bitte buchen Sie erneut ab.", "Im Anhang finden Sie den Kontoauszug als Nachweis.",
  "Mein Mitgliedsausweis ist verloren gegangen, ich brauche einen neuen.", "Der Drucker im Vereinsheim druckt nur noch leere Seiten.",
  "Das WLAN im Vereinsheim verlangt ein neues Passwort.", "Könnten Sie die Satzung und die Beitragsordnung zuschicken?",
  "Ich habe eine Mahnung bekommen, obwohl ich bezahlt habe.", "Die Überweisung ist am Montag rausgegangen.",
  "Wir haben die Buchung geprüft und korrigiert.", "Die Gutschrift erscheint in den nächsten Tagen auf Ihrem Konto.",
  "Ihr Zugang ist wieder freigeschaltet, bitte melden Sie sich neu an.", "Wir haben Ihre neue Anschrift eingetragen.",
  "Die Quittung schicken wir Ihnen per Post.", "Die Kündigung ist bestätigt und gilt zum Jahresende.",
  "Leider können wir die Frist nicht verlängern.", "Der Kollege aus der IT schaut sich das morgen an.",
  "Für den Ausflug im Herbst gibt es noch freie Plätze.", "Die Geschäftsstelle ist zwischen den Feiertagen geschlossen.",
  "Bitte nennen Sie uns Ihre Mitgliedsnummer.", "Das Formular für den Aufnahmeantrag finde ich nicht auf der Webseite.",
  "Mein Sohn möchte ebenfalls Mitglied werden, geht das online?", "Die Familienmitgliedschaft wurde nicht richtig berechnet.",
  "Seit dem Umzug bekomme ich keine Post mehr vom Verein.", "Bitte rufen Sie mich zurück, am besten nachmittags.",
  "Vielen Dank für die schnelle Hilfe!", "Das Problem besteht leider weiterhin."]');
INSERT INTO bench_sentences SELECT 'en', key, value FROM json_each('[
  "I have not received my invoice for this year yet.", "My membership fee was charged twice this month.",
  "Could you send me a receipt for my donation?", "My bank details have changed, please use the new account below.",
  "I would like to cancel my membership at the end of the year.", "I cannot log in to the member portal anymore.",
  "The password reset link has expired.", "When is the next general meeting taking place?",
  "I would like to bring two guests to the summer party.", "The invitation to the event never arrived.",
  "Please delete my personal data under the GDPR.", "I have moved and my new address is below.",
  "The newsletter arrives twice, once at each of my addresses.", "Is there a discount for students?",
  "The direct debit was returned, please charge it again.", "I lost my membership card and need a replacement.",
  "We have checked the booking and refunded the difference.", "The refund will show on your account within a few days.",
  "Your access has been restored, please sign in again.", "We updated your address.",
  "The cancellation is confirmed and takes effect at the end of the year.", "Our IT colleague will look into it tomorrow.",
  "Could you tell us your membership number?", "I was charged a late fee although I paid on time.",
  "The payment went out on Monday.", "Attached is my bank statement as proof.",
  "The printer in the club house only prints blank pages.", "The application form is missing from the website.",
  "Several refunds are still pending.", "The wifi in the club house asks for a new password.",
  "Thanks a lot for the quick help!", "The problem still persists, unfortunately."]');

-- 6,000 texts: 4,000 German, 2,000 English (multiplicative hashing stands in for PostgreSQL's hashint4).
CREATE TEMP TABLE bench_bodies (lang TEXT, idx INTEGER, body TEXT, PRIMARY KEY (lang, idx));
WITH RECURSIVE r(b) AS (SELECT 0 UNION ALL SELECT b + 1 FROM r WHERE b < 3999)
INSERT INTO bench_bodies
SELECT x.lang, x.b, CASE x.lang WHEN 'de' THEN 'Hallo,' ELSE 'Hello,' END || char(10, 10)
       || (SELECT group_concat(s.s, ' ') FROM nums JOIN bench_sentences s ON s.lang = x.lang
           AND s.k = ((x.b * 16 + nums.j) * 2654435761 % 4294967296) % CASE x.lang WHEN 'de' THEN 44 ELSE 32 END WHERE nums.j <= 4 + x.b % 3)
       || char(10, 10) || CASE x.lang WHEN 'de' THEN 'Viele Grüße' ELSE 'Kind regards' END
FROM (SELECT 'de' AS lang, b FROM r UNION ALL SELECT 'en', b FROM r WHERE b < 2000) AS x;

-- The tickets: i = 1 … N, number 10000 + i, k = N - i opened after it, 90 s apart, the newest ten minutes ago.
CREATE TEMP TABLE bench_tickets AS
SELECT i, k, id, created, state, assignee, lang, member, channel, msgs, created + min((1 + (i * 37) % 72) / 24.0, (k * 90 + 600) / 86400.0 * 0.9) AS last,
       subject, category
FROM (
  SELECT i, k, printf('%08X-0000-7000-9000-%012X', i, i) AS id, (SELECT jd FROM bench_t0) - (k * 90 + 600) / 86400.0 AS created,
    CASE WHEN k < 2500 AND h < 60 THEN 0
         WHEN k < 30000 THEN CASE WHEN h < 45 THEN 1 WHEN h < 70 THEN 2 WHEN h < 80 THEN 3 WHEN h < 88 THEN 4 ELSE 5 END
         WHEN h < 97 THEN 6 ELSE 5 END AS state,
    CASE WHEN k < 30000 THEN CASE WHEN a < 15 THEN NULL WHEN a < 45 THEN (SELECT owner FROM bench_t0) WHEN a < 65 THEN '00000000-0000-7000-8000-0000000000A1'
                                  WHEN a < 85 THEN '00000000-0000-7000-8000-0000000000A2' ELSE '00000000-0000-7000-8000-0000000000A3' END
         ELSE CASE a % 4 WHEN 0 THEN (SELECT owner FROM bench_t0) WHEN 1 THEN '00000000-0000-7000-8000-0000000000A1'
                         WHEN 2 THEN '00000000-0000-7000-8000-0000000000A2' ELSE '00000000-0000-7000-8000-0000000000A3' END END AS assignee,
    CASE WHEN i % 4 = 3 THEN 'en' ELSE 'de' END AS lang,
    CASE WHEN h2 < 70 THEN (i * 7919) % 200000 + 1 END AS member,
    CASE WHEN h2 < 60 THEN 1 WHEN h2 < 85 THEN 0 WHEN h2 < 95 THEN 3 ELSE 2 END AS channel,
    CASE WHEN i = (SELECT n FROM bench_n) / 2 OR i = (SELECT n FROM bench_n) - 100 THEN 400 ELSE 2 + (i * 13) % 7 END AS msgs,
    CASE WHEN i % 4 = 3 THEN json_extract('["Invoice missing","Charged twice","Donation receipt","New bank details","Cancel membership","Cannot log in","Password reset expired","General meeting","Guests at the summer party","Invitation not received","Delete my data","Change of address","Newsletter twice","Student discount","Returned direct debit","Lost membership card"]', '$[' || ((i / 4) % 16) || ']')
         ELSE json_extract('["Rechnung fehlt","Beitrag doppelt abgebucht","Spendenquittung","Neue Bankverbindung","Kündigung der Mitgliedschaft","Anmeldung im Portal geht nicht","Passwort vergessen","Mitgliederversammlung","Gäste beim Sommerfest","Einladung nicht erhalten","Auskunft nach DSGVO","Adressänderung","Newsletter doppelt","Ermäßigung für Studierende","Rücklastschrift","Mitgliedsausweis verloren","Drucker im Vereinsheim","WLAN-Passwort","Aufnahmeantrag","Familienmitgliedschaft"]', '$[' || ((i / 4) % 20) || ']') END
      || CASE WHEN i % 3 = 0 THEN '' WHEN i % 3 = 1 THEN ' (' || json_extract('["dringend","Nachfrage","bitte prüfen","urgent","follow-up"]', '$[' || (i % 5) || ']') || ')'
              ELSE ' – ' || json_extract('["Januar","März","Mai","Juli","September","November","2024","2025","2026"]', '$[' || (i % 9) || ']') END AS subject,
    CASE WHEN (i * 11) % 10 = 0 THEN NULL ELSE '00000000-0000-7000-8000-0000000000C' || ((i / 4) % 6 + 1) END AS category
  FROM (SELECT i, (SELECT n FROM bench_n) - i AS k, (i * 2654435761 % 4294967296) % 100 AS h, ((i + 1000000000) * 2654435761 % 4294967296) % 100 AS a,
               ((i * 3 + 1) * 2654435761 % 4294967296) % 100 AS h2
        FROM (WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < (SELECT n FROM bench_n)) SELECT i FROM r))
);

INSERT INTO tickets (id, number, subject, requester_member_id, requester_email, requester_email_key, requester_name, channel, state, priority,
    category_id, assignee_id, language, first_response_due_at, resolution_due_at, first_responded_at, solved_at, closed_at, created_at, updated_at,
    last_activity_at, rating, rating_comment, merged_into_id, parent_id, sla_paused_at, sla_paused_seconds, rated_at)
SELECT t.id, 10000 + t.i, t.subject, m.id, coalesce(m.email, 'kontakt' || (t.i % 50000) || '@example.net'),
       coalesce(m.email_key, 'kontakt' || (t.i % 50000) || '@example.net'), m.first_name || ' ' || m.last_name, t.channel, t.state,
       CASE WHEN t.i % 20 = 0 THEN 3 WHEN t.i % 5 = 1 THEN 2 WHEN t.i % 10 = 2 THEN 0 ELSE 1 END,
       t.category, t.assignee, t.lang, strftime('%Y-%m-%d %H:%M:%f', t.created + 8 / 24.0), strftime('%Y-%m-%d %H:%M:%f', t.created + 30),
       CASE WHEN t.state <> 0 THEN strftime('%Y-%m-%d %H:%M:%f', t.created + (t.last - t.created) / t.msgs) END,
       CASE WHEN t.state IN (5, 6) THEN strftime('%Y-%m-%d %H:%M:%f', t.last) END,
       CASE WHEN t.state = 6 THEN strftime('%Y-%m-%d %H:%M:%f', t.last + 7) END,
       strftime('%Y-%m-%d %H:%M:%f', t.created), strftime('%Y-%m-%d %H:%M:%f', t.last), strftime('%Y-%m-%d %H:%M:%f', t.last),
       CASE WHEN t.state = 6 AND t.i % 5 = 0 THEN 1 + (t.i / 5) % 5 END, NULL,
       CASE WHEN t.state = 6 AND t.i % 200 = 7 THEN printf('%08X-0000-7000-9000-%012X', t.i - 1, t.i - 1) END,
       NULL, CASE WHEN t.state = 2 THEN strftime('%Y-%m-%d %H:%M:%f', t.last) END, 0,
       CASE WHEN t.state = 6 AND t.i % 5 = 0 THEN strftime('%Y-%m-%d %H:%M:%f', t.last + 7) END
FROM bench_tickets t LEFT JOIN members m ON t.member IS NOT NULL AND m.id = printf('%08X-0000-7000-B000-%012X', t.member, t.member);

INSERT OR IGNORE INTO ticket_tags (ticket_id, tag)
SELECT id, json_extract('["Rückfrage","Rechnung","VIP","Technik","Beschwerde"]', '$[' || (i % 5) || ']') FROM bench_tickets WHERE i % 5 < 1 OR i % 7 = 0;

INSERT INTO ticket_messages (id, ticket_id, kind, author_person_id, author_member_id, requester_member_id, from_address, from_name, body,
    created_at, mail_message_id, channel)
SELECT printf('%08X-%04X-7000-A000-%012X', t.i, j, t.i), t.id, kind,
       CASE WHEN kind <> 0 THEN coalesce(t.assignee, (SELECT owner FROM bench_t0)) END,
       CASE WHEN kind = 0 THEN tk.requester_member_id END, tk.requester_member_id,
       CASE WHEN kind = 0 THEN tk.requester_email END, CASE WHEN kind = 0 THEN tk.requester_name END,
       b.body || CASE WHEN t.i % 3 = 0 THEN char(10, 10) || CASE WHEN t.lang = 'de' THEN 'Mitgliedsnummer ' ELSE 'Membership number ' END || 'M-' || (10000 + coalesce(t.member, 0))
                      WHEN t.i % 3 = 1 THEN char(10, 10) || CASE WHEN t.lang = 'de' THEN 'Bestellung ' ELSE 'Order ' END || (t.i * 7 + j) ELSE '' END
              || CASE WHEN (t.i % 100000 = 777 OR t.k % 10000 = 777) AND j = 1 THEN char(10) || 'PS: Fährt die Zahnradbahn beim Ausflug auch bei Regen?' ELSE '' END,
       strftime('%Y-%m-%d %H:%M:%f', t.created + (t.last - t.created) * (j - 1) / t.msgs),
       CASE WHEN t.channel = 1 AND kind <> 2 THEN '<t' || t.i || '.m' || j || '@bench.example.org>' END,
       CASE WHEN kind = 0 THEN t.channel ELSE 1 END
FROM (SELECT t.*, nums.j AS j, CASE WHEN nums.j = 1 THEN 0 WHEN (t.i + nums.j) % 7 = 0 THEN 2 WHEN nums.j % 2 = 0 THEN 1 ELSE 0 END AS kind
      FROM bench_tickets t JOIN nums ON nums.j <= t.msgs) AS t
JOIN tickets tk ON tk.id = t.id
JOIN bench_bodies b ON b.lang = t.lang AND b.idx = ((t.i * 31 + t.j) * 2654435761 % 4294967296) % CASE WHEN t.lang = 'de' THEN 4000 ELSE 2000 END;

.read /tmp/righthand-seed-tickets-recreate.sql
COMMIT;
ANALYZE;
