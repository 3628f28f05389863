//! Word lists the corpus generator draws from.

/// Team directories; each generated file lives in one.
pub(crate) const TEAMS: &[&str] = &[
    "databases",
    "platform",
    "networking",
    "payments",
    "storage",
    "observability",
    "identity",
    "messaging",
    "edge",
    "search",
    "billing",
    "ci-cd",
];

pub(crate) const SERVICES: &[&str] = &[
    "payments-db",
    "checkout-api",
    "orders-queue",
    "auth-gateway",
    "user-profile",
    "search-indexer",
    "billing-worker",
    "cdn-edge",
    "dns-resolver",
    "kafka-cluster",
    "redis-cache",
    "object-store",
    "metrics-pipeline",
    "log-shipper",
    "ingress-nginx",
    "etcd-main",
    "vault",
    "ledger-service",
    "notification-svc",
    "image-resizer",
];

pub(crate) const ACTIONS: &[(&str, &str)] = &[
    ("restart", "Restart"),
    ("failover", "Fail over"),
    ("scale-up", "Scale up"),
    ("drain", "Drain"),
    ("rotate-credentials", "Rotate credentials for"),
    ("restore", "Restore"),
    ("rollback-deploy", "Roll back a bad deploy of"),
    ("purge-cache", "Purge the cache of"),
    ("rebalance", "Rebalance"),
    ("upgrade", "Upgrade"),
    ("recover-disk-full", "Recover from a full disk on"),
    ("reindex", "Rebuild the indexes of"),
];

pub(crate) const ALERT_STEMS: &[&str] = &[
    "HighErrorRate",
    "LatencyHigh",
    "Down",
    "DiskFillingUp",
    "MemoryPressure",
    "ReplicationLag",
    "CertificateExpiring",
    "QueueBacklog",
    "PodCrashLooping",
    "TooManyRestarts",
    "ConnectionsSaturated",
    "TargetDown",
];

pub(crate) const PEOPLE: &[(&str, &str)] = &[
    ("Alice Moreau", "alice"),
    ("Bilal Haddad", "bilal"),
    ("Chen Wei", "chen"),
    ("Dana Kowalski", "dana"),
    ("Emeka Obi", "emeka"),
    ("Fatima Zahra", "fatima"),
    ("Gustavo Lima", "gustavo"),
    ("Hana Sato", "hana"),
    ("Ines Duarte", "ines"),
    ("Jonas Berg", "jonas"),
];

pub(crate) const PREREQ_HEADINGS: &[&str] = &[
    "Prerequisites",
    "Before you begin",
    "Requirements",
    "Pre-checks",
    "Preparation",
];
pub(crate) const STEPS_HEADINGS: &[&str] = &["Steps", "Procedure", "Instructions", "Remediation"];
pub(crate) const ROLLBACK_HEADINGS: &[&str] =
    &["Rollback", "Back-out plan", "Roll back", "Revert", "Undo"];
pub(crate) const VERIFY_HEADINGS: &[&str] = &[
    "Verification",
    "Verify",
    "Validation",
    "Post-checks",
    "Health checks",
];
pub(crate) const ESCALATION_HEADINGS: &[&str] = &["Escalation", "Contacts", "Escalation path"];
pub(crate) const EXTRA_HEADINGS: &[&str] = &["Background", "Context", "Notes", "Known issues"];

pub(crate) const PREREQS: &[&str] = &[
    "You are on the on-call rotation and have announced the work in the incident channel.",
    "Your `kubectl` context points at the production cluster and you can exec into the pods.",
    "You have a working VPN session and SSO access to the cloud console.",
    "The last backup is less than 24 hours old.",
    "A second engineer is available to review each command before it runs.",
    "Dashboards for the service are open and show the current error rate.",
    "The change freeze calendar allows production changes right now.",
];

pub(crate) const STEP_SENTENCES: &[&str] = &[
    "Confirm the current state of the service before touching anything.",
    "Shed load so that the restart does not cascade to dependent services.",
    "Record the running configuration for the post-incident review.",
    "Restart the replicas one at a time and wait for each to become ready.",
    "Switch traffic to the healthy zone and watch the error rate for five minutes.",
    "Flush the stale entries and let the cache warm up again.",
    "Apply the new configuration and check that every pod picked it up.",
    "Scale the deployment out and confirm the new pods pass their readiness probes.",
    "Check replication lag and wait until it is below one second.",
    "Resume traffic and announce the end of the maintenance window.",
];

pub(crate) const NOTES: &[&str] = &[
    "Do not continue until every member reports healthy.",
    "This can take up to ten minutes on a busy cluster; be patient.",
    "If the command hangs for more than two minutes, abort it and escalate.",
    "Expect a short burst of 5xx errors while connections are re-established.",
    "Keep the output: the post-incident review will need it.",
];

pub(crate) const SHELL: &[&str] = &[
    "kubectl -n \"$NS\" get pods -l app=\"$SERVICE\" -o wide",
    "kubectl -n \"$NS\" rollout restart deployment/\"$SERVICE\"",
    "kubectl -n \"$NS\" rollout status deployment/\"$SERVICE\" --timeout=5m",
    "kubectl -n \"$NS\" scale deployment/\"$SERVICE\" --replicas=6",
    "kubectl -n \"$NS\" logs deploy/\"$SERVICE\" --since=15m | grep -i error | tail -n 50",
    "curl -fsS https://\"$SERVICE\".internal.example.com/healthz",
    "aws s3 ls s3://backups-prod/\"$SERVICE\"/ --recursive | tail -n 5",
    "systemctl status \"$SERVICE\" --no-pager",
    "journalctl -u \"$SERVICE\" --since '-30 min' --no-pager | tail -n 100",
    "helm -n \"$NS\" history \"$SERVICE\" --max 5",
    "helm -n \"$NS\" rollback \"$SERVICE\" 0 --wait",
    "vault kv get secret/\"$SERVICE\"/config",
    "redis-cli -h \"$SERVICE\" info replication",
    "psql -U postgres -Atc \"select pg_is_in_recovery();\"",
];

pub(crate) const SQL: &[&str] = &[
    "SELECT pid, usename, state, now() - query_start AS runtime FROM pg_stat_activity WHERE state <> 'idle' ORDER BY runtime DESC LIMIT 20;",
    "SELECT client_addr, state, sent_lsn, replay_lsn FROM pg_stat_replication;",
    "SELECT relname, n_dead_tup FROM pg_stat_user_tables ORDER BY n_dead_tup DESC LIMIT 10;",
    "SELECT count(*) FROM orders WHERE created_at > now() - interval '5 minutes';",
];

pub(crate) const PROMQL: &[&str] = &[
    "sum(rate(http_requests_total{code=~\"5..\"}[5m])) by (service)",
    "histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket[5m])) by (le))",
    "predict_linear(node_filesystem_avail_bytes[6h], 4 * 3600) < 0",
    "kube_pod_container_status_restarts_total > 5",
];

pub(crate) const PLACEHOLDERS: &[&str] = &[
    "TODO: fill in the exact command once the migration is done.",
    "TBD - ask the owning team for the correct namespace.",
    "FIXME: this step is out of date since the move to Kubernetes.",
    "Replace <YOUR_CLUSTER_NAME> with the affected cluster.",
];
