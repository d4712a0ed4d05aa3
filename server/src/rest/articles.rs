//! The knowledge base over the API: the same readers and writers as the help pages.

use super::tickets::if_match;
use super::*;
use app::domain::knowledge::ArticleDraft;
use app::server::knowledge;
use app::types::{Article, ArticleSummary};

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn summary_json(a: &ArticleSummary) -> Value {
    json!({
        "id": a.id,
        "title": a.title,
        "excerpt": a.excerpt,
        "audience": a.audience,
        "state": a.state,
        "updated_at": time(a.updated_at),
    })
}

fn article_json(a: &Article) -> Value {
    json!({
        "id": a.id,
        "title": a.title,
        "body": a.body,
        "html": a.html,
        "category": a.category,
        "tags": a.tags,
        "audience": a.audience,
        "state": a.state,
        "owner": person(&a.owner),
        "source_ticket": a.source_ticket.map(|n| n.to_string()),
        "reviewed_at": time(a.reviewed_at),
        "updated_at": time(a.updated_at),
        "version": a.version,
        "views": a.views,
        "helped": a.helped,
        "not_helped": a.not_helped,
    })
}

fn with_version(status: StatusCode, a: &Article) -> Response {
    let mut r = (status, Json(article_json(a))).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", a.version)) {
        r.headers_mut().insert(header::ETAG, v);
    }
    r
}

fn article_id(s: &str) -> Result<i64, ApiError> {
    s.parse().map_err(|_| ApiError(AppError::NotFound))
}

#[derive(Deserialize)]
pub(super) struct ArticleQuery {
    #[serde(default)]
    q: String,
}

pub(super) async fn list_articles(
    State(state): State<AppState>,
    Caller(user): Caller,
    query: Result<Query<ArticleQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(query) = query.map_err(|e| ApiError(AppError::BadRequest(e.body_text())))?;
    let list = knowledge::articles(&state, Some(&user), &query.q).await?;
    let items: Vec<Value> = list.iter().map(summary_json).collect();
    Ok(Json(json!({ "items": items })).into_response())
}

pub(super) async fn create_article(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(draft): ApiJson<ArticleDraft>,
) -> ApiResult<Response> {
    let a = knowledge::save_article(&state, &user, None, None, draft).await?;
    let mut r = with_version(StatusCode::CREATED, &a);
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/articles/{}", a.id)) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    Ok(r)
}

pub(super) async fn get_article(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let a = knowledge::article(&state, &user, article_id(&id)?).await?;
    Ok(with_version(StatusCode::OK, &a))
}

/// Replaces an article; `If-Match` with its ETag, like a ticket's change.
pub(super) async fn put_article(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(draft): ApiJson<ArticleDraft>,
) -> ApiResult<Response> {
    let id = article_id(&id)?;
    // Only someone who may read it learns that it exists.
    knowledge::article(&state, &user, id).await?;
    let version = if_match(&headers)?;
    match knowledge::save_article(&state, &user, Some(id), Some(version), draft).await {
        Ok(a) => Ok(with_version(StatusCode::OK, &a)),
        Err(AppError::Conflict) => {
            let mut r = error_response(&AppError::Conflict);
            *r.status_mut() = StatusCode::PRECONDITION_FAILED;
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}

/// `/help/open/{article|ticket}/{id}`: an answer offered on the request form, opened. Counted for
/// the reports (a request avoided when no request follows), then the reader goes to it.
pub async fn open_offered(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((kind, id)): Path<(String, String)>,
) -> Response {
    let offered = match kind.as_str() {
        "article" => id.parse().ok().map(knowledge::Offered::Article),
        "ticket" => TicketNumber::parse(&id).map(knowledge::Offered::Ticket),
        _ => None,
    };
    let Some(offered) = offered else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let user = auth::authenticate(&state, &headers).await.ok().flatten();
    match knowledge::open_offered(&state, user.as_ref(), offered).await {
        Ok(to) => axum::response::Redirect::to(&to).into_response(),
        Err(e) => error_response(&e),
    }
}
