//! `unmet-requirement`: a runbook misses what a `[[require]]` asks of runbooks like it.

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Runbooks that match the `when` of a requirement (a `[[require]]`
    /// table of `runbook.toml`, or one the preset carries) and lack what it
    /// asks for: a section, a number of owners, a review within some days,
    /// or a front-matter key.
    ///
    /// Each gap is one finding, naming the requirement (its `name`, or
    /// `[[require]] #N`) and the conditions the runbook matched, such as
    /// ``severity `sev1` is >= high, status `active` ``. `runbook config
    /// --show FILE` lists the requirements of a file, whether each applies
    /// and whether it holds; the site shows the same on each runbook page.
    ///
    /// The `strict` preset carries one requirement, `highest-severity`:
    /// runbooks of the highest severity rank (critical, SEV0/SEV1, P0/P1,
    /// page; or the first of `[severity] levels`) need an escalation
    /// section and two owners.
    ///
    /// Requirement findings are this rule's own rather than those of
    /// `missing-rollback`, `single-owner` or `stale-review`: a requirement
    /// holds some runbooks to more than the rest, so its findings keep their
    /// level (error) when a preset relaxes the general rule to a warning or
    /// turns it off, and `min_owners`, `max_review_age_days` and `keys`
    /// have no general rule that means the same. When a general rule
    /// reports the same gap (no rollback section under `strict`), both
    /// findings appear, and one fix clears both.
    ///
    /// ## Why it matters
    /// A sev-1 database failover and a low-priority cache warm-up should not
    /// be held to the same contract. The runbooks an incident depends on
    /// most need the most care, and the finding says why this one is held
    /// to more.
    ///
    /// ## Example
    /// ```toml
    /// [[require]]
    /// name = "sev-high"
    /// when = { severity = ">= high" }
    /// sections = ["rollback"]
    /// min_owners = 2
    /// ```
    ///
    /// ```markdown
    /// ---
    /// title: Fail over the orders database
    /// severity: sev1
    /// owners: [alice@example.com]
    /// ---
    /// ## Steps
    /// 1. Promote the replica.
    /// ```
    ///
    /// ## How to fix
    /// Add what the requirement asks for, or, if the runbook is not what
    /// the requirement is about, correct its `severity`, `status`, `service`
    /// or `tags`. `runbook config --show FILE` lists the requirements that
    /// apply to a file and whether they hold.
    pub UnmetRequirement, "unmet-requirement", Severity::Error, Category::Structure
}

impl Rule for UnmetRequirement {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        if cx.compiled.requirements.is_empty() {
            return;
        }
        let gaps = crate::requirement::gaps(
            cx.doc,
            cx.config,
            &cx.compiled.requirements,
            cx.compiled.today,
        );
        for (label, why, gap) in gaps {
            let message = format!("{}: required by {label} ({why})", gap.message);
            cx.report(gap.span, message).help = Some(gap.help);
        }
    }
}
