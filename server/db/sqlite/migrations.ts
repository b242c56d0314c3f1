import "server-only";

/** A step starting with this runs with foreign keys off (they cannot be switched inside a transaction). */
export const NO_FOREIGN_KEYS = "-- twscope: foreign keys off";

/** Numbered schema steps; `PRAGMA user_version` records how many have run. Never edit a shipped step. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE hosts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    transport TEXT NOT NULL CHECK (transport IN ('ssh', 'local')),
    address TEXT NOT NULL,
    port INTEGER NOT NULL DEFAULT 22,
    username TEXT NOT NULL DEFAULT '',
    auth_method TEXT NOT NULL DEFAULT 'key' CHECK (auth_method IN ('key', 'agent')),
    key_path TEXT,
    passphrase_env TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    host_key_fingerprint TEXT,
    seen_fingerprint TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    last_error TEXT,
    last_poll_at INTEGER,
    last_ok_at INTEGER,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE samples (
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    ts INTEGER NOT NULL,
    tw INTEGER,
    tw_server INTEGER,
    tw_client INTEGER,
    estab INTEGER,
    tw_rate REAL,
    tw_overflow_rate REAL,
    tw_recycled_rate REAL,
    tw_killed_rate REAL,
    paws_passive_rate REAL,
    active_opens_rate REAL,
    passive_opens_rate REAL,
    listen_drops_rate REAL,
    PRIMARY KEY (host_id, ts)
  ) WITHOUT ROWID;

  CREATE TABLE latest_samples (
    host_id INTEGER PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
    ts INTEGER NOT NULL,
    sample TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL
  );

  CREATE TABLE poll_errors (
    id INTEGER PRIMARY KEY,
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    ts INTEGER NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL
  );
  CREATE INDEX poll_errors_by_host ON poll_errors (host_id, ts);

  INSERT INTO hosts (name, transport, address, port, username, status, created_at, updated_at)
  VALUES ('localhost', 'local', 'localhost', 0, '', 'pending',
          CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER));
  `,
  // 2: hosts whose data comes from pasted or uploaded bundles (transport 'bundle', never polled).
  // SQLite cannot change a CHECK constraint in place, so the table is rebuilt.
  `${NO_FOREIGN_KEYS}
  CREATE TABLE hosts_v2 (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    transport TEXT NOT NULL CHECK (transport IN ('ssh', 'local', 'bundle')),
    address TEXT NOT NULL,
    port INTEGER NOT NULL DEFAULT 22,
    username TEXT NOT NULL DEFAULT '',
    auth_method TEXT NOT NULL DEFAULT 'key' CHECK (auth_method IN ('key', 'agent')),
    key_path TEXT,
    passphrase_env TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    host_key_fingerprint TEXT,
    seen_fingerprint TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    last_error TEXT,
    last_poll_at INTEGER,
    last_ok_at INTEGER,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  INSERT INTO hosts_v2 SELECT * FROM hosts;
  DROP TABLE hosts;
  ALTER TABLE hosts_v2 RENAME TO hosts;
  `,
  // 3: rollups keep min/max/avg per 1-minute and 15-minute bucket, so history outlives raw samples.
  `
  CREATE TABLE rollups (
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    tier INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    n INTEGER NOT NULL,
    tw_min INTEGER, tw_max INTEGER, tw_avg REAL,
    estab_avg REAL, tw_server_avg REAL, tw_client_avg REAL,
    tw_rate REAL, tw_overflow_rate REAL, tw_recycled_rate REAL, active_opens_rate REAL,
    PRIMARY KEY (host_id, tier, ts)
  ) WITHOUT ROWID;
  CREATE TABLE rollup_progress (tier INTEGER PRIMARY KEY, done_until INTEGER NOT NULL);
  `,
  // 4: sign-in (users, sessions), the audit log, share snapshots, and secrets stored encrypted per host.
  // Hosts gain auth method 'stored' (a key or password held in host_secrets), so the table is rebuilt.
  `${NO_FOREIGN_KEYS}
  CREATE TABLE hosts_v4 (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    transport TEXT NOT NULL CHECK (transport IN ('ssh', 'local', 'bundle')),
    address TEXT NOT NULL,
    port INTEGER NOT NULL DEFAULT 22,
    username TEXT NOT NULL DEFAULT '',
    auth_method TEXT NOT NULL DEFAULT 'key' CHECK (auth_method IN ('key', 'agent', 'stored')),
    key_path TEXT,
    passphrase_env TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    host_key_fingerprint TEXT,
    seen_fingerprint TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    last_error TEXT,
    last_poll_at INTEGER,
    last_ok_at INTEGER,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  INSERT INTO hosts_v4 SELECT * FROM hosts;
  DROP TABLE hosts;
  ALTER TABLE hosts_v4 RENAME TO hosts;

  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'admin')),
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX sessions_by_user ON sessions (user_id);

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    ts INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    details TEXT
  );
  CREATE INDEX audit_log_by_ts ON audit_log (ts);

  CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('host', 'fleet')),
    title TEXT NOT NULL,
    host_id INTEGER,
    creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    creator_name TEXT NOT NULL,
    redacted INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    payload TEXT NOT NULL
  );
  CREATE INDEX snapshots_by_creator ON snapshots (creator_id);

  CREATE TABLE host_secrets (
    host_id INTEGER PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('private-key', 'password')),
    nonce BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    auth_tag BLOB NOT NULL,
    passphrase_nonce BLOB,
    passphrase_ciphertext BLOB,
    passphrase_auth_tag BLOB,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // 5: what the fleet list shows of each host's latest sample, stored with the sample so the list
  // never parses a full sample. Samples stored before this get theirs when the list first reads them.
  `
  CREATE TABLE latest_summaries (
    host_id INTEGER PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
    ts INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    summary TEXT NOT NULL
  );
  `,
  // 6: what changed on a host and when (status, kernel release, a TIME_WAIT sysctl), for chart markers
  // and for the reason of a gap in the samples: poll_errors keeps only each host's last 50 failures.
  `
  CREATE TABLE host_events (
    id INTEGER PRIMARY KEY,
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    ts INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('status', 'kernel', 'sysctl')),
    subject TEXT NOT NULL,
    before TEXT,
    after TEXT,
    detail TEXT
  );
  CREATE INDEX host_events_by_host ON host_events (host_id, ts);
  `,
  // 7: TIME_WAIT per listening port and per destination over time.
  // Each sample keeps its top entries of each breakdown (bounded, see server/db/breakdown-history.ts),
  // folded into 1-minute and 15-minute rollups of their own with their own progress.
  `
  CREATE TABLE breakdown_samples (
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('port', 'peer')),
    ts INTEGER NOT NULL,
    key TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (host_id, kind, ts, key)
  ) WITHOUT ROWID;
  CREATE TABLE breakdown_rollups (
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    tier INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('port', 'peer')),
    ts INTEGER NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    count_min INTEGER NOT NULL, count_max INTEGER NOT NULL, count_avg REAL NOT NULL,
    PRIMARY KEY (host_id, tier, kind, ts, key)
  ) WITHOUT ROWID;
  CREATE TABLE breakdown_rollup_progress (tier INTEGER PRIMARY KEY, done_until INTEGER NOT NULL);
  `,
  // 8: the counters of each host's latest sample in a column of their own, so a poll computes its
  // rates from the previous reading without parsing the previous full sample.
  `
  ALTER TABLE latest_samples ADD COLUMN reading TEXT;
  UPDATE latest_samples SET reading = json_object(
    'uptimeSeconds', json_extract(sample, '$.uptimeSeconds'), 'counters', json(json_extract(sample, '$.counters')));
  `,
  // 9: alerting (rules, alerts with their state, notification channels and their outbox and log,
  // silences) and the tokens Prometheus scrapes /metrics with. Built-in rules are inserted by
  // server/db/alert-rules.ts, so a later release can add one without a migration.
  `
  CREATE TABLE alert_rules (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('warning', 'critical')),
    for_seconds INTEGER NOT NULL,
    hold_seconds INTEGER NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',
    selector TEXT NOT NULL DEFAULT '{}',
    builtin INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    subject TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
    severity TEXT NOT NULL,
    labels TEXT NOT NULL,
    annotations TEXT NOT NULL,
    value REAL,
    pending_since INTEGER NOT NULL,
    firing_since INTEGER,
    resolved_at INTEGER,
    last_eval_at INTEGER NOT NULL,
    notified TEXT CHECK (notified IN ('firing', 'resolved'))
  );
  CREATE UNIQUE INDEX alerts_one_open ON alerts (rule_id, host_id, subject) WHERE state IN ('pending', 'firing');
  CREATE INDEX alerts_by_host ON alerts (host_id, rule_id, subject, id);
  CREATE INDEX alerts_open ON alerts (state) WHERE state IN ('pending', 'firing');
  CREATE INDEX alerts_history ON alerts (firing_since) WHERE firing_since IS NOT NULL;
  CREATE TABLE alert_channels (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('webhook', 'alertmanager', 'slack')),
    enabled INTEGER NOT NULL DEFAULT 1,
    options TEXT NOT NULL DEFAULT '{}',
    url_hint TEXT NOT NULL,
    nonce BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    auth_tag BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE alert_notifications (
    id INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
    alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    host_id INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('firing', 'resolved')),
    created_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    sent_at INTEGER,
    gave_up_at INTEGER,
    last_error TEXT
  );
  CREATE INDEX alert_notifications_due ON alert_notifications (due_at) WHERE sent_at IS NULL AND gave_up_at IS NULL;
  CREATE TABLE alert_deliveries (
    id INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('notify', 'resend', 'test')),
    alerts INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    ok INTEGER NOT NULL,
    http_status INTEGER,
    error TEXT,
    duration_ms INTEGER NOT NULL
  );
  CREATE INDEX alert_deliveries_by_channel ON alert_deliveries (channel_id, at);
  CREATE TABLE alert_silences (
    id INTEGER PRIMARY KEY,
    matcher TEXT NOT NULL CHECK (matcher IN ('rule', 'host', 'tag')),
    value TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE metrics_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  );
  `,
  // 10: a change marker for the host list: triggers move it when any process adds, removes or reconfigures a
  // host or its stored secret, so a poller reads its list again only then (SQLite's data_version misses this
  // process's own writes and sees every other write).
  `
  CREATE TABLE change_markers (name TEXT PRIMARY KEY, version INTEGER NOT NULL);
  INSERT INTO change_markers (name, version) VALUES ('hosts', 0);
  CREATE TRIGGER hosts_added AFTER INSERT ON hosts BEGIN
    UPDATE change_markers SET version = version + 1 WHERE name = 'hosts';
  END;
  CREATE TRIGGER hosts_removed AFTER DELETE ON hosts BEGIN
    UPDATE change_markers SET version = version + 1 WHERE name = 'hosts';
  END;
  CREATE TRIGGER hosts_reconfigured AFTER UPDATE OF name, transport, address, port, username, auth_method, key_path,
    passphrase_env, tags, host_key_fingerprint ON hosts BEGIN
    UPDATE change_markers SET version = version + 1 WHERE name = 'hosts';
  END;
  CREATE TRIGGER host_secrets_added AFTER INSERT ON host_secrets BEGIN
    UPDATE change_markers SET version = version + 1 WHERE name = 'hosts';
  END;
  CREATE TRIGGER host_secrets_changed AFTER UPDATE ON host_secrets BEGIN
    UPDATE change_markers SET version = version + 1 WHERE name = 'hosts';
  END;
  CREATE TRIGGER host_secrets_removed AFTER DELETE ON host_secrets BEGIN
    UPDATE change_markers SET version = version + 1 WHERE name = 'hosts';
  END;
  `,
  // 11: the fleet page filters, sorts, counts and pages in SQL. Each summary keeps the figures the
  // table sorts and the tiles add up, and its worst finding, in columns of its own; every finding of each
  // host's latest sample is a row of its own (for "Across the fleet"); an index finds summaries older than
  // their sample without reading the samples. Summaries stored before this are recomputed from their
  // sample at the next fleet read, as after a change of the advisor.
  `
  ALTER TABLE latest_summaries ADD COLUMN tw INTEGER;
  ALTER TABLE latest_summaries ADD COLUMN estab INTEGER;
  ALTER TABLE latest_summaries ADD COLUMN new_conn_rate REAL;
  ALTER TABLE latest_summaries ADD COLUMN worst_severity TEXT;
  ALTER TABLE latest_summaries ADD COLUMN worst_title TEXT;
  UPDATE latest_summaries SET revision = 0;
  CREATE TABLE latest_findings (
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    rule_id TEXT NOT NULL,
    severity TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (host_id, position)
  );
  CREATE INDEX latest_findings_by_rule ON latest_findings (rule_id);
  CREATE INDEX latest_samples_by_ts ON latest_samples (host_id, ts);
  `,
  // 12: several collectors on one database. A host may name the zone that polls it; each collector process
  // registers itself and heartbeats; a host is polled by the collector holding its lease. A host's zone is
  // part of its configuration, so the change marker moves when it changes. A "poll now" asked of any process
  // is recorded on the host (with a marker of its own), for whichever collector holds it.
  `
  ALTER TABLE hosts ADD COLUMN zone TEXT;
  ALTER TABLE hosts ADD COLUMN poll_requested_at INTEGER;
  INSERT INTO change_markers (name, version) VALUES ('poll-requests', 0);
  CREATE TABLE collectors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    zone TEXT,
    hostname TEXT NOT NULL,
    pid INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL,
    stopped_at INTEGER,
    hosts INTEGER NOT NULL DEFAULT 0,
    polls INTEGER NOT NULL DEFAULT 0,
    failed_polls INTEGER NOT NULL DEFAULT 0,
    roles TEXT NOT NULL DEFAULT '[]'
  );
  CREATE TABLE host_leases (
    host_id INTEGER PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
    collector_id TEXT NOT NULL,
    acquired_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX host_leases_by_collector ON host_leases (collector_id);
  DROP TRIGGER hosts_reconfigured;
  CREATE TRIGGER hosts_reconfigured AFTER UPDATE OF name, transport, address, port, username, auth_method, key_path,
    passphrase_env, tags, host_key_fingerprint, zone ON hosts BEGIN
    UPDATE change_markers SET version = version + 1 WHERE name = 'hosts';
  END;
  `,
  // 13: the limits every process of one database shares (server/db/rate-counters.ts, server/db/signin-accounts.ts):
  // fixed-window counters per limit and client, each account's failed password checks and the turn of its next
  // check, and the networks each account signed in from. Rows outlive their window only until retention prunes them.
  // An unlock now clears an account's counts at once, so the unlocks recorded for a server to apply go.
  `
  CREATE TABLE rate_counters (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    hits INTEGER NOT NULL,
    resets_at INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
  ) WITHOUT ROWID;
  CREATE TABLE signin_accounts (
    account TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    next_check_at INTEGER NOT NULL,
    resets_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE signin_networks (
    account TEXT NOT NULL,
    network TEXT NOT NULL,
    signed_in_at INTEGER NOT NULL,
    PRIMARY KEY (account, network)
  ) WITHOUT ROWID;
  DELETE FROM settings WHERE key LIKE 'signin-unlock:%';
  `,
  // 14: where a host came from when an inventory import added it (`inventory:<name>`), so importing that inventory
  // again updates its hosts by name and reports the ones gone (server/services/hosts/inventory-import.ts).
  `
  ALTER TABLE hosts ADD COLUMN import_source TEXT;
  CREATE INDEX hosts_by_import_source ON hosts (import_source) WHERE import_source IS NOT NULL;
  `,
  // 15: the jump host (OpenSSH's ProxyJump) a host is reached through, itself a host with its own user, key and
  // pinned host key (server/ssh/pool.ts); a host others go through cannot be removed while they do.
  `
  ALTER TABLE hosts ADD COLUMN jump_host_id INTEGER REFERENCES hosts(id) ON DELETE RESTRICT;
  CREATE INDEX hosts_by_jump_host ON hosts (jump_host_id) WHERE jump_host_id IS NOT NULL;
  DROP TRIGGER hosts_reconfigured;
  CREATE TRIGGER hosts_reconfigured AFTER UPDATE OF name, transport, address, port, username, auth_method, key_path,
    passphrase_env, tags, host_key_fingerprint, zone, jump_host_id ON hosts BEGIN
    UPDATE change_markers SET version = version + 1 WHERE name = 'hosts';
  END;
  `,
  // 16: the language a user reads twscope in (lib/i18n/locales.ts); null follows the browser's Accept-Language.
  `
  ALTER TABLE users ADD COLUMN language TEXT;
  `,
  // 17: the language an alert channel's notifications are written in (lib/i18n/locales.ts); labels stay English.
  `
  ALTER TABLE alert_channels ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
  `,
];
