-- Account keys are kept as their SHA-256 (hex), like console sessions: a database dump hands out no keys. Existing
-- keys keep working; their owners see them no more (a new key is shown once, at signup or rotation).
update account set account_key = encode(sha256(convert_to(account_key, 'UTF8')), 'hex');

-- Failed logins, shared by every control-plane replica (see accounts.LoginThrottle). One row per throttled subject:
-- an (account email, client address) pair or a client address; the key is the SHA-256 of scope and subject, so the
-- table holds no emails or addresses.
create table login_throttle (
    key_hash varchar(64) primary key,
    scope varchar(16) not null,
    failures integer not null,
    locked_until timestamptz,
    updated_at timestamptz not null
);
create index login_throttle_updated on login_throttle (updated_at);
