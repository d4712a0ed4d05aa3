//! Reading tickets: one ticket as its reader may see it, its history and notes, and the lists.

use super::*;

#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn ticket_detail(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
) -> Result<TicketDetail, AppError> {
    let mut conn = state.db.conn().await?;
    let asked = load_visible(&mut conn, actor, number).await?;
    // A merged duplicate's number leads to the ticket it was merged into.
    let (row, merged_from) = match asked.ticket.merged_into {
        Some(into) => match load_visible(&mut conn, actor, into).await {
            Ok(survivor) => (survivor, Some(asked.ticket.number)),
            Err(_) => (asked, None),
        },
        None => (asked, None),
    };
    drop(conn);
    let extras = crate::server::coordination::ticket_extras(state, actor, &row).await?;
    let staff_view = actor.role.is_staff();
    let who = reader(actor, &row);
    // Someone outside IT who is not the requester reads the public side without personal details.
    let outsider = who == Reader::Outsider;
    let notes = state
        .db
        .notes(row.id, staff_view)
        .await?
        .into_iter()
        .map(|n| n.seen_by(who))
        .collect();
    let events = state
        .db
        .events(row.id, staff_view)
        .await?
        .into_iter()
        .map(|e| e.seen_by(who))
        .collect();
    let watchers = match who {
        Reader::Staff => state.db.watchers(row.id).await?,
        // The requester sees who follows their ticket by name, never an address.
        Reader::Requester => state
            .db
            .watchers(row.id)
            .await?
            .into_iter()
            .map(|p| PersonRef {
                email: String::new(),
                name: p.name,
            })
            .collect(),
        Reader::Outsider | Reader::TrackingLink => Vec::new(),
    };
    let actions = allowed_actions(actor, &row);
    let can_reply = !staff_view
        && row.requester_id == actor.id
        && (row.ticket.status.is_open() || row.ticket.status == Status::Resolved);
    let can_add_watchers = actor.role.coordinates()
        || row.requester_id == actor.id
        || row.assignee_id == Some(actor.id);
    let rating = if outsider {
        None
    } else {
        state.db.rating(row.id).await?
    };
    let can_rate = row.requester_id == actor.id
        && matches!(row.ticket.status, Status::Resolved | Status::Closed);
    let can_manage_links = actor.role.coordinates() || row.assignee_id == Some(actor.id);
    let tracking_links = if can_manage_links {
        state.db.tracking_links(row.id).await?
    } else {
        Vec::new()
    };
    let attachments = state
        .db
        .attachments(row.id, who == Reader::Staff)
        .await?
        .into_iter()
        .map(|a| super::attachments::seen_by(actor, who, a))
        .collect();
    let can_attach = staff_view || can_reply;
    let ticket = present(state, actor, vec![row])
        .await?
        .pop()
        .ok_or(AppError::Internal)?;
    let category = state
        .db
        .category(&ticket.category)
        .await?
        .map(|(_, c)| c.names_only());
    Ok(TicketDetail {
        ticket,
        category,
        attachments,
        can_attach,
        attachment_max_mb: state.settings.attachment_max_bytes / crate::server::state::MB,
        attachment_ticket_max_mb: state.settings.attachment_ticket_max_bytes
            / crate::server::state::MB,
        can_add_watchers,
        rating,
        can_rate,
        can_manage_links,
        tracking_links,
        tracking_view: false,
        notes,
        events,
        watchers,
        actions,
        viewer_role: actor.role,
        staff_view,
        can_reply,
        merged_from,
        extras,
    })
}

pub async fn ticket(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
) -> Result<Ticket, AppError> {
    let mut conn = state.db.conn().await?;
    let row = load_visible(&mut conn, actor, number).await?;
    drop(conn);
    present(state, actor, vec![row])
        .await?
        .pop()
        .ok_or(AppError::Internal)
}

/// The ticket's version, as soon as it is not `seen` or after `wait` (a long poll). While
/// waiting it watches the change feed and reads the ticket again only when the feed moved.
pub async fn ticket_version(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    seen: Option<i64>,
    wait: std::time::Duration,
) -> Result<i64, AppError> {
    let until = std::time::Instant::now() + wait;
    loop {
        // The head is read before the ticket: a change committed after the read moves the feed
        // past it, so the wait below cannot miss it.
        let head = state.feed.get();
        let mut conn = state.db.conn().await?;
        let version = load_visible(&mut conn, actor, number).await?.ticket.version;
        drop(conn);
        let left = until.saturating_duration_since(std::time::Instant::now());
        if seen != Some(version) || left.is_zero() || state.feed.wait_past(head, left).await <= head
        {
            return Ok(version);
        }
    }
}

pub async fn events(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
) -> Result<Vec<crate::domain::Event>, AppError> {
    let mut conn = state.db.conn().await?;
    let row = load_visible(&mut conn, actor, number).await?;
    drop(conn);
    let who = reader(actor, &row);
    let events = state.db.events(row.id, actor.role.is_staff()).await?;
    Ok(events.into_iter().map(|e| e.seen_by(who)).collect())
}

/// A ticket's conversation as the caller may read it, oldest first, a page at a time: public
/// notes for people outside IT, internal ones too for staff.
pub async fn notes(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    after: Option<i64>,
    limit: i64,
) -> Result<(Vec<Note>, Option<i64>), AppError> {
    if !(1..=200).contains(&limit) {
        return Err(AppError::BadRequest("err-limit".into()));
    }
    let mut conn = state.db.conn().await?;
    let row = load_visible(&mut conn, actor, number).await?;
    drop(conn);
    let who = reader(actor, &row);
    let mut notes: Vec<Note> = state
        .db
        .notes(row.id, actor.role.is_staff())
        .await?
        .into_iter()
        .filter(|n| who == Reader::Staff || n.visibility == NoteVisibility::Public)
        .filter(|n| after.is_none_or(|a| n.id > a))
        .take(limit as usize + 1)
        .map(|n| n.seen_by(who))
        .collect();
    let next = (notes.len() as i64 > limit).then(|| {
        notes.truncate(limit as usize);
        notes.last().map(|n| n.id)
    });
    Ok((notes, next.flatten()))
}

/// The filters a list request may carry, as strings from a URL or a form.
#[derive(Clone, Debug, Default)]
pub struct ListParams {
    pub status: Option<String>,
    pub assignee: Option<String>,
    pub priority: Option<String>,
    pub category: Option<String>,
    pub q: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    pub mine: bool,
}

/// Tickets the caller may see, by priority then age, a page at a time.
#[tracing::instrument(skip_all, fields(user.id = actor.id))]
pub async fn list_tickets(
    state: &AppState,
    actor: &User,
    p: ListParams,
) -> Result<(Vec<Ticket>, Option<String>), AppError> {
    let mut query = TicketQuery {
        limit: p.limit.unwrap_or(50),
        internal_notes: actor.role.is_staff(),
        ..TicketQuery::default()
    };
    if !(1..=200).contains(&query.limit) {
        return Err(AppError::BadRequest("err-limit".into()));
    }
    if let Some(s) = p.status.as_deref().filter(|s| !s.is_empty()) {
        for part in s.split(',') {
            let status = match part.trim() {
                "open" => {
                    query.statuses.extend([
                        Status::New,
                        Status::Assigned,
                        Status::InProgress,
                        Status::Waiting,
                    ]);
                    continue;
                }
                other => other
                    .parse::<Status>()
                    .map_err(|e| AppError::BadRequest(e.to_string()))?,
            };
            query.statuses.push(status);
        }
    }
    if let Some(a) = p.assignee.as_deref().filter(|s| !s.is_empty()) {
        query.assignee = Some(match a {
            "none" => AssigneeFilter::Nobody,
            "me" => AssigneeFilter::User(actor.id),
            email => match state.db.user_by_email(&email.to_lowercase()).await? {
                Some(u) => AssigneeFilter::User(u.id),
                None => return Ok((Vec::new(), None)),
            },
        });
    }
    if let Some(pr) = p.priority.as_deref().filter(|s| !s.is_empty()) {
        query.priority = Some(
            pr.parse()
                .map_err(|e: crate::domain::UnknownValue| AppError::BadRequest(e.to_string()))?,
        );
    }
    query.category = p.category.filter(|c| !c.is_empty());
    query.text = p.q;
    if let Some(c) = p.cursor.as_deref().filter(|c| !c.is_empty()) {
        query.after =
            Some(ListCursor::decode(c).ok_or_else(|| AppError::BadRequest("err-cursor".into()))?);
    }
    if p.mine {
        query.requester = Some(actor.id);
        query.order = db::TicketOrder::RecentlyUpdated;
    }
    let limit = query.limit;
    let rows = state
        .db
        .list_tickets(&Visibility::of(actor), &query)
        .await?;
    let next = (rows.len() as i64 == limit && !p.mine)
        .then(|| rows.last())
        .flatten()
        .map(|r| {
            ListCursor {
                priority: r.ticket.priority,
                created_at_ms: db::to_ms(r.ticket.created_at),
                id: r.id,
            }
            .encode()
        });
    Ok((present(state, actor, rows).await?, next))
}
