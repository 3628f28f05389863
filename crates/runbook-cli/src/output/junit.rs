//! `junit`: `JUnit` XML, one test case per file and one failure per finding.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::Summary;
use crate::run::Linted;

/// Writes a `<testsuites>` document with one `<testsuite name="runbook">`.
pub fn render(files: &[&Linted], out: &mut dyn Write) -> io::Result<()> {
    let summary = Summary::of(files);
    let failures = summary.errors + summary.warnings;
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    let tests = files.len().to_string();
    let failures = failures.to_string();
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut suites = BytesStart::new("testsuites");
    suites.push_attribute(("name", "runbook"));
    suites.push_attribute(("tests", tests.as_str()));
    suites.push_attribute(("failures", failures.as_str()));
    xml.write_event(Event::Start(suites))?;
    let mut suite = BytesStart::new("testsuite");
    suite.push_attribute(("name", "runbook"));
    suite.push_attribute(("tests", tests.as_str()));
    suite.push_attribute(("failures", failures.as_str()));
    suite.push_attribute(("errors", "0"));
    suite.push_attribute(("skipped", "0"));
    xml.write_event(Event::Start(suite))?;
    for file in files {
        let path = super::display_path(file);
        let mut case = BytesStart::new("testcase");
        case.push_attribute(("name", path.as_str()));
        case.push_attribute(("classname", "runbook"));
        case.push_attribute(("file", path.as_str()));
        if file.findings.is_empty() {
            xml.write_event(Event::Empty(case))?;
            continue;
        }
        xml.write_event(Event::Start(case))?;
        for f in &file.findings {
            let message = format!("{}[{}] {}", f.severity, f.rule, f.message);
            let mut failure = BytesStart::new("failure");
            failure.push_attribute(("message", message.as_str()));
            failure.push_attribute(("type", f.rule));
            xml.write_event(Event::Start(failure))?;
            let mut body = format!("{path}:{}:{}: {message}", f.start.line, f.start.column);
            if let Some(help) = &f.help {
                body.push_str("\nhelp: ");
                body.push_str(help);
            }
            xml.write_event(Event::Text(BytesText::new(&body)))?;
            xml.write_event(Event::End(BytesEnd::new("failure")))?;
        }
        xml.write_event(Event::End(BytesEnd::new("testcase")))?;
    }
    xml.write_event(Event::End(BytesEnd::new("testsuite")))?;
    xml.write_event(Event::End(BytesEnd::new("testsuites")))?;
    out.write_all(&xml.into_inner())?;
    writeln!(out)
}
