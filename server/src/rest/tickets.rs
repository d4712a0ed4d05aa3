//! Tickets: filing, reading, listing, changing with If-Match, notes, escalation, watchers, history and reports.

use super::*;
use app::domain::{Event, Note};

/// Files a request. Staff may name `requester_email` to file on someone's behalf.
#[utoipa::path(
    post,
    path = "/tickets",
    tag = "tickets",
    request_body = NewTicket,
    responses((status = 201, description = "Filed", body = TicketView, headers(
        ("ETag" = String, description = "The ticket's version, quoted"),
        ("Location" = String, description = "Where the ticket is read"),
    )))
)]
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

/// A ticket as the caller may see it; a merged duplicate's number leads on to the ticket it
/// was merged into.
#[utoipa::path(
    get,
    path = "/tickets/{number}",
    tag = "tickets",
    params(("number" = String, Path, description = "`SB-1042`")),
    responses(
        (status = 200, description = "The ticket", body = TicketView,
            headers(("ETag" = String, description = "The ticket's version, quoted; send it back in `If-Match`"))),
        (status = 308, description = "Merged: read the ticket it was merged into",
            headers(("Location" = String, description = "The ticket it was merged into"))),
    )
)]
pub(super) async fn get_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(n): ApiPath<String>,
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

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct ListQuery {
    /// Statuses, comma-separated, or `open`.
    status: Option<String>,
    /// An email, `me` or `none`.
    assignee: Option<String>,
    /// `P1` to `P4`, comma-separated.
    priority: Option<String>,
    /// A category's slug.
    category: Option<String>,
    /// Words to search for.
    q: Option<String>,
    /// At most this many (1–200, default 50).
    limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// One page of tickets.
#[derive(Serialize, ToSchema)]
pub(super) struct TicketList {
    items: Vec<TicketView>,
    /// Ask again with `cursor` set to this for the next page; absent on the last.
    next_cursor: Option<String>,
}

/// Tickets the caller may see, filtered; the newest first.
#[utoipa::path(
    get,
    path = "/tickets",
    tag = "tickets",
    params(ListQuery),
    responses((status = 200, description = "One page of tickets", body = TicketList))
)]
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
    let now = state.clock.now();
    Ok(Json(TicketList {
        items: items.iter().map(|t| ticket_view(t, now)).collect(),
        next_cursor: next,
    })
    .into_response())
}

/// A change to a ticket: any of these fields, applied together.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Patch {
    /// The status to reach along the lifecycle.
    status: Option<Status>,
    /// With `waiting`: whom the ticket waits on.
    waiting_on: Option<WaitingOn>,
    /// A technician's email.
    assignee: Option<String>,
    priority: Option<Priority>,
    /// Why the priority changes, or what is still wrong when reopening (at most 1,000 characters).
    reason: Option<String>,
    /// A category's slug.
    category: Option<String>,
    /// With `resolved`: how it was solved (required).
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

/// Changes a ticket, naming the version the caller saw.
#[utoipa::path(
    patch,
    path = "/tickets/{number}",
    tag = "tickets",
    params(
        ("number" = String, Path, description = "`SB-1042`"),
        ("If-Match" = String, Header, description = "The ETag the caller read, e.g. `\"3\"`"),
    ),
    request_body = Patch,
    responses(
        (status = 200, description = "Changed", body = TicketView,
            headers(("ETag" = String, description = "The new version, quoted"))),
        (status = 412, description = "Someone changed it first: read it again", body = ErrorBody),
        (status = 428, description = "`If-Match` is missing", body = ErrorBody),
    )
)]
pub(super) async fn patch_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(n): ApiPath<String>,
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

/// One change to many tickets: exactly one of `change`, `note`, `watcher` or `parent`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct BulkBody {
    /// Up to 500 tickets, each with the version the caller saw.
    tickets: Vec<BulkTarget>,
    /// One of these four: the same fields as a ticket's PATCH, a note, a watcher's address, or
    /// the ticket that becomes every ticket's parent.
    change: Option<Patch>,
    note: Option<BulkNote>,
    watcher: Option<String>,
    parent: Option<String>,
}

/// A note added to every ticket.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct BulkNote {
    body: String,
    /// `internal` unless said otherwise.
    visibility: Option<NoteVisibility>,
}

/// What became of one ticket of a bulk change.
#[derive(Serialize, ToSchema)]
pub(super) struct BulkItem {
    number: String,
    /// 200 when changed, else the status a single change would have had.
    status: u16,
    /// The ticket as it is now, when changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    ticket: Option<TicketView>,
    /// Why it was refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorDetail>,
}

/// Each ticket's outcome, and how many were changed and refused.
#[derive(Serialize, ToSchema)]
pub(super) struct BulkAnswer {
    items: Vec<BulkItem>,
    done: usize,
    refused: usize,
}

/// One change to many tickets (`POST /api/v1/tickets/bulk`): each ticket is changed as a PATCH
/// with its `version` as If-Match would change it, and answers for itself (`status` 200 with the
/// ticket, or the error a single change would have had: 412 when stale, 404 when not visible).
#[utoipa::path(
    post,
    path = "/tickets/bulk",
    tag = "tickets",
    request_body = BulkBody,
    responses((status = 200, description = "Each ticket's outcome; the others proceed when some are refused", body = BulkAnswer))
)]
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
    let items = outcomes
        .iter()
        .map(|o| match &o.result {
            Ok(t) => BulkItem {
                number: o.number.to_string(),
                status: 200,
                ticket: Some(ticket_view(t, now)),
                error: None,
            },
            Err(e) => {
                let (status, error) = error_body(e);
                let status = match e {
                    AppError::Conflict => StatusCode::PRECONDITION_FAILED,
                    _ => status,
                };
                BulkItem {
                    number: o.number.to_string(),
                    status: status.as_u16(),
                    ticket: None,
                    error: Some(error),
                }
            }
        })
        .collect();
    Ok(Json(BulkAnswer {
        items,
        done,
        refused: outcomes.len() - done,
    })
    .into_response())
}

/// A note on a ticket.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct NoteBody {
    body: String,
    /// `internal` unless said otherwise; people outside IT only write public notes.
    visibility: Option<NoteVisibility>,
    /// Minutes spent.
    minutes: Option<i64>,
    /// The same key twice adds the note once (also as an `Idempotency-Key` header).
    idempotency_key: Option<String>,
}

/// Adds a note (public: the requester and watchers are told).
#[utoipa::path(
    post,
    path = "/tickets/{number}/notes",
    tag = "tickets",
    params(
        ("number" = String, Path, description = "`SB-1042`"),
        ("Idempotency-Key" = Option<String>, Header, description = "Adds the note once however often it is sent"),
    ),
    request_body = NoteBody,
    responses((status = 201, description = "The note", body = Note))
)]
pub(super) async fn add_note(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(n): ApiPath<String>,
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

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct NotesQuery {
    /// The id of the last note of the previous page.
    after: Option<i64>,
    /// At most this many (1–200, default 50).
    limit: Option<i64>,
}

/// One page of a ticket's conversation.
#[derive(Serialize, ToSchema)]
pub(super) struct NoteList {
    items: Vec<Note>,
    /// Ask again with `after` set to this for the next page; absent on the last.
    next_after: Option<i64>,
}

/// A ticket's conversation, oldest first: public notes for people outside IT, internal ones too
/// for staff; `next_after` continues it.
#[utoipa::path(
    get,
    path = "/tickets/{number}/notes",
    tag = "tickets",
    params(("number" = String, Path, description = "`SB-1042`"), NotesQuery),
    responses((status = 200, description = "One page of notes", body = NoteList))
)]
pub(super) async fn notes(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(n): ApiPath<String>,
    query: Result<Query<NotesQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(q) = query.map_err(|e| ApiError(AppError::BadRequest(e.body_text())))?;
    let (items, next) =
        service::notes(&state, &user, number(&n)?, q.after, q.limit.unwrap_or(50)).await?;
    Ok(Json(NoteList {
        items,
        next_after: next,
    })
    .into_response())
}

/// Why a ticket is escalated, and to whom.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Escalation {
    reason: String,
    /// A technician's email.
    assignee: Option<String>,
}

/// Escalates a ticket: only ever raises its priority; coordinators are told.
#[utoipa::path(
    post,
    path = "/tickets/{number}/escalate",
    tag = "tickets",
    params(("number" = String, Path, description = "`SB-1042`")),
    request_body = Escalation,
    responses((status = 200, description = "Escalated", body = TicketView,
        headers(("ETag" = String, description = "The new version, quoted"))))
)]
pub(super) async fn escalate(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(n): ApiPath<String>,
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

/// Someone to keep informed.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct WatcherBody {
    email: String,
}

/// People.
#[derive(Serialize, ToSchema)]
pub(super) struct PersonList {
    items: Vec<Person>,
}

/// Adds a watcher (coordinators, the requester or the assignee); answers the watcher list.
#[utoipa::path(
    post,
    path = "/tickets/{number}/watchers",
    tag = "tickets",
    params(("number" = String, Path, description = "`SB-1042`")),
    request_body = WatcherBody,
    responses((status = 200, description = "The ticket's watchers (at most 50)", body = PersonList))
)]
pub(super) async fn add_watcher(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(n): ApiPath<String>,
    ApiJson(b): ApiJson<WatcherBody>,
) -> ApiResult<Response> {
    let watchers = service::add_watcher(&state, &user, number(&n)?, &b.email).await?;
    Ok(Json(PersonList {
        items: watchers.iter().map(person).collect(),
    })
    .into_response())
}

/// A ticket's history.
#[derive(Serialize, ToSchema)]
pub(super) struct EventList {
    items: Vec<Event>,
}

/// A ticket's history, oldest first; internal events only for staff.
#[utoipa::path(
    get,
    path = "/tickets/{number}/events",
    tag = "tickets",
    params(("number" = String, Path, description = "`SB-1042`")),
    responses((status = 200, description = "Every change of the ticket", body = EventList))
)]
pub(super) async fn events(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(n): ApiPath<String>,
) -> ApiResult<Response> {
    let events = service::events(&state, &user, number(&n)?).await?;
    Ok(Json(EventList { items: events }).into_response())
}

/// Every report table of a period, as JSON, in the caller's language (their own choice, else
/// `Accept-Language`); the days are the desk's.
#[utoipa::path(
    get,
    path = "/reports",
    tag = "reports",
    params(ReportQuery),
    responses((status = 200, description = "The headline figures and every table", body = Report))
)]
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
#[utoipa::path(
    get,
    path = "/reports/{file}",
    tag = "reports",
    params(("file" = String, Path, description = "A table's key and `.csv`, e.g. `volume.csv`"), ReportQuery),
    responses((status = 200, description = "The table", content_type = "text/csv", body = String,
        headers(("Content-Disposition" = String, description = "A file name with the period"))))
)]
pub(super) async fn report_csv(
    State(state): State<AppState>,
    Caller(user): Caller,
    headers: HeaderMap,
    ApiPath(file): ApiPath<String>,
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
