-- App keys are stored sealed with the platform key (AES-256-GCM, "sealed:v1:" + base64): longer than the keys.
alter table app alter column master_key type varchar(256);
alter table app alter column read_only_master_key type varchar(256);
alter table app alter column client_key type varchar(256);
alter table app alter column javascript_key type varchar(256);
alter table app alter column rest_key type varchar(256);
alter table app alter column windows_key type varchar(256);
alter table app alter column webhook_key type varchar(256);
alter table app alter column file_key type varchar(256);
alter table app alter column previous_master_key type varchar(256);
