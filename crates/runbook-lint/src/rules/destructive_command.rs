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
        // Most runbooks destroy nothing: a cheap pass over their code
        // decides whether the rest is needed.
        let blocks: Vec<(Span, Dialect)> = doc
            .code_blocks
            .iter()
            .filter_map(|b| Some((b.content, Dialect::of(b.language.as_deref())?)))
            .collect();
        let may_destroy = blocks
            .iter()
            .any(|(span, dialect)| destructive::destroys(doc.text(*span), *dialect, &extra))
            || doc
                .inline_code
                .iter()
                .any(|c| destructive::destroys(&c.text, Dialect::Shell, &extra));
        // Guards are looked for only around a destructive command.
        if !may_destroy {
            return;
        }
        let units = units(doc, &blocks, &extra);
        let sections = Sections::of(doc);
        let guards = Guards::of(&units);
        for (i, unit) in units.iter().enumerate() {
            let Kind::Destructive { name, hint } = &unit.kind else {
                continue;
            };
            if guards.is_near(&units, i, sections.near(unit.span.start)) {
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

/// For each unit, the nearest guard before it and after it, so a section
/// of thousands of destructive lines is judged in linear time.
struct Guards {
    /// Index of the last unit at or before each index that guards what follows.
    before: Vec<Option<usize>>,
    /// Index of the first unit at or after each index that verifies what precedes.
    after: Vec<Option<usize>>,
}

impl Guards {
    fn of(units: &[Unit]) -> Self {
        let mut before = Vec::with_capacity(units.len());
        let mut last = None;
        for (i, u) in units.iter().enumerate() {
            if matches!(u.kind, Kind::Check | Kind::Preview | Kind::Words) {
                last = Some(i);
            }
            before.push(last);
        }
        let mut after = vec![None; units.len()];
        let mut next = None;
        for (i, u) in units.iter().enumerate().rev() {
            if matches!(u.kind, Kind::Check | Kind::Words) {
                next = Some(i);
            }
            if let Some(slot) = after.get_mut(i) {
                *slot = next;
            }
        }
        Self { before, after }
    }

    /// Whether `units[i]` has a check, dry run or backup before it, or a
    /// check after it, or guard words either side, within `near`.
    fn is_near(&self, units: &[Unit], i: usize, near: Span) -> bool {
        let found = |index: Option<&Option<usize>>| index.copied().flatten();
        let before = i
            .checked_sub(1)
            .and_then(|j| found(self.before.get(j)))
            .and_then(|j| units.get(j))
            .is_some_and(|u| u.span.end > near.start);
        let after = found(self.after.get(i + 1))
            .and_then(|j| units.get(j))
            .is_some_and(|u| u.span.start < near.end);
        before || after
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use crate::{Config, Linter};

    fn findings(markdown: &str) -> Vec<String> {
        let linter = Linter::new(Config::default());
        let doc = runbook_parse::parse_str("x.md", markdown, linter.parse_options());
        linter
            .check(&doc, true)
            .diagnostics()
            .iter()
            .filter(|d| d.rule == super::DestructiveCommand::META.id)
            .map(|d| format!("{}: {}", d.location.start.line, d.message))
            .collect()
    }

    #[test]
    fn near_is_the_section_and_its_neighbours() {
        let md = "# T\n## A\n`kubectl get pods`\n## B\nText.\n## C\n```bash\nkubectl delete pod x\n```\n## D\nText.\n## E\n`kubectl get pods`\n";
        // The checks are two sections away on both sides.
        assert_eq!(findings(md).len(), 1);
        let md = "# T\n## B\n`kubectl get pods`\n## C\n```bash\nkubectl delete pod x\n```\n";
        assert!(findings(md).is_empty());
        let md =
            "# T\n## C\n```bash\nkubectl delete pod x\n```\n## D\nVerify the pods came back.\n";
        assert!(findings(md).is_empty());
        // A backup after the deletion guards nothing.
        let md = "# T\n## C\n```bash\nrm -rf /data\ntar czf data.tgz /data\n```\n";
        assert_eq!(
            findings(md),
            ["4: `rm -r` with no check, dry run or backup before it and no verification after it"]
        );
    }

    #[test]
    fn thousands_of_commands_in_one_block_stay_linear() {
        let mut md = String::from("# T\n## Purge\n```bash\npsql <<SQL\n");
        for i in 0..20_000 {
            let _ = write!(md, "DELETE FROM t{i}\nrm -rf /data/{i} # é\n");
        }
        md.push_str("SQL\n```\n");
        // Every line: no `DELETE FROM` has a `WHERE` before the end of the
        // block, and the look-ahead for one is bounded.
        assert_eq!(findings(&md).len(), 40_000);
        let prose = format!(
            "# T\n{}\n```bash\nrm -rf /x\n```\n",
            "é health check ".repeat(50_000)
        );
        assert_eq!(findings(&prose).len(), 1);
    }
}
