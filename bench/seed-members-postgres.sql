-- 1,000,000 members for bench/member-list.sh on PostgreSQL. Surnames are spread as in a real register: every tenth
-- member has one of 30 common ones (Müller, Schmidt, … about 0.3 % each, as in Germany), the others one of 3,600
-- built from syllables (Steinberg, Holenmann, …); first names from 20 common ones. Three plans, a status mix, a tag on every tenth member and a custom field value on every fifth. Raw SQL on purpose:
-- the bench measures reading the list (and bypasses the audit trail, which a real instance would have).
BEGIN;
INSERT INTO membership_plans (id, name, fee_cents, interval) VALUES
  ('00000000-0000-7000-8000-000000000001', 'Basis', 900, 0),
  ('00000000-0000-7000-8000-000000000002', 'Plus', 1900, 0),
  ('00000000-0000-7000-8000-000000000003', 'Jahr', 19000, 2);
INSERT INTO member_custom_fields (id, name, kind, options) VALUES ('00000000-0000-7000-8000-0000000000f1', 'Region', 3, E'Nord\nSüd\nOst\nWest');
WITH names AS (
  SELECT ARRAY['Anna','Ben','Clara','David','Emma','Felix','Greta','Hannah','Jonas','Lena','Lukas','Mia','Noah','Paul','Sophie','Tim','Olivia','James','Emily','Jack'] AS first,
         ARRAY['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz','Hoffmann','Koch','Richter','Klein','Wolf','Smith','Jones','Taylor','Brown','Wilson','Evans','Neumann','Schwarz','Zimmermann','Braun','Krüger','Hofmann','Hartmann','Lange','Schmitt','Werner'] AS last,
         ARRAY['Berlin','Hamburg','München','Köln','Frankfurt','Stuttgart','Leipzig','Dresden'] AS city,
         ARRAY['Ab','Bar','Ber','Brand','Dor','Eck','Fal','Gel','Gro','Hab','Hel','Hol','Kal','Kir','Lan','Lin','Mar','Mo','Nie','Ost','Pe','Rei','Ros','Sal','Sie','Stein','Tal','Vo','Wal','Zie'] AS pre,
         ARRAY['','en','er','ig','el','an'] AS mid,
         ARRAY['berg','mann','bach','feld','hoff','ke','ler','ner','stedt','ow','ing','rath','horst','dorf','er','s','sen','hausen','brink','kamp'] AS suf
)
INSERT INTO members (id, sequence, number, salutation, first_name, last_name, company, email, email_key, name_key, phone, language, street, postcode,
    city, country, date_of_birth, status, status_since, plan_id, notes, created_at, updated_at)
SELECT (lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 10000 + i, 'M-' || (10000 + i), NULL,
       f, l, NULL,
       lower(f) || '.' || lower(l) || i || '@example.org', lower(f) || '.' || lower(l) || i || '@example.org',
       lower(f || ' ' || l),
       NULL, CASE WHEN i % 5 = 0 THEN 'en' ELSE 'de' END, 'Hauptstraße ' || (i % 200 + 1), lpad(((i::bigint * 7919) % 89999 + 10000)::text, 5, '0'),
       c, 'DE', NULL, i % 4, timestamptz '2020-01-01 00:00:00+00' + i * interval '90 seconds',
       ('00000000-0000-7000-8000-00000000000' || (i % 3 + 1))::uuid, NULL,
       timestamptz '2020-01-01 00:00:00+00' + i * interval '90 seconds', timestamptz '2020-01-01 00:00:00+00' + i * interval '90 seconds'
FROM generate_series(1, 1000000) AS i, names,
     LATERAL (SELECT names.first[(i / 3) % 20 + 1] AS f, names.city[i % 8 + 1] AS c,
                     CASE WHEN i % 10 = 0 THEN names.last[(i / 10) % 30 + 1]
                          ELSE names.pre[(i / 7) % 30 + 1] || names.mid[(i / 211) % 6 + 1] || names.suf[(i / 13) % 20 + 1] END AS l) AS pick;
INSERT INTO member_tags (member_id, member_sequence, tag)
SELECT (lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 10000 + i, CASE WHEN i % 20 = 0 THEN 'VIP' ELSE 'Newsletter' END
FROM generate_series(10, 1000000, 10) AS i;
INSERT INTO member_custom_values (member_id, field_id, value)
SELECT (lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, '00000000-0000-7000-8000-0000000000f1',
       (ARRAY['Nord','Süd','Ost','West'])[i / 20 % 4 + 1]
FROM generate_series(5, 1000000, 5) AS i;
COMMIT;
VACUUM ANALYZE;
