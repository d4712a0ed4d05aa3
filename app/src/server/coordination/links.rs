//! Links between tickets: parent and child, related, merged duplicates, and resolving children with their parent.

use super::*;

/// Links a ticket to another (staff who can see both): parent, child or related; a duplicate
/// is merged into the other ticket.
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn link(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    kind: LinkChoice,
    other: &str,
) -> Result<(), AppError> {
    if !actor.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let other =
        TicketNumber::parse(other).ok_or_else(|| AppError::field("other", "err-ticket-number"))?;
    if other == number {
        return Err(AppError::field("other", "err-link-self"));
    }
    if kind == LinkChoice::Duplicate {
        return merge(state, actor, number, other).await;
    }
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    let that = load_visible(w.conn(), actor, other)
        .await
        .map_err(|_| AppError::field("other", "err-no-visible-ticket"))?;
    let (child, parent) = match kind {
        LinkChoice::Parent => (&row, &that),
        LinkChoice::Child => (&that, &row),
        _ => (&row, &that),
    };
    if kind == LinkChoice::Related {
        Db::insert_link(w.conn(), row.id, that.id, "related", actor.id, now).await?;
    } else {
        if Db::is_ancestor(w.conn(), child.id, parent.id).await? {
            return Err(AppError::field("other", "err-link-loop"));
        }
        Db::insert_link(w.conn(), child.id, parent.id, "child_of", actor.id, now).await?;
    }
    let words = |r: &TicketRow, role| TicketEvent::Linked {
        to: r.ticket.number,
        role,
    };
    let (mine, theirs) = match kind {
        LinkChoice::Parent => (words(&that, LinkRole::Parent), words(&row, LinkRole::Child)),
        LinkChoice::Child => (words(&that, LinkRole::Child), words(&row, LinkRole::Parent)),
        _ => (
            words(&that, LinkRole::Related),
            words(&row, LinkRole::Related),
        ),
    };
    for (r, e) in [(&row, mine), (&that, theirs)] {
        Db::touch_ticket(w.conn(), r.id, now).await?;
        w.record(r.id, std::slice::from_ref(&e)).await?;
    }
    w.commit().await?;
    Ok(())
}

/// Removes the link between two tickets (staff).
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn unlink(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    other: TicketNumber,
) -> Result<(), AppError> {
    if !actor.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    let that = load_visible(w.conn(), actor, other).await?;
    if !Db::delete_link(w.conn(), row.id, that.id).await? {
        return Err(AppError::NotFound);
    }
    for (r, o) in [(&row, &that), (&that, &row)] {
        Db::touch_ticket(w.conn(), r.id, now).await?;
        let e = TicketEvent::Unlinked {
            from: o.ticket.number,
        };
        w.record(r.id, std::slice::from_ref(&e)).await?;
    }
    w.commit().await?;
    Ok(())
}

/// Merges a duplicate into the ticket that survives (coordinators, or the duplicate's assignee):
/// notes, watchers (the duplicate's requester among them), work orders and links move over, the
/// duplicate is cancelled as merged and its number leads to the survivor from then on. The
/// duplicate's requester and the survivor's assignee are told.
#[tracing::instrument(skip_all, fields(user.id = actor.id))]
pub async fn merge(
    state: &AppState,
    actor: &User,
    duplicate: TicketNumber,
    survivor: TicketNumber,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let dup = load_visible(w.conn(), actor, duplicate).await?;
    if !(actor.role.coordinates()
        || (actor.role == Role::Technician && dup.assignee_id == Some(actor.id)))
    {
        return Err(AppError::Forbidden);
    }
    let keep = load_visible(w.conn(), actor, survivor)
        .await
        .map_err(|_| AppError::field("other", "err-no-visible-ticket"))?;
    if !dup.ticket.status.is_open() {
        return Err(AppError::field("other", "err-merge-open-only"));
    }
    if !(keep.ticket.status.is_open() || keep.ticket.status == Status::Resolved)
        || keep.ticket.merged_into.is_some()
    {
        return Err(AppError::field("other", "err-merge-into-open"));
    }
    let cancelled = dup.ticket.lifecycle().transition(&Action::Cancel)?;
    Db::merge_into(w.conn(), state.db.backend(), dup.id, keep.id).await?;
    let mut s = dup.state();
    s.status = cancelled.status;
    s.waiting_on = None;
    if !Db::update_ticket(w.conn(), dup.id, dup.ticket.version, &s, now).await? {
        return Err(AppError::Conflict);
    }
    let dup_events = vec![
        TicketEvent::Merged {
            into: keep.ticket.number,
            title: keep.ticket.title.clone(),
        },
        TicketEvent::Status {
            from: dup.ticket.status,
            to: Status::Cancelled,
            waiting_on: None,
            why: Some(format!(
                "{}{}",
                crate::domain::event::DUPLICATE_OF,
                keep.ticket.number
            )),
        },
    ];
    w.record(dup.id, &dup_events).await?;
    w.settle(&dup, &dup_events).await?;
    let keep_event = TicketEvent::MergedFrom {
        from: dup.ticket.number,
        title: dup.ticket.title.clone(),
    };
    Db::touch_ticket(w.conn(), keep.id, now).await?;
    w.record(keep.id, std::slice::from_ref(&keep_event)).await?;
    w.settle(&keep, std::slice::from_ref(&keep_event)).await?;
    w.commit().await?;
    tracing::info!(ticket.number = %duplicate, into = %survivor, "duplicate merged");
    Ok(())
}

/// Resolves a parent's open children with the parent's solution, in the parent's transaction:
/// each child's requester is told as for any resolution. A child nobody has yet is given to the
/// person resolving the parent first. `all`: every child, whoever has it (a known issue's).
pub(crate) async fn resolve_children(
    w: &mut TicketWrite<'_>,
    actor: &User,
    parent: &TicketRow,
    notes: &ResolutionNotes,
    all: bool,
) -> Result<(), AppError> {
    let now = w.now();
    for child_id in Db::children_ids(w.conn(), parent.id).await? {
        let Some(row) = Db::ticket(w.conn(), child_id).await? else {
            continue;
        };
        if !row.ticket.status.is_open() {
            continue;
        }
        // A technician resolves children that are theirs or nobody's (and visible to them);
        // others' children stay with their assignees.
        let allowed = all
            || actor.role.coordinates()
            || match row.assignee_id {
                Some(a) => a == actor.id,
                None => can_see(w.conn(), actor, &row).await?,
            };
        if !allowed {
            continue;
        }
        let mut lifecycle = row.ticket.lifecycle();
        let mut s = row.state();
        let mut events = Vec::new();
        if row.ticket.status == Status::New {
            lifecycle = lifecycle.transition(&Action::Assign)?;
            s.assignee_id = Some(actor.id);
            events.push(TicketEvent::Assigned {
                from: None,
                to: actor.name.clone(),
                address: actor.email.clone(),
                automatic_for: None,
            });
        }
        lifecycle = lifecycle.transition(&Action::Resolve(notes.clone()))?;
        s.status = lifecycle.status;
        s.waiting_on = None;
        s.resolution = Some(notes.as_str().to_string());
        events.push(TicketEvent::Status {
            from: row.ticket.status,
            to: Status::Resolved,
            waiting_on: None,
            why: Some(format!(
                "{}{}: {}",
                crate::domain::event::WITH_PARENT,
                parent.ticket.number,
                notes.as_str()
            )),
        });
        if !Db::update_ticket(w.conn(), row.id, row.ticket.version, &s, now).await? {
            return Err(AppError::Conflict);
        }
        w.record(row.id, &events).await?;
        // The requester hears about the solution first (one message per person).
        events.reverse();
        w.settle(&row, &events).await?;
    }
    Ok(())
}

/// The links, work orders and planning choices a ticket page shows staff.
pub async fn ticket_extras(
    state: &AppState,
    actor: &User,
    row: &TicketRow,
) -> Result<crate::types::TicketExtras, AppError> {
    let staff = actor.role.is_staff();
    if !staff {
        return Ok(Default::default());
    }
    let mut conn = state.db.conn().await?;
    let mut links = Db::links(&mut conn, row.id).await?;
    // One connection at a time: a request never waits for a second while holding the first.
    drop(conn);
    let mut work_orders = state
        .db
        .work_orders(WorkOrderFilter {
            ticket: Some(row.id),
            ..WorkOrderFilter::default()
        })
        .await?;
    let mut conn = state.db.conn().await?;
    if !actor.role.coordinates() {
        links.parent = only_visible(&mut conn, actor, links.parent.into_iter().collect())
            .await?
            .pop();
        links.children = only_visible(&mut conn, actor, links.children).await?;
        links.related = only_visible(&mut conn, actor, links.related).await?;
        links.merged = only_visible(&mut conn, actor, links.merged).await?;
        for w in &mut work_orders {
            w.tickets = only_visible(&mut conn, actor, std::mem::take(&mut w.tickets)).await?;
        }
    }
    let known_notice = Db::known_notice(&mut conn, row.id).await?;
    drop(conn);
    let can_request_facility = may_work_on(actor, row) && row.ticket.status.is_open();
    let coordinates = actor.role.coordinates();
    Ok(crate::types::TicketExtras {
        links,
        work_orders,
        can_link: true,
        can_merge: row.ticket.status.is_open()
            && (coordinates || row.assignee_id == Some(actor.id)),
        can_request_facility,
        facility_managers: if can_request_facility {
            state.db.facility_managers().await?
        } else {
            Vec::new()
        },
        open_work_orders: if can_request_facility {
            state
                .db
                .work_orders(WorkOrderFilter {
                    open_only: true,
                    ..WorkOrderFilter::default()
                })
                .await?
                .into_iter()
                .map(|w| {
                    (
                        w.id,
                        format!("{} — {} ({})", w.reference(), w.what, w.location),
                    )
                })
                .collect()
        } else {
            Vec::new()
        },
        requester_bounced_at: state.db.bounced_at_of(row.requester_id).await?,
        known_notice,
        can_announce: coordinates && row.ticket.status.is_open(),
        can_plan: coordinates,
        projects: if coordinates {
            state.db.project_choices().await?
        } else {
            Vec::new()
        },
    })
}

/// The ticket a number leads to for this caller: a merged duplicate's survivor when they may see
/// it, else the ticket itself.
pub async fn follow_merges(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
) -> Result<TicketNumber, AppError> {
    let mut conn = state.db.conn().await?;
    let mut current = load_visible(&mut conn, actor, number).await?;
    // A chain of merges is short; the bound keeps a damaged database from looping.
    for _ in 0..8 {
        let Some(next) = current.ticket.merged_into else {
            break;
        };
        match load_visible(&mut conn, actor, next).await {
            Ok(row) => current = row,
            Err(_) => break,
        }
    }
    Ok(current.ticket.number)
}
