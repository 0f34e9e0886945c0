-- An app's runtime options (file uploads, lockout, password policy, email verification, sender name and
-- templates): dev.reparse.provisioning.AppOptions as JSON; null reads as the defaults.
ALTER TABLE app ADD COLUMN options TEXT;
