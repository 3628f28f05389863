//! The command scanner behind `destructive-command`: which commands in a
//! runbook's code destroy data or take a service down, and which commands
//! and sentences guard them (a check or dry run before, a verification
//! after). The rule decides what is near; this module only classifies.
//!
//! Code is read by dialect: POSIX shells (`bash`, `sh`, `zsh`, `console`
//! sessions and unlabelled blocks, one logical line at a time), SQL
//! (`sql`, `psql`/`postgresql`, `mysql`/`mariadb`, `sqlite`, one statement
//! at a time) and Redis (`redis`, one command a line). Inline code is read
//! as one shell line.

use std::sync::LazyLock;

use regex::Regex;
use runbook_parse::Span;

/// How a code block's language is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// POSIX shells and terminal sessions.
    Shell,
    /// SQL statements.
    Sql,
    /// Redis commands.
    Redis,
}

impl Dialect {
    /// The dialect of a code block's info string; `None` for languages that
    /// are not commands (YAML, JSON, program code, output).
    pub(crate) fn of(language: Option<&str>) -> Option<Dialect> {
        let Some(language) = language else {
            return Some(Dialect::Shell);
        };
        match language.to_ascii_lowercase().as_str() {
            "" | "bash" | "sh" | "shell" | "zsh" | "ksh" | "console" | "shell-session"
            | "shellsession" | "terminal" => Some(Dialect::Shell),
            "sql" | "psql" | "pgsql" | "postgres" | "postgresql" | "plpgsql" | "mysql"
            | "mariadb" | "sqlite" | "sqlite3" | "tsql" | "plsql" => Some(Dialect::Sql),
            "redis" | "redis-cli" => Some(Dialect::Redis),
            _ => None,
        }
    }
}

/// What a command or sentence is, for the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Destroys data or takes a service down; the name of what matched
    /// (`kubectl delete`) and how to guard it.
    Destructive {
        /// The pattern's name, e.g. `kubectl delete`.
        name: String,
        /// A guard to suggest.
        hint: &'static str,
    },
    /// Reads without changing anything: guards before and after.
    Check,
    /// A dry run, a backup or an open transaction: guards what follows.
    Preview,
    /// A sentence or comment telling the operator to check, verify,
    /// confirm, make sure or back up: guards before and after.
    Words,
    /// Anything else.
    Other,
}

/// One command, statement or comment of a runbook, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Where it is in the document.
    pub span: Span,
    /// What it is.
    pub kind: Kind,
}

/// A built-in destructive pattern.
struct Pattern {
    name: &'static str,
    regex: Regex,
    /// A match of this is not destructive after all (`of=/dev/null`).
    unless: Option<Regex>,
    /// The statement must not have a `WHERE` (`DELETE FROM`, `UPDATE`).
    needs_no_where: bool,
    hint: &'static str,
}

/// Guards to suggest.
const HINT_K8S: &str = "list what it acts on first (`kubectl get` with the same names or selector), run it with `--dry-run=server`, or check the result after it";
const HINT_RM: &str = "show the operator what will be removed first (`ls`, `du -sh`), or move it aside (`mv dir dir.old`) and delete later";
const HINT_CLOUD: &str = "describe or list the resource first, run it with `--dry-run` where the tool has one, or check the result after it";
const HINT_SQL: &str = "run a `SELECT count(*)` with the same condition first, or open a transaction (`BEGIN`) and check before `COMMIT`";
const HINT_SERVICE: &str =
    "check what depends on it first (status, traffic, replicas), and check the state after it";
const HINT_DISK: &str =
    "identify the device first (`lsblk`, `blkid`) and say how to confirm it is the right one";
const HINT_TF: &str =
    "show `terraform plan -destroy` first, so the operator sees what will be destroyed";
const HINT_GIT: &str =
    "use `--force-with-lease`, and show the remote's state (`git log origin/BRANCH`) first";

/// `(name, regex, hint)` of the shell patterns; `[^|;&\n]*?` keeps a
/// match inside one command of a pipeline.
const SHELL: &[(&str, &str, &str)] = &[
    (
        "kubectl delete",
        r"\b(?:kubectl|oc)\b[^|;&\n]*?\sdelete\s+\S",
        HINT_K8S,
    ),
    (
        "kubectl drain",
        r"\b(?:kubectl|oc)\b[^|;&\n]*?\sdrain\s+\S",
        HINT_K8S,
    ),
    (
        "kubectl scale --replicas=0",
        r"\b(?:kubectl|oc)\b[^|;&\n]*?\sscale\b[^|;&\n]*?--replicas[=\s]+0\b",
        HINT_K8S,
    ),
    (
        "terraform destroy",
        r"\b(?:terraform|tofu|terragrunt)\b[^|;&\n]*?\s(?:destroy\b|apply\b[^|;&\n]*?\s-destroy\b)",
        HINT_TF,
    ),
    (
        "helm uninstall",
        r"\bhelm\b[^|;&\n]*?\s(?:uninstall|delete|del)\s+\S",
        HINT_K8S,
    ),
    (
        "aws delete",
        r"\baws\b[^|;&\n]*?\s(?:delete|terminate|deregister)-[\w-]+",
        HINT_CLOUD,
    ),
    ("aws s3 rm", r"\baws\s+s3\s+(?:rm|rb)\s", HINT_CLOUD),
    (
        "gcloud delete",
        r"\bgcloud\b[^|;&\n]*?\sdelete\b",
        HINT_CLOUD,
    ),
    (
        "gsutil rm",
        r"\bgsutil\b[^|;&\n]*?\s(?:rm|rb)\s",
        HINT_CLOUD,
    ),
    ("az delete", r"\baz\s[^|;&\n]*?\sdelete\b", HINT_CLOUD),
    (
        "git push --force",
        r"\bgit\b[^|;&\n]*?\spush\b[^|;&\n]*?\s(?:--force|-f)(?:\s|$)",
        HINT_GIT,
    ),
    ("dd of=/dev", r"\bdd\b[^|;&\n]*?\bof=/dev/\S+", HINT_DISK),
    (
        "mkfs",
        r"\b(?:mkfs(?:\.\w+)?|wipefs|mkswap)\s+\S",
        HINT_DISK,
    ),
    (
        "redis-cli FLUSHALL",
        r"\bredis-cli\b[^|;&\n]*?\s(?i:flushall|flushdb)\b",
        HINT_SERVICE,
    ),
    (
        "systemctl stop",
        r"\bsystemctl\s+(?:-\S+\s+)*(?:stop|disable|mask|kill)\s+[^\s-]",
        HINT_SERVICE,
    ),
    ("service stop", r"\bservice\s+\S+\s+stop\b", HINT_SERVICE),
    (
        "shutdown",
        r"(?:^|[;&|]\s*|\bsudo\s+)(?:shutdown|poweroff)\b",
        HINT_SERVICE,
    ),
    (
        "docker prune",
        r"\bdocker\s+(?:volume\s+(?:rm|prune)|system\s+prune)\b",
        HINT_RM,
    ),
    (
        "docker compose down",
        r"\bdocker(?:-compose|\s+compose)\b[^|;&\n]*?\sdown\b",
        HINT_SERVICE,
    ),
    ("dropdb", r"\bdropdb\s+\S", HINT_SQL),
    (
        "mysqladmin drop",
        r"\bmysqladmin\b[^|;&\n]*?\sdrop\s+\S",
        HINT_SQL,
    ),
    ("zfs destroy", r"\bzfs\s+destroy\b", HINT_DISK),
    (
        "lvremove",
        r"\b(?:lvremove|vgremove|pvremove)\s+\S",
        HINT_DISK,
    ),
    (
        "etcdctl del",
        r"\betcdctl\b[^|;&\n]*?\sdel\s+\S",
        HINT_CLOUD,
    ),
    (
        "curl -X DELETE",
        r"\bcurl\b[^|;&\n]*?(?:-X\s*|--request\s+)DELETE\b",
        HINT_CLOUD,
    ),
    (
        "rm -r",
        r"\brm\s+(?:-[-\w]*\s+)*?(?:-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)\s+(?:-[-\w]*\s+)*[^\s-]",
        HINT_RM,
    ),
    (
        "find -delete",
        r"\bfind\b[^|;&\n]*\s(?:-delete\b|-exec\s+rm\s)",
        HINT_RM,
    ),
];

/// Matches of a shell pattern that are not destructive after all: writing
/// to `/dev/null`; stopping a configuration agent (a precaution before
/// changing a host by hand) or a timer (the next run, not a service).
const UNLESS: &[(&str, &str)] = &[
    ("dd of=/dev", r"\bof=/dev/(?:null|zero)\b"),
    (
        "systemctl stop",
        r"\s(?:chef-client|chef|puppet|salt-minion)(?:\.service)?(?:\s|$|['\x22])|\.timer\b",
    ),
    (
        "service stop",
        r"\bservice\s+(?:chef-client|chef|puppet|salt-minion)\s",
    ),
];

/// `(name, regex)` of the SQL statements that destroy data; matched
/// case-insensitively at the start of a statement in SQL code, and in
/// upper case anywhere in shell code (`psql -c "DROP TABLE ..."`).
const SQL: &[(&str, &str)] = &[
    (
        "DROP",
        r"\bDROP\s+(?:TABLE|DATABASE|SCHEMA|KEYSPACE|TABLESPACE|MATERIALIZED\s+VIEW|VIEW|INDEX|USER|ROLE)\b",
    ),
    ("TRUNCATE", r#"\bTRUNCATE\s+(?:TABLE\s+)?[\w."`]+"#),
    ("DELETE FROM", r#"\bDELETE\s+FROM\s+[\w."`]+"#),
    ("UPDATE", r#"\bUPDATE\s+[\w."`]+\s+SET\b"#),
    (
        "ALTER TABLE DROP COLUMN",
        r"\bALTER\s+TABLE\b[^;]*?\bDROP\s+(?:COLUMN|PARTITION)\b",
    ),
];

/// The SQL patterns that destroy only without a `WHERE`.
const SQL_NEEDS_NO_WHERE: &[&str] = &["DELETE FROM", "UPDATE"];

static SHELL_PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let mut out: Vec<Pattern> = SHELL
        .iter()
        .map(|(name, regex, hint)| Pattern {
            name,
            regex: self::regex(regex),
            unless: UNLESS
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, re)| self::regex(re)),
            needs_no_where: false,
            hint,
        })
        .collect();
    out.extend(sql_patterns(false));
    out
});

static SQL_PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| sql_patterns(true));

fn sql_patterns(in_sql: bool) -> Vec<Pattern> {
    SQL.iter()
        .map(|(name, regex)| {
            let regex = if in_sql {
                format!(r"(?i)^\s*{}", regex.trim_start_matches(r"\b"))
            } else {
                (*regex).to_owned()
            };
            Pattern {
                name,
                regex: self::regex(&regex),
                unless: None,
                needs_no_where: SQL_NEEDS_NO_WHERE.contains(name),
                hint: HINT_SQL,
            }
        })
        .collect()
}

/// Cheap test a text must pass before it is split into commands: one
/// pass over a code block, usually failing.
///
/// Plain literals, case-sensitive and without word boundaries, so the
/// regex engine finds them with a SIMD substring search: a
/// case-insensitive alternation with `\b` doubled the time of a whole
/// lint run. Every shell pattern above contains one of them; SQL and
/// Redis code, where keywords come in any case, skips the prefilter.
static PREFILTER: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"rm -|rm  |rm\t| rm | rb |-delete|-exec rm|delete| del |drain|replicas=0|replicas 0",
        r"|destroy|uninstall|terminate-|deregister-|git push|git -|of=/dev/|mkfs|wipefs|mkswap",
        r"|flush|FLUSH|Flush| disable| mask| kill| stop|shutdown|poweroff|prune|volume rm|compose|dropdb",
        r"|mysqladmin|lvremove|vgremove|pvremove|DELETE|DROP|TRUNCATE|UPDATE|ALTER",
    ))
});

/// A dry run in the command itself turns a destructive command into a preview.
static DRY_RUN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:\s|^)(?:--dry-run|--dryrun|-dry-run|--what-if|--noop)\b"));

/// Commands that preview or back up: they guard what follows.
static PREVIEW: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"\b(?:terraform|tofu|terragrunt)\s+(?:[^|;&\n]*\s)?plan\b",
        r"|\bkubectl\s+(?:[^|;&\n]*\s)?diff\b|\bhelm\s+(?:diff|template)\b",
        r"|\b(?:pg_dump|pg_dumpall|pg_basebackup|mysqldump|mongodump)\b",
        r"|(?i:\b(?:backup|snapshot)s?[\s-](?:push|create|save|now|start)\b)",
        r"|(?i:\b(?:create|take)[\s-](?:[\w-]*-)?(?:backup|snapshot)s?\b)|\bdisks\s+snapshot\b",
        r"|\bcp\s+(?:-\S*[arpR]\S*\s)|\btar\s+-?c",
        r"|\bmv\s+\S+\s+\S+\.(?:old|bak|backup|orig)\b",
        r"|(?i:^\s*(?:BEGIN|START\s+TRANSACTION|SAVEPOINT)\b)",
        r"|(?i:^\s*CREATE\s+TABLE\b.*\bAS\s+SELECT\b)",
    ))
});

/// Programs that only read.
const READ_PROGRAMS: &[&str] = &[
    "ls",
    "ll",
    "du",
    "df",
    "stat",
    "test",
    "[",
    "[[",
    "cat",
    "head",
    "tail",
    "less",
    "grep",
    "egrep",
    "rg",
    "wc",
    "lsblk",
    "blkid",
    "findmnt",
    "lsof",
    "ps",
    "pgrep",
    "pwd",
    "hostname",
    "whoami",
    "diff",
    "tree",
    "ping",
    "dig",
    "nslookup",
    "curl",
    "wget",
    "pg_isready",
    "nc",
    "ss",
    "netstat",
    "uptime",
    "free",
    "iostat",
    "vmstat",
    "journalctl",
    "find",
    "watch",
    "getent",
    "SELECT",
    "SHOW",
    "EXPLAIN",
    "DESCRIBE",
    "DESC",
];

/// Sub-commands that only read (`kubectl get`, `helm status`,
/// `aws ec2 describe-instances`, `git log`).
static READ_VERB: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"\s(?:get|describe|list|ls|show|status|plan|diff|inspect|logs|top|info|history|explain",
        r"|events|health|ps|check|validate|verify|version|current-context|get-contexts",
        r"|cluster-info|can-i)(?:\s|$)",
        r"|\s(?:describe|list|get|head)-[\w-]+",
        r"|\bgit\s+(?:[^|;&\n]*\s)?(?:log|status|fetch|branch|rev-parse|ls-remote)\b",
        r"|\bredis-cli\b[^|;&\n]*\s(?i:info|dbsize|ping|scan|keys|ttl|get|--bigkeys|--scan)\b",
        r"|\bSELECT\b",
    ))
});

/// A script whose name says it checks: `./check-replication.sh`,
/// `registry_scanner.rb`.
static CHECK_SCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)^(?:\S*/)?[\w.-]*(?:check|scan|verify|validate|audit|inspect)[\w.-]*$")
});

/// SQL statements and psql meta-commands that only read.
static SQL_READ: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:SELECT|SHOW|EXPLAIN|DESCRIBE|DESC|TABLE|VALUES|WITH)\b|^\s*\\(?:d|l|x|conninfo)",
    )
});

/// Redis commands that only read.
static REDIS_READ: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:DBSIZE|INFO|KEYS|SCAN|PING|TTL|PTTL|EXISTS|TYPE|GET|MEMORY|CONFIG\s+GET|CLIENT\s+LIST)\b",
    )
});

static REDIS_FLUSH: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)^\s*(?:FLUSHALL|FLUSHDB)\b"));

/// Words that tell the operator to check or back up first, or to verify
/// after: verbs, not nouns ("the health checks", "a backup exists").
static GUARD_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i)\b(?:check|double-check|verify|confirm|make sure|ensure|be sure|validate",
        r"|inspect|dry[ -]?run|only if|back up|(?:take|make|create) a (?:backup|snapshot))\b",
    ))
});

/// A guard word that is part of a noun ("health check") does not count.
static NOUN_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)(?:health|readiness|liveness|status|sanity|pre|post|spot)[ -]$"));

/// A terminal prompt before a command: `$ `, `user@host:~$ `, `db=# `,
/// `mysql> `, `127.0.0.1:6379> `.
static PROMPT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s*(?:(?:\S*(?:\$|%|>|=>)|[^\s#]\S*#)\s+|\$$)"));

/// Words before the program that do not change what runs.
static WRAPPER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:sudo|env|time|nohup|exec|command)(?:\s+-\S+)*\s+|[A-Za-z_][A-Za-z0-9_]*=\S*\s+)",
    )
    .expect("the wrapper pattern is valid")
});

/// Extra patterns from `[destructive]`, compiled by the linter.
pub(crate) struct Extra<'a> {
    /// Destructive commands.
    pub patterns: &'a [Regex],
    /// Checks.
    pub guards: &'a [Regex],
}

/// Whether `text`, code of `dialect` (inline code is shell), could hold
/// a destructive command at all.
pub(crate) fn may_destroy(text: &str, dialect: Dialect, extra: &Extra<'_>) -> bool {
    dialect != Dialect::Shell
        || PREFILTER.is_match(text)
        || extra.patterns.iter().any(|re| re.is_match(text))
}

/// Compiles a built-in pattern with ASCII word boundaries: a Unicode `\b`
/// sends the regex engine to its slowest path on any non-ASCII text.
fn regex(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("the built-in patterns are valid")
}

/// Whether `text` tells the operator to check, verify or back up.
pub(crate) fn has_guard_words(text: &str) -> bool {
    GUARD_WORDS.find_iter(text).any(|m| {
        let mut from = m.start().saturating_sub(NOUN_BYTES);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        !NOUN_BEFORE.is_match(text.get(from..m.start()).unwrap_or(""))
    })
}

/// How far before a guard word a noun such as "health" is looked for.
const NOUN_BYTES: usize = 12;

/// Splits a code block's source text (`base` is its offset in the
/// document) into classified units, in source order.
pub(crate) fn scan_block(
    text: &str,
    base: usize,
    dialect: Dialect,
    extra: &Extra<'_>,
) -> Vec<Unit> {
    let mut units: Vec<Unit> = match dialect {
        Dialect::Shell => shell_lines(text, base)
            .into_iter()
            .flat_map(|line| {
                let kind = if line.is_comment {
                    words_or_other(&line.text)
                } else {
                    let after = text.get(line.span.end - base..).unwrap_or("");
                    classify_shell(&line.text, after, extra)
                };
                // `rm -rf x  # only if it is stopped`: the comment guards its line.
                let comment = (matches!(kind, Kind::Destructive { .. })
                    && line
                        .text
                        .find(" #")
                        .and_then(|at| line.text.get(at..))
                        .is_some_and(has_guard_words))
                .then_some(Unit {
                    span: line.span,
                    kind: Kind::Words,
                });
                std::iter::once(Unit {
                    span: line.span,
                    kind,
                })
                .chain(comment)
            })
            .collect(),
        Dialect::Sql => sql_statements(text, base)
            .into_iter()
            .map(|(span, statement, is_comment)| {
                let kind = if is_comment {
                    words_or_other(statement)
                } else {
                    classify_sql(statement, extra)
                };
                Unit { span, kind }
            })
            .collect(),
        Dialect::Redis => lines(text, base)
            .into_iter()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(span, line)| {
                let line = strip_prompt(line);
                let kind = if line.trim_start().starts_with('#') {
                    words_or_other(line)
                } else if REDIS_FLUSH.is_match(line) {
                    Kind::Destructive {
                        name: "FLUSHALL".to_owned(),
                        hint: HINT_SERVICE,
                    }
                } else if REDIS_READ.is_match(line) {
                    Kind::Check
                } else {
                    classify_shell(line, "", extra)
                };
                Unit { span, kind }
            })
            .collect(),
    };
    units.sort_by_key(|u| u.span.start);
    units
}

/// Classifies inline code, read as one shell command.
pub(crate) fn classify_inline(code: &str, extra: &Extra<'_>) -> Kind {
    classify_shell(code, "", extra)
}

fn words_or_other(text: &str) -> Kind {
    if has_guard_words(text) {
        Kind::Words
    } else {
        Kind::Other
    }
}

/// The lines of `text` with their spans, line breaks excluded.
fn lines(text: &str, base: usize) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        out.push((Span::new(base + start, base + start + body.len()), body));
        start += line.len();
    }
    out
}

/// A logical shell line.
struct ShellLine {
    span: Span,
    /// The text, continuations (`\` and a line break) joined by a space.
    text: String,
    is_comment: bool,
}

/// Logical shell lines (a trailing `\` continues a line), each with its
/// span and whether it is a comment; blank lines are dropped.
fn shell_lines(text: &str, base: usize) -> Vec<ShellLine> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (span, line) in lines(text, base) {
        let (start, mut joined) = open.take().unwrap_or((span.start, String::new()));
        if let Some(head) = line.trim_end().strip_suffix('\\') {
            joined.push_str(head);
            joined.push(' ');
            open = Some((start, joined));
            continue;
        }
        joined.push_str(line);
        if joined.trim().is_empty() {
            continue;
        }
        let is_comment = joined.trim_start().starts_with('#');
        out.push(ShellLine {
            span: Span::new(start, span.end),
            text: joined,
            is_comment,
        });
    }
    if let Some((start, joined)) = open {
        out.push(ShellLine {
            span: Span::new(start, base + text.len()),
            text: joined,
            is_comment: false,
        });
    }
    out
}

/// SQL statements split at `;` outside quotes, and `--` comments, each
/// with its span; psql meta-commands (`\d`) are statements of one line.
fn sql_statements(text: &str, base: usize) -> Vec<(Span, &str, bool)> {
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize, is_comment: bool| {
        if let Some(s) = text.get(start..end)
            && !s.trim().is_empty()
        {
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            out.push((
                Span::new(base + start + lead, base + end - trail),
                s.trim(),
                is_comment,
            ));
        }
    };
    let bytes = text.as_bytes();
    let mut start = PROMPT.find(text).map_or(0, |m| m.end());
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (None, b'\'' | b'"' | b'`') => quote = Some(b),
            (None, b';') => {
                push(start, i + 1, false);
                start = i + 1;
            }
            (None, b'-') if bytes.get(i + 1) == Some(&b'-') => {
                let end = text
                    .get(i..)
                    .and_then(|rest| rest.find('\n'))
                    .map_or(text.len(), |n| i + n);
                push(i, end, true);
                // A comment before a statement is not part of it; one
                // inside a statement does not end it.
                if text.get(start..i).is_some_and(|s| s.trim().is_empty()) {
                    start = end;
                }
                i = end;
                continue;
            }
            (None, b'\\') if text.get(start..i).is_some_and(|s| s.trim().is_empty()) => {
                let end = text
                    .get(i..)
                    .and_then(|rest| rest.find('\n'))
                    .map_or(text.len(), |n| i + n);
                push(i, end, false);
                start = end;
                i = end;
                continue;
            }
            // A prompt (`db=# `, `mysql> `) at a line start is not part of the statement.
            (None, b'\n') if text.get(start..=i).is_some_and(|s| s.trim().is_empty()) => {
                start = i + 1;
                if let Some(prompt) = text.get(start..).and_then(|rest| PROMPT.find(rest)) {
                    start += prompt.end();
                }
            }
            // Inside a quoted string, or any other byte.
            _ => {}
        }
        i += 1;
    }
    push(start, text.len(), false);
    out
}

/// `line` without a leading terminal prompt.
fn strip_prompt(line: &str) -> &str {
    PROMPT
        .find(line)
        .map_or(line, |m| line.get(m.end()..).unwrap_or(""))
}

/// The command without prompt, `sudo`, `env` and variable assignments.
fn command(line: &str) -> &str {
    let mut rest = strip_prompt(line).trim_start();
    while let Some(m) = WRAPPER.find(rest) {
        rest = rest.get(m.end()..).unwrap_or("").trim_start();
    }
    // A trailing comment is not part of the command.
    match rest.find(" #") {
        Some(at) => rest.get(..at).unwrap_or(rest),
        None => rest,
    }
}

/// Classifies one logical shell line; `after` is the rest of its code
/// block, where a `DELETE FROM` of a heredoc may find its `WHERE`.
fn classify_shell(line: &str, after: &str, extra: &Extra<'_>) -> Kind {
    let cmd = command(line);
    let first = cmd.split_whitespace().next().unwrap_or("");
    if matches!(first, "echo" | "printf") {
        return Kind::Other;
    }
    let comment = line.find(" #").and_then(|i| line.get(i..)).unwrap_or("");
    if let Some(kind) = destructive_shell(cmd, after, extra) {
        return kind;
    }
    if DRY_RUN.is_match(cmd) || PREVIEW.is_match(cmd) {
        return Kind::Preview;
    }
    if PG_SLEEP.is_match(cmd) {
        return Kind::Other;
    }
    if READ_PROGRAMS.contains(&first)
        || CHECK_SCRIPT.is_match(first)
        || READ_VERB.is_match(cmd)
        || extra.guards.iter().any(|re| re.is_match(cmd))
    {
        return Kind::Check;
    }
    words_or_other(comment)
}

/// The destructive kind of a shell command (prompt and `sudo` removed), a
/// preview when it runs with `--dry-run`, or `None`.
fn destructive_shell(cmd: &str, after: &str, extra: &Extra<'_>) -> Option<Kind> {
    // Most lines hold none of the prefilter's words, so no pattern can match.
    let builtin: &[Pattern] = if PREFILTER.is_match(cmd) {
        SHELL_PATTERNS.as_slice()
    } else {
        &[]
    };
    let kind = destructive(cmd, builtin, extra, |p, m| {
        !p.needs_no_where || !has_where(cmd.get(m.start()..).unwrap_or(""), after)
    })?;
    Some(if DRY_RUN.is_match(cmd) {
        Kind::Preview
    } else {
        kind
    })
}

/// Whether a code block holds a destructive command: the cheap first pass,
/// which classifies nothing else.
pub(crate) fn destroys(text: &str, dialect: Dialect, extra: &Extra<'_>) -> bool {
    if !may_destroy(text, dialect, extra) {
        return false;
    }
    let is_destructive = |kind: Option<Kind>| matches!(kind, Some(Kind::Destructive { .. }));
    match dialect {
        Dialect::Shell => shell_lines(text, 0).iter().any(|line| {
            let cmd = command(&line.text);
            !line.is_comment
                && !matches!(cmd.split_whitespace().next(), Some("echo" | "printf"))
                && is_destructive(destructive_shell(
                    cmd,
                    text.get(line.span.end..).unwrap_or(""),
                    extra,
                ))
        }),
        Dialect::Sql | Dialect::Redis => scan_block(text, 0, dialect, extra)
            .iter()
            .any(|u| matches!(u.kind, Kind::Destructive { .. })),
    }
}

/// Classifies one SQL statement.
fn classify_sql(statement: &str, extra: &Extra<'_>) -> Kind {
    if let Some(kind) = destructive(statement, SQL_PATTERNS.as_slice(), extra, |p, _| {
        !p.needs_no_where || !WHERE.is_match(statement)
    }) {
        return kind;
    }
    if PREVIEW.is_match(statement) {
        return Kind::Preview;
    }
    if PG_SLEEP.is_match(statement) {
        return Kind::Other;
    }
    if SQL_READ.is_match(statement) || extra.guards.iter().any(|re| re.is_match(statement)) {
        return Kind::Check;
    }
    Kind::Other
}

/// The longest SQL statement of a heredoc that a `WHERE` is looked for in.
const MAX_STATEMENT_BYTES: usize = 4096;

/// `SELECT pg_sleep(...)` waits; it checks nothing.
static PG_SLEEP: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\bpg_sleep\b"));

static WHERE: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\bWHERE\b"));

/// Whether the statement that `tail` starts (up to its `;`) has a
/// `WHERE`; without a `;` it may go on in `after`, the rest of the code
/// block, as a heredoc's statement does on the next lines.
fn has_where(tail: &str, after: &str) -> bool {
    // A statement is a few lines; bounding the look-ahead keeps a block of
    // thousands of `DELETE FROM` lines linear.
    let mut end = after.len().min(MAX_STATEMENT_BYTES);
    while !after.is_char_boundary(end) {
        end -= 1;
    }
    let after = after.get(..end).unwrap_or("");
    let upto = |text: &'_ str| -> (bool, bool) {
        let end = text.find(';');
        let statement = end.map_or(text, |end| text.get(..end).unwrap_or(text));
        (WHERE.is_match(statement), end.is_some())
    };
    match upto(tail) {
        (true, _) => true,
        (false, true) => false,
        (false, false) => upto(after).0,
    }
}

/// The first destructive pattern matching `text` that `accept` keeps, or
/// an extra pattern of the configuration.
fn destructive(
    text: &str,
    patterns: &[Pattern],
    extra: &Extra<'_>,
    accept: impl Fn(&Pattern, regex::Match<'_>) -> bool,
) -> Option<Kind> {
    for p in patterns {
        if let Some(m) = p.regex.find(text)
            && !p.unless.as_ref().is_some_and(|u| u.is_match(text))
            && accept(p, m)
        {
            return Some(Kind::Destructive {
                name: p.name.to_owned(),
                hint: p.hint,
            });
        }
    }
    extra.patterns.iter().find_map(|re| {
        re.find(text).map(|m| Kind::Destructive {
            name: m.as_str().trim().to_owned(),
            hint: HINT_CLOUD,
        })
    })
}

#[cfg(test)]
#[expect(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
mod tests {
    use super::*;

    const NONE: Extra<'static> = Extra {
        patterns: &[],
        guards: &[],
    };

    fn shell(line: &str) -> Kind {
        classify_inline(line, &NONE)
    }

    fn name(kind: &Kind) -> Option<&str> {
        match kind {
            Kind::Destructive { name, .. } => Some(name),
            _ => None,
        }
    }

    #[test]
    fn shell_commands_that_destroy() {
        for (line, expected) in [
            ("rm -rf /var/lib/postgresql/data", "rm -r"),
            ("sudo rm -r -f \"$DIR\"", "rm -r"),
            ("rm --recursive old/", "rm -r"),
            ("find /tmp -name '*.tmp' -delete", "find -delete"),
            ("kubectl -n prod delete pod web-0", "kubectl delete"),
            ("oc adm drain node-1 --ignore-daemonsets", "kubectl drain"),
            (
                "kubectl scale deploy/web --replicas=0",
                "kubectl scale --replicas=0",
            ),
            ("terraform destroy -auto-approve", "terraform destroy"),
            ("terraform apply -destroy", "terraform destroy"),
            ("helm uninstall web -n prod", "helm uninstall"),
            (
                "aws ec2 terminate-instances --instance-ids i-1",
                "aws delete",
            ),
            (
                "aws rds delete-db-instance --db-instance-identifier x",
                "aws delete",
            ),
            ("aws s3 rm s3://bucket/ --recursive", "aws s3 rm"),
            ("gcloud compute disks delete disk-1", "gcloud delete"),
            ("gsutil -m rm -r gs://bucket/x", "gsutil rm"),
            ("git push --force origin main", "git push --force"),
            ("git push -f", "git push --force"),
            ("dd if=backup.img of=/dev/sdb bs=4M", "dd of=/dev"),
            ("mkfs.ext4 /dev/sdb1", "mkfs"),
            ("redis-cli -h cache FLUSHALL", "redis-cli FLUSHALL"),
            ("redis-cli flushdb", "redis-cli FLUSHALL"),
            ("systemctl stop patroni", "systemctl stop"),
            (
                "knife ssh x 'sudo systemctl stop patroni'",
                "systemctl stop",
            ),
            ("find /var/log -mtime +2 -exec rm {} \\;", "find -delete"),
            ("$ sudo shutdown -h now", "shutdown"),
            ("psql -c \"DROP TABLE orders\"", "DROP"),
            ("psql -c 'TRUNCATE sessions'", "TRUNCATE"),
            ("psql -c 'DELETE FROM sessions'", "DELETE FROM"),
            ("curl -XDELETE localhost:9200/logs-2026", "curl -X DELETE"),
            ("user@host:~$ kubectl delete ns tmp", "kubectl delete"),
        ] {
            assert_eq!(name(&shell(line)), Some(expected), "{line}");
            // The prefilter lets every destructive command through.
            assert!(may_destroy(line, Dialect::Shell, &NONE), "{line}");
        }
    }

    #[test]
    fn shell_commands_that_do_not() {
        for line in [
            "rm -f /tmp/lock",
            "rm -rf",
            "kubectl get pods",
            "kubectl delete pod web-0 --dry-run=server",
            "terraform plan -destroy",
            "git push --force-with-lease",
            "dd if=/dev/zero of=/dev/null bs=1M count=10",
            "echo 'rm -rf /'",
            "psql -c 'DELETE FROM sessions WHERE expires < now()'",
            "psql -c 'select 1'",
            "kubectl get events --field-selector reason=delete",
            "systemctl status patroni",
            "aws ec2 describe-instances",
            "helm list",
            "sudo systemctl stop chef-client",
            "systemctl stop backup.timer",
            "sudo service chef-client stop",
        ] {
            assert_eq!(name(&shell(line)), None, "{line}");
        }
        assert_eq!(shell("kubectl get pods -n prod"), Kind::Check);
        assert_eq!(shell("df -h"), Kind::Check);
        assert_eq!(shell("./registry_scanner.rb /v2/x"), Kind::Check);
        assert_eq!(
            shell("gcloud iam service-accounts keys create k.json"),
            Kind::Other
        );
        assert_eq!(shell("aws ec2 describe-instances"), Kind::Check);
        assert_eq!(shell("terraform plan -destroy"), Kind::Preview);
        assert_eq!(
            shell("kubectl delete pod x --dry-run=client"),
            Kind::Preview
        );
        assert_eq!(shell("pg_dump orders > orders.sql"), Kind::Preview);
        assert_eq!(shell("mv data data.old"), Kind::Preview);
        assert_eq!(shell("systemctl restart nginx"), Kind::Other);
    }

    #[test]
    fn shell_blocks_join_continuations_and_keep_comments() {
        let text = "# check the pod first\nkubectl -n prod \\\n  delete pod web-0\n\nls\n";
        let units = scan_block(text, 100, Dialect::Shell, &NONE);
        assert_eq!(units.len(), 3);
        assert_eq!(units[0].kind, Kind::Words);
        assert_eq!(name(&units[1].kind), Some("kubectl delete"));
        assert_eq!(units[1].span, Span::new(122, 158));
        assert_eq!(units[2].kind, Kind::Check);
    }

    #[test]
    fn heredoc_statements_find_their_where() {
        let text = "psql <<EOF\nDELETE FROM jobs\nWHERE done;\nEOF\n";
        let units = scan_block(text, 0, Dialect::Shell, &NONE);
        assert!(units.iter().all(|u| name(&u.kind).is_none()), "{units:?}");
        let text = "psql <<EOF\nDELETE FROM jobs;\nEOF\n";
        let units = scan_block(text, 0, Dialect::Shell, &NONE);
        assert!(units.iter().any(|u| name(&u.kind) == Some("DELETE FROM")));
    }

    #[test]
    fn sql_statements_are_split_and_classified() {
        let text = "-- check the count first\nSELECT count(*) FROM jobs;\ndelete from jobs;\nDELETE FROM jobs WHERE id = ';';\npayments=# drop table old_jobs;\n\\dt\nBEGIN;\nupdate jobs set done = true;\n";
        let units = scan_block(text, 0, Dialect::Sql, &NONE);
        let kinds: Vec<&Kind> = units.iter().map(|u| &u.kind).collect();
        assert_eq!(kinds[0], &Kind::Words);
        assert_eq!(kinds[1], &Kind::Check);
        assert_eq!(name(kinds[2]), Some("DELETE FROM"));
        assert_eq!(kinds[3], &Kind::Other);
        assert_eq!(name(kinds[4]), Some("DROP"));
        assert_eq!(
            &text[units[4].span.start..units[4].span.end],
            "drop table old_jobs;"
        );
        assert_eq!(kinds[5], &Kind::Check);
        assert_eq!(kinds[6], &Kind::Preview);
        assert_eq!(name(kinds[7]), Some("UPDATE"));
    }

    #[test]
    fn redis_blocks() {
        let text = "127.0.0.1:6379> DBSIZE\n127.0.0.1:6379> FLUSHALL\n";
        let units = scan_block(text, 0, Dialect::Redis, &NONE);
        assert_eq!(units[0].kind, Kind::Check);
        assert_eq!(name(&units[1].kind), Some("FLUSHALL"));
    }

    #[test]
    fn configured_patterns_extend_the_built_in_ones() {
        let patterns = [Regex::new(r"\bgitlab-ctl\s+stop\b").unwrap()];
        let guards = [Regex::new(r"\bgitlab-ctl\s+status\b").unwrap()];
        let extra = Extra {
            patterns: &patterns,
            guards: &guards,
        };
        assert_eq!(
            name(&classify_inline("sudo gitlab-ctl stop postgresql", &extra)),
            Some("gitlab-ctl stop")
        );
        assert_eq!(classify_inline("gitlab-ctl status", &extra), Kind::Check);
        assert!(may_destroy("gitlab-ctl stop", Dialect::Shell, &extra));
        assert!(!may_destroy("gitlab-ctl status", Dialect::Shell, &extra));
        assert!(may_destroy("select 1", Dialect::Sql, &NONE));
    }

    #[test]
    fn languages_map_to_dialects() {
        assert_eq!(Dialect::of(None), Some(Dialect::Shell));
        assert_eq!(Dialect::of(Some("Console")), Some(Dialect::Shell));
        assert_eq!(Dialect::of(Some("postgresql")), Some(Dialect::Sql));
        assert_eq!(Dialect::of(Some("redis")), Some(Dialect::Redis));
        assert_eq!(Dialect::of(Some("yaml")), None);
        assert_eq!(Dialect::of(Some("text")), None);
    }
}
