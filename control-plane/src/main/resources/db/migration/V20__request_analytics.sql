-- Request analytics from the routers (their cumulative counters, turned into hourly deltas like app_usage_hour).

create table app_request_hour (
    application_id varchar(64) not null,
    hour timestamptz not null,
    operation varchar(16) not null,
    class_name varchar(128) not null,
    status_class varchar(4) not null,
    sdk varchar(16) not null,
    count bigint not null,
    primary key (application_id, hour, operation, class_name, status_class, sdk)
);

-- bucket i holds latencies up to 0.25 ms * 2^(i/2); the last bucket (31) everything slower
create table app_latency_hour (
    application_id varchar(64) not null,
    hour timestamptz not null,
    operation varchar(16) not null,
    bucket smallint not null,
    count bigint not null,
    primary key (application_id, hour, operation, bucket)
);

-- the last cumulative request counters and histograms seen per app (JSON), as router_usage_cursor for usage
create table router_request_cursor (
    application_id varchar(64) primary key,
    counters text not null
);
