//! The "Ownership & coverage" page: who the collection's knowledge hangs on
//! (truck factor, single owners), alert coverage and overdue reviews, from
//! a [`runbook_report::Report`].

use runbook_report::{LintCounts, Options, Report, Runbook};

use super::Collection;
use crate::model::FindingSeverity;
use crate::template::escape;

/// Site path of the page.
pub(crate) const PATH: &str = "ownership.html";

/// Renders `ownership.html` from the caller's report, or from one computed
/// over the documents when the caller passed none.
pub(crate) fn render(collection: &Collection<'_>) -> crate::model::SiteFile {
    let computed;
    let report = if let Some(report) = &collection.input.report {
        report
    } else {
        computed = compute(collection);
        &computed
    };
    let s = &report.summary;
    let lede = format!(
        "Who the operational knowledge of {} runbook{} hangs on. The truck factor is the smallest number of owners whose departure leaves more than half of the runbooks with no owner.",
        s.runbooks,
        super::plural(s.runbooks)
    );
    let mut content = runbook_report::render_html_section(report);
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

/// A report over the site's documents, with lint counts from their findings.
fn compute(collection: &Collection<'_>) -> Report {
    let runbooks: Vec<Runbook<'_>> = collection
        .input
        .documents
        .iter()
        .map(|sd| {
            let mut lint = LintCounts::default();
            for finding in &sd.findings {
                match finding.severity {
                    FindingSeverity::Error => lint.errors += 1,
                    FindingSeverity::Warning => lint.warnings += 1,
                }
            }
            Runbook {
                document: &sd.document,
                lint,
            }
        })
        .collect();
    runbook_report::build(
        &runbooks,
        &[],
        &Options::new(collection.input.options.today),
    )
}
