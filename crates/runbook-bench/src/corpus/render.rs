//! Rendering one planned runbook to Markdown text.

use std::fmt::Write as _;

use runbook_parse::slugify;

use super::vocab::{NOTES, PEOPLE, PLACEHOLDERS, PREREQS, PROMQL, SHELL, SQL, STEP_SENTENCES};
use super::{Kind, Plan, Shape, relative_link};
use crate::rng::Rng;

/// Appends a formatted line; writing to a `String` cannot fail.
macro_rules! emit {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

const SEVERITIES: &[&str] = &["critical", "high", "medium", "low"];
const TAGS: &[&str] = &[
    "kubernetes",
    "postgresql",
    "redis",
    "kafka",
    "networking",
    "dns",
    "tls",
    "storage",
    "deploy",
    "capacity",
    "security",
    "data-integrity",
];
const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Renders the file planned by `p`; `plans` are all files, for cross-links.
pub(super) fn file(p: &Plan, plans: &[Plan], seed: u64) -> String {
    let mut rng = Rng::for_item(seed ^ 0x005E_ED0F_C0DE, p.index as u64);
    if p.shape == Shape::Tiny {
        return tiny(p, &mut rng);
    }
    let mut out = String::with_capacity(4096);
    if p.toml {
        toml_front_matter(&mut out, p, plans, &mut rng);
    } else {
        yaml_front_matter(&mut out, p, plans, &mut rng);
    }
    emit!(out, "\n# {}\n", p.title);
    intro(&mut out, p, plans, &mut rng);
    if p.shape == Shape::LinkHeavy {
        link_list(&mut out, p, plans, &mut rng);
    }
    // Problems are planted in exactly one place each, chosen up front.
    let mut placeholder = p.problems.placeholder;
    let mut secret = p.problems.secret;
    for heading in &p.headings {
        emit!(out, "## {heading}\n");
        match *heading {
            "Prerequisites" | "Before you begin" | "Requirements" | "Pre-checks"
            | "Preparation" => prerequisites(&mut out, p, plans, &mut rng),
            "Steps" | "Procedure" | "Instructions" | "Remediation" | "Diagnosis" | "Mitigation" => {
                let count = if p.kind == Kind::Alert {
                    p.steps.div_ceil(2)
                } else {
                    p.steps
                };
                let huge = p.shape == Shape::Huge;
                steps(
                    &mut out,
                    count,
                    &mut rng,
                    &mut placeholder,
                    &mut secret,
                    huge,
                );
                if p.kind == Kind::Alert && *heading == "Mitigation" {
                    see_also(&mut out, p, plans, &mut rng);
                }
            }
            "Rollback" | "Back-out plan" | "Roll back" | "Revert" | "Undo" => {
                let count = rng.range(1, 3);
                steps(
                    &mut out,
                    count,
                    &mut rng,
                    &mut placeholder,
                    &mut secret,
                    false,
                );
            }
            "Verification" | "Verify" | "Validation" | "Post-checks" | "Health checks" => {
                verification(&mut out, p, &mut rng);
            }
            "Meaning" => meaning(&mut out, p, &mut rng),
            "Impact" => paragraph(&mut out, &mut rng, 2, 4),
            "Escalation" | "Contacts" | "Escalation path" => escalation(&mut out, p, &mut rng),
            _ => paragraph(&mut out, &mut rng, 2, 6),
        }
    }
    if placeholder {
        emit!(out, "{}\n", rng.pick(PLACEHOLDERS));
    }
    out
}

/// A runbook of about 300 bytes: the least a runbook can say.
fn tiny(p: &Plan, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(320);
    let (_, login) = *rng.pick(PEOPLE);
    emit!(out, "---");
    emit!(out, "title: {}", p.title);
    emit!(out, "service: {}", p.service);
    emit!(out, "owners: [\"@{}-team\", {login}@example.com]", p.dir);
    emit!(out, "last_reviewed: {}", review_date(p, rng));
    emit!(out, "---\n");
    emit!(out, "# {}\n", p.title);
    emit!(out, "## Steps\n");
    emit!(out, "1. {} Run `{}`.", sentence(rng), rng.pick(SHELL));
    out
}

/// 50 links to other runbooks, four in five to one of their headings.
fn link_list(out: &mut String, p: &Plan, plans: &[Plan], rng: &mut Rng) {
    emit!(out, "Related runbooks:\n");
    for _ in 0..50 {
        let target = rng.pick(plans);
        let href = relative_link(p, target);
        if rng.percent(80) {
            let heading = rng.pick(&target.headings);
            emit!(out, "- [{}]({href}#{})", target.title, slugify(heading));
        } else {
            emit!(out, "- [{}]({href})", target.title);
        }
    }
    out.push('\n');
}

fn stem(p: &Plan) -> &str {
    p.file_name.strip_suffix(".md").unwrap_or(&p.file_name)
}

fn review_date(p: &Plan, rng: &mut Rng) -> String {
    if p.problems.stale_review {
        format!(
            "{}-{:02}-{:02}",
            rng.range(2021, 2023),
            rng.range(1, 12),
            rng.range(1, 28)
        )
    } else {
        format!("2026-{:02}-{:02}", rng.range(9, 11), rng.range(1, 28))
    }
}

fn owners(p: &Plan, rng: &mut Rng) -> Vec<String> {
    let (_, login) = *rng.pick(PEOPLE);
    if p.problems.single_owner {
        vec![format!("{login}@example.com")]
    } else {
        vec![format!("@{}-team", p.dir), format!("{login}@example.com")]
    }
}

fn related(p: &Plan, plans: &[Plan], rng: &mut Rng) -> Vec<String> {
    (0..rng.below(3))
        .map(|_| relative_link(p, rng.pick(plans)))
        .collect()
}

fn alerts(p: &Plan, rng: &mut Rng) -> Vec<String> {
    if let Some(alert) = &p.alert {
        return vec![alert.clone()];
    }
    (0..rng.below(3))
        .map(|i| format!("{}{}", rng.pick(super::vocab::ALERT_STEMS), p.index * 3 + i))
        .collect()
}

fn yaml_front_matter(out: &mut String, p: &Plan, plans: &[Plan], rng: &mut Rng) {
    emit!(out, "---");
    emit!(out, "title: {}", p.title);
    emit!(out, "id: {}", stem(p));
    emit!(out, "service: {}", p.service);
    emit!(out, "owners:");
    for o in owners(p, rng) {
        emit!(out, "  - \"{o}\"");
    }
    emit!(out, "last_reviewed: {}", review_date(p, rng));
    if p.problems.schema_error {
        emit!(out, "review_interval_days: often");
    } else {
        emit!(out, "review_interval_days: {}", rng.pick(&[30, 90, 180]));
    }
    emit!(out, "status: active");
    emit!(out, "severity: {}", rng.pick(SEVERITIES));
    let tags: Vec<&str> = (0..rng.range(1, 4)).map(|_| *rng.pick(TAGS)).collect();
    emit!(out, "tags: [{}]", tags.join(", "));
    let alerts = alerts(p, rng);
    if !alerts.is_empty() {
        emit!(out, "alerts:");
        for a in alerts {
            emit!(out, "  - {a}");
        }
    }
    emit!(out, "contacts:");
    if p.problems.unreachable_contact {
        emit!(out, "  - name: {} on-call", p.service);
    } else {
        let (name, login) = *rng.pick(PEOPLE);
        emit!(out, "  - name: {} on-call", p.service);
        emit!(out, "    role: primary");
        emit!(out, "    slack: \"#{}-oncall\"", p.dir);
        emit!(out, "    pager: \"PagerDuty: {}-primary\"", p.service);
        emit!(out, "  - name: {name}");
        emit!(out, "    role: escalation");
        emit!(out, "    email: {login}@example.com");
        emit!(out, "    phone: \"+1-555-{:04}\"", rng.below(10_000));
    }
    let related = related(p, plans, rng);
    if !related.is_empty() {
        emit!(out, "related:");
        for r in related {
            emit!(out, "  - {r}");
        }
    }
    emit!(out, "---");
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

fn toml_front_matter(out: &mut String, p: &Plan, plans: &[Plan], rng: &mut Rng) {
    emit!(out, "+++");
    emit!(out, "title = \"{}\"", p.title);
    emit!(out, "id = \"{}\"", stem(p));
    emit!(out, "service = \"{}\"", p.service);
    emit!(out, "owners = {}", toml_list(&owners(p, rng)));
    emit!(out, "last_reviewed = {}", review_date(p, rng));
    if p.problems.schema_error {
        emit!(out, "review_interval_days = \"often\"");
    } else {
        emit!(out, "review_interval_days = {}", rng.pick(&[30, 90, 180]));
    }
    emit!(out, "status = \"active\"");
    emit!(out, "severity = \"{}\"", rng.pick(SEVERITIES));
    let tags: Vec<String> = (0..rng.range(1, 4))
        .map(|_| (*rng.pick(TAGS)).to_owned())
        .collect();
    emit!(out, "tags = {}", toml_list(&tags));
    let alerts = alerts(p, rng);
    if !alerts.is_empty() {
        emit!(out, "alerts = {}", toml_list(&alerts));
    }
    let related = related(p, plans, rng);
    if !related.is_empty() {
        emit!(out, "related = {}", toml_list(&related));
    }
    emit!(out, "\n[[contacts]]");
    emit!(out, "name = \"{} on-call\"", p.service);
    if !p.problems.unreachable_contact {
        let (name, login) = *rng.pick(PEOPLE);
        emit!(out, "role = \"primary\"");
        emit!(out, "slack = \"#{}-oncall\"", p.dir);
        emit!(out, "\n[[contacts]]");
        emit!(out, "name = \"{name}\"");
        emit!(out, "role = \"escalation\"");
        emit!(out, "email = \"{login}@example.com\"");
    }
    emit!(out, "+++");
}

/// A link to another runbook, sometimes with an anchor; broken on purpose when planned.
fn cross_link(p: &Plan, plans: &[Plan], rng: &mut Rng, broken: bool) -> String {
    let target = rng.pick(plans);
    let href = relative_link(p, target);
    if broken {
        return if rng.percent(50) {
            format!("[the old procedure](old-{}-procedure.md)", p.service)
        } else {
            format!("[{}]({href}#no-such-section)", target.title)
        };
    }
    if rng.percent(40) {
        let heading = rng.pick(&target.headings);
        format!(
            "[{} ({heading})]({href}#{})",
            target.title,
            slugify(heading)
        )
    } else {
        format!("[{}]({href})", target.title)
    }
}

fn sentence(rng: &mut Rng) -> &'static str {
    rng.pick::<&str>(STEP_SENTENCES)
}

fn paragraph(out: &mut String, rng: &mut Rng, lo: usize, hi: usize) {
    let words: Vec<&str> = (0..rng.range(lo, hi)).map(|_| sentence(rng)).collect();
    emit!(out, "{}\n", words.join(" "));
}

fn intro(out: &mut String, p: &Plan, plans: &[Plan], rng: &mut Rng) {
    emit!(
        out,
        "Use this runbook when `{}` misbehaves and the on-call engineer needs a safe, \
         repeatable way back to a healthy state.",
        p.service
    );
    if rng.percent(60) || p.problems.broken_link {
        let link = cross_link(p, plans, rng, p.problems.broken_link);
        emit!(out, "If this does not apply, see {link} instead.");
    }
    out.push('\n');
}

fn prerequisites(out: &mut String, p: &Plan, plans: &[Plan], rng: &mut Rng) {
    for _ in 0..rng.range(2, 4) {
        emit!(out, "- {}", rng.pick(PREREQS));
    }
    if rng.percent(30) {
        emit!(out, "- Read {} first.", cross_link(p, plans, rng, false));
    }
    out.push('\n');
}

/// A fenced block of one to three lines, or 12 to 24 when `long`.
fn code_block(out: &mut String, indent: &str, rng: &mut Rng, secret: &mut bool, is_long: bool) {
    let (lang, pool) = match rng.below(10) {
        0 => ("sql", SQL),
        1 => ("promql", PROMQL),
        _ => ("bash", SHELL),
    };
    emit!(out, "{indent}```{lang}");
    if lang == "bash" {
        emit!(
            out,
            "{indent}export NS=production SERVICE=service-{}",
            rng.below(100)
        );
    }
    if *secret && lang == "bash" {
        *secret = false;
        let key: String = (0..16).map(|_| char::from(*rng.pick(BASE32))).collect();
        let secret_key: String = (0..40)
            .map(|_| char::from(*rng.pick(SECRET_CHARS)))
            .collect();
        emit!(out, "{indent}export AWS_ACCESS_KEY_ID=AKIA{key}");
        emit!(out, "{indent}export AWS_SECRET_ACCESS_KEY={secret_key}");
    }
    let lines = if is_long {
        rng.range(12, 24)
    } else {
        rng.range(1, 4)
    };
    for _ in 0..lines {
        emit!(out, "{indent}{}", rng.pick(pool));
    }
    emit!(out, "{indent}```\n");
}

/// A small table of hosts and states, as runbooks paste from dashboards.
fn table(out: &mut String, indent: &str, rng: &mut Rng) {
    emit!(out, "{indent}| Host | Role | State | Lag |");
    emit!(out, "{indent}|---|---|---|---:|");
    for i in 0..rng.range(3, 6) {
        emit!(
            out,
            "{indent}| db-{i:02} | {} | {} | {} |",
            rng.pick(&["primary", "replica", "standby"]),
            rng.pick(&["healthy", "degraded", "catching up"]),
            rng.below(5000)
        );
    }
    out.push('\n');
}

fn steps(
    out: &mut String,
    count: usize,
    rng: &mut Rng,
    placeholder: &mut bool,
    secret: &mut bool,
    huge: bool,
) {
    for n in 1..=count {
        let marker = format!("{n}. ");
        let indent = " ".repeat(marker.len());
        emit!(out, "{marker}{}\n", sentence(rng));
        if huge {
            code_block(out, &indent, rng, secret, true);
            if rng.percent(50) {
                table(out, &indent, rng);
            }
        } else if rng.percent(60) {
            code_block(out, &indent, rng, secret, false);
        }
        if *placeholder && rng.percent(30) {
            *placeholder = false;
            emit!(out, "{indent}{}\n", rng.pick(PLACEHOLDERS));
        } else if rng.percent(20) {
            emit!(out, "{indent}{}\n", rng.pick(NOTES));
        }
    }
}

fn verification(out: &mut String, p: &Plan, rng: &mut Rng) {
    emit!(
        out,
        "Check that `{}` is healthy and that the error rate is back to normal.\n",
        p.service
    );
    emit!(out, "```promql\n{}\n```\n", rng.pick(PROMQL));
    if rng.percent(50) {
        emit!(
            out,
            "```console\n$ curl -fsS https://{}.internal.example.com/healthz\n{{\"status\":\"ok\"}}\n```\n",
            p.service
        );
    }
}

fn meaning(out: &mut String, p: &Plan, rng: &mut Rng) {
    emit!(
        out,
        "This alert fires when `{}` has been outside its objective for more than {} minutes.\n",
        p.service,
        rng.pick(&[5, 10, 15, 30])
    );
    emit!(out, "```promql\n{}\n```\n", rng.pick(PROMQL));
}

fn see_also(out: &mut String, p: &Plan, plans: &[Plan], rng: &mut Rng) {
    emit!(out, "See also {}.\n", cross_link(p, plans, rng, false));
}

fn escalation(out: &mut String, p: &Plan, rng: &mut Rng) {
    emit!(
        out,
        "Page the `{}` on-call secondary if the service is not healthy within {} minutes.\n",
        p.service,
        rng.pick(&[10, 15, 30])
    );
    let (name, login) = *rng.pick(PEOPLE);
    emit!(out, "- Primary: `#{}-oncall` on Slack", p.dir);
    emit!(out, "- Escalation: {name} <{login}@example.com>\n");
}
