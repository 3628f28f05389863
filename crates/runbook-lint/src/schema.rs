//! The front-matter JSON Schema, embedded and compiled once per linter.

use std::collections::HashSet;
use std::sync::LazyLock;

/// `schemas/runbook.schema.json`, the published front-matter contract.
pub(crate) const RUNBOOK_SCHEMA: &str = include_str!("../../../schemas/runbook.schema.json");

static SCHEMA: LazyLock<serde_json::Value> =
    LazyLock::new(|| serde_json::from_str(RUNBOOK_SCHEMA).unwrap_or_default());

/// The top-level keys the schema knows.
pub(crate) fn property_names() -> HashSet<String> {
    SCHEMA
        .get("properties")
        .and_then(serde_json::Value::as_object)
        .map(|props| props.keys().cloned().collect())
        .unwrap_or_default()
}

/// The values the schema allows for a top-level key, when it lists them.
pub(crate) fn enum_values(key: &str) -> Vec<String> {
    SCHEMA
        .get("properties")
        .and_then(|p| p.get(key))
        .and_then(|p| p.get("enum"))
        .and_then(serde_json::Value::as_array)
        .map(|values| {
            values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The JSON type(s) and constraints of a top-level key, in words.
pub(crate) fn expected_shape(key: &str) -> Option<String> {
    let prop = SCHEMA.get("properties")?.get(key)?;
    let mut shape = match prop.get("type").and_then(serde_json::Value::as_str)? {
        "array" => {
            let item = prop
                .pointer("/items/type")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("value");
            format!("a list of {item}s")
        }
        "object" => "a mapping".to_owned(),
        "integer" => "a whole number".to_owned(),
        other => format!("a {other}"),
    };
    if let Some(values) = prop.get("enum").and_then(serde_json::Value::as_array) {
        let names: Vec<String> = values
            .iter()
            .filter_map(|v| v.as_str())
            .map(|v| format!("`{v}`"))
            .collect();
        shape = format!("one of {}", names.join(", "));
    }
    if prop.get("format").and_then(serde_json::Value::as_str) == Some(REVIEW_DATE) {
        "a real date written YYYY-MM-DD (or an RFC 3339 date-time)".clone_into(&mut shape);
    }
    let example = prop
        .pointer("/examples/0")
        .map(std::string::ToString::to_string);
    Some(match example {
        Some(e) => format!("{shape}, e.g. `{key}: {e}`"),
        None => shape,
    })
}

/// The schema format of `last_reviewed`, checked by the review policy.
const REVIEW_DATE: &str = "review-date";

/// A validator for the schema with `required` replaced by the configured keys.
pub(crate) fn validator(required: &[String]) -> Option<jsonschema::Validator> {
    let mut schema = SCHEMA.clone();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "required".to_owned(),
            serde_json::Value::from(required.to_vec()),
        );
    }
    jsonschema::options()
        .should_validate_formats(true)
        // Whether `last_reviewed` is a date is the review policy's call, so
        // the schema and `stale-review` accept the same values.
        .with_format(REVIEW_DATE, |text: &str| {
            matches!(
                runbook_parse::review::Reviewed::parse(Some(text)),
                runbook_parse::review::Reviewed::On(_)
            )
        })
        .build(&schema)
        .ok()
}
