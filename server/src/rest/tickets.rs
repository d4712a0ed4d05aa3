//! Tickets: filing, reading, listing, changing with If-Match, notes, escalation, watchers, history and reports.

use super::*;

pub(super) async fn create_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(mut input): ApiJson<NewTicket>,
) -> ApiResult<Response> {
    if input.channel.is_none() {
        input.channel = Some("api".into());
    }
    let t = service::create_ticket(&state, &user, input).await?;
    let mut r = with_etag(StatusCode::CREATED, &t, state.clock.now());
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/tickets/{}", t.number)) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    Ok(r)
}

pub(super) async fn get_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
) -> ApiResult<Response> {
    let asked = number(&n)?;
    // A merged duplicate's number leads to the ticket it was merged into.
    let to = app::server::coordination::follow_merges(&state, &user, asked).await?;
    if to != asked {
        return Ok((
            StatusCode::PERMANENT_REDIRECT,
            [(header::LOCATION, format!("/api/v1/tickets/{to}"))],
        )
            .into_response());
    }
    let t = service::ticket(&state, &user, asked).await?;
    Ok(with_etag(StatusCode::OK, &t, state.clock.now()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ListQuery {
    status: Option<String>,
    assignee: Option<String>,
    priority: Option<String>,
    category: Option<String>,
    q: Option<String>,
    limit: Option<i64>,
    cursor: Option<String>,
}

pub(super) async fn list_tickets(
    State(state): State<AppState>,
    Caller(user): Caller,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(q) = query.map_err(|e| ApiError(AppError::BadRequest(e.body_text())))?;
    let params = ListParams {
        status: q.status,
        assignee: q.assignee,
        priority: q.priority,
        category: q.category,
        q: q.q,
        limit: q.limit,
        cursor: q.cursor,
        mine: false,
    };
    let (items, next) = service::list_tickets(&state, &user, params).await?;
    Ok(Json(
        json!({"items": items.iter().map(|t| ticket_json(t, state.clock.now())).collect::<Vec<_>>(), "next_cursor": next}),
    )
    .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Patch {
    status: Option<Status>,
    waiting_on: Option<WaitingOn>,
    assignee: Option<String>,
    priority: Option<Priority>,
    reason: Option<String>,
    category: Option<String>,
    resolution: Option<String>,
    /// Minutes spent, logged with a resolution.
    minutes: Option<i64>,
    /// Resolving a parent resolves its open children with the same solution.
    #[serde(default)]
    resolve_children: bool,
}

/// The version named by `If-Match: "3"` (or a weak `W/"3"`).
pub(super) fn if_match(headers: &HeaderMap) -> Result<i64, ApiError> {
    let raw = headers
        .get(header::IF_MATCH)
        .ok_or(ApiError(AppError::PreconditionRequired))?;
    raw.to_str()
        .ok()
        .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            ApiError(AppError::BadRequest(
                "If-Match must be the ticket's ETag, e.g. \"3\"".into(),
            ))
        })
}

pub(super) async fn patch_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
    headers: HeaderMap,
    ApiJson(p): ApiJson<Patch>,
) -> ApiResult<Response> {
    let number = number(&n)?;
    let current = service::ticket(&state, &user, number).await?;
    let version = if_match(&headers)?;
    let (status, waiting_on, mut change) = p.into_change();
    if let Some(to) = status {
        change.action = ActionKind::to_reach(current.status, to, waiting_on)
            .map_err(|m| AppError::field_msg("status", m))?;
    }
    match service::change_ticket(&state, &user, number, Some(version), change).await {
        Ok(t) => Ok(with_etag(StatusCode::OK, &t, state.clock.now())),
        Err(AppError::Conflict) => {
            let mut r = error_response(&AppError::Conflict);
            *r.status_mut() = StatusCode::PRECONDITION_FAILED;
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}

impl Patch {
    /// The change to a ticket this patch asks for, and the status it should reach.
    fn into_change(self) -> (Option<Status>, Option<WaitingOn>, TicketChange) {
        let change = TicketChange {
            action: None,
            assignee: self.assignee,
            priority: self.priority,
            reason: self.reason,
            category: self.category,
            impact: None,
            urgency: None,
            text: self.resolution,
            minutes: self.minutes,
            resolve_children: self.resolve_children,
        };
        (self.status, self.waiting_on, change)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BulkBody {
    tickets: Vec<BulkTarget>,
    /// One of these four: the same fields as a ticket's PATCH, a note, a watcher's address, or
    /// the ticket that becomes every ticket's parent.
    change: Option<Patch>,
    note: Option<BulkNote>,
    watcher: Option<String>,
    parent: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BulkNote {
    body: String,
    visibility: Option<NoteVisibility>,
}

/// One change to many tickets (`POST /api/v1/tickets/bulk`): each ticket is changed as a PATCH
/// with its `version` as If-Match would change it, and answers for itself (`status` 200 with the
/// ticket, or the error a single change would have had: 412 when stale, 404 when not visible).
pub(super) async fn bulk_change(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(b): ApiJson<BulkBody>,
) -> ApiResult<Response> {
    let change = match (b.change, b.note, b.watcher, b.parent) {
        (Some(p), None, None, None) => {
            let (status, waiting_on, change) = p.into_change();
            BulkChange::Change {
                status,
                waiting_on,
                change,
            }
        }
        (None, Some(n), None, None) => BulkChange::Note {
            body: n.body,
            visibility: n.visibility.unwrap_or(NoteVisibility::Internal),
        },
        (None, None, Some(email), None) => BulkChange::Watch { email },
        (None, None, None, Some(parent)) => BulkChange::Children { parent },
        _ => return Err(AppError::BadRequest("err-bulk-one-change".into()).into()),
    };
    let outcomes = service::bulk_change(&state, &user, &b.tickets, &change).await?;
    let now = state.clock.now();
    let done = outcomes.iter().filter(|o| o.result.is_ok()).count();
    let items: Vec<Value> = outcomes
        .iter()
        .map(|o| match &o.result {
            Ok(t) => json!({"number": o.number.to_string(), "status": 200, "ticket": ticket_json(t, now)}),
            Err(e) => {
                let (status, body) = error_body(e);
                let status = match e {
                    AppError::Conflict => StatusCode::PRECONDITION_FAILED,
                    _ => status,
                };
                json!({"number": o.number.to_string(), "status": status.as_u16(), "error": body})
            }
        })
        .collect();
    Ok(
        Json(json!({"items": items, "done": done, "refused": outcomes.len() - done}))
            .into_response(),
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NoteBody {
    body: String,
    visibility: Option<NoteVisibility>,
    minutes: Option<i64>,
    idempotency_key: Option<String>,
}

pub(super) async fn add_note(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
    headers: HeaderMap,
    ApiJson(b): ApiJson<NoteBody>,
) -> ApiResult<Response> {
    let key = b.idempotency_key.or_else(|| {
        headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(String::from)
    });
    let input = NoteInput {
        body: b.body,
        visibility: b.visibility.unwrap_or(NoteVisibility::Internal),
        minutes: b.minutes,
        idempotency_key: key,
        reused: Vec::new(),
    };
    let note = service::add_note(&state, &user, number(&n)?, input).await?;
    Ok((StatusCode::CREATED, Json(note)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NotesQuery {
    /// The id of the last note of the previous page.
    after: Option<i64>,
    limit: Option<i64>,
}

/// A ticket's conversation, oldest first: public notes for people outside IT, internal ones too
/// for staff; `next_after` continues it.
pub(super) async fn notes(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
    query: Result<Query<NotesQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(q) = query.map_err(|e| ApiError(AppError::BadRequest(e.body_text())))?;
    let (items, next) =
        service::notes(&state, &user, number(&n)?, q.after, q.limit.unwrap_or(50)).await?;
    Ok(Json(json!({"items": items, "next_after": next})).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Escalation {
    reason: String,
    assignee: Option<String>,
}

pub(super) async fn escalate(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
    ApiJson(e): ApiJson<Escalation>,
) -> ApiResult<Response> {
    let change = TicketChange {
        action: Some(ActionKind::Escalate),
        assignee: e.assignee,
        reason: Some(e.reason),
        ..TicketChange::default()
    };
    let t = service::change_ticket(&state, &user, number(&n)?, None, change).await?;
    Ok(with_etag(StatusCode::OK, &t, state.clock.now()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WatcherBody {
    email: String,
}

/// Adds a watcher (coordinators, the requester or the assignee); answers the watcher list.
pub(super) async fn add_watcher(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
    ApiJson(b): ApiJson<WatcherBody>,
) -> ApiResult<Response> {
    let watchers = service::add_watcher(&state, &user, number(&n)?, &b.email).await?;
    let items: Vec<Value> = watchers.iter().map(person).collect();
    Ok(Json(json!({ "items": items })).into_response())
}

pub(super) async fn events(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
) -> ApiResult<Response> {
    let events = service::events(&state, &user, number(&n)?).await?;
    Ok(Json(json!({"items": events})).into_response())
}

/// Every report table of a period, as JSON, in the caller's language (their own choice, else
/// `Accept-Language`); the days are the desk's.
pub(super) async fn report(
    State(state): State<AppState>,
    Caller(user): Caller,
    headers: HeaderMap,
    query: Result<Query<ReportQuery>, QueryRejection>,
) -> ApiResult<Json<Report>> {
    let Query(q) = query.map_err(|e| ApiError(AppError::BadRequest(e.body_text())))?;
    let locale = app::server::locale::for_person(&state.settings, Some(&user), Some(&headers));
    Ok(Json(
        app::server::reports::report_in(&state, &user, &q, &locale).await?,
    ))
}

/// One report table as CSV (`/api/v1/reports/volume.csv?from=…&to=…`), with the same text in
/// each cell as the table on the reports page and its header row in the caller's language.
pub(super) async fn report_csv(
    State(state): State<AppState>,
    Caller(user): Caller,
    headers: HeaderMap,
    Path(file): Path<String>,
    query: Result<Query<ReportQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(q) = query.map_err(|e| ApiError(AppError::BadRequest(e.body_text())))?;
    let key = file
        .strip_suffix(".csv")
        .ok_or(ApiError(AppError::NotFound))?;
    let locale = app::server::locale::for_person(&state.settings, Some(&user), Some(&headers));
    let report = app::server::reports::report_in(&state, &user, &q, &locale).await?;
    let table = report.table(key).ok_or(ApiError(AppError::NotFound))?;
    let filename = format!(
        "switchboard-{}-{}-to-{}.csv",
        table.key, report.scope.from, report.scope.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        table.csv(),
    )
        .into_response())
}

// ---- coordination: projects, facility work orders, links -----------------------------------
