-- 0005: delegated tasks with briefs (checklists, comments, time logs, files), recurring tasks, playbooks with versions.

CREATE TABLE delegated_tasks (
    id uuid NOT NULL,
    title character varying(200) NOT NULL,
    goal character varying(4000) NOT NULL,
    context character varying(8000) NOT NULL,
    definition_of_done character varying(4000) NOT NULL,
    deadline date NOT NULL,
    priority integer NOT NULL,
    work_language character varying(5) NOT NULL,
    links character varying(8000) NOT NULL,
    assignee_id uuid NOT NULL,
    created_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    state integer NOT NULL,
    state_changed_at timestamp with time zone NOT NULL,
    result text NOT NULL,
    playbook_id uuid,
    is_trial boolean NOT NULL,
    recurring_task_id uuid,
    occurrence_date date,
    CONSTRAINT pk_delegated_tasks PRIMARY KEY (id)
);

CREATE TABLE playbook_versions (
    id uuid NOT NULL,
    playbook_id uuid NOT NULL,
    number integer NOT NULL,
    title_de character varying(200) NOT NULL,
    body_de character varying(100000) NOT NULL,
    title_en character varying(200) NOT NULL,
    body_en character varying(100000) NOT NULL,
    author_id uuid NOT NULL,
    change_note character varying(500) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_playbook_versions PRIMARY KEY (id)
);

CREATE TABLE playbooks (
    id uuid NOT NULL,
    title_de character varying(200) NOT NULL,
    title_en character varying(200) NOT NULL,
    current_version integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_playbooks PRIMARY KEY (id)
);

CREATE TABLE recurring_tasks (
    id uuid NOT NULL,
    title character varying(200) NOT NULL,
    goal character varying(4000) NOT NULL,
    context character varying(8000) NOT NULL,
    definition_of_done character varying(4000) NOT NULL,
    priority integer NOT NULL,
    work_language character varying(5) NOT NULL,
    links character varying(8000) NOT NULL,
    checklist character varying(8000) NOT NULL,
    assignee_id uuid NOT NULL,
    created_by uuid NOT NULL,
    playbook_id uuid,
    kind integer NOT NULL,
    weekday integer NOT NULL,
    day_of_month integer NOT NULL,
    deadline_after_days integer NOT NULL,
    starts_on date NOT NULL,
    active boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_recurring_tasks PRIMARY KEY (id)
);

CREATE TABLE task_checklist_items (
    id uuid NOT NULL,
    task_id uuid NOT NULL,
    position integer NOT NULL,
    text character varying(500) NOT NULL,
    done boolean NOT NULL,
    CONSTRAINT pk_task_checklist_items PRIMARY KEY (id)
);

CREATE TABLE task_comments (
    id uuid NOT NULL,
    task_id uuid NOT NULL,
    author_id uuid NOT NULL,
    text character varying(4000) NOT NULL,
    is_feedback boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_task_comments PRIMARY KEY (id)
);

CREATE TABLE task_files (
    id uuid NOT NULL,
    task_id uuid NOT NULL,
    name character varying(255) NOT NULL,
    content_type character varying(100) NOT NULL,
    size bigint NOT NULL,
    sha256 character varying(64) NOT NULL,
    content bytea NOT NULL,
    uploaded_by uuid NOT NULL,
    uploaded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_task_files PRIMARY KEY (id)
);

CREATE TABLE task_time_logs (
    id uuid NOT NULL,
    task_id uuid NOT NULL,
    person_id uuid NOT NULL,
    day date NOT NULL,
    minutes integer NOT NULL,
    note character varying(500) NOT NULL,
    logged_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_task_time_logs PRIMARY KEY (id)
);

CREATE INDEX ix_delegated_tasks_assignee_id_deadline ON delegated_tasks (assignee_id, deadline);

CREATE INDEX ix_delegated_tasks_deadline ON delegated_tasks (deadline);

CREATE UNIQUE INDEX ix_delegated_tasks_recurring_task_id_occurrence_date ON delegated_tasks (recurring_task_id, occurrence_date);

CREATE INDEX ix_delegated_tasks_state_assignee_id_deadline ON delegated_tasks (state, assignee_id, deadline);

CREATE UNIQUE INDEX ix_playbook_versions_playbook_id_number ON playbook_versions (playbook_id, number);

CREATE INDEX ix_recurring_tasks_active ON recurring_tasks (active);

CREATE INDEX ix_task_checklist_items_task_id_position ON task_checklist_items (task_id, position);

CREATE INDEX ix_task_comments_task_id_created_at ON task_comments (task_id, created_at);

CREATE INDEX ix_task_files_task_id ON task_files (task_id);

CREATE INDEX ix_task_time_logs_day_person_id ON task_time_logs (day, person_id);

CREATE INDEX ix_task_time_logs_task_id ON task_time_logs (task_id);
