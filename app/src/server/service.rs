//! The ticket service: every rule and permission check of ticket work, in one place. Server
//! functions and the REST API are thin adapters over these functions.

use super::db::Conn;
use super::db::{
    self, AssigneeFilter, Db, ListCursor, NewEvent, NewTicketRow, TicketQuery, TicketRow,
    TicketState,
};
use super::notify;
use super::state::AppState;
use super::write::TicketWrite;
use crate::domain::assignment::{self, Candidate};
use crate::domain::{
    Action, ActionKind, Channel, Email, EventKind, Impact, Lifecycle, Note, NoteBody,
    NoteVisibility, PersonRef, Reader, Relation, ResolutionNotes, Role, Status, Ticket,
    TicketNumber, TicketTitle, Urgency, User, Visibility, WaitingOn,
};
use crate::error::{AppError, FieldError};
use crate::types::{
    BoardCard, BoardChanges, BoardSnapshot, ColumnPage, NewTicket, NoteInput, Suggestion,
    TechnicianLoad, TicketChange, TicketDetail,
};

/// Whether `actor` may see the ticket at all: everything for coordinators and admins, else one
/// of the relations their `Visibility` names must hold (the lists ask the same in SQL). Callers
/// answer `NotFound` when not, so a guessed number reveals nothing.
pub(crate) async fn can_see(
    conn: &mut Conn,
    actor: &User,
    row: &TicketRow,
) -> Result<bool, AppError> {
    let visibility = Visibility::of(actor);
    if visibility == Visibility::Everything {
        return Ok(true);
    }
    for relation in visibility.relations() {
        if holds(conn, *relation, actor.id, row).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether `user` is related to the ticket by `relation`.
async fn holds(
    conn: &mut Conn,
    relation: Relation,
    user: i64,
    row: &TicketRow,
) -> Result<bool, AppError> {
    Ok(match relation {
        Relation::Requester => row.requester_id == user,
        Relation::Assignee => row.assignee_id == Some(user),
        Relation::Queue => {
            row.assignee_id.is_none()
                && row.ticket.status == Status::New
                && Db::in_technicians_queue(conn, user, row.category_id).await?
        }
        Relation::Watcher => Db::is_watcher(conn, row.id, user).await?,
        Relation::ProjectFollower => match row.project_id {
            Some(project) => Db::follows_project(conn, project, user).await?,
            None => false,
        },
    })
}

/// Who `actor` is to a ticket they may see, which decides what of it they receive.
pub(crate) fn reader(actor: &User, row: &TicketRow) -> Reader {
    Reader::of(actor, row.requester_id)
}

/// A ticket as `actor` may receive it, with its clocks as of now: the one door every read path
/// (single view, lists, board, search, project pages) goes through.
pub(crate) async fn present(
    state: &AppState,
    actor: &User,
    rows: Vec<TicketRow>,
) -> Result<Vec<Ticket>, AppError> {
    let readers: Vec<Reader> = rows.iter().map(|r| reader(actor, r)).collect();
    let mut tickets: Vec<Ticket> = rows.into_iter().map(|r| r.ticket).collect();
    super::sla::present(state, &mut tickets).await?;
    Ok(tickets
        .into_iter()
        .zip(readers)
        .map(|(t, r)| t.seen_by(r))
        .collect())
}

pub(crate) async fn load_visible(
    conn: &mut Conn,
    actor: &User,
    number: TicketNumber,
) -> Result<TicketRow, AppError> {
    match Db::ticket(conn, number.id()).await? {
        Some(row) if can_see(conn, actor, &row).await? => Ok(row),
        _ => Err(AppError::NotFound),
    }
}

/// The actions a role may take on a ticket, before asking the lifecycle.
fn role_allows(actor: &User, row: &TicketRow, kind: ActionKind) -> bool {
    use ActionKind::*;
    match actor.role {
        Role::Coordinator | Role::Admin => true,
        Role::Technician => {
            let mine = row.assignee_id == Some(actor.id);
            match kind {
                // Taking an unassigned ticket from the queue.
                Assign => row.assignee_id.is_none() || mine,
                Start | WaitRequester | WaitThirdParty | WaitFacility | Resume | Resolve
                | Escalate => mine,
                Reopen | Close | Cancel => false,
            }
        }
        // The requester accepts the solution or says it is not fixed.
        Role::Requester | Role::Facility => {
            row.requester_id == actor.id && matches!(kind, Close | Reopen)
        }
    }
}

/// What the caller may do now: the lifecycle's answer intersected with their role.
pub fn allowed_actions(actor: &User, row: &TicketRow) -> Vec<ActionKind> {
    row.ticket
        .lifecycle()
        .allowed()
        .into_iter()
        .filter(|&k| role_allows(actor, row, k))
        .collect()
}

fn optional_text(
    value: Option<&str>,
    field: &str,
    label: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let v = value.map(str::trim).filter(|v| !v.is_empty())?;
    if v.chars().count() > max {
        errors.push(FieldError {
            field: field.into(),
            message: format!("{label} can be at most {max} characters"),
        });
        return None;
    }
    Some(v.to_string())
}

/// The longest reason a person may give for a priority change, a reopening or an escalation.
pub const REASON_MAX: usize = 1000;

/// A reason as typed: trimmed, `None` when empty, refused at the field when too long.
fn bounded_reason(value: Option<&str>) -> Result<Option<String>, AppError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) if v.chars().count() > REASON_MAX => Err(AppError::field(
            "reason",
            format!("Keep the reason to {REASON_MAX} characters"),
        )),
        other => Ok(other.map(str::to_string)),
    }
}

fn parse_into<T: std::str::FromStr>(
    value: &str,
    field: &str,
    message: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match value.trim().parse() {
        Ok(v) => Some(v),
        Err(_) => {
            errors.push(FieldError {
                field: field.into(),
                message: message.into(),
            });
            None
        }
    }
}

/// Files a request. Staff may file on someone's behalf (creating the requester's account when
/// it does not exist yet); requesters file for themselves.
#[tracing::instrument(skip_all, fields(user.id = actor.id))]
pub async fn create_ticket(
    state: &AppState,
    actor: &User,
    input: NewTicket,
) -> Result<Ticket, AppError> {
    let now = state.clock.now();
    let mut errors = Vec::new();
    let title = TicketTitle::parse(&input.title)
        .map_err(|m| {
            errors.push(FieldError {
                field: "title".into(),
                message: m,
            })
        })
        .ok();
    let description = NoteBody::parse(&input.description)
        .map_err(|_| {
            errors.push(FieldError {
                field: "description".into(),
                message: "Describe what happened (at most 20,000 characters)".into(),
            })
        })
        .ok();
    let impact: Option<Impact> = parse_into(
        &input.impact,
        "impact",
        "Choose how many people are affected",
        &mut errors,
    );
    let urgency: Option<Urgency> = parse_into(
        &input.urgency,
        "urgency",
        "Choose how badly it stops work",
        &mut errors,
    );
    let location = optional_text(
        input.location.as_deref(),
        "location",
        "Location",
        200,
        &mut errors,
    );
    let asset_tag = optional_text(
        input.asset_tag.as_deref(),
        "asset_tag",
        "Asset tag",
        100,
        &mut errors,
    );
    let contact = optional_text(
        input.contact.as_deref(),
        "contact",
        "Contact",
        200,
        &mut errors,
    );
    let filed_through = input
        .channel
        .as_deref()
        .map_or(Ok(Channel::Portal), str::parse::<Channel>)
        .ok()
        .filter(|c| Channel::FILED.contains(c));
    let channel = filed_through.unwrap_or_else(|| {
        let choices: Vec<&str> = Channel::FILED.iter().map(|c| c.as_str()).collect();
        errors.push(FieldError {
            field: "channel".into(),
            message: format!("Channel is one of {}", choices.join(", ")),
        });
        Channel::Portal
    });
    let category = state.db.category(input.category.trim()).await?;
    let mut fields = serde_json::Map::new();
    match &category {
        None => errors.push(FieldError {
            field: "category".into(),
            message: "Choose a category".into(),
        }),
        Some((_, c)) => match c.check_fields(&input.fields) {
            Ok(clean) => fields = clean,
            Err(e) => errors.extend(
                e.into_iter()
                    .map(|(field, message)| FieldError { field, message }),
            ),
        },
    }
    // A hardware request's asset tag may come as the top-level field or the category field.
    let asset_tag = asset_tag.or_else(|| {
        fields
            .get("asset_tag")
            .and_then(|v| v.as_str())
            .map(String::from)
    });

    let requester = match input
        .requester_email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        None => Some(actor.clone()),
        Some(_) if !actor.role.is_staff() => return Err(AppError::Forbidden),
        Some(email) => match Email::parse(email) {
            Err(m) => {
                errors.push(FieldError {
                    field: "requester_email".into(),
                    message: m,
                });
                None
            }
            Ok(email) => match state.db.user_by_email(email.as_str()).await? {
                Some(user) => Some(user),
                None if errors.is_empty() => {
                    let name = input
                        .requester_name
                        .as_deref()
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(String::from)
                        .unwrap_or_else(|| {
                            email
                                .as_str()
                                .split('@')
                                .next()
                                .unwrap_or_default()
                                .to_string()
                        });
                    Some(
                        super::auth::create_account(
                            &state.db,
                            email.as_str(),
                            &name,
                            Role::Requester,
                            None,
                            now,
                        )
                        .await
                        .map_err(|e| match e {
                            // The form calls the name the requester's.
                            AppError::Validation(v) => AppError::Validation(
                                v.into_iter()
                                    .map(|f| FieldError {
                                        field: format!("requester_{}", f.field),
                                        message: f.message,
                                    })
                                    .collect(),
                            ),
                            other => other,
                        })?,
                    )
                }
                None => None,
            },
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (
        Some(title),
        Some(description),
        Some(impact),
        Some(urgency),
        Some((category_id, category)),
        Some(requester),
    ) = (title, description, impact, urgency, category, requester)
    else {
        return Err(AppError::Internal);
    };
    let priority = state.settings.priority_matrix.priority(impact, urgency);
    let row = NewTicketRow {
        title: title.as_str().to_string(),
        description: description.as_str().to_string(),
        category_id,
        requester_id: requester.id,
        impact,
        urgency,
        priority,
        location,
        asset_tag,
        contact,
        fields,
        channel,
        now,
        project_id: None,
        due_on: None,
    };
    // A team that assigns automatically gives it to the least loaded qualified, available member
    // with room; ties take turns by ticket number.
    let candidates = match state.db.auto_assign_team_of(category_id).await? {
        None => None,
        Some(team) => {
            let techs = state.db.technicians().await?;
            let load = |t: &db::Technician| (t.open_load * 1000 / t.capacity.max(1), t.open_load);
            let fit: Vec<&db::Technician> = techs
                .iter()
                .filter(|t| t.user.role == Role::Technician && t.teams.contains(&team))
                .filter(|t| t.available(now) && t.open_load < t.capacity)
                .filter(|t| t.skills.iter().any(|(c, l)| *c == category.slug && *l > 0))
                .collect();
            let lowest = fit.iter().map(|t| load(t)).min();
            let mut tied: Vec<User> = fit
                .into_iter()
                .filter(|t| Some(load(t)) == lowest)
                .map(|t| t.user.clone())
                .collect();
            tied.sort_by_key(|u| u.id);
            Some((team, tied))
        }
    };
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let id = Db::insert_ticket(w.conn(), &row).await?;
    let auto = candidates.and_then(|(team, tied)| {
        (!tied.is_empty()).then(|| (tied[id as usize % tied.len()].clone(), team))
    });
    let on_behalf =
        (requester.id != actor.id).then(|| format!("filed by {} ({channel})", actor.name));
    // Filed, then (when a team assigns automatically) assigned: the lifecycle says to what.
    let filed = Lifecycle::new_ticket();
    let lifecycle = match &auto {
        Some(_) => filed.transition(&Action::Assign)?,
        None => filed,
    };
    let event = NewEvent {
        kind: EventKind::Created,
        from: None,
        to: Some(filed.status.as_str().into()),
        detail: on_behalf.or(Some(channel.to_string())),
        internal: false,
    };
    w.record(id, std::slice::from_ref(&event)).await?;
    let mut events = vec![event];
    if let Some((to, team)) = &auto {
        Db::assign_new(w.conn(), id, to.id).await?;
        let assigned = [
            NewEvent {
                kind: EventKind::Assigned,
                from: None,
                to: Some(to.name.clone()),
                detail: Some(format!("{} (assigned automatically for {team})", to.email)),
                internal: false,
            },
            NewEvent {
                kind: EventKind::Status,
                from: Some(filed.status.as_str().into()),
                to: Some(lifecycle.status.as_str().into()),
                detail: None,
                internal: false,
            },
        ];
        // Switchboard assigned it, not the person filing.
        w.record_by(id, None, &assigned).await?;
        events.extend(assigned);
    }
    let policies = state.db.policies().await?;
    let sla = super::sla::refresh(w.conn(), &policies, id, now).await?;
    // Everything the new ticket holds is known here; reading it back would only repeat it.
    let at = db::from_ms(db::to_ms(now));
    let ticket = Ticket {
        number: TicketNumber::from_id(id),
        title: row.title,
        description: row.description,
        category: category.slug,
        status: lifecycle.status,
        waiting_on: None,
        priority,
        impact,
        urgency,
        requester: PersonRef {
            email: requester.email.clone(),
            name: requester.name.clone(),
        },
        assignee: auto.as_ref().map(|(u, _)| PersonRef {
            email: u.email.clone(),
            name: u.name.clone(),
        }),
        location: row.location,
        asset_tag: row.asset_tag,
        contact: row.contact,
        fields: row.fields,
        escalated: false,
        reopened: false,
        resolution: None,
        created_at: at,
        updated_at: at,
        // Written once, and once more by the automatic assignment.
        version: if auto.is_some() { 2 } else { 1 },
        sla,
        project: None,
        due_on: None,
        merged_into: None,
    };
    let mut who = notify::audience(
        w.conn(),
        id,
        requester.id,
        auto.as_ref().map(|(u, _)| u.id),
        None,
    )
    .await?;
    // Someone filed for by phone or at the desk may have no password: they follow the ticket
    // through a private link sent with the confirmation.
    if requester.id != actor.id && !Db::can_sign_in(w.conn(), requester.id).await? {
        who.tracking_link =
            Some(super::portal::issue_link(w.conn(), id, Some(actor.id), now).await?);
    }
    let told = notify::for_change(&ticket, &who, &events, Some(actor));
    notify::deliver(w.conn(), state, Some((id, &ticket)), told, now).await?;
    w.commit().await?;
    tracing::info!(ticket.number = %ticket.number, ticket.priority = %priority, "ticket filed");
    Ok(ticket)
}

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
    let extras = super::coordination::ticket_extras(state, actor, &row).await?;
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
    let ticket = present(state, actor, vec![row])
        .await?
        .pop()
        .ok_or(AppError::Internal)?;
    Ok(TicketDetail {
        ticket,
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
        return Err(AppError::BadRequest(
            "limit must be between 1 and 200".into(),
        ));
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
        return Err(AppError::BadRequest(
            "limit must be between 1 and 200".into(),
        ));
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
        query.after = Some(
            ListCursor::decode(c)
                .ok_or_else(|| AppError::BadRequest("cursor is not valid".into()))?,
        );
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

/// The history entry of a (re)assignment.
fn assigned(row: &TicketRow, to: &User) -> NewEvent {
    NewEvent {
        kind: EventKind::Assigned,
        from: row.ticket.assignee.as_ref().map(|p| p.name.clone()),
        to: Some(to.name.clone()),
        detail: Some(to.email.clone()),
        internal: false,
    }
}

/// Applies a change atomically, refusing it when the ticket moved past `expected_version`.
/// Without an expected version (server-side flows) the current one is used.
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn change_ticket(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    expected_version: Option<i64>,
    change: TicketChange,
) -> Result<Ticket, AppError> {
    let now = state.clock.now();
    // Someone who may not see the ticket learns nothing more, not even whether an email they
    // name has an account: the ticket is checked first.
    let mut conn = state.db.conn().await?;
    load_visible(&mut conn, actor, number).await?;
    drop(conn);
    // Asked for only by the changes that need a reason (the text may be a long resolution).
    let reason = || bounded_reason(change.reason.as_deref().or(change.text.as_deref()));
    // Resolve names to ids before taking the write lock.
    let new_assignee = match change
        .assignee
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(email) => match state.db.user_by_email(&email.to_lowercase()).await? {
            Some(u) if u.role.is_staff() => Some(u),
            _ => return Err(AppError::field("assignee", "No technician has that email")),
        },
    };
    let new_category = match change.category.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(slug) => Some(
            state
                .db
                .category(slug)
                .await?
                .ok_or_else(|| AppError::field("category", "No such category"))?,
        ),
    };

    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    if expected_version.is_some_and(|v| v != row.ticket.version) {
        return Err(AppError::Conflict);
    }
    let mut s: TicketState = row.state();
    let mut events: Vec<NewEvent> = Vec::new();
    let mut resolve_minutes: Option<i64> = None;
    let mut lifecycle = row.ticket.lifecycle();

    let action = match (change.action, &new_assignee) {
        (Some(kind), _) => Some(kind),
        (None, Some(_)) => Some(ActionKind::Assign),
        (None, None) => None,
    };
    if let Some(kind) = action {
        if !role_allows(actor, &row, kind) {
            return Err(AppError::Forbidden);
        }
        let notes = match kind {
            ActionKind::Resolve => {
                ResolutionNotes::parse(change.text.as_deref().unwrap_or_default())
                    .map_err(|m| AppError::field("resolution", m))?
            }
            _ => ResolutionNotes::placeholder(),
        };
        let action = kind.with_resolution(notes);
        lifecycle = lifecycle.transition(&action)?;
        match &action {
            Action::Assign => {
                let to = match (&new_assignee, actor.role) {
                    (Some(u), Role::Coordinator | Role::Admin) => u.clone(),
                    (Some(u), _) if u.id == actor.id => u.clone(),
                    (Some(_), _) => return Err(AppError::Forbidden),
                    (None, Role::Technician) => actor.clone(),
                    (None, _) => return Err(AppError::field("assignee", "Choose who to assign")),
                };
                // Taking from the queue needs the skill; a coordinator can assign anyone.
                if actor.role == Role::Technician
                    && to.id == actor.id
                    && row.assignee_id != Some(actor.id)
                    && Db::skill_level(w.conn(), actor.id, row.category_id).await? == 0
                {
                    return Err(AppError::field(
                        "assignee",
                        format!(
                            "Taking it needs the {} skill; ask a coordinator to assign it",
                            row.ticket.category
                        ),
                    ));
                }
                if s.assignee_id != Some(to.id) {
                    events.push(assigned(&row, &to));
                    s.assignee_id = Some(to.id);
                }
            }
            Action::Resolve(notes) => {
                s.resolution = Some(notes.as_str().to_string());
                if let Some(m) = change.minutes {
                    if !(0..=24 * 60).contains(&m) {
                        return Err(AppError::field(
                            "minutes",
                            "Time spent is between 0 and 1440 minutes",
                        ));
                    }
                    resolve_minutes = Some(m);
                }
            }
            Action::Reopen => {
                // The same rule on every path (page, board, REST): say what is still wrong.
                let Some(reason) = reason()? else {
                    return Err(AppError::field("reason", "Say what is still wrong"));
                };
                s.reopened = true;
                events.push(NewEvent {
                    kind: EventKind::Reopened,
                    from: None,
                    to: None,
                    detail: Some(reason.to_string()),
                    internal: false,
                });
            }
            Action::Escalate => {
                let Some(reason) = reason()? else {
                    return Err(AppError::field("reason", "Say why it needs escalating"));
                };
                s.escalated = true;
                // Escalating only ever raises the priority; only coordinators set it freely.
                let raised = match change.priority {
                    None => row.ticket.priority.raised(),
                    Some(p) if actor.role.coordinates() || p < row.ticket.priority => p,
                    Some(_) => {
                        return Err(AppError::field(
                            "priority",
                            "Escalating can only raise the priority",
                        ))
                    }
                };
                if raised != s.priority {
                    events.push(NewEvent {
                        kind: EventKind::Priority,
                        from: Some(s.priority.as_str().into()),
                        to: Some(raised.as_str().into()),
                        detail: Some(reason.to_string()),
                        internal: true,
                    });
                    s.priority = raised;
                    s.priority_reason = Some(reason.to_string());
                }
                if let Some(to) = &new_assignee {
                    if s.assignee_id != Some(to.id) {
                        events.push(assigned(&row, to));
                        s.assignee_id = Some(to.id);
                        lifecycle = lifecycle.transition(&Action::Assign)?;
                    }
                }
                events.push(NewEvent {
                    kind: EventKind::Escalated,
                    from: None,
                    to: new_assignee.as_ref().map(|u| u.name.clone()),
                    detail: Some(reason.to_string()),
                    internal: true,
                });
            }
            _ => {}
        }
        if lifecycle.status != row.ticket.status || lifecycle.waiting_on != row.ticket.waiting_on {
            events.push(NewEvent {
                kind: EventKind::Status,
                from: Some(row.ticket.status.as_str().into()),
                to: Some(lifecycle.status.as_str().into()),
                detail: lifecycle
                    .waiting_on
                    .map(|w| w.as_str().to_string())
                    .or_else(|| match &action {
                        Action::Resolve(n) => Some(n.as_str().to_string()),
                        _ => None,
                    }),
                internal: false,
            });
        }
        s.status = lifecycle.status;
        s.waiting_on = lifecycle.waiting_on;
        if lifecycle.status == Status::New {
            s.assignee_id = None;
        }
    }

    if action != Some(ActionKind::Escalate) {
        if let Some(p) = change.priority.filter(|p| *p != s.priority) {
            if !actor.role.coordinates() {
                return Err(AppError::Forbidden);
            }
            let reason = reason()?.ok_or_else(|| {
                AppError::field("reason", "Give a reason for changing the priority")
            })?;
            events.push(NewEvent {
                kind: EventKind::Priority,
                from: Some(s.priority.as_str().into()),
                to: Some(p.as_str().into()),
                detail: Some(reason.to_string()),
                internal: true,
            });
            s.priority = p;
            s.priority_reason = Some(reason.to_string());
        }
    }
    if let Some((category_id, category)) = new_category.filter(|(id, _)| *id != s.category_id) {
        if !actor.role.coordinates() {
            return Err(AppError::Forbidden);
        }
        events.push(NewEvent {
            kind: EventKind::Category,
            from: Some(row.ticket.category.clone()),
            to: Some(category.slug.clone()),
            detail: None,
            internal: false,
        });
        s.category_id = category_id;
    }
    if change.impact.is_some() || change.urgency.is_some() {
        if !actor.role.coordinates() {
            return Err(AppError::Forbidden);
        }
        let impact = change.impact.unwrap_or(row.ticket.impact);
        let urgency = change.urgency.unwrap_or(row.ticket.urgency);
        let computed = state.settings.priority_matrix.priority(impact, urgency);
        if change.priority.is_none() && computed != s.priority {
            events.push(NewEvent {
                kind: EventKind::Priority,
                from: Some(s.priority.as_str().into()),
                to: Some(computed.as_str().into()),
                detail: Some(format!("impact {impact}, urgency {urgency}")),
                internal: true,
            });
            s.priority = computed;
            s.priority_reason = None;
        }
        if impact != row.ticket.impact || urgency != row.ticket.urgency {
            events.push(NewEvent {
                kind: EventKind::Triage,
                from: Some(format!("{}/{}", row.ticket.impact, row.ticket.urgency)),
                to: Some(format!("{impact}/{urgency}")),
                detail: None,
                internal: true,
            });
        }
        write_impact_urgency(w.conn(), row.id, impact, urgency).await?;
    }

    if events.is_empty() {
        return Ok(row.ticket);
    }
    if !Db::update_ticket(w.conn(), row.id, row.ticket.version, &s, now).await? {
        return Err(AppError::Conflict);
    }
    w.record(row.id, &events).await?;
    // Time spent on the resolution is logged like a note's, for the reports.
    if let (Some(minutes), Some(text)) = (resolve_minutes, &s.resolution) {
        let note_id = Db::insert_note(
            w.conn(),
            row.id,
            actor.id,
            &format!("Resolved: {text}"),
            NoteVisibility::Internal,
            Some(minutes),
            None,
            now,
        )
        .await?;
        w.record(
            row.id,
            &[NewEvent {
                kind: EventKind::Note,
                from: None,
                to: Some(NoteVisibility::Internal.as_str().into()),
                detail: Some(note_id.to_string()),
                internal: true,
            }],
        )
        .await?;
    }
    let updated = w.settle(&row, &events).await?;
    if change.resolve_children && action == Some(ActionKind::Resolve) {
        let notes = ResolutionNotes::parse(s.resolution.as_deref().unwrap_or_default())
            .map_err(|m| AppError::field("resolution", m))?;
        super::coordination::resolve_children(&mut w, actor, &row, &notes).await?;
    }
    w.commit().await?;
    tracing::info!(ticket.number = %number, ticket.version = updated.ticket.version, "ticket changed");
    Ok(updated.ticket)
}

async fn write_impact_urgency(
    conn: &mut Conn,
    id: i64,
    impact: Impact,
    urgency: Urgency,
) -> Result<(), AppError> {
    Db::set_impact_urgency(conn, id, impact, urgency).await
}

/// Adds a note. A requester's reply on a ticket waiting on them moves it back to in progress.
/// A retried submission with the same idempotency key is stored once.
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn add_note(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    input: NoteInput,
) -> Result<Note, AppError> {
    let now = state.clock.now();
    let body = NoteBody::parse(&input.body).map_err(|m| AppError::field("body", m))?;
    if input.minutes.is_some_and(|m| !(0..=24 * 60).contains(&m)) {
        return Err(AppError::field(
            "minutes",
            "Time spent is between 0 and 1440 minutes",
        ));
    }
    let key = input
        .idempotency_key
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 100)
        .map(|k| format!("{}:{k}", actor.id));
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    if let Some(key) = &key {
        if let Some((note_id, ticket_id)) = Db::note_by_key(w.conn(), key).await? {
            drop(w);
            if ticket_id != row.id {
                return Err(AppError::field(
                    "idempotency_key",
                    "This key was used for another ticket",
                ));
            }
            let notes = state.db.notes(row.id, true).await?;
            return notes
                .into_iter()
                .find(|n| n.id == note_id)
                .ok_or(AppError::Internal);
        }
    }
    let visibility = if actor.role.is_staff() {
        input.visibility
    } else {
        NoteVisibility::Public
    };
    if !actor.role.is_staff()
        && (row.requester_id != actor.id
            || !row.ticket.status.is_open() && row.ticket.status != Status::Resolved)
    {
        return Err(AppError::Forbidden);
    }
    let note_id = Db::insert_note(
        w.conn(),
        row.id,
        actor.id,
        body.as_str(),
        visibility,
        input.minutes,
        key.as_deref(),
        now,
    )
    .await?;
    let mut note_events = vec![NewEvent {
        kind: EventKind::Note,
        from: None,
        to: Some(visibility.as_str().into()),
        detail: Some(note_id.to_string()),
        internal: visibility == NoteVisibility::Internal,
    }];
    w.record(row.id, &note_events[..1]).await?;
    let resumes = !actor.role.is_staff()
        && row.ticket.status == Status::Waiting
        && row.ticket.waiting_on == Some(WaitingOn::Requester);
    if resumes {
        let mut s = row.state();
        s.status = Status::InProgress;
        s.waiting_on = None;
        if !Db::update_ticket(w.conn(), row.id, row.ticket.version, &s, now).await? {
            return Err(AppError::Conflict);
        }
        let resumed = NewEvent {
            kind: EventKind::Status,
            from: Some("waiting".into()),
            to: Some("in_progress".into()),
            detail: Some("requester replied".into()),
            internal: false,
        };
        w.record(row.id, std::slice::from_ref(&resumed)).await?;
        note_events.push(resumed);
    } else {
        Db::touch_ticket(w.conn(), row.id, now).await?;
    }
    w.settle(&row, &note_events).await?;
    w.commit().await?;
    let notes = state.db.notes(row.id, true).await?;
    notes
        .into_iter()
        .find(|n| n.id == note_id)
        .ok_or(AppError::Internal)
}

/// Adds a watcher (coordinators, or the requester adding a colleague).
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn add_watcher(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    email: &str,
) -> Result<Vec<PersonRef>, AppError> {
    let may_add = |row: &TicketRow| {
        actor.role.coordinates()
            || row.requester_id == actor.id
            || row.assignee_id == Some(actor.id)
    };
    // Whether an email has an account is told only to someone allowed to add watchers here.
    let mut conn = state.db.conn().await?;
    if !may_add(&load_visible(&mut conn, actor, number).await?) {
        return Err(AppError::Forbidden);
    }
    drop(conn);
    let email = Email::parse(email).map_err(|m| AppError::field("email", m))?;
    let now = state.clock.now();
    let watcher = state
        .db
        .user_by_email(email.as_str())
        .await?
        .ok_or_else(|| AppError::field("email", "No account has that email"))?;
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    if !may_add(&row) {
        return Err(AppError::Forbidden);
    }
    let watching = Db::watcher_ids(w.conn(), row.id).await?;
    if watching.len() >= MAX_WATCHERS && !watching.contains(&watcher.id) {
        return Err(AppError::field(
            "email",
            format!("A ticket can have at most {MAX_WATCHERS} watchers"),
        ));
    }
    Db::add_watcher(w.conn(), row.id, watcher.id).await?;
    Db::touch_ticket(w.conn(), row.id, now).await?;
    w.record(
        row.id,
        &[NewEvent {
            kind: EventKind::Watcher,
            from: None,
            to: Some(watcher.name.clone()),
            detail: None,
            internal: false,
        }],
    )
    .await?;
    w.commit().await?;
    let staff = actor.role.is_staff();
    Ok(state
        .db
        .watchers(row.id)
        .await?
        .into_iter()
        .map(|p| {
            if staff {
                p
            } else {
                PersonRef {
                    email: String::new(),
                    name: p.name,
                }
            }
        })
        .collect())
}

/// The most people who may watch one ticket.
pub const MAX_WATCHERS: usize = 50;

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
        .ok_or_else(|| AppError::BadRequest("Unknown position in the column".into()))?;
    let presenter = super::sla::Presenter::new(state).await?;
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
    let presenter = super::sla::Presenter::new(state).await?;
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
    presenter: &super::sla::Presenter,
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
    let presenter = super::sla::Presenter::new(state).await?;
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
    })
}

/// Changes since `cursor`. When nothing happened (the cursor is this process's feed head), it
/// answers without touching the database.
pub async fn board_changes(
    state: &AppState,
    actor: &User,
    cursor: i64,
) -> Result<BoardChanges, AppError> {
    if !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    if cursor >= state.feed.get() {
        return Ok(BoardChanges {
            cards: Vec::new(),
            cursor,
            more: false,
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
    let presenter = super::sla::Presenter::new(state).await?;
    let cards = rows
        .into_iter()
        .map(|mut r| {
            presenter.apply(&mut r.ticket);
            card(actor, r)
        })
        .collect();
    Ok(BoardChanges {
        cards,
        cursor: next,
        more,
    })
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
