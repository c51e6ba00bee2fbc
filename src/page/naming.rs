//! Variant names from error messages.
//!
//! The rule (also in the README):
//!
//! 1. The message is split into words at every character that is not a letter or a digit
//!    (`tracker_name` is two words) and where a lower-case letter is followed by an upper-case
//!    one (`topicId` is two words). Latin letters with accents lose them (`é` → `e`); other
//!    non-ASCII characters separate words.
//! 2. Filler words are dropped: `a an the of is are was were has have been in please`.
//! 3. Each word is written with a capital first letter and the rest in lower case, acronyms
//!    included (`IAM` → `Iam`, as the Rust API guidelines ask for acronyms in `UpperCamelCase`).
//! 4. The name is the first six words. When that gives two codes the same name, both take one
//!    more word, and so on, until the names differ or a message has no words left. So a long
//!    message is shortened at a word boundary and two similar messages still get distinct names.
//! 5. A name that would start with a digit gets the prefix `E`; a message with no usable words
//!    gets a name from its code (`CTS.0214` → `Cts0214`), or `Code` when the code has none
//!    either; the one keyword that is a valid `UpperCamelCase` word, `Self`, becomes
//!    `SelfError`.
//!
//! Two codes whose messages give the same words all the way are a page error naming both.

use std::collections::{BTreeMap, BTreeSet};

/// Words dropped from messages: they make names longer without telling codes apart.
const FILLER: &[&str] = &[
    "a", "an", "the", "of", "is", "are", "was", "were", "has", "have", "been", "in", "please",
];

/// How many words a name has before collisions ask for more.
const WORDS: usize = 6;

/// The words of a message that make up its name (rules 1 to 3).
pub fn words(message: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in message.chars() {
        let folded = if c.is_ascii() { None } else { fold(c) };
        // camelCase inside a word starts a new word: `topicId` is `topic` and `Id`.
        if c.is_ascii_uppercase() && word.ends_with(|l: char| l.is_ascii_lowercase()) {
            words.push(std::mem::take(&mut word));
        }
        match folded {
            Some(s) => word.push_str(s),
            None if c.is_ascii_alphanumeric() => word.push(c),
            None => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
        .into_iter()
        .filter(|w| !FILLER.contains(&w.to_ascii_lowercase().as_str()))
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut chars = lower.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect()
        })
        .collect()
}

/// ASCII spelling of an accented Latin letter.
fn fold(c: char) -> Option<&'static str> {
    const FROM: &str = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ";
    const TO: &[&str] = &[
        "A", "A", "A", "A", "A", "A", "a", "a", "a", "a", "a", "a", "C", "c", "E", "E", "E", "E",
        "e", "e", "e", "e", "I", "I", "I", "I", "i", "i", "i", "i", "N", "n", "O", "O", "O", "O",
        "O", "O", "o", "o", "o", "o", "o", "o", "U", "U", "U", "U", "u", "u", "u", "u", "Y", "y",
        "y",
    ];
    match c {
        'ß' => Some("ss"),
        'Æ' => Some("AE"),
        'æ' => Some("ae"),
        'Œ' => Some("OE"),
        'œ' => Some("oe"),
        _ => FROM.chars().position(|f| f == c).map(|i| TO[i]),
    }
}

/// A name from the first `n` words (rule 5 for the edge cases).
fn name_from(words: &[String], n: usize, code: &str) -> String {
    let mut name: String = words.iter().take(n).map(String::as_str).collect();
    if name.is_empty() {
        name = self::words(code).concat();
    }
    if name.is_empty() {
        // Neither the message nor the code has a letter or digit (a code of punctuation).
        name.push_str("Code");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'E');
    }
    if name == "Self" {
        name.push_str("Error");
    }
    name
}

/// Entries the rule cannot name apart: the indexes of entries that get the same name, or of an
/// entry whose name is already `taken` (pinned for another code).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clash {
    pub entries: Vec<usize>,
    pub taken: Option<String>,
}

/// Names for `(code, message)` pairs, in the same order, none of them in `taken`. `Err` holds the
/// clashes that remain however many words are used.
pub fn names(entries: &[(&str, &str)], taken: &BTreeSet<&str>) -> Result<Vec<String>, Vec<Clash>> {
    let all_words: Vec<Vec<String>> = entries.iter().map(|(_, m)| words(m)).collect();
    let mut used: Vec<usize> = vec![WORDS; entries.len()];
    loop {
        let names: Vec<String> = entries
            .iter()
            .enumerate()
            .map(|(i, (code, _))| name_from(&all_words[i], used[i], code))
            .collect();
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, name) in names.iter().enumerate() {
            groups.entry(name).or_default().push(i);
        }
        let clashes: Vec<Clash> = groups
            .into_iter()
            .filter(|(name, group)| group.len() > 1 || taken.contains(name))
            .map(|(name, entries)| Clash {
                entries,
                taken: taken.contains(name).then(|| name.to_string()),
            })
            .collect();
        if clashes.is_empty() {
            return Ok(names);
        }
        // Give every clashing entry one more word; when none has more, the clash is final.
        let mut grew = false;
        for clash in &clashes {
            for &i in &clash.entries {
                if used[i] < all_words[i].len() {
                    used[i] += 1;
                    grew = true;
                }
            }
        }
        if !grew {
            return Err(clashes);
        }
    }
}
