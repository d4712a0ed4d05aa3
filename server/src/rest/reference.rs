//! The API reference (`/api/docs`): the OpenAPI description made readable, rendered on the
//! server from the very description `/api/v1/openapi.json` serves, with a stylesheet from the
//! repository. No script and nothing from another site.

use super::*;
use app::i18n::Locale;
use askama::Template;
use std::sync::LazyLock;

/// The reference's words in the reader's language; what the description says of each operation
/// and field is English, like the API's messages.
struct Words {
    title: String,
    intro: String,
    download: String,
    operations: String,
    schemas: String,
    parameters: String,
    request_body: String,
    responses: String,
    name: String,
    place: String,
    kind: String,
    required: String,
    description: String,
    status: String,
    headers: String,
    fields: String,
    anonymous: String,
    includes: String,
    yes: String,
}

impl Words {
    fn of(locale: &Locale) -> Words {
        Words {
            title: locale.t("api-docs-title"),
            intro: locale.t("api-docs-intro"),
            download: locale.t("api-docs-download"),
            operations: locale.t("api-docs-operations"),
            schemas: locale.t("api-docs-schemas"),
            parameters: locale.t("api-docs-parameters"),
            request_body: locale.t("api-docs-request-body"),
            responses: locale.t("api-docs-responses"),
            name: locale.t("api-docs-name"),
            place: locale.t("api-docs-in"),
            kind: locale.t("api-docs-type"),
            required: locale.t("api-docs-required"),
            description: locale.t("api-docs-description"),
            status: locale.t("api-docs-status"),
            headers: locale.t("api-docs-headers"),
            fields: locale.t("api-docs-fields"),
            anonymous: locale.t("api-docs-anonymous"),
            includes: locale.t("api-docs-includes"),
            yes: locale.t("api-docs-yes"),
        }
    }
}

/// A piece of a type as the page writes it: words, or the name of a schema to link to.
enum Part {
    Text(String),
    Schema(String),
}

/// A piece of the description's prose: words, or `code` (between backticks).
enum Inline {
    Text(String),
    Code(String),
}

/// The description's prose with its `code` marked, the only Markdown it uses.
fn prose(text: &str) -> Vec<Inline> {
    text.split('`')
        .enumerate()
        .filter(|(_, piece)| !piece.is_empty())
        .map(|(i, piece)| match i % 2 {
            0 => Inline::Text(piece.to_string()),
            _ => Inline::Code(piece.to_string()),
        })
        .collect()
}

struct Param {
    name: String,
    place: String,
    required: bool,
    kind: Vec<Part>,
    description: Vec<Inline>,
}

struct Answer {
    status: String,
    description: Vec<Inline>,
    kind: Vec<Part>,
    headers: Vec<String>,
}

struct Body {
    media: String,
    kind: Vec<Part>,
}

struct Operation {
    anchor: String,
    method: String,
    path: String,
    summary: Vec<Inline>,
    description: Vec<Inline>,
    anonymous: bool,
    params: Vec<Param>,
    body: Option<Body>,
    answers: Vec<Answer>,
}

struct Section {
    name: String,
    description: Vec<Inline>,
    operations: Vec<Operation>,
}

struct Field {
    name: String,
    required: bool,
    kind: Vec<Part>,
    description: Vec<Inline>,
}

struct SchemaDoc {
    name: String,
    description: Vec<Inline>,
    kind: Vec<Part>,
    includes: Vec<String>,
    fields: Vec<Field>,
}

#[derive(Template)]
#[template(path = "api-docs.html")]
struct Page<'a> {
    lang: &'a str,
    words: &'a Words,
    version: String,
    sections: &'a [Section],
    schemas: &'a [SchemaDoc],
}

/// The description as the page shows it, read once.
static CONTENT: LazyLock<(Vec<Section>, Vec<SchemaDoc>, String)> = LazyLock::new(|| {
    let api = serde_json::to_value(openapi::description()).unwrap_or_default();
    (sections(&api), schemas(&api), text(&api["info"]["version"]))
});

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// How a schema reads: `string (date-time)`, `list of TicketView`, `one of: a, b`, `… or null`.
fn describe(s: &Value) -> Vec<Part> {
    if let Some(r) = s["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap_or(r);
        return vec![Part::Schema(name.to_string())];
    }
    for (key, join) in [("oneOf", " | "), ("anyOf", " | "), ("allOf", " & ")] {
        if let Some(parts) = s[key].as_array() {
            let mut out = Vec::new();
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    out.push(Part::Text(join.into()));
                }
                out.extend(describe(part));
            }
            return out;
        }
    }
    if let Some(values) = s["enum"].as_array() {
        let values: Vec<String> = values
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect();
        return vec![Part::Text(format!("\"{}\"", values.join("\" | \"")))];
    }
    let kinds: Vec<&str> = match &s["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let mut out = Vec::new();
    for (i, kind) in kinds.iter().enumerate() {
        if i > 0 {
            out.push(Part::Text(" | ".into()));
        }
        match *kind {
            "array" => {
                out.push(Part::Text("[".into()));
                out.extend(describe(&s["items"]));
                out.push(Part::Text("]".into()));
            }
            "object" if s["additionalProperties"].is_object() => {
                out.push(Part::Text("{ string: ".into()));
                out.extend(describe(&s["additionalProperties"]));
                out.push(Part::Text(" }".into()));
            }
            "null" => out.push(Part::Text("null".into())),
            other => {
                let format = s["format"].as_str().map(|f| format!(" ({f})"));
                out.push(Part::Text(format!("{other}{}", format.unwrap_or_default())));
            }
        }
    }
    if out.is_empty() {
        out.push(Part::Text("any".into()));
    }
    out
}

fn sections(api: &Value) -> Vec<Section> {
    let tags: Vec<(String, Vec<Inline>)> = api["tags"]
        .as_array()
        .map(|ts| {
            ts.iter()
                .map(|t| (text(&t["name"]), prose(&text(&t["description"]))))
                .collect()
        })
        .unwrap_or_default();
    let mut out: Vec<Section> = tags
        .into_iter()
        .map(|(name, description)| Section {
            name,
            description,
            operations: Vec::new(),
        })
        .collect();
    let Some(paths) = api["paths"].as_object() else {
        return out;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, op) in item {
            let tag = op["tags"][0].as_str().unwrap_or_default();
            let operation = operation(path, method, op);
            if let Some(section) = out.iter_mut().find(|s| s.name == tag) {
                section.operations.push(operation);
            }
        }
    }
    out.retain(|s| !s.operations.is_empty());
    out
}

fn operation(path: &str, method: &str, op: &Value) -> Operation {
    let params = op["parameters"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .map(|p| Param {
                    name: text(&p["name"]),
                    place: text(&p["in"]),
                    required: p["required"].as_bool().unwrap_or(false),
                    kind: describe(&p["schema"]),
                    description: prose(&text(&p["description"])),
                })
                .collect()
        })
        .unwrap_or_default();
    let body = op["requestBody"]["content"]
        .as_object()
        .and_then(|c| c.iter().next())
        .map(|(media, c)| Body {
            media: media.clone(),
            kind: describe(&c["schema"]),
        });
    let answers = op["responses"]
        .as_object()
        .map(|rs| {
            rs.iter()
                .map(|(status, r)| Answer {
                    status: status.clone(),
                    description: prose(&text(&r["description"])),
                    kind: r["content"]
                        .as_object()
                        .and_then(|c| c.values().next())
                        .map(|c| describe(&c["schema"]))
                        .unwrap_or_default(),
                    headers: r["headers"]
                        .as_object()
                        .map(|h| h.keys().cloned().collect())
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    let id = text(&op["operationId"]);
    Operation {
        anchor: format!("op-{id}"),
        method: method.to_uppercase(),
        path: path.to_string(),
        summary: prose(&text(&op["summary"])),
        description: prose(&text(&op["description"])),
        anonymous: op["security"].is_array(),
        params,
        body,
        answers,
    }
}

fn schemas(api: &Value) -> Vec<SchemaDoc> {
    let Some(all) = api["components"]["schemas"].as_object() else {
        return Vec::new();
    };
    all.iter()
        .map(|(name, s)| {
            let parts: Vec<&Value> = match s["allOf"].as_array() {
                Some(parts) => parts.iter().collect(),
                None => vec![s],
            };
            let includes = parts
                .iter()
                .filter_map(|p| p["$ref"].as_str())
                .map(|r| r.rsplit('/').next().unwrap_or(r).to_string())
                .collect();
            let mut fields = Vec::new();
            for part in &parts {
                let required: Vec<&str> = part["required"]
                    .as_array()
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                if let Some(props) = part["properties"].as_object() {
                    fields.extend(props.iter().map(|(field, p)| Field {
                        name: field.clone(),
                        required: required.contains(&field.as_str()),
                        kind: describe(p),
                        description: prose(&text(&p["description"])),
                    }));
                }
            }
            let object = s["allOf"].is_array() || s["properties"].is_object();
            SchemaDoc {
                name: name.clone(),
                description: prose(&text(&s["description"])),
                kind: if object { Vec::new() } else { describe(s) },
                includes,
                fields,
            }
        })
        .collect()
}

/// The reference page, in the reader's language.
pub async fn page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let user = auth::authenticate(&state, &headers).await.ok().flatten();
    let locale = app::server::locale::for_person(&state.settings, user.as_ref(), Some(&headers));
    let words = Words::of(&locale);
    let (sections, schemas, version) = &*CONTENT;
    let page = Page {
        lang: locale.lang.code(),
        words: &words,
        version: version.clone(),
        sections,
        schemas,
    };
    match page.render() {
        Ok(html) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'self'; img-src 'self'; \
                     frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
                ),
            ],
            html,
        )
            .into_response(),
        Err(_) => error_response(&AppError::Internal),
    }
}

/// The reference page's stylesheet, from the repository.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/api-docs.css"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn words(parts: &[Part]) -> String {
        parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Schema(s) => format!("<{s}>"),
            })
            .collect()
    }

    #[test]
    fn prose_marks_its_code() {
        let parts = prose("Send `If-Match: \"3\"` or `x`.");
        let shown: Vec<String> = parts
            .iter()
            .map(|p| match p {
                Inline::Text(t) => t.clone(),
                Inline::Code(c) => format!("<{c}>"),
            })
            .collect();
        assert_eq!(shown, ["Send ", "<If-Match: \"3\">", " or ", "<x>", "."]);
    }

    #[test]
    fn types_read_as_written() {
        let cases = [
            (
                json!({"$ref": "#/components/schemas/TicketView"}),
                "<TicketView>",
            ),
            (
                json!({"type": "array", "items": {"$ref": "#/components/schemas/Note"}}),
                "[<Note>]",
            ),
            (
                json!({"type": ["string", "null"], "format": "date-time"}),
                "string (date-time) | null",
            ),
            (
                json!({"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Person"}]}),
                "null | <Person>",
            ),
            (
                json!({"type": "string", "enum": ["new", "assigned"]}),
                "\"new\" | \"assigned\"",
            ),
            (json!({}), "any"),
        ];
        for (schema, expected) in cases {
            assert_eq!(words(&describe(&schema)), expected, "{schema}");
        }
    }

    #[test]
    fn every_operation_and_schema_is_on_the_page() {
        let (sections, schemas, _) = &*CONTENT;
        let shown: usize = sections.iter().map(|s| s.operations.len()).sum();
        let api = serde_json::to_value(openapi::description()).unwrap();
        let described: usize = api["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|item| item.as_object().unwrap().len())
            .sum();
        assert_eq!(
            shown, described,
            "an operation without a known tag is missing"
        );
        assert_eq!(
            schemas.len(),
            api["components"]["schemas"].as_object().unwrap().len()
        );
        let page = Page {
            lang: "en",
            words: &Words::of(&Locale::default()),
            version: "1".into(),
            sections,
            schemas,
        }
        .render()
        .unwrap();
        assert!(page.contains("id=\"op-create_ticket\""));
        assert!(page.contains("id=\"schema-TicketView\""));
        assert!(page.contains("href=\"#schema-TicketView\""));
        assert!(
            !page.contains("api-docs-"),
            "a word is missing from the catalogue"
        );
    }
}
