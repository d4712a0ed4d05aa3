//! Notes and watchers.

use super::*;

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
        return Err(AppError::field("minutes", "err-minutes-range"));
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
                return Err(AppError::field("idempotency_key", "err-idempotency-key"));
            }
            let notes = state.db.notes(row.id, true).await?;
            return notes
                .into_iter()
                .find(|n| n.id == note_id)
                .ok_or(AppError::Internal);
        }
    }
    let visibility = note_visibility(actor, &row, input.visibility)?;
    let (note_id, note_events) = write_note(
        &mut w,
        actor,
        &row,
        body.as_str(),
        visibility,
        input.minutes,
        key.as_deref(),
    )
    .await?;
    if actor.role.is_staff() && !input.reused.is_empty() {
        Db::record_reuses(w.conn(), row.id, note_id, actor.id, &input.reused, now).await?;
    }
    w.settle(&row, &note_events).await?;
    w.commit().await?;
    let notes = state.db.notes(row.id, true).await?;
    notes
        .into_iter()
        .find(|n| n.id == note_id)
        .ok_or(AppError::Internal)
}

/// A reply by mail from `actor`: a public note (when it has text) and its files, recorded with
/// the message in one change. Answers the ticket's status before it; `NotFound` or `Forbidden`
/// when the sender may not write on the ticket, `Conflict` when the message was taken already.
pub(crate) async fn note_on_reply(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    text: &str,
    files: Vec<super::attachments::Upload>,
    mail: crate::server::db::InboundRow<'_>,
) -> Result<Status, AppError> {
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    note_visibility(actor, &row, NoteVisibility::Public)?;
    let mut events = Vec::new();
    let note_id = match NoteBody::parse(text.trim()) {
        Ok(body) => {
            let (id, note_events) = write_note(
                &mut w,
                actor,
                &row,
                body.as_str(),
                NoteVisibility::Public,
                None,
                None,
            )
            .await?;
            events.extend(note_events);
            Some(id)
        }
        Err(_) => {
            Db::touch_ticket(w.conn(), row.id, now).await?;
            None
        }
    };
    let (stored, _) =
        super::attachments::store_files(&mut w, actor, row.id, note_id, files, false).await?;
    events.extend(stored);
    let mail = crate::server::db::InboundRow {
        ticket_id: Some(row.id),
        ..mail
    };
    if !Db::record_inbound(w.conn(), &mail, now).await? {
        return Err(AppError::Conflict);
    }
    w.settle(&row, &events).await?;
    w.commit().await?;
    Ok(row.ticket.status)
}

/// Whether `actor` may answer on the ticket by mail (a public note): its requester while it is
/// open or resolved, a watcher, staff who may see it.
pub(crate) async fn may_reply(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
) -> Result<bool, AppError> {
    let mut conn = state.db.conn().await?;
    Ok(match load_visible(&mut conn, actor, number).await {
        Ok(row) => note_visibility(actor, &row, NoteVisibility::Public).is_ok(),
        Err(AppError::NotFound) => false,
        Err(e) => return Err(e),
    })
}

/// A held message added to a ticket by a coordinator: an internal note with its files.
pub(crate) async fn attach_held(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    text: &str,
    files: &[super::attachments::Upload],
) -> Result<(), AppError> {
    let now = state.clock.now();
    let body = NoteBody::parse(&crate::domain::inbound::cut(text.trim(), 19_000))
        .map_err(|m| AppError::field("number", m))?;
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number)
        .await
        .map_err(|_| AppError::field("number", "err-no-visible-ticket"))?;
    let (note_id, mut events) = write_note(
        &mut w,
        actor,
        &row,
        body.as_str(),
        NoteVisibility::Internal,
        None,
        None,
    )
    .await?;
    let files = files.to_vec();
    let (stored, _) =
        super::attachments::store_files(&mut w, actor, row.id, Some(note_id), files, true).await?;
    events.extend(stored);
    w.settle(&row, &events).await?;
    w.commit().await
}

/// The visibility a note by `actor` on this ticket gets: staff choose, everyone else writes
/// public notes, and only the requester of an open or resolved ticket may write at all.
pub(crate) fn note_visibility(
    actor: &User,
    row: &TicketRow,
    asked: NoteVisibility,
) -> Result<NoteVisibility, AppError> {
    if actor.role.is_staff() {
        return Ok(asked);
    }
    if row.requester_id != actor.id
        || !row.ticket.status.is_open() && row.ticket.status != Status::Resolved
    {
        return Err(AppError::Forbidden);
    }
    Ok(NoteVisibility::Public)
}

/// Writes a note in an open change and records it; a requester's reply on a ticket waiting on
/// them moves it back to in progress. Answers the note's id and the events to settle.
pub(crate) async fn write_note(
    w: &mut TicketWrite<'_>,
    actor: &User,
    row: &TicketRow,
    body: &str,
    visibility: NoteVisibility,
    minutes: Option<i64>,
    key: Option<&str>,
) -> Result<(i64, Vec<TicketEvent>), AppError> {
    let now = w.now();
    let note_id = Db::insert_note(
        w.conn(),
        row.id,
        actor.id,
        body,
        visibility,
        minutes,
        key,
        now,
    )
    .await?;
    let mut note_events = vec![TicketEvent::Note {
        id: note_id,
        visibility,
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
        let resumed = TicketEvent::Status {
            from: Status::Waiting,
            to: Status::InProgress,
            waiting_on: None,
            why: Some(crate::domain::event::REQUESTER_REPLIED.into()),
        };
        w.record(row.id, std::slice::from_ref(&resumed)).await?;
        note_events.push(resumed);
    } else {
        Db::touch_ticket(w.conn(), row.id, now).await?;
    }
    Ok((note_id, note_events))
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
        .ok_or_else(|| AppError::field("email", "err-no-account"))?;
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    if !may_add(&row) {
        return Err(AppError::Forbidden);
    }
    let watching = Db::watcher_ids(w.conn(), row.id).await?;
    if watching.len() >= MAX_WATCHERS && !watching.contains(&watcher.id) {
        return Err(AppError::field_msg(
            "email",
            Msg::new("err-too-many-watchers").number("max", MAX_WATCHERS as i64),
        ));
    }
    Db::add_watcher(w.conn(), row.id, watcher.id).await?;
    Db::touch_ticket(w.conn(), row.id, now).await?;
    w.record(
        row.id,
        &[TicketEvent::Watcher {
            name: watcher.name.clone(),
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
