//! `destructive-command`: a command that destroys data or takes a service
//! down, with no check, dry run or backup before it and no verification after it.

use runbook_parse::{Document, Span};

use crate::destructive::{self, Dialect, Extra, Kind, Unit};
use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Commands that destroy data or take a service down (`rm -rf`,
    /// `kubectl delete`, `terraform destroy`, `DROP TABLE`, ...), written in
    /// a code block or inline code, with no check, dry run or backup before
    /// them and no verification after them.
    ///
    /// Destructive commands: `rm -r` and `rm -rf`; `find -delete` and `find
    /// -exec rm`; `kubectl` (or `oc`) `delete`, `drain` and `scale
    /// --replicas=0`; `terraform destroy` and `terraform apply -destroy`;
    /// `helm uninstall`; `aws ... delete-*`, `terminate-*` and
    /// `deregister-*`; `aws s3 rm` and `rb`; `gcloud ... delete`; `gsutil
    /// rm` and `rb`; `az ... delete`; `git push --force` and `-f` (not
    /// `--force-with-lease`); `dd of=/dev/...` (not `/dev/null`); `mkfs`,
    /// `wipefs`, `mkswap`; `redis-cli FLUSHALL` and `FLUSHDB`; `systemctl
    /// stop`, `disable`, `mask` and `kill`, and `service NAME stop` (not of
    /// a configuration agent such as `chef-client` or `puppet`, nor of a
    /// `.timer`); `shutdown` and `poweroff`; `docker volume rm`, `docker
    /// volume prune`, `docker system prune`, `docker compose down`;
    /// `dropdb`; `mysqladmin drop`; `zfs destroy`; `lvremove`, `vgremove`,
    /// `pvremove`; `etcdctl del`; `curl -X DELETE`. In SQL: `DROP TABLE`,
    /// `DATABASE`, `SCHEMA`, `VIEW`, `INDEX`, `USER` or `ROLE`; `TRUNCATE`;
    /// `ALTER TABLE ... DROP COLUMN`; `DELETE FROM` and `UPDATE ... SET`
    /// without `WHERE`. And the regexes of `[destructive] patterns`. A
    /// command with `--dry-run` (or `--dryrun`, `--what-if`, `--noop`) is
    /// a preview, not destructive; `echo` and `printf` lines are not run.
    ///
    /// Code is read by its fence's language: shell (`bash`, `sh`, `zsh`,
    /// `shell`, `console`, `terminal`, or none; logical lines, `\`
    /// continuations joined, prompts such as `$ ` and `db=# ` ignored, `#`
    /// lines read as comments), SQL (`sql`, `psql`, `postgresql`, `mysql`,
    /// `mariadb`, `sqlite`, `tsql`, `plsql`; one statement per `;`, keywords
    /// in any case) and Redis (`redis`). In shell code and inline code, SQL
    /// is recognised in upper case (`psql -c "DROP TABLE ..."`), and a
    /// `DELETE FROM` looks for its `WHERE` up to the next `;`, across the
    /// lines of a heredoc. Other languages (YAML, JSON, program code,
    /// `text` output) are not read.
    ///
    /// Near means in the command's section (from the heading above it to
    /// the next heading) or the section just before or just after it. A
    /// guard is, near the command:
    ///
    /// - before it, a **check**: a command that only reads (`ls`, `du`,
    ///   `df`, `stat`, `test`, `find`, `cat`, `grep`, `lsblk`, `blkid`,
    ///   `curl`, `ping`, `dig`, `journalctl`...; sub-commands `get`,
    ///   `describe`, `list`, `show`, `status`, `logs`, `diff`, `inspect`,
    ///   `top`, `history`, `plan`, `describe-*`, `list-*`, `get-*`; `git
    ///   log`/`status`/`fetch`; `redis-cli info`/`dbsize`/`scan`; a script
    ///   whose name says it checks, such as `./check-replication.sh`; SQL
    ///   `SELECT` (not `pg_sleep`), `SHOW`, `EXPLAIN`, `\d`; Redis `DBSIZE`,
    ///   `INFO`, `SCAN`, `KEYS`, `GET`), or a regex of `[destructive]
    ///   guards`;
    /// - before it, a **dry run or backup**: `--dry-run` and its kin,
    ///   `terraform plan`, `kubectl diff`, `helm diff` and `helm template`,
    ///   `pg_dump`, `pg_basebackup`, `mysqldump`, `mongodump`, a command
    ///   that creates a backup or snapshot (`backup-push`,
    ///   `create-snapshot`, `disks snapshot`), `cp -a`/`-r`, `mv X X.old`
    ///   (or `.bak`, `.backup`, `.orig`), `tar c`, SQL `BEGIN`, `START
    ///   TRANSACTION`, `SAVEPOINT` or `CREATE TABLE ... AS SELECT`;
    /// - after it, a **verification**: a check, as above;
    /// - before or after it, a **sentence or comment** (prose, a heading, a
    ///   shell `#` or SQL `--` comment, the comment at the end of the
    ///   command's own line) that says to check, double-check, verify,
    ///   confirm, make sure, ensure, be sure, validate, inspect, dry-run,
    ///   back up, or take (make, create) a backup or snapshot, or to act
    ///   "only if". A noun does not count: "the health check", "a
    ///   status check".
    ///
    /// ## Why it matters
    /// At 3 a.m. an operator pastes what the runbook says. A delete aimed
    /// at the wrong context, namespace or database cannot be taken back; a
    /// check before it (what will this touch?) or a verification after it
    /// (did it do only that?) is what turns a paste into a decision.
    ///
    /// ## Example
    /// ````markdown
    /// ## Steps
    /// 1. Remove the stuck release:
    ///
    ///    ```bash
    ///    helm uninstall payments -n prod
    ///    ```
    /// ````
    ///
    /// ## How to fix
    /// Show the check first (`helm status payments -n prod`, `kubectl get`
    /// with the same selector, a `SELECT count(*)` with the same `WHERE`), a
    /// dry run (`--dry-run=server`, `terraform plan -destroy`), or a backup;
    /// or say how to verify the result after. For a team's own tools, add
    /// patterns to `[destructive] patterns` and their read-only commands
    /// to `[destructive] guards`.
    pub DestructiveCommand, "destructive-command", Severity::Warning, Category::Content
}

impl Rule for DestructiveCommand {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let doc = cx.doc;
        let extra = Extra {
            patterns: &cx.compiled.destructive,
            guards: &cx.compiled.destructive_guards,
        };
        // Most runbooks destroy nothing: one cheap pass over their code
        // decides whether the rest is needed.
        let blocks: Vec<(Span, Dialect)> = doc
            .code_blocks
            .iter()
            .filter_map(|b| Some((b.content, Dialect::of(b.language.as_deref())?)))
            .collect();
        let may_destroy = blocks
            .iter()
            .any(|(span, _)| destructive::may_destroy(doc.text(*span), &extra))
            || doc
                .inline_code
                .iter()
                .any(|c| destructive::may_destroy(&c.text, &extra));
        if !may_destroy {
            return;
        }
        let units = units(doc, &blocks, &extra);
        let sections = Sections::of(doc);
        for (i, unit) in units.iter().enumerate() {
            let Kind::Destructive { name, hint } = &unit.kind else {
                continue;
            };
            if is_guarded(&units, i, &sections) {
                continue;
            }
            let message = format!(
                "`{name}` with no check, dry run or backup before it and no verification after it"
            );
            cx.report(unit.span, message).help = Some((*hint).to_owned());
        }
    }
}

/// Every command, statement, comment and sentence of `doc` that matters
/// here, in source order.
fn units(doc: &Document, blocks: &[(Span, Dialect)], extra: &Extra<'_>) -> Vec<Unit> {
    let mut units: Vec<Unit> = blocks
        .iter()
        .flat_map(|(span, dialect)| {
            destructive::scan_block(doc.text(*span), span.start, *dialect, extra)
        })
        .collect();
    units.extend(doc.inline_code.iter().map(|c| Unit {
        span: c.span,
        kind: destructive::classify_inline(&c.text, extra),
    }));
    units.extend(
        doc.prose
            .iter()
            .filter(|span| destructive::has_guard_words(doc.text(**span)))
            .map(|span| Unit {
                span: *span,
                kind: Kind::Words,
            }),
    );
    units.retain(|u| u.kind != Kind::Other);
    units.sort_by_key(|u| u.span.start);
    units
}

/// Where the sections of a document start: before the first heading,
/// then at every heading.
struct Sections {
    starts: Vec<usize>,
    end: usize,
}

impl Sections {
    fn of(doc: &Document) -> Self {
        let mut starts = vec![0];
        starts.extend(doc.headings.iter().map(|h| h.span.start));
        Self {
            starts,
            end: doc.source.len(),
        }
    }

    /// The span from the start of the section before the one holding
    /// `offset` to the end of the section after it.
    fn near(&self, offset: usize) -> Span {
        let here = self
            .starts
            .partition_point(|s| *s <= offset)
            .saturating_sub(1);
        let start = self
            .starts
            .get(here.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let end = self.starts.get(here + 2).copied().unwrap_or(self.end);
        Span::new(start, end)
    }
}

/// Whether a guard is near the destructive unit `units[i]`: a check, dry
/// run or backup before it, a check after it, or guard words either side.
fn is_guarded(units: &[Unit], i: usize, sections: &Sections) -> bool {
    let Some(unit) = units.get(i) else {
        return false;
    };
    let near = sections.near(unit.span.start);
    let before = units.get(..i).unwrap_or(&[]).iter().rev();
    let after = units.get(i + 1..).unwrap_or(&[]).iter();
    let guards_before = before
        .take_while(|u| u.span.end > near.start)
        .any(|u| matches!(u.kind, Kind::Check | Kind::Preview | Kind::Words));
    guards_before
        || after
            .take_while(|u| u.span.start < near.end)
            .any(|u| matches!(u.kind, Kind::Check | Kind::Words))
}
