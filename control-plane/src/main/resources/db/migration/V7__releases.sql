-- Releases: each Cloud Code version may carry a message from whoever deployed it ("fix the signup hook").
-- Older versions are deleted past reparse.cloud-code.keep-releases (their content goes with them, on delete cascade).
alter table cloud_code_version add column message varchar(500);
