//! Categories are data: each asks the requester for the extra fields a technician needs.

use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CategoryField {
    pub key: String,
    pub label: String,
    pub required: bool,
    #[serde(default)]
    pub hint: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Category {
    pub slug: String,
    pub name: String,
    pub fields: Vec<CategoryField>,
}

/// The words of the categories every desk starts with (seeded in English by the first migration),
/// with their catalogue keys: shown in the reader's language for as long as an admin keeps the
/// seeded words; anything an admin writes is shown as written.
const BUILT_IN: &[(&str, &str)] = &[
    ("Hardware", "category-hardware"),
    ("Software", "category-software"),
    ("Network", "category-network"),
    ("Account or access", "category-account"),
    ("Facilities", "category-facilities"),
    ("Other", "category-other"),
    ("Asset tag (sticker on the device)", "category-asset-tag"),
    ("e.g. LAP-0412", "category-asset-tag-hint"),
    ("Device type", "category-device"),
    ("laptop, desktop, printer, phone…", "category-device-hint"),
    ("Application", "category-application"),
    ("e.g. Outlook", "category-application-hint"),
    ("Version", "category-version"),
    ("Building", "category-building"),
    ("Room", "category-room"),
    ("Wall outlet number", "category-outlet"),
    ("printed on the socket", "category-outlet-hint"),
    ("Which system", "category-system"),
    ("e.g. VPN, payroll, shared drive", "category-system-hint"),
];

/// The category names as they read inside a sentence ("required for network requests"), found by
/// the name in lower case; another category's name is used in lower case as it is.
const BUILT_IN_INLINE: &[(&str, &str)] = &[
    ("hardware", "category-hardware-inline"),
    ("software", "category-software-inline"),
    ("network", "category-network-inline"),
    ("account or access", "category-account-inline"),
    ("facilities", "category-facilities-inline"),
    ("other", "category-other-inline"),
];

fn built_in_key(table: &[(&str, &'static str)], words: &str) -> Option<&'static str> {
    table.iter().find(|(w, _)| *w == words).map(|(_, k)| *k)
}

/// The catalogue key of a seeded category's name, found by its slug.
pub fn slug_key(slug: &str) -> Option<&'static str> {
    const SLUGS: &[(&str, &str)] = &[
        ("hardware", "category-hardware"),
        ("software", "category-software"),
        ("network", "category-network"),
        ("account", "category-account"),
        ("facilities", "category-facilities"),
        ("other", "category-other"),
    ];
    built_in_key(SLUGS, slug)
}

/// A category's name, question or hint in the reader's language.
pub fn category_words(locale: &crate::i18n::Locale, words: &str) -> String {
    match built_in_key(BUILT_IN, words) {
        Some(key) => locale.t(key),
        None => words.to_string(),
    }
}

/// A category named by its slug alone (the board's cards, a category since removed): a seeded
/// category's name in the reader's language, any other slug as it is.
pub fn slug_words(locale: &crate::i18n::Locale, slug: &str) -> String {
    match slug_key(slug) {
        Some(key) => locale.t(key),
        None => slug.to_string(),
    }
}

/// A category for a reader: by the desk's name for it when it is known, else by its slug (a
/// category since removed).
pub fn category_name(locale: &crate::i18n::Locale, slug: &str, name: Option<&str>) -> String {
    match name {
        Some(name) => category_words(locale, name),
        None => slug_words(locale, slug),
    }
}

/// `msg` with the argument `name` set to category words, translated later when seeded.
fn with_words(msg: Msg, name: &str, words: &str, table: &[(&str, &'static str)]) -> Msg {
    match built_in_key(table, words) {
        Some(key) => msg.key(name, key),
        None => msg.text(name, words),
    }
}

impl Category {
    /// The category as a ticket's page names it and its answers: its name and its questions'
    /// labels, without the hints only the request form shows.
    pub fn names_only(mut self) -> Category {
        for field in &mut self.fields {
            field.hint = None;
        }
        self
    }

    /// What a requester is asked once their request is put in this category: its name, and one
    /// line per question (with its hint), in the reader's language when seeded.
    pub fn details_asked(&self) -> (Msg, Vec<Msg>) {
        let intro = with_words(
            Msg::new("notify-details-text"),
            "category",
            &self.name,
            BUILT_IN,
        );
        let lines = self
            .fields
            .iter()
            .map(|f| {
                let line = with_words(
                    Msg::new("notify-details-field"),
                    "label",
                    &f.label,
                    BUILT_IN,
                );
                match f.hint.as_deref().filter(|h| !h.is_empty()) {
                    Some(hint) => with_words(line, "hint", hint, BUILT_IN),
                    None => line.text("hint", ""),
                }
            })
            .collect();
        (intro, lines)
    }

    /// Checks the answers to this category's fields; errors are keyed by field for the form.
    /// Unknown keys are refused so that typos do not silently lose information.
    pub fn check_fields(
        &self,
        answers: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<serde_json::Map<String, serde_json::Value>, Vec<(String, Msg)>> {
        let mut errors = Vec::new();
        let mut clean = serde_json::Map::new();
        for key in answers.keys() {
            if !self.fields.iter().any(|f| &f.key == key) {
                errors.push((
                    format!("fields.{key}"),
                    with_words(
                        Msg::new("err-field-unknown"),
                        "category",
                        &self.name,
                        BUILT_IN,
                    )
                    .text("key", key.clone()),
                ));
            }
        }
        for field in &self.fields {
            let value = answers
                .get(&field.key)
                .and_then(|v| match v {
                    serde_json::Value::String(s) => Some(s.trim().to_string()),
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .filter(|s| !s.is_empty());
            match value {
                Some(v) if v.chars().count() > 500 => errors.push((
                    format!("fields.{}", field.key),
                    with_words(
                        Msg::new("err-field-too-long"),
                        "label",
                        &field.label,
                        BUILT_IN,
                    ),
                )),
                Some(v) => {
                    clean.insert(field.key.clone(), serde_json::Value::String(v));
                }
                None if field.required => errors.push((
                    format!("fields.{}", field.key),
                    with_words(
                        with_words(
                            with_words(
                                Msg::new("err-field-required"),
                                "label",
                                &field.label,
                                BUILT_IN,
                            ),
                            "category",
                            &self.name,
                            BUILT_IN,
                        ),
                        "category_lower",
                        &self.name.to_lowercase(),
                        BUILT_IN_INLINE,
                    ),
                )),
                None => {}
            }
        }
        if errors.is_empty() {
            Ok(clean)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn network() -> Category {
        Category {
            slug: "network".into(),
            name: "Network".into(),
            fields: vec![
                CategoryField {
                    key: "building".into(),
                    label: "Building".into(),
                    required: true,
                    hint: None,
                },
                CategoryField {
                    key: "outlet".into(),
                    label: "Outlet".into(),
                    required: false,
                    hint: None,
                },
            ],
        }
    }

    #[test]
    fn required_fields_are_enforced_and_keyed() {
        let err = network().check_fields(&serde_json::Map::new()).unwrap_err();
        let en = crate::i18n::Locale::default();
        let words: Vec<(String, String)> = err
            .iter()
            .map(|(field, m)| (field.clone(), m.render(&en)))
            .collect();
        assert_eq!(
            words,
            vec![(
                "fields.building".to_string(),
                "Building is required for network requests".to_string()
            )]
        );
    }

    #[test]
    fn answers_are_trimmed_and_unknown_keys_refused() {
        let answers = json!({"building": " B ", "outlet": ""})
            .as_object()
            .unwrap()
            .clone();
        let clean = network().check_fields(&answers).unwrap();
        assert_eq!(clean.get("building").unwrap(), "B");
        assert!(!clean.contains_key("outlet"));
        let typo = json!({"building": "B", "oulet": "3"})
            .as_object()
            .unwrap()
            .clone();
        assert!(network().check_fields(&typo).is_err());
    }
}
