//! Changing a ticket through the lifecycle: status, assignment, escalation, priority, category
//! and triage.

use super::*;

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
    // Resolve names to ids before taking the write lock.
    let (new_assignee, new_category) = named_in(state, &change).await?;

    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    if expected_version.is_some_and(|v| v != row.ticket.version) {
        return Err(AppError::Conflict);
    }
    let mut c = Changing {
        row: &row,
        s: row.state(),
        lifecycle: row.ticket.lifecycle(),
        events: Vec::new(),
        resolve_minutes: None,
    };
    let action = match (change.action, &new_assignee) {
        (Some(kind), _) => Some(kind),
        (None, Some(_)) => Some(ActionKind::Assign),
        (None, None) => None,
    };
    if let Some(kind) = action {
        c.act(&mut w, actor, kind, &change, new_assignee.as_ref())
            .await?;
    }
    if action != Some(ActionKind::Escalate) {
        c.set_priority(actor, &change)?;
    }
    c.set_category(actor, new_category)?;
    if let Some((impact, urgency)) = c.triage(state, actor, &change)? {
        write_impact_urgency(w.conn(), row.id, impact, urgency).await?;
    }
    let Changing {
        s,
        events,
        resolve_minutes,
        ..
    } = c;

    if events.is_empty() {
        return Ok(row.ticket);
    }
    if !Db::update_ticket(w.conn(), row.id, row.ticket.version, &s, now).await? {
        return Err(AppError::Conflict);
    }
    w.record(row.id, &events).await?;
    if let (Some(minutes), Some(text)) = (resolve_minutes, &s.resolution) {
        log_resolution_time(&mut w, actor, row.id, minutes, text).await?;
    }
    let updated = w.settle(&row, &events).await?;
    // A known issue's children are resolved with it, whoever they are assigned to: they are the
    // people it affected. Its announcement ends once the ticket is no longer open.
    let resolving = action == Some(ActionKind::Resolve);
    // Only a change that ends the ticket's open life concerns its announcement.
    let known = !s.status.is_open() && Db::known_notice(w.conn(), row.id).await?.is_some();
    if known {
        crate::server::coordination::end_with_ticket(&mut w, row.id).await?;
    }
    if resolving && (change.resolve_children || known) {
        let notes = ResolutionNotes::parse(s.resolution.as_deref().unwrap_or_default())
            .map_err(|m| AppError::field("resolution", m))?;
        crate::server::coordination::resolve_children(&mut w, actor, &row, &notes, known).await?;
    }
    w.commit().await?;
    tracing::info!(ticket.number = %number, ticket.version = updated.ticket.version, "ticket changed");
    Ok(updated.ticket)
}

/// The assignee and the category a change names, looked up by address and slug.
async fn named_in(
    state: &AppState,
    change: &TicketChange,
) -> Result<(Option<User>, Option<(i64, crate::domain::Category)>), AppError> {
    let assignee = match change
        .assignee
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(email) => match state.db.user_by_email(&email.to_lowercase()).await? {
            Some(u) if u.role.is_staff() => Some(u),
            _ => return Err(AppError::field("assignee", "err-no-technician")),
        },
    };
    let category = match change.category.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(slug) => Some(
            state
                .db
                .category(slug)
                .await?
                .ok_or_else(|| AppError::field("category", "err-no-category"))?,
        ),
    };
    Ok((assignee, category))
}

/// The reason a change gives, for the changes that need one (the text may be a long resolution).
fn reason_of(change: &TicketChange) -> Result<Option<String>, AppError> {
    bounded_reason(change.reason.as_deref().or(change.text.as_deref()))
}

/// The history entry of a (re)assignment.
fn assigned(row: &TicketRow, to: &User) -> TicketEvent {
    TicketEvent::Assigned {
        from: row.ticket.assignee.as_ref().map(|p| p.name.clone()),
        to: to.name.clone(),
        address: to.email.clone(),
        automatic_for: None,
    }
}

/// A change being worked out: the ticket's new state, where the lifecycle has it, and the
/// events that say what changed.
struct Changing<'r> {
    row: &'r TicketRow,
    s: TicketState,
    lifecycle: Lifecycle,
    events: Vec<TicketEvent>,
    /// Time spent, logged with a resolution.
    resolve_minutes: Option<i64>,
}

impl Changing<'_> {
    /// Takes one step of the lifecycle, as the actor's role allows.
    async fn act(
        &mut self,
        w: &mut TicketWrite<'_>,
        actor: &User,
        kind: ActionKind,
        change: &TicketChange,
        new_assignee: Option<&User>,
    ) -> Result<(), AppError> {
        let row = self.row;
        if !role_allows(actor, row, kind) {
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
        self.lifecycle = self.lifecycle.transition(&action)?;
        match &action {
            Action::Assign => self.assign(w, actor, new_assignee).await?,
            Action::Resolve(notes) => {
                self.s.resolution = Some(notes.as_str().to_string());
                if let Some(m) = change.minutes {
                    if !(0..=24 * 60).contains(&m) {
                        return Err(AppError::field("minutes", "err-minutes-range"));
                    }
                    self.resolve_minutes = Some(m);
                }
            }
            Action::Reopen => {
                // The same rule on every path (page, board, REST): say what is still wrong.
                let Some(reason) = reason_of(change)? else {
                    return Err(AppError::field("reason", "err-reopen-reason"));
                };
                self.s.reopened = true;
                self.events.push(TicketEvent::Reopened { why: reason });
            }
            Action::Escalate => self.escalate(actor, change, new_assignee)?,
            _ => {}
        }
        let lifecycle = self.lifecycle;
        if lifecycle.status != row.ticket.status || lifecycle.waiting_on != row.ticket.waiting_on {
            self.events.push(TicketEvent::Status {
                from: row.ticket.status,
                to: lifecycle.status,
                waiting_on: lifecycle.waiting_on,
                why: match &action {
                    Action::Resolve(n) => Some(n.as_str().to_string()),
                    _ => None,
                },
            });
        }
        self.s.status = lifecycle.status;
        self.s.waiting_on = lifecycle.waiting_on;
        if lifecycle.status == Status::New {
            self.s.assignee_id = None;
        }
        Ok(())
    }

    /// Gives the ticket to the person named, or a technician takes it themselves.
    async fn assign(
        &mut self,
        w: &mut TicketWrite<'_>,
        actor: &User,
        new_assignee: Option<&User>,
    ) -> Result<(), AppError> {
        let row = self.row;
        let to = match (new_assignee, actor.role) {
            (Some(u), Role::Coordinator | Role::Admin) => u.clone(),
            (Some(u), _) if u.id == actor.id => u.clone(),
            (Some(_), _) => return Err(AppError::Forbidden),
            (None, Role::Technician) => actor.clone(),
            (None, _) => return Err(AppError::field("assignee", "err-choose-assignee")),
        };
        // Taking from the queue needs the skill; a coordinator can assign anyone.
        if actor.role == Role::Technician
            && to.id == actor.id
            && row.assignee_id != Some(actor.id)
            && Db::skill_level(w.conn(), actor.id, row.category_id).await? == 0
        {
            return Err(AppError::field_msg(
                "assignee",
                Msg::new("err-skill-needed").text("category", row.ticket.category.clone()),
            ));
        }
        if self.s.assignee_id != Some(to.id) {
            self.events.push(assigned(row, &to));
            self.s.assignee_id = Some(to.id);
        }
        Ok(())
    }

    /// Hands the ticket up: a higher priority (never lower), perhaps a specialist, and why.
    fn escalate(
        &mut self,
        actor: &User,
        change: &TicketChange,
        new_assignee: Option<&User>,
    ) -> Result<(), AppError> {
        let row = self.row;
        let Some(reason) = reason_of(change)? else {
            return Err(AppError::field("reason", "err-escalate-reason"));
        };
        self.s.escalated = true;
        // Escalating only ever raises the priority; only coordinators set it freely.
        let raised = match change.priority {
            None => row.ticket.priority.raised(),
            Some(p) if actor.role.coordinates() || p < row.ticket.priority => p,
            Some(_) => return Err(AppError::field("priority", "err-escalate-lower")),
        };
        if raised != self.s.priority {
            self.events.push(TicketEvent::Priority {
                from: self.s.priority,
                to: raised,
                why: PriorityWhy::Escalation(reason.clone()),
            });
            self.s.priority = raised;
            self.s.priority_reason = Some(reason.clone());
        }
        if let Some(to) = new_assignee {
            if self.s.assignee_id != Some(to.id) {
                self.events.push(assigned(row, to));
                self.s.assignee_id = Some(to.id);
                self.lifecycle = self.lifecycle.transition(&Action::Assign)?;
            }
        }
        self.events.push(TicketEvent::Escalated {
            to: new_assignee.map(|u| u.name.clone()),
            why: reason,
        });
        Ok(())
    }

    /// A coordinator sets the priority by hand, saying why.
    fn set_priority(&mut self, actor: &User, change: &TicketChange) -> Result<(), AppError> {
        let Some(p) = change.priority.filter(|p| *p != self.s.priority) else {
            return Ok(());
        };
        if !actor.role.coordinates() {
            return Err(AppError::Forbidden);
        }
        let reason =
            reason_of(change)?.ok_or_else(|| AppError::field("reason", "err-priority-reason"))?;
        self.events.push(TicketEvent::Priority {
            from: self.s.priority,
            to: p,
            why: PriorityWhy::Manual(reason.clone()),
        });
        self.s.priority = p;
        self.s.priority_reason = Some(reason);
        Ok(())
    }

    /// A coordinator moves the ticket to another category.
    fn set_category(
        &mut self,
        actor: &User,
        category: Option<(i64, crate::domain::Category)>,
    ) -> Result<(), AppError> {
        let Some((category_id, category)) = category.filter(|(id, _)| *id != self.s.category_id)
        else {
            return Ok(());
        };
        if !actor.role.coordinates() {
            return Err(AppError::Forbidden);
        }
        self.events.push(TicketEvent::Category {
            from: self.row.ticket.category.clone(),
            to: category.slug,
        });
        self.s.category_id = category_id;
        Ok(())
    }

    /// A coordinator sets impact and urgency; the priority follows the matrix unless the same
    /// change sets it by hand. Answers the impact and urgency to store, when the change has them.
    fn triage(
        &mut self,
        state: &AppState,
        actor: &User,
        change: &TicketChange,
    ) -> Result<Option<(Impact, Urgency)>, AppError> {
        if change.impact.is_none() && change.urgency.is_none() {
            return Ok(None);
        }
        if !actor.role.coordinates() {
            return Err(AppError::Forbidden);
        }
        let ticket = &self.row.ticket;
        let impact = change.impact.unwrap_or(ticket.impact);
        let urgency = change.urgency.unwrap_or(ticket.urgency);
        let computed = state.settings.priority_matrix.priority(impact, urgency);
        if change.priority.is_none() && computed != self.s.priority {
            self.events.push(TicketEvent::Priority {
                from: self.s.priority,
                to: computed,
                why: PriorityWhy::Triage { impact, urgency },
            });
            self.s.priority = computed;
            self.s.priority_reason = None;
        }
        if impact != ticket.impact || urgency != ticket.urgency {
            self.events.push(TicketEvent::Triage {
                from: (ticket.impact, ticket.urgency),
                to: (impact, urgency),
            });
        }
        Ok(Some((impact, urgency)))
    }
}

/// Time spent on a resolution is logged like a note's, for the reports.
async fn log_resolution_time(
    w: &mut TicketWrite<'_>,
    actor: &User,
    ticket_id: i64,
    minutes: i64,
    resolution: &str,
) -> Result<(), AppError> {
    let now = w.now();
    let note_id = Db::insert_note(
        w.conn(),
        ticket_id,
        actor.id,
        resolution,
        NoteVisibility::Internal,
        Some(minutes),
        None,
        now,
    )
    .await?;
    w.record(
        ticket_id,
        &[TicketEvent::Note {
            id: note_id,
            visibility: NoteVisibility::Internal,
        }],
    )
    .await
}

async fn write_impact_urgency(
    conn: &mut Conn,
    id: i64,
    impact: Impact,
    urgency: Urgency,
) -> Result<(), AppError> {
    Db::set_impact_urgency(conn, id, impact, urgency).await
}
