//! The "Ownership & coverage" page: who the collection's knowledge hangs on
//! (truck factor, single owners), alert coverage and overdue reviews, drawn
//! from the caller's [`runbook_report::Report`]: tables and a bar chart per
//! service in inline SVG, no scripts, every piece of input text escaped.

use std::fmt::Write as _;

use runbook_report::{LinkStatus, Report, ServiceStats};

use super::Collection;
use crate::template::escape;

/// Site path of the page.
pub(crate) const PATH: &str = "ownership.html";

/// Bar colours: shared ownership, a single owner, no owner.
const SHARED: &str = "#2f7d4f";
const SINGLE: &str = "#d08c00";
const NONE: &str = "#c0392b";

/// Renders `ownership.html` from the caller's report.
pub(crate) fn render(collection: &Collection<'_>) -> crate::model::SiteFile {
    let report = &collection.input.report;
    let s = &report.summary;
    let lede = format!(
        "Who the operational knowledge of {} hangs on. The truck factor is the smallest number of owners whose departure leaves more than half of the runbooks with no owner.",
        runbook_report::plural(s.runbooks, "runbook", "runbooks")
    );
    let mut content = section(report);
    if report.alerts.is_none() {
        content.push_str(
            "<p class=\"muted\">Alert coverage is not shown: build with <code>--alerts 'alerts/**/*.yaml'</code> to check every alert has a runbook.</p>\n",
        );
    }
    let linker = collection.linker(PATH);
    let body = crate::template::fill(
        crate::template::LISTING,
        &[
            ("index_url", &escape(&linker.url("index.html"))),
            ("heading", "Ownership &amp; coverage"),
            ("lede", &escape(&lede)),
            ("content", &content),
        ],
    );
    collection.layout(PATH, "Ownership & coverage", "page-ownership", "", &body)
}

/// The page's `<section>`: the ownership and coverage tables and, per
/// service, a bar of its runbooks split into shared, single-owner and
/// ownerless.
fn section(report: &Report) -> String {
    let mut out = String::from("<section class=\"runbook-report\">\n");
    summary(&mut out, report);
    services(&mut out, report);
    owners(&mut out, report);
    review(&mut out, report);
    alerts(&mut out, report);
    out.push_str("</section>\n");
    out
}

fn summary(out: &mut String, report: &Report) {
    let s = &report.summary;
    let _ = writeln!(
        out,
        "<dl class=\"report-summary\">\n<dt>Runbooks</dt><dd>{}</dd>\n<dt>Services</dt><dd>{}</dd>\n<dt>Owners</dt><dd>{}</dd>\n<dt>Truck factor</dt><dd>{}</dd>\n<dt>Single-owner runbooks</dt><dd>{}</dd>\n<dt>Overdue for review</dt><dd>{}</dd>\n</dl>",
        s.runbooks,
        s.services,
        s.owners,
        s.truck_factor,
        s.single_owner_runbooks,
        s.overdue_runbooks
    );
}

fn services(out: &mut String, report: &Report) {
    out.push_str("<h2>By service</h2>\n<table class=\"report-services\">\n<thead><tr><th>Service</th><th>Runbooks</th><th>Owners</th><th>Single-owner</th><th>No owner</th><th>Overdue</th><th>Lint errors</th><th>Lint warnings</th><th>Truck factor</th><th>Ownership</th></tr></thead>\n<tbody>\n");
    let widest = report
        .services
        .iter()
        .map(|s| s.runbooks)
        .max()
        .unwrap_or(0);
    for s in &report.services {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} ({})</td><td>{}</td><td>{}</td><td title=\"{}\">{}</td><td>{}</td></tr>",
            escape(s.display_name()),
            s.runbooks,
            s.owners,
            s.single_owner_runbooks,
            s.ownerless_runbooks,
            s.overdue_runbooks,
            runbook_report::percent(s.overdue_share),
            s.lint_errors,
            s.lint_warnings,
            escape(&s.truck_factor_owners.join(", ")),
            s.truck_factor,
            bar(s, widest),
        );
    }
    out.push_str("</tbody>\n</table>\n");
    let _ = writeln!(
        out,
        "<p class=\"report-legend\"><svg width=\"10\" height=\"10\" aria-hidden=\"true\"><rect width=\"10\" height=\"10\" fill=\"{SHARED}\"/></svg> shared ownership <svg width=\"10\" height=\"10\" aria-hidden=\"true\"><rect width=\"10\" height=\"10\" fill=\"{SINGLE}\"/></svg> single owner <svg width=\"10\" height=\"10\" aria-hidden=\"true\"><rect width=\"10\" height=\"10\" fill=\"{NONE}\"/></svg> no owner</p>"
    );
}

/// A stacked bar, scaled so the largest service fills the width.
fn bar(s: &ServiceStats, widest: usize) -> String {
    let shared = s
        .runbooks
        .saturating_sub(s.single_owner_runbooks + s.ownerless_runbooks);
    let label = format!(
        "{}: {} shared, {} single owner, {} no owner",
        s.display_name(),
        shared,
        s.single_owner_runbooks,
        s.ownerless_runbooks
    );
    let mut svg = format!(
        "<svg class=\"report-bar\" viewBox=\"0 0 {w} 12\" width=\"160\" height=\"12\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{l}\"><title>{l}</title>",
        w = widest.max(1),
        l = escape(&label),
    );
    let mut x = 0;
    for (count, colour) in [
        (shared, SHARED),
        (s.single_owner_runbooks, SINGLE),
        (s.ownerless_runbooks, NONE),
    ] {
        if count > 0 {
            let _ = write!(
                svg,
                "<rect x=\"{x}\" y=\"0\" width=\"{count}\" height=\"12\" fill=\"{colour}\"/>"
            );
            x += count;
        }
    }
    svg.push_str("</svg>");
    svg
}

fn owners(out: &mut String, report: &Report) {
    out.push_str("<h2>By owner</h2>\n<table class=\"report-owners\">\n<thead><tr><th>Owner</th><th>Runbooks</th><th>Sole owner of</th><th>Services</th></tr></thead>\n<tbody>\n");
    for o in &report.owners {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&o.name),
            o.runbooks,
            o.sole_runbooks,
            escape(&o.services.join(", "))
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn review(out: &mut String, report: &Report) {
    out.push_str("<h2>Overdue for review</h2>\n");
    if report.review.overdue.is_empty() {
        out.push_str("<p>No runbook is overdue for review.</p>\n");
    } else {
        out.push_str("<table class=\"report-overdue\">\n<thead><tr><th>Runbook</th><th>Service</th><th>Last reviewed</th><th>Due</th><th>Days overdue</th><th>Owners</th></tr></thead>\n<tbody>\n");
        for r in &report.review.overdue {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(
                    &r.title
                        .clone()
                        .unwrap_or_else(|| r.path.display().to_string())
                ),
                escape(r.service.as_deref().unwrap_or(runbook_report::NO_SERVICE)),
                escape(r.last_reviewed.as_deref().unwrap_or("")),
                escape(r.review_due.as_deref().unwrap_or("")),
                r.days_overdue,
                escape(&r.owners.join(", "))
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
}

fn alerts(out: &mut String, report: &Report) {
    let Some(a) = &report.alerts else {
        return;
    };
    let _ = writeln!(
        out,
        "<h2>Alert coverage</h2>\n<p>{} alerts: {} covered, {} without a runbook, {} broken <code>runbook_url</code>.</p>",
        a.total, a.covered, a.uncovered, a.broken_links
    );
    let problems: Vec<_> = a
        .alerts
        .iter()
        .filter(|s| !s.covered || s.link == LinkStatus::Broken)
        .collect();
    if problems.is_empty() {
        return;
    }
    out.push_str("<table class=\"report-alerts\">\n<thead><tr><th>Alert</th><th>Service</th><th>Severity</th><th>Problem</th></tr></thead>\n<tbody>\n");
    for s in problems {
        let problem = match (s.covered, s.link) {
            (_, LinkStatus::Broken) => format!(
                "runbook_url points at no runbook: {}",
                s.rule.runbook_url.as_deref().unwrap_or("")
            ),
            _ => "no runbook".to_owned(),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&s.rule.name),
            escape(s.rule.service.as_deref().unwrap_or("")),
            escape(s.rule.severity.as_deref().unwrap_or("")),
            escape(&problem)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests unwrap")]
mod tests {
    use super::*;
    use runbook_parse::{ParseOptions, Review, parse_str};
    use runbook_report::{LintCounts, Options, Runbook, build};

    #[test]
    fn input_text_is_escaped_and_bars_are_scaled() {
        let today = jiff::civil::date(2026, 12, 1);
        let docs = [
            "---\nservice: \"<script>alert(1)</script>\"\nowners: [\"a&b\"]\n---\n# X\n",
            "---\nservice: big\nowners: [a, b]\n---\n# Y\n",
            "---\nservice: big\n---\n# Z\n",
        ]
        .iter()
        .enumerate()
        .map(|(i, text)| parse_str(format!("{i}.md"), text, &ParseOptions::default()))
        .collect::<Vec<_>>();
        let runbooks: Vec<Runbook<'_>> = docs
            .iter()
            .map(|document| Runbook {
                document,
                lint: LintCounts::default(),
                review: Review::of(&document.metadata, today, 180),
            })
            .collect();
        let report = build(&runbooks, &[], &Options::new(today));
        let html = section(&report);
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("a&amp;b"));
        // "big" has the most runbooks (2): one shared, one ownerless.
        assert!(html.contains("viewBox=\"0 0 2 12\""));
        assert!(html.contains(&format!(
            "<rect x=\"0\" y=\"0\" width=\"1\" height=\"12\" fill=\"{SHARED}\"/><rect x=\"1\" y=\"0\" width=\"1\" height=\"12\" fill=\"{NONE}\"/>"
        )));
        assert!(
            report
                .runbooks
                .first()
                .is_some_and(|r| r.path.to_str().unwrap() == "0.md")
        );
    }
}
