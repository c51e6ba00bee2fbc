//! The refresh workflow replayed on the published history of the CTS page: starting from the
//! committed lock (made for v3-2024-04), drop in another version, read the agreement report,
//! accept it, and check that no name changed.

use crate::page::lock::{self, Agreement};
use crate::page::{read_page, resolve, Codes};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn committed_lock() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("codes/ErrorCode.lock"))
        .unwrap()
}

fn drop_in(shared: &Path, version: &str, lock_text: &str) -> Codes {
    let page = read_page(&std::fs::read(shared.join(format!("corpus/cts/{version}.rst"))).unwrap());
    let codes = resolve(page, lock_text);
    assert!(
        !codes.has_errors(),
        "{version}: {}",
        codes.render(version, "lock")
    );
    codes
}

/// code → (status, message) as docutils reads the version: the expectation comes from the
/// reference implementation, not from our reader.
fn docutils_rows(shared: &Path, version: &str) -> BTreeMap<String, (u16, String)> {
    let json: Value = serde_json::from_slice(
        &std::fs::read(shared.join(format!("corpus/expected/cts/{version}.json"))).unwrap(),
    )
    .unwrap();
    let text = |v: &Value| v.as_str().unwrap().replace('\n', " ");
    json["files"][0]["tables"][0]["rows"].as_array().unwrap()[1..]
        .iter()
        .map(|r| {
            (
                text(&r[1]["text"]),
                (text(&r[0]["text"]).parse().unwrap(), text(&r[2]["text"])),
            )
        })
        .collect()
}

fn names(pins: &[lock::Pin]) -> BTreeMap<String, String> {
    pins.iter()
        .map(|p| (p.code.clone(), p.name.clone()))
        .collect()
}

fn accept(codes: &Codes) -> String {
    lock::render(&lock::bless(&codes.variants))
}

fn shared() -> Option<PathBuf> {
    crate::shared::dir()
}

#[test]
fn v4_adds_exactly_cts_0400() {
    let Some(shared) = shared() else { return };
    let codes = drop_in(&shared, "v4-2025-11", &committed_lock());
    let report = lock::agreement(&codes.variants, &codes.pins);
    let name = &codes
        .variants
        .iter()
        .find(|v| v.entry.code == "CTS.0400")
        .unwrap()
        .name;
    assert_eq!(
        report,
        Agreement {
            added: vec![("CTS.0400".into(), name.clone())],
            ..Agreement::default()
        }
    );
    let shown = report.render("codes/ErrorCode.rst", "codes/ErrorCode.lock", lock::ACCEPT);
    assert!(
        shown.contains("codes added (1):\n  + CTS.0400 as `"),
        "{shown}"
    );
    assert!(shown.contains("BLESS=1 cargo test"), "{shown}");
}

#[test]
fn v1_adds_retires_and_rewords_and_accepting_keeps_every_name() {
    let Some(shared) = shared() else { return };
    let before = committed_lock();
    let (old_pins, _) = lock::parse(&before);
    let codes = drop_in(&shared, "v1-2022-12", &before);
    let report = lock::agreement(&codes.variants, &codes.pins);

    let v1 = docutils_rows(&shared, "v1-2022-12");
    let v3 = docutils_rows(&shared, "v3-2024-04");
    let added: BTreeSet<&String> = v1.keys().filter(|c| !v3.contains_key(*c)).collect();
    let retired: BTreeSet<&String> = v3.keys().filter(|c| !v1.contains_key(*c)).collect();
    let reworded: BTreeSet<&String> = v1
        .keys()
        .filter(|c| v3.get(*c).is_some_and(|r| r.1 != v1[*c].1))
        .collect();
    let restatused: BTreeSet<&String> = v1
        .keys()
        .filter(|c| v3.get(*c).is_some_and(|r| r.0 != v1[*c].0))
        .collect();

    assert_eq!(
        report.added.iter().map(|(c, _)| c).collect::<BTreeSet<_>>(),
        added
    );
    assert_eq!(
        retired.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        ["CTS.0013", "CTS.0228", "CTS.0229"]
    );
    assert_eq!(
        report
            .retired
            .iter()
            .map(|(c, _)| c)
            .collect::<BTreeSet<_>>(),
        retired
    );
    assert_eq!(
        report
            .reworded
            .iter()
            .map(|(c, _, _)| c)
            .collect::<BTreeSet<_>>(),
        reworded
    );
    assert_eq!(
        report
            .status_changed
            .iter()
            .map(|(c, _, _)| c)
            .collect::<BTreeSet<_>>(),
        restatused
    );
    assert!(report.returned.is_empty());
    assert!(!reworded.is_empty());
    let (cts_0203, old, new) = report.reworded.iter().find(|r| r.0 == "CTS.0203").unwrap();
    assert_eq!(
        (cts_0203.as_str(), old.as_str()),
        ("CTS.0203", v3["CTS.0203"].1.as_str())
    );
    assert_eq!(new, &v1["CTS.0203"].1);

    // Accept: every old name stays, retired codes are marked, and accepting again changes nothing.
    let after = accept(&codes);
    let (new_pins, diags) = lock::parse(&after);
    assert!(diags.is_empty());
    let new_names = names(&new_pins);
    for (code, name) in names(&old_pins) {
        assert_eq!(new_names[&code], name, "{code} was renamed");
    }
    let retired_now: BTreeSet<&str> = new_pins
        .iter()
        .filter(|p| p.retired)
        .map(|p| p.code.as_str())
        .collect();
    assert_eq!(
        retired_now,
        BTreeSet::from(["CTS.0013", "CTS.0228", "CTS.0229"])
    );
    let again = drop_in(&shared, "v1-2022-12", &after);
    assert!(lock::agreement(&again.variants, &again.pins).is_empty());
    assert_eq!(accept(&again), after, "accepting twice changes nothing");

    // Back to v3: the retired codes return under their old names.
    let back = drop_in(&shared, "v3-2024-04", &after);
    let report = lock::agreement(&back.variants, &back.pins);
    let returned: Vec<(&str, &str)> = report
        .returned
        .iter()
        .map(|(c, n)| (c.as_str(), n.as_str()))
        .collect();
    assert_eq!(
        returned,
        [
            ("CTS.0013", "NoPermission"),
            ("CTS.0228", "CtsNotTrusted"),
            ("CTS.0229", "OrganizationTrackerExists")
        ]
    );
}

#[test]
fn a_retired_code_keeps_its_last_documented_status_and_message() {
    let Some(shared) = shared() else { return };
    let codes = drop_in(&shared, "v1-2022-12", &committed_lock());
    let v = codes
        .variants
        .iter()
        .find(|v| v.entry.code == "CTS.0228")
        .unwrap();
    assert_eq!(v.state, crate::page::State::Retired);
    assert_eq!(v.name, "CtsNotTrusted");
    assert_eq!(
        (v.entry.status, v.entry.message.as_str()),
        (400, "The CTS service is not trusted.")
    );
}
