//! Every published JSON Schema is itself valid against its meta-schema
//! (JSON Schema 2020-12), so editors and validators accept it.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests assert by panicking"
)]

use std::path::Path;

#[test]
fn published_schemas_are_valid_2020_12_schemas() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema",
            "{}",
            path.display()
        );
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("{} is not a valid schema: {e}", path.display());
        }
        // A schema that compiles also has resolvable references.
        jsonschema::validator_for(&schema).unwrap();
        seen += 1;
    }
    assert!(seen >= 4, "expected the published schemas, found {seen}");
}

#[test]
fn the_meta_check_rejects_a_broken_schema() {
    let broken = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": 12
    });
    assert!(jsonschema::meta::validate(&broken).is_err());
}
