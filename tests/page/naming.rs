//! The naming rule on real and hostile messages (the rule is in `src/page/naming.rs` and the
//! README).

use crate::page::naming::{names, Clash};
use crate::page::read_page;
use std::collections::BTreeSet;

fn name(message: &str) -> String {
    names(&[("CTS.0001", message)], &BTreeSet::new())
        .unwrap()
        .remove(0)
}

#[test]
fn a_code_and_message_without_letters_still_give_an_identifier() {
    let got = names(&[("...", "中文")], &BTreeSet::new()).unwrap();
    assert_eq!(got, ["Code"]);
}

#[test]
fn names_of_real_and_hostile_messages() {
    let cases = [
        // Messages of the CTS pages.
        (
            "The IAM or OBS service is abnormal.",
            "IamOrObsServiceAbnormal",
        ),
        (
            "IAM or OBS exception, please check.",
            "IamOrObsExceptionCheck",
        ),
        (
            "Authentication failed or you do not have the permissions required.",
            "AuthenticationFailedOrYouDoNot",
        ),
        (
            "The message body is empty or invalid.",
            "MessageBodyEmptyOrInvalid",
        ),
        ("Failed to write data.", "FailedToWriteData"),
        ("Data write exception.", "DataWriteException"),
        (
            "No permission, Please check roles.",
            "NoPermissionCheckRoles",
        ),
        (
            "API version query is not supported in CTS.",
            "ApiVersionQueryNotSupportedCts",
        ),
        (
            "CTS does not support API interface version query.",
            "CtsDoesNotSupportApiInterface",
        ),
        (
            "The number of trackers has reached the upper limit.",
            "NumberTrackersReachedUpperLimit",
        ),
        ("Tracker number is Maximum.", "TrackerNumberMaximum"),
        (
            "A management tracker has been created.",
            "ManagementTrackerCreated",
        ),
        (
            "The value of tracker_name parameter is in an incorrect format.",
            "ValueTrackerNameParameterIncorrectFormat",
        ),
        (
            "The status parameter can only be set to enabled or disabled.",
            "StatusParameterCanOnlyBeSet",
        ),
        ("The tracker already exists.", "TrackerAlreadyExists"),
        ("The tracker does not exist.", "TrackerDoesNotExist"),
        (
            "The tracked OBS bucket can not be modify.",
            "TrackedObsBucketCanNotBe",
        ),
        ("KMS is not supported.", "KmsNotSupported"),
        ("The KMS ID is empty.", "KmsIdEmpty"),
        (
            "Only WRITE and/or READ operations on the OBS bucket can be tracked.",
            "OnlyWriteAndOrReadOperations",
        ),
        (
            "The Bucket operation must be WRITE or READ or WRITE,READ.",
            "BucketOperationMustBeWriteOr",
        ),
        (
            "Check bucket failed.The bucket is already exist.",
            "CheckBucketFailedBucketAlreadyExist",
        ),
        (
            "Set bucket life cycle failed. Contact O&M personnel.",
            "SetBucketLifeCycleFailedContact",
        ),
        (
            "State setting failed, check if topicId exists.",
            "StateSettingFailedCheckIfTopic",
        ),
        (
            "NotificationV3 name is existed already.",
            "NotificationV3NameExistedAlready",
        ),
        (
            "The notification_type must be smn.",
            "NotificationTypeMustBeSmn",
        ),
        ("Query failed.", "QueryFailed"),
        ("getHTTPResponseCode failed", "GetHttpresponseCodeFailed"),
        // Hostile messages.
        ("match", "Match"),
        ("Self", "SelfError"),
        ("self type fn impl", "SelfTypeFnImpl"),
        ("404 Not Found", "E404NotFound"),
        ("3 to 63 characters", "E3To63Characters"),
        (
            "HTTPS, URL and JSON: all acronyms",
            "HttpsUrlAndJsonAllAcronyms",
        ),
        ("x_y__z___w", "XYZW"),
        (
            "Invalid value: \"x\" (expected {0}); see `docs` / %s [ref] <tag> & more!",
            "InvalidValueXExpected0See",
        ),
        ("Opération échouée : réessayez", "OperationEchoueeReessayez"),
        ("Größe überschritten", "GrosseUberschritten"),
        ("请求失败", "Cts0001"),
        ("...", "Cts0001"),
        ("", "Cts0001"),
        ("   leading and trailing   ", "LeadingAndTrailing"),
        ("MiXeD CaSe WoRdS", "MiXeDCaSeWo"),
        ("tab\tand\nnewline", "TabAndNewline"),
        ("emoji 😀 separates", "EmojiSeparates"),
    ];
    for (message, expected) in cases {
        assert_eq!(name(message), expected, "{message:?}");
    }
    // A message of 300 characters gets six whole words.
    let long = "Word ".repeat(59) + "Final";
    assert_eq!(long.len(), 300);
    assert_eq!(name(&long), "WordWordWordWordWordWord");
}

#[test]
fn similar_messages_take_words_until_they_differ() {
    let got = names(
        &[
            ("CTS.1", "Invalid message body. The OBS bucket for which data operations are to be recorded cannot be empty."),
            ("CTS.2", "Invalid message body. The OBS bucket for which data operations are to be recorded and the OBS bucket configured for storing transferred traces cannot be the same."),
            ("CTS.3", "Quota exceeded."),
        ],
        &BTreeSet::new(),
    )
    .unwrap();
    assert_eq!(
        got[0],
        "InvalidMessageBodyObsBucketForWhichDataOperationsToBeRecordedCannot"
    );
    assert_eq!(
        got[1],
        "InvalidMessageBodyObsBucketForWhichDataOperationsToBeRecordedAnd"
    );
    assert_eq!(got[2], "QuotaExceeded");
}

#[test]
fn pinned_names_are_not_given_again() {
    let taken = BTreeSet::from(["TrackerNotFound"]);
    let got = names(
        &[
            ("A.1", "Tracker not found"),
            ("A.2", "Tracker not found here"),
        ],
        &taken,
    );
    assert_eq!(
        got,
        Err(vec![Clash {
            entries: vec![0],
            taken: Some("TrackerNotFound".into())
        }])
    );
    let got = names(&[("A.2", "Tracker not found here")], &taken).unwrap();
    assert_eq!(got, ["TrackerNotFoundHere"]);
}

#[test]
fn two_messages_with_the_same_words_clash() {
    let got = names(
        &[
            ("CTS.1", "The tracker exists."),
            ("CTS.2", "Tracker exists!"),
        ],
        &BTreeSet::new(),
    );
    assert_eq!(
        got,
        Err(vec![Clash {
            entries: vec![0, 1],
            taken: None
        }])
    );
}

#[test]
fn every_cts_page_gets_distinct_valid_names() {
    let Some(shared) = crate::shared::dir() else {
        return;
    };
    for version in ["v1-2022-12", "v2-2023-08", "v3-2024-04", "v4-2025-11"] {
        let page =
            read_page(&std::fs::read(shared.join(format!("corpus/cts/{version}.rst"))).unwrap());
        let pairs: Vec<(&str, &str)> = page
            .entries
            .iter()
            .map(|e| (e.code.as_str(), e.message.as_str()))
            .collect();
        let got = names(&pairs, &BTreeSet::new()).unwrap_or_else(|c| panic!("{version}: {c:?}"));
        let distinct: BTreeSet<&String> = got.iter().collect();
        assert_eq!(distinct.len(), got.len(), "{version}");
        for n in &got {
            assert!(crate::page::lock::is_variant_name(n), "{version}: {n}");
        }
        // Deterministic: the same page gives the same names.
        assert_eq!(names(&pairs, &BTreeSet::new()).unwrap(), got);
    }
}
