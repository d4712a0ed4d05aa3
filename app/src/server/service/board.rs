//! The board's columns and change feed, the technicians' loads and assignment suggestions.

use super::*;

fn card(actor: &User, row: TicketRow) -> BoardCard {
    let actions = allowed_actions(actor, &row);
    BoardCard {
        ticket: row.ticket,
        actions,
    }
}

/// Cards per column in a load: the board starts with the most urgent ones and pages in the rest
/// of a long column on request.
const COLUMN_LIMIT: i64 = 150;

/// The next page of a board column after `after` (the keyset position the previous page ended
/// at), most urgent first.
pub async fn board_page(
    state: &AppState,
    actor: &User,
    status: Status,
    after: &str,
) -> Result<ColumnPage, AppError> {
    if !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    let after = ListCursor::decode(after)
        .ok_or_else(|| AppError::BadRequest("err-board-position".into()))?;
    let presenter = crate::server::sla::Presenter::new(state).await?;
    column(state, actor, status, Some(after), &presenter).await
}

/// Open tickets matching `text` anywhere (title, description, notes), for the board's search to
/// find cards that are not loaded yet.
pub async fn board_search(
    state: &AppState,
    actor: &User,
    text: &str,
) -> Result<Vec<BoardCard>, AppError> {
    if !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let query = TicketQuery {
        statuses: BOARD_COLUMNS.to_vec(),
        text: Some(text.chars().take(200).collect()),
        internal_notes: true,
        limit: COLUMN_LIMIT,
        ..TicketQuery::default()
    };
    let rows = state
        .db
        .list_tickets(&Visibility::of(actor), &query)
        .await?;
    let presenter = crate::server::sla::Presenter::new(state).await?;
    Ok(rows
        .into_iter()
        .map(|mut r| {
            presenter.apply(&mut r.ticket);
            card(actor, r)
        })
        .collect())
}

const BOARD_COLUMNS: [Status; 5] = [
    Status::New,
    Status::Assigned,
    Status::InProgress,
    Status::Waiting,
    Status::Resolved,
];

/// One page of a column, and where the next one starts when there is more.
async fn column(
    state: &AppState,
    actor: &User,
    status: Status,
    after: Option<ListCursor>,
    presenter: &crate::server::sla::Presenter,
) -> Result<ColumnPage, AppError> {
    let query = TicketQuery {
        statuses: vec![status],
        after,
        limit: COLUMN_LIMIT + 1,
        internal_notes: true,
        ..TicketQuery::default()
    };
    let mut rows = state
        .db
        .list_tickets(&Visibility::of(actor), &query)
        .await?;
    let next = (rows.len() as i64 > COLUMN_LIMIT).then(|| {
        rows.truncate(COLUMN_LIMIT as usize);
        rows.last().map(|r| {
            ListCursor {
                priority: r.ticket.priority,
                created_at_ms: r.ticket.created_at.timestamp_millis(),
                id: r.id,
            }
            .encode()
        })
    });
    Ok(ColumnPage {
        status,
        cards: rows
            .into_iter()
            .map(|mut r| {
                presenter.apply(&mut r.ticket);
                card(actor, r)
            })
            .collect(),
        next: next.flatten(),
    })
}

/// The coordinator's board: open and recently resolved tickets, the technicians and the feed cursor.
#[tracing::instrument(skip_all, fields(user.id = actor.id))]
pub async fn board(state: &AppState, actor: &User) -> Result<BoardSnapshot, AppError> {
    if !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    // Read the cursor first: a change committed while the board loads is then fetched again by
    // the next poll rather than missed.
    let cursor = state.db.feed_head().await?;
    state.feed.advance(cursor);
    let presenter = crate::server::sla::Presenter::new(state).await?;
    let mut cards = Vec::new();
    let mut next = Vec::new();
    for status in BOARD_COLUMNS {
        let page = column(state, actor, status, None, &presenter).await?;
        cards.extend(page.cards);
        next.extend(page.next.map(|n| (status, n)));
    }
    let totals = state.db.count_by_status(&BOARD_COLUMNS).await?;
    let technicians = technician_loads(state).await?;
    let categories = state.db.categories().await?;
    let routes = state.db.category_routes().await?;
    Ok(BoardSnapshot {
        cards,
        technicians,
        categories,
        routes,
        projects: state.db.project_choices().await?,
        priority_matrix: state.settings.priority_matrix.clone(),
        totals,
        next,
        cursor,
        known: crate::server::coordination::known_issues(state, actor).await?,
    })
}

/// Changes since `cursor`. When nothing happened (the cursor is this process's feed head), it
/// waits up to `wait` for something to happen (a long poll), then answers; nothing that does not
/// change touches the database.
pub async fn board_changes(
    state: &AppState,
    actor: &User,
    cursor: i64,
    wait: std::time::Duration,
) -> Result<BoardChanges, AppError> {
    if !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    if cursor >= state.feed.wait_past(cursor, wait).await {
        return Ok(BoardChanges {
            cards: Vec::new(),
            cursor,
            more: false,
            known: None,
        });
    }
    const PAGE: i64 = 500;
    let events = state.db.events_after(cursor, PAGE).await?;
    let more = events.len() as i64 == PAGE;
    let next = events.last().map_or(cursor, |e| e.id);
    let mut ids: Vec<i64> = events.iter().map(|e| e.number.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    let rows = state.db.tickets_by_ids(&ids).await?;
    // Only coordinators and admins get here, and they see every ticket.
    let presenter = crate::server::sla::Presenter::new(state).await?;
    let cards: Vec<BoardCard> = rows
        .into_iter()
        .map(|mut r| {
            presenter.apply(&mut r.ticket);
            card(actor, r)
        })
        .collect();
    // Someone affected too touches the known issue's ticket: its count is read again with it.
    let known = if cards.is_empty() {
        None
    } else {
        Some(crate::server::coordination::known_issues(state, actor).await?)
    };
    Ok(BoardChanges {
        cards,
        cursor: next,
        more,
        known,
    })
}

/// The change feed's head once it is past `cursor`, or after `wait` (a long poll): staff lists
/// read again when it moved. Requesters follow their own tickets instead (`ticket_version`).
pub async fn feed_after(
    state: &AppState,
    actor: &User,
    cursor: i64,
    wait: std::time::Duration,
) -> Result<i64, AppError> {
    if !actor.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    Ok(state.feed.wait_past(cursor, wait).await)
}

pub async fn technician_loads(state: &AppState) -> Result<Vec<TechnicianLoad>, AppError> {
    let now = state.clock.now();
    Ok(state
        .db
        .technicians()
        .await?
        .into_iter()
        .filter(|t| t.user.role == Role::Technician)
        .map(|t| TechnicianLoad {
            available: t.available(now),
            person: PersonRef {
                email: t.user.email,
                name: t.user.name,
            },
            tier: t.tier,
            open_load: t.open_load,
            capacity: t.capacity,
            skills: t.skills,
        })
        .collect())
}

/// Ranked technicians for a ticket with the reasons; `escalation` keeps only higher tiers.
pub async fn suggestions(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    escalation: bool,
) -> Result<Vec<Suggestion>, AppError> {
    let now = state.clock.now();
    if !actor.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let mut conn = state.db.conn().await?;
    let row = load_visible(&mut conn, actor, number).await?;
    drop(conn);
    let techs: Vec<_> = state
        .db
        .technicians()
        .await?
        .into_iter()
        .filter(|t| t.user.role == Role::Technician)
        .collect();
    let ranked = rank_technicians(&techs, &row, escalation, now);
    Ok(ranked
        .into_iter()
        .filter_map(|r| {
            let t = techs.iter().find(|t| t.user.id == r.id)?;
            Some(Suggestion {
                person: PersonRef {
                    email: t.user.email.clone(),
                    name: t.user.name.clone(),
                },
                score: r.score,
                reasons: r.reasons,
            })
        })
        .collect())
}

/// Technicians for a ticket, best first; `escalation` keeps only tiers above the assignee's.
pub(crate) fn rank_technicians(
    techs: &[db::Technician],
    row: &TicketRow,
    escalation: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<assignment::Ranked> {
    let current_tier = techs
        .iter()
        .find(|t| Some(t.user.id) == row.assignee_id)
        .map_or(1, |t| t.tier);
    let candidates: Vec<Candidate> = techs
        .iter()
        .filter(|t| t.user.role == Role::Technician)
        .filter(|t| Some(t.user.id) != row.assignee_id || !escalation)
        .map(|t| Candidate {
            id: t.user.id,
            name: t.user.name.clone(),
            tier: t.tier,
            skill: t
                .skills
                .iter()
                .find(|(c, _)| *c == row.ticket.category)
                .map_or(0, |(_, l)| *l),
            open_load: t.open_load,
            capacity: t.capacity,
            available: t.available(now),
        })
        .collect();
    let min_tier = if escalation {
        (current_tier + 1).min(3)
    } else {
        1
    };
    assignment::rank(
        &candidates,
        &row.ticket.category,
        row.ticket.priority,
        min_tier,
    )
}

/// Open tickets with titles like `title` ("is it one of these?"), among those the caller may see.
pub async fn similar(state: &AppState, actor: &User, title: &str) -> Result<Vec<Ticket>, AppError> {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(|w| w.to_lowercase())
        .take(6)
        .collect();
    // Only coordinators see every open ticket; everyone else is shown their own.
    let requester = (!actor.role.coordinates()).then_some(actor.id);
    let rows = state.db.similar_open_titles(&words, requester, 5).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let who = reader(actor, &r);
            r.ticket.seen_by(who)
        })
        .collect())
}
