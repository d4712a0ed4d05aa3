//! The knowledge base over the API: the same readers and writers as the help pages.

use super::tickets::if_match;
use super::*;
use app::domain::knowledge::{ArticleDraft, ArticleState, Audience};
use app::server::knowledge;
use app::types::{Article, ArticleSummary};

/// An article in a list.
#[derive(Serialize, ToSchema)]
pub(super) struct ArticleSummaryView {
    id: i64,
    title: String,
    /// The start of its text.
    excerpt: String,
    audience: Audience,
    state: ArticleState,
    #[schema(format = DateTime)]
    updated_at: String,
}

fn summary_json(a: &ArticleSummary) -> ArticleSummaryView {
    ArticleSummaryView {
        id: a.id,
        title: a.title.clone(),
        excerpt: a.excerpt.clone(),
        audience: a.audience,
        state: a.state,
        updated_at: api_time(a.updated_at),
    }
}

/// An article as the caller may read it. Its `version` is also its `ETag`.
#[derive(Serialize, ToSchema)]
pub(super) struct ArticleView {
    id: i64,
    title: String,
    /// Markdown, as written.
    body: String,
    /// The body as HTML, cleaned on the server (no script, no event handlers, safe links).
    html: String,
    /// A category's slug.
    category: Option<String>,
    tags: Vec<String>,
    audience: Audience,
    state: ArticleState,
    owner: Person,
    /// The resolved ticket it was made from (staff only).
    source_ticket: Option<String>,
    #[schema(format = DateTime)]
    reviewed_at: String,
    #[schema(format = DateTime)]
    updated_at: String,
    version: i64,
    views: i64,
    /// "Did this help?" answered yes.
    helped: i64,
    not_helped: i64,
}

fn article_json(a: &Article) -> ArticleView {
    ArticleView {
        id: a.id,
        title: a.title.clone(),
        body: a.body.clone(),
        html: a.html.clone(),
        category: a.category.clone(),
        tags: a.tags.clone(),
        audience: a.audience,
        state: a.state,
        owner: person(&a.owner),
        source_ticket: a.source_ticket.map(|n| n.to_string()),
        reviewed_at: api_time(a.reviewed_at),
        updated_at: api_time(a.updated_at),
        version: a.version,
        views: a.views,
        helped: a.helped,
        not_helped: a.not_helped,
    }
}

/// Articles.
#[derive(Serialize, ToSchema)]
pub(super) struct ArticleList {
    items: Vec<ArticleSummaryView>,
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

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ArticleQuery {
    /// Words to search for; without them, every article the caller may read.
    #[serde(default)]
    q: String,
}

/// Articles the caller may read (staff: also staff-only ones and drafts), best match first.
#[utoipa::path(
    get,
    path = "/articles",
    tag = "knowledge",
    params(ArticleQuery),
    responses((status = 200, description = "Matching articles", body = ArticleList))
)]
pub(super) async fn list_articles(
    State(state): State<AppState>,
    Caller(user): Caller,
    query: Result<Query<ArticleQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(query) = query.map_err(|e| ApiError(AppError::BadRequest(e.body_text())))?;
    let list = knowledge::articles(&state, Some(&user), &query.q).await?;
    Ok(Json(ArticleList {
        items: list.iter().map(summary_json).collect(),
    })
    .into_response())
}

/// Writes an article (staff; coordinators publish).
#[utoipa::path(
    post,
    path = "/articles",
    tag = "knowledge",
    request_body = ArticleDraft,
    responses((status = 201, description = "The article", body = ArticleView, headers(
        ("ETag" = String, description = "The article's version, quoted"),
        ("Location" = String, description = "Where the article is read"),
    )))
)]
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

/// An article, if the caller may read it.
#[utoipa::path(
    get,
    path = "/articles/{id}",
    tag = "knowledge",
    params(("id" = i64, Path, description = "The article's id")),
    responses((status = 200, description = "The article", body = ArticleView,
        headers(("ETag" = String, description = "The article's version, quoted"))))
)]
pub(super) async fn get_article(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    let a = knowledge::article(&state, &user, article_id(&id)?).await?;
    Ok(with_version(StatusCode::OK, &a))
}

/// Replaces an article; `If-Match` with its ETag, like a ticket's change. Every edit is kept.
#[utoipa::path(
    put,
    path = "/articles/{id}",
    tag = "knowledge",
    params(
        ("id" = i64, Path, description = "The article's id"),
        ("If-Match" = String, Header, description = "The ETag the caller read"),
    ),
    request_body = ArticleDraft,
    responses(
        (status = 200, description = "The article as now", body = ArticleView,
            headers(("ETag" = String, description = "The new version, quoted"))),
        (status = 412, description = "Someone changed it first", body = ErrorBody),
        (status = 428, description = "`If-Match` is missing", body = ErrorBody),
    )
)]
pub(super) async fn put_article(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
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
    ApiPath((kind, id)): ApiPath<(String, String)>,
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
