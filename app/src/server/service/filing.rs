//! Filing a request: the checks, its priority, automatic assignment and the confirmation.

use super::*;
use crate::domain::Category;
use chrono::{DateTime, Utc};

/// Files a request. Staff may file on someone's behalf (creating the requester's account when
/// it does not exist yet); requesters file for themselves.
#[tracing::instrument(skip_all, fields(user.id = actor.id))]
pub async fn create_ticket(
    state: &AppState,
    actor: &User,
    input: NewTicket,
) -> Result<Ticket, AppError> {
    file_ticket(state, actor, input, Filing::default()).await
}

/// What comes with a request filed by mail, stored in the same transaction as the ticket: the
/// message's record (a second copy of it then files nothing), its files, and a ticket its
/// sender may not see that it answered (linked as related).
#[derive(Default)]
pub(crate) struct Filing<'a> {
    pub mail: Option<crate::server::db::InboundRow<'a>>,
    pub files: Vec<super::attachments::Upload>,
    pub related: Option<i64>,
    /// A recurring ticket's run, claimed in the filing's transaction, and whom it goes to.
    pub run: Option<Run>,
    /// The known issue the request is filed under as a child ("This affects me too").
    pub under: Option<Under>,
}

/// A known issue a request is filed under (the announcement and its ticket), and who works on it.
pub(crate) struct Under {
    pub known: i64,
    pub parent: i64,
    pub assignee: Option<User>,
}

/// One run of a recurring ticket: `Conflict` when another process filed it first.
pub(crate) struct Run {
    pub recurring: i64,
    pub due: DateTime<Utc>,
    pub next: Option<DateTime<Utc>>,
    pub assignee: Option<User>,
}

/// Files a request with what came with it; `Conflict` when its mail was filed already.
pub(crate) async fn file_ticket(
    state: &AppState,
    actor: &User,
    input: NewTicket,
    with: Filing<'_>,
) -> Result<Ticket, AppError> {
    let now = state.clock.now();
    let Checked {
        mut row,
        category,
        requester,
    } = check(state, actor, &input, now).await?;
    let scheduled = with
        .run
        .as_ref()
        .and_then(|r| r.assignee.clone())
        .or_else(|| with.under.as_ref().and_then(|u| u.assignee.clone()));
    if with.run.is_some() {
        row.channel = Channel::Schedule;
    }
    let candidates = match (
        &scheduled,
        state.db.auto_assign_team_of(row.category_id).await?,
    ) {
        (None, Some(team)) => Some((
            team.clone(),
            least_loaded(state, &team, &category.slug, now).await?,
        )),
        _ => None,
    };
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let id = Db::insert_ticket(w.conn(), &row).await?;
    if let Some(run) = &with.run {
        if !Db::claim_recurring_run(w.conn(), run.recurring, run.due, run.next, Some(id)).await? {
            return Err(AppError::Conflict);
        }
    }
    // A team that assigns automatically picks one of its least loaded; a recurring ticket goes
    // to whom it names.
    let auto = candidates
        .and_then(|(team, tied)| {
            (!tied.is_empty()).then(|| (tied[id as usize % tied.len()].clone(), Some(team)))
        })
        .or(scheduled.map(|u| (u, None)));
    let on_behalf = (requester.id != actor.id).then(|| {
        format!(
            "{}{} ({})",
            crate::domain::event::FILED_BY,
            actor.name,
            row.channel
        )
    });
    // Filed, then (when a team assigns automatically) assigned: the lifecycle says to what.
    let filed = Lifecycle::new_ticket();
    let lifecycle = match &auto {
        Some(_) => filed.transition(&Action::Assign)?,
        None => filed,
    };
    let event = TicketEvent::Created {
        status: filed.status,
        via: on_behalf.unwrap_or_else(|| row.channel.to_string()),
    };
    w.record(id, std::slice::from_ref(&event)).await?;
    let mut events = vec![event];
    if let Some((to, team)) = &auto {
        Db::assign_new(w.conn(), id, to.id).await?;
        let assigned = [
            TicketEvent::Assigned {
                from: None,
                to: to.name.clone(),
                address: to.email.clone(),
                automatic_for: team.as_ref().map(|t| t.to_string()),
            },
            TicketEvent::Status {
                from: filed.status,
                to: lifecycle.status,
                waiting_on: None,
                why: None,
            },
        ];
        // Switchboard assigned it, not the person filing.
        w.record_by(id, None, &assigned).await?;
        events.extend(assigned);
    }
    let Filing {
        mail,
        files,
        related,
        run: _,
        under,
    } = with;
    if let Some(under) = under {
        // Still announced and open, and nothing of this requester's about it yet: a second
        // click racing the first files nothing.
        match Db::known_issue(w.conn(), under.known, requester.id).await? {
            Some(k) if k.mine.is_none() => {}
            Some(_) => return Err(AppError::Conflict),
            None => return Err(AppError::NotFound),
        }
        Db::insert_link(w.conn(), id, under.parent, "child_of", actor.id, now).await?;
        let mine = TicketEvent::Linked {
            to: TicketNumber::from_id(under.parent),
            role: crate::domain::LinkRole::Parent,
        };
        w.record_by(id, None, std::slice::from_ref(&mine)).await?;
        let theirs = TicketEvent::Linked {
            to: TicketNumber::from_id(id),
            role: crate::domain::LinkRole::Child,
        };
        // The known issue's ticket is not touched: its version stays, so whoever works on it is
        // not refused as stale each time someone joins; the event alone tells the boards.
        w.record_by(under.parent, None, std::slice::from_ref(&theirs))
            .await?;
    }
    if !files.is_empty() {
        let (stored, _) =
            super::attachments::store_files(&mut w, actor, id, None, files, false).await?;
        events.extend(stored);
    }
    if let Some(mail) = mail {
        let mail = crate::server::db::InboundRow {
            ticket_id: Some(id),
            ..mail
        };
        if !Db::record_inbound(w.conn(), &mail, now).await? {
            return Err(AppError::Conflict);
        }
    }
    if let Some(other) = related {
        Db::insert_link(w.conn(), id, other, "related", actor.id, now).await?;
        let number = TicketNumber::from_id(id);
        let other_number = TicketNumber::from_id(other);
        let mine = TicketEvent::Linked {
            to: other_number,
            role: crate::domain::LinkRole::Related,
        };
        w.record_by(id, None, std::slice::from_ref(&mine)).await?;
        let theirs = TicketEvent::Linked {
            to: number,
            role: crate::domain::LinkRole::Related,
        };
        Db::touch_ticket(w.conn(), other, now).await?;
        w.record_by(other, None, std::slice::from_ref(&theirs))
            .await?;
    }
    let by_mail = row.channel == Channel::Email;
    let policies = state.db.policies_in(w.conn()).await?;
    let sla = crate::server::sla::refresh(w.conn(), &policies, id, now).await?;
    let assignee = auto.map(|(u, _)| u);
    let ticket = Filed {
        id,
        row,
        category: category.slug,
        status: lifecycle.status,
        requester: &requester,
        assignee: assignee.as_ref(),
        sla,
    }
    .ticket();
    let mut who = notify::audience(
        w.conn(),
        id,
        requester.id,
        assignee.as_ref().map(|u| u.id),
        None,
    )
    .await?;
    // Someone filed for by phone or at the desk may have no password: they follow the ticket
    // through a private link sent with the confirmation.
    // So may someone whose first request arrived by mail.
    if (requester.id != actor.id || by_mail) && !Db::can_sign_in(w.conn(), requester.id).await? {
        who.tracking_link =
            Some(crate::server::portal::issue_link(w.conn(), id, Some(actor.id), now).await?);
    }
    w.tell(id, &ticket, &who, &events).await?;
    w.commit().await?;
    tracing::info!(ticket.number = %ticket.number, ticket.priority = %ticket.priority, "ticket filed");
    Ok(ticket)
}

/// A request whose every field passed its checks, ready to be written.
pub(super) struct Checked {
    row: NewTicketRow,
    category: Category,
    requester: User,
}

/// Checks every field of a request, reporting all that are wrong at once.
pub(super) async fn check(
    state: &AppState,
    actor: &User,
    input: &NewTicket,
    now: DateTime<Utc>,
) -> Result<Checked, AppError> {
    let mut errors = Vec::new();
    let title = TicketTitle::parse(&input.title)
        .map_err(|m| {
            errors.push(FieldError {
                args: Vec::new(),
                field: "title".into(),
                message: m,
            })
        })
        .ok();
    let description = NoteBody::parse(&input.description)
        .map_err(|_| errors.push(FieldError::new("description", "err-description")))
        .ok();
    let impact: Option<Impact> =
        parse_into(&input.impact, "impact", "err-choose-impact", &mut errors);
    let urgency: Option<Urgency> =
        parse_into(&input.urgency, "urgency", "err-choose-urgency", &mut errors);
    let location = optional_text(
        input.location.as_deref(),
        "location",
        "err-location-too-long",
        200,
        &mut errors,
    );
    let asset_tag = optional_text(
        input.asset_tag.as_deref(),
        "asset_tag",
        "err-asset-tag-too-long",
        100,
        &mut errors,
    );
    let contact = optional_text(
        input.contact.as_deref(),
        "contact",
        "err-contact-too-long",
        200,
        &mut errors,
    );
    let channel = channel_of(input, &mut errors);
    let (category, fields) = category_of(state, input, &mut errors).await?;
    // A hardware request's asset tag may come as the top-level field or the category field.
    let asset_tag = asset_tag.or_else(|| {
        fields
            .get("asset_tag")
            .and_then(|v| v.as_str())
            .map(String::from)
    });

    let requester = requester_of(state, actor, input, now, &mut errors).await?;
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
    Ok(Checked {
        row: NewTicketRow {
            title: title.as_str().to_string(),
            description: description.as_str().to_string(),
            category_id,
            requester_id: requester.id,
            impact,
            urgency,
            priority: state.settings.priority_matrix.priority(impact, urgency),
            location,
            asset_tag,
            contact,
            fields,
            channel,
            now,
            project_id: None,
            due_on: None,
        },
        category,
        requester,
    })
}

/// How the request came in: one of the channels people file through (the portal by default).
fn channel_of(input: &NewTicket, errors: &mut Vec<FieldError>) -> Channel {
    let filed_through = input
        .channel
        .as_deref()
        .map_or(Ok(Channel::Portal), str::parse::<Channel>)
        .ok()
        .filter(|c| Channel::FILED.contains(c));
    filed_through.unwrap_or_else(|| {
        let choices: Vec<&str> = Channel::FILED.iter().map(|c| c.as_str()).collect();
        let m = Msg::new("err-channel").text("choices", choices.join(", "));
        errors.push(FieldError {
            field: "channel".into(),
            message: m.key,
            args: m.args,
        });
        Channel::Portal
    })
}

/// The request's category and its answers to the category's questions, checked.
async fn category_of(
    state: &AppState,
    input: &NewTicket,
    errors: &mut Vec<FieldError>,
) -> Result<
    (
        Option<(i64, Category)>,
        serde_json::Map<String, serde_json::Value>,
    ),
    AppError,
> {
    let category = state.db.category(input.category.trim()).await?;
    let mut fields = serde_json::Map::new();
    match &category {
        None => errors.push(FieldError::new("category", "err-choose-category")),
        Some((_, c)) => match c.check_fields(&input.fields) {
            Ok(clean) => fields = clean,
            Err(e) => errors.extend(e.into_iter().map(|(field, m)| FieldError {
                field,
                message: m.key,
                args: m.args,
            })),
        },
    }
    Ok((category, fields))
}

/// Who the request is for: the person filing, or (filed by staff) the person named, whose
/// account is created when it does not exist yet.
async fn requester_of(
    state: &AppState,
    actor: &User,
    input: &NewTicket,
    now: DateTime<Utc>,
    errors: &mut Vec<FieldError>,
) -> Result<Option<User>, AppError> {
    Ok(
        match input
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
                        args: Vec::new(),
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
                            crate::server::auth::create_account(
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
                                            args: f.args,
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
        },
    )
}

/// The members of an automatically assigning `team` who may take a ticket of the category now:
/// qualified, available, with room, and least loaded for their capacity (ties take turns by
/// ticket number).
async fn least_loaded(
    state: &AppState,
    team: &str,
    category: &str,
    now: DateTime<Utc>,
) -> Result<Vec<User>, AppError> {
    let techs = state.db.technicians().await?;
    let load = |t: &db::Technician| (t.open_load * 1000 / t.capacity.max(1), t.open_load);
    let fit: Vec<&db::Technician> = techs
        .iter()
        .filter(|t| t.user.role == Role::Technician && t.teams.iter().any(|m| m == team))
        .filter(|t| t.available(now) && t.open_load < t.capacity)
        .filter(|t| t.skills.iter().any(|(c, l)| *c == category && *l > 0))
        .collect();
    let lowest = fit.iter().map(|t| load(t)).min();
    let mut tied: Vec<User> = fit
        .into_iter()
        .filter(|t| Some(load(t)) == lowest)
        .map(|t| t.user.clone())
        .collect();
    tied.sort_by_key(|u| u.id);
    Ok(tied)
}

/// What a just-filed ticket holds, known without reading it back.
struct Filed<'a> {
    id: i64,
    row: NewTicketRow,
    category: String,
    status: Status,
    requester: &'a User,
    assignee: Option<&'a User>,
    sla: Option<crate::domain::Sla>,
}

impl Filed<'_> {
    fn ticket(self) -> Ticket {
        let person = |u: &User| PersonRef {
            email: u.email.clone(),
            name: u.name.clone(),
        };
        let at = db::from_ms(db::to_ms(self.row.now));
        let row = self.row;
        Ticket {
            number: TicketNumber::from_id(self.id),
            title: row.title,
            description: row.description,
            category: self.category,
            status: self.status,
            waiting_on: None,
            priority: row.priority,
            impact: row.impact,
            urgency: row.urgency,
            requester: person(self.requester),
            assignee: self.assignee.map(person),
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
            version: if self.assignee.is_some() { 2 } else { 1 },
            sla: self.sla,
            project: None,
            due_on: None,
            merged_into: None,
        }
    }
}
