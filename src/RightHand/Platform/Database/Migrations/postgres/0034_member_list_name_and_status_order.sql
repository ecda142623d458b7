-- 0034: the member list sorted by name or status stays fast under a tag or any other filter (Members/Member.cs).
-- A member's tags carry copies of the member's names, indexed per tag in the list's name order: a frequent tag sorted
-- by name was a walk along all members in name order probing each for the tag (1 s at a million members when the
-- tag's members sort late). Triggers keep the copies equal to the member's names, whichever way a name changes
-- (page, import, API, erasure); a tag written before its member is trusted with the names it was given.
-- The status order gets an index of its own: sorting by status sorted every match (plan + status order: 300 ms).

ALTER TABLE member_tags ADD COLUMN last_name character varying(100);

ALTER TABLE member_tags ADD COLUMN first_name character varying(100);

UPDATE member_tags t SET last_name = m.last_name, first_name = m.first_name FROM members m WHERE m.id = t.member_id;

DELETE FROM member_tags WHERE last_name IS NULL;

ALTER TABLE member_tags ALTER COLUMN last_name SET NOT NULL;

CREATE INDEX ix_member_tags_tag_name_order ON member_tags (tag, last_name, first_name, member_sequence, member_id);

CREATE INDEX ix_members_status_sequence ON members (status, sequence);

CREATE FUNCTION member_tags_take_member_names() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last character varying(100);
    first character varying(100);
BEGIN
    SELECT m.last_name, m.first_name INTO last, first FROM members m WHERE m.id = NEW.member_id;
    IF FOUND THEN
        NEW.last_name := last;
        NEW.first_name := first;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER member_tags_take_member_names BEFORE INSERT OR UPDATE OF member_id ON member_tags
    FOR EACH ROW EXECUTE FUNCTION member_tags_take_member_names();

CREATE FUNCTION members_pass_names_to_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE member_tags SET last_name = NEW.last_name, first_name = NEW.first_name WHERE member_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER members_pass_names_to_tags AFTER UPDATE OF last_name, first_name ON members
    FOR EACH ROW WHEN (OLD.last_name IS DISTINCT FROM NEW.last_name OR OLD.first_name IS DISTINCT FROM NEW.first_name)
    EXECUTE FUNCTION members_pass_names_to_tags();
