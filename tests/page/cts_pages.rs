//! The four published CTS pages through the whole doc model: every row becomes one entry, with
//! the fields docutils reads from it, and no page gives a report.

use crate::page::read_page;
use serde_json::Value;

#[test]
fn every_published_cts_page_gives_one_entry_per_row() {
    let Some(shared) = crate::shared::dir() else {
        return;
    };
    for (version, codes) in [
        ("v1-2022-12", 42),
        ("v2-2023-08", 32),
        ("v3-2024-04", 32),
        ("v4-2025-11", 33),
    ] {
        let page =
            read_page(&std::fs::read(shared.join(format!("corpus/cts/{version}.rst"))).unwrap());
        assert!(
            page.diagnostics.is_empty(),
            "{version}:\n{}",
            page.render(version)
        );
        let expected: Value = serde_json::from_slice(
            &std::fs::read(shared.join(format!("corpus/expected/cts/{version}.json"))).unwrap(),
        )
        .unwrap();
        let rows = expected["files"][0]["tables"][0]["rows"]
            .as_array()
            .unwrap();
        let text = |cell: &Value| cell["text"].as_str().unwrap().replace('\n', " ");
        let mut from_docutils: Vec<(String, u16, String)> = rows[1..]
            .iter()
            .map(|r| (text(&r[1]), text(&r[0]).parse().unwrap(), text(&r[2])))
            .collect();
        from_docutils.sort();
        let ours: Vec<(String, u16, String)> = page
            .entries
            .iter()
            .map(|e| (e.code.clone(), e.status, e.message.clone()))
            .collect();
        assert_eq!(ours, from_docutils, "{version}");
        assert_eq!(ours.len(), codes, "{version}");
    }
}
