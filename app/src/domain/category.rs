//! Categories are data: each asks the requester for the extra fields a technician needs.

use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryField {
    pub key: String,
    pub label: String,
    pub required: bool,
    #[serde(default)]
    pub hint: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub slug: String,
    pub name: String,
    pub fields: Vec<CategoryField>,
}

impl Category {
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
                    Msg::new("err-field-unknown")
                        .text("category", self.name.clone())
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
                    Msg::new("err-field-too-long").text("label", field.label.clone()),
                )),
                Some(v) => {
                    clean.insert(field.key.clone(), serde_json::Value::String(v));
                }
                None if field.required => errors.push((
                    format!("fields.{}", field.key),
                    Msg::new("err-field-required")
                        .text("label", field.label.clone())
                        .text("category", self.name.clone())
                        .text("category_lower", self.name.to_lowercase()),
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
