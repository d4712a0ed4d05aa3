//! The API's OpenAPI 3.1 description, read from the handlers' `#[utoipa::path]` annotations and
//! from the types they take and answer, so it cannot drift from what the API does. Served at
//! `/api/v1/openapi.json`; browsable at `/api/docs`.

use super::*;
use std::sync::LazyLock;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Content, OpenApi, Ref, ResponseBuilder};

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Switchboard REST API",
        version = "1",
        description = "The IT help desk's tickets, notes, knowledge, projects, facility work, \
            reports and webhooks, with the same rules and permissions as its pages. Times are \
            ISO 8601 in UTC; messages are English. See docs/api.md for walkthroughs."
    ),
    components(schemas(ErrorBody, ErrorDetail)),
    tags(
        (name = "tokens", description = "Bearer tokens and accounts"),
        (name = "me", description = "The caller's language and time zone"),
        (name = "tickets", description = "Filing, reading, changing and following tickets"),
        (name = "attachments", description = "Files on tickets"),
        (name = "knowledge", description = "Articles of the knowledge base"),
        (name = "coordination", description = "Projects, planned tasks, facility work and links"),
        (name = "settings", description = "Categories, service levels and notifications"),
        (name = "reports", description = "Where the desk is slow"),
        (name = "webhooks", description = "Telling other tools what changed (admins)"),
        (name = "meta", description = "This description"),
    )
)]
struct Base;

/// The whole description, with the paths as clients call them (`/api/v1/...`).
pub fn description() -> OpenApi {
    let (_, mut api) = OpenApiRouter::with_openapi(<Base as utoipa::OpenApi>::openapi())
        .nest("/api/v1", routes())
        .split_for_parts();
    conventions(&mut api);
    api
}

static DESCRIPTION: LazyLock<String> =
    LazyLock::new(|| description().to_json().unwrap_or_default());

/// This description of the API (OpenAPI 3.1), for tools that generate clients or test it.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "meta",
    security(()),
    responses((status = 200, description = "The OpenAPI 3.1 description", content_type = "application/json"))
)]
pub async fn description_json() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DESCRIPTION.as_str(),
    )
        .into_response()
}

/// What holds for every operation and is therefore written once: the bearer scheme, and the
/// errors any operation may answer in the one error shape.
fn conventions(api: &mut OpenApi) {
    let components = api.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "A token from `POST /api/v1/auth/token`, sent as `Authorization: Bearer …`; \
                     a signed-in browser's session cookie is accepted too.",
                ))
                .build(),
        ),
    );
    api.security = Some(vec![SecurityRequirement::new(
        "bearer",
        Vec::<String>::new(),
    )]);
    for item in api.paths.paths.values_mut() {
        let operations = [
            (false, &mut item.get),
            (true, &mut item.put),
            (true, &mut item.post),
            (true, &mut item.delete),
            (true, &mut item.patch),
        ];
        for (writes, op) in operations {
            if let Some(op) = op {
                add_errors(op, writes);
            }
        }
    }
}

/// The errors an operation may answer besides its own (those it names keep their words).
fn add_errors(op: &mut Operation, writes: bool) {
    let anonymous = op.security.is_some();
    let mut errors = vec![
        (
            "400",
            "Malformed: unreadable JSON, unknown fields or parameters",
        ),
        ("404", "Not found, or not visible to the caller"),
        (
            "422",
            "Invalid fields (each named in `fields`) or an impossible change",
        ),
    ];
    if !anonymous {
        errors.push(("401", "No valid token or session"));
        errors.push(("403", "Not allowed for the caller's role"));
    }
    if op.request_body.is_some() {
        errors.push(("413", "Body over 64 KiB"));
    }
    if writes {
        errors.push((
            "409",
            "Someone changed the same thing at the same moment: read it again and retry",
        ));
    }
    for (status, text) in errors {
        op.responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| {
                ResponseBuilder::new()
                    .description(text)
                    .content(
                        "application/json",
                        Content::new(Some(Ref::from_schema_name("ErrorBody"))),
                    )
                    .build()
                    .into()
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn described() -> Value {
        serde_json::from_str(&DESCRIPTION).expect("the description is JSON")
    }

    /// A route added to the API without its operation would be missing from the description:
    /// routes are only ever added with `routes!`, which takes the operation with the handler.
    #[test]
    fn the_api_adds_routes_only_with_their_description() {
        let source = include_str!("mod.rs");
        let start = source.find("pub fn routes()").expect("routes()");
        let end = start + source[start..].find("\n}\n").expect("end of routes()");
        let body = &source[start..end];
        for undescribed in [
            ".route(",
            ".route_service(",
            ".nest(",
            ".merge(",
            ".nest_service(",
        ] {
            assert!(
                !body.contains(undescribed),
                "routes() adds a route with {undescribed}: use routes! so it is described"
            );
        }
        // Every handler named in routes() is an operation of the description.
        let handlers = body.matches("routes!(").count();
        let paths = described()["paths"].as_object().unwrap().len();
        assert_eq!(handlers, paths, "one routes! per path");
    }

    #[test]
    fn every_operation_names_its_parameters_answers_and_tag() {
        let api = described();
        assert_eq!(api["openapi"], "3.1.0");
        let mut operations = 0;
        for (path, item) in api["paths"].as_object().unwrap() {
            assert!(path.starts_with("/api/v1/"), "{path}");
            for (method, op) in item.as_object().unwrap() {
                operations += 1;
                let what = format!("{method} {path}");
                let params: Vec<&str> = op["parameters"]
                    .as_array()
                    .map(|ps| {
                        ps.iter()
                            .filter(|p| p["in"] == "path")
                            .filter_map(|p| p["name"].as_str())
                            .collect()
                    })
                    .unwrap_or_default();
                let in_path: Vec<&str> = path
                    .split('/')
                    .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
                    .collect();
                assert_eq!(params, in_path, "{what}: path parameters");
                let answers = op["responses"].as_object().unwrap();
                assert!(
                    answers
                        .keys()
                        .any(|s| s.starts_with('2') || s.starts_with('3')),
                    "{what} has no success answer"
                );
                assert!(answers.contains_key("404"), "{what}: the error answers");
                assert!(
                    op["tags"].as_array().is_some_and(|t| !t.is_empty()),
                    "{what}"
                );
                assert!(op["summary"].is_string(), "{what} says what it does");
            }
        }
        assert!(operations >= 50, "{operations} operations");
    }

    /// Every `$ref` leads to a schema the description holds.
    #[test]
    fn every_reference_resolves() {
        fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
            match v {
                Value::Object(m) => {
                    if let Some(Value::String(r)) = m.get("$ref") {
                        out.push(r);
                    }
                    m.values().for_each(|v| refs(v, out));
                }
                Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
                _ => {}
            }
        }
        let api = described();
        let mut found = Vec::new();
        refs(&api, &mut found);
        assert!(!found.is_empty());
        for r in found {
            let name = r.strip_prefix("#/components/schemas/").expect(r);
            assert!(
                api["components"]["schemas"][name].is_object(),
                "{r} is not in the description"
            );
        }
    }

    #[test]
    fn operations_need_a_token_unless_they_say_otherwise() {
        let api = described();
        assert_eq!(api["security"], serde_json::json!([{"bearer": []}]));
        assert_eq!(
            api["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
        let token = &api["paths"]["/api/v1/auth/token"]["post"];
        assert_eq!(token["security"], serde_json::json!([{}]));
        assert!(token["responses"]["401"].is_object());
        assert!(token["responses"]["429"]["headers"]["Retry-After"].is_object());
        let ticket = &api["paths"]["/api/v1/tickets/{number}"];
        assert!(ticket["get"]["responses"]["200"]["headers"]["ETag"].is_object());
        assert!(ticket["patch"]["responses"]["412"].is_object());
        assert!(ticket["patch"]["responses"]["428"].is_object());
        assert!(ticket["patch"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "If-Match" && p["in"] == "header"));
    }
}
