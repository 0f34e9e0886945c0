-- Scheduled Cloud Code jobs (dev.reparse.controlplane.jobs). Each planned run of an app's _JobSchedule row is claimed
-- by inserting its row here; the primary key makes the claim, and so the run, happen once across replicas and restarts.
create table job_run (
    application_id varchar(64) not null,
    schedule_id varchar(64) not null,
    planned_at timestamptz not null,
    job_name varchar(255) not null,
    claimed_by varchar(128) not null,
    claimed_at timestamptz not null,
    -- claimed, started, skipped (the app's concurrent-job limit), missed (catch-up=skip), failed
    outcome varchar(16) not null,
    job_status_id varchar(64),
    message varchar(1000),
    primary key (application_id, schedule_id, planned_at)
);
create index job_run_app_recent on job_run (application_id, planned_at desc);

-- One row: which control-plane replica scans apps' schedules, until when (renewed every tick).
create table job_scheduler_lease (
    id integer primary key check (id = 1),
    holder varchar(128) not null,
    expires_at timestamptz not null
);
insert into job_scheduler_lease (id, holder, expires_at) values (1, '', timestamptz '1970-01-01 00:00:00+00');

-- An app's IANA time zone for its schedules' days and times of day; null means UTC.
alter table app add column time_zone varchar(64);
