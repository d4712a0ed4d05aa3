//! Keeps every ticket's service-level clocks current and fires escalation rules exactly once.
//!
//! A ticket's clocks are recomputed from its history in the same transaction as every change
//! that can move them (status, priority, category, first response). Each rule of the ticket's
//! policy becomes a timer row; the scheduler claims a due timer by marking it fired in the
//! transaction that performs the rule, so a rule fires once even with several processes, and a
//! server that was down fires what came due on start.

use super::db::Conn;
use super::db::{Db, SlaHistory};
use super::notify::{self, Outgoing};
use super::service::rank_technicians;
use super::state::AppState;
use super::write::TicketWrite;
use crate::domain::sla::{Phase, Rule, RuleAction, Target, Timeline};
use crate::domain::{
    Calendar, Lifecycle, NotificationKind, Policy, Priority, PriorityWhy, Role, Sla, Status,
    Ticket, TicketEvent, User,
};
use crate::error::{AppError, FieldError};
use crate::i18n::Msg;
use crate::types::PolicyForm;
use chrono::{DateTime, Utc};

fn timeline(h: &SlaHistory) -> Timeline {
    let mut t = Timeline::starting(h.created_at);
    for (at, status) in &h.changes {
        t.push(*at, Phase::of(*status));
    }
    t
}

/// Recomputes a ticket's clocks from its history and re-arms its rules. Call inside the write
/// transaction of the change, after its events are written.
pub async fn refresh(
    conn: &mut Conn,
    policies: &[Policy],
    ticket_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<Sla>, AppError> {
    let Some(h) = Db::sla_history(conn, ticket_id).await? else {
        return Ok(None);
    };
    let policy = Policy::choose(policies, &h.category, h.team.as_deref()).filter(|_| !h.planned);
    let Some(policy) = policy else {
        Db::write_sla(conn, ticket_id, None, None, &[]).await?;
        return Ok(None);
    };
    let timeline = timeline(&h);
    let sla = Sla::evaluate(policy, h.priority, &timeline, h.responded_at, now);
    let timers = Sla::rule_times(policy, h.priority, &timeline, h.responded_at);
    Db::write_sla(conn, ticket_id, Some(&sla), sla.next_due(), &timers).await?;
    Ok(Some(sla))
}

/// Computes the clocks of tickets that have none yet (created before service levels existed)
/// or, after a policy change, of every open ticket.
pub async fn refresh_all(state: &AppState, all_open: bool) -> Result<usize, AppError> {
    let ids = state.db.tickets_for_sla(all_open).await?;
    let policies = state.db.policies().await?;
    for chunk in ids.chunks(200) {
        let now = state.clock.now();
        let mut tx = state.db.begin_write().await?;
        for id in chunk {
            refresh(&mut tx, &policies, *id, now).await?;
        }
        tx.commit().await?;
    }
    Ok(ids.len())
}

/// Brings the business time left of tickets up to `now` for display.
pub struct Presenter {
    policies: std::sync::Arc<Vec<Policy>>,
    now: DateTime<Utc>,
}

impl Presenter {
    pub async fn new(state: &AppState) -> Result<Presenter, AppError> {
        Ok(Presenter {
            policies: state.db.policies().await?,
            now: state.clock.now(),
        })
    }

    pub fn apply(&self, t: &mut Ticket) {
        let Some(sla) = t.sla.take() else { return };
        t.sla = Some(match self.policies.iter().find(|p| p.name == sla.policy) {
            Some(p) => sla.at(&p.calendar_for(t.priority), self.now),
            None => sla,
        });
    }
}

pub async fn present(state: &AppState, tickets: &mut [Ticket]) -> Result<(), AppError> {
    if tickets.iter().all(|t| t.sla.is_none()) {
        return Ok(());
    }
    let presenter = Presenter::new(state).await?;
    tickets.iter_mut().for_each(|t| presenter.apply(t));
    Ok(())
}

/// Fires every rule that has come due. Returns how many fired here.
pub async fn run_due(state: &AppState) -> Result<usize, AppError> {
    const BATCH: i64 = 100;
    let mut fired = 0;
    loop {
        let now = state.clock.now();
        let due = state.db.due_timers(now, BATCH).await?;
        for (ticket_id, rule) in &due {
            if fire(state, *ticket_id, rule, now).await? {
                fired += 1;
            }
        }
        if (due.len() as i64) < BATCH {
            return Ok(fired);
        }
    }
}

/// Performs one rule on one ticket, unless it fired already.
async fn fire(
    state: &AppState,
    ticket_id: i64,
    rule_key: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let rule = Rule::parse(rule_key).ok();
    let policies = state.db.policies().await?;
    let technicians = match &rule {
        Some(r) if r.actions.contains(&RuleAction::Reassign) => state.db.technicians().await?,
        _ => Vec::new(),
    };
    // Switchboard acts here, not a person.
    let mut w = TicketWrite::begin_at(state, None, now).await?;
    if !Db::claim_timer(w.conn(), ticket_id, rule_key, now).await? {
        return Ok(false);
    }
    let (Some(rule), Some(row)) = (rule, Db::ticket(w.conn(), ticket_id).await?) else {
        w.commit().await?;
        return Ok(false);
    };
    if !row.ticket.status.is_open() {
        w.commit().await?;
        return Ok(false);
    }
    let number = row.ticket.number;
    let mut s = row.state();
    let mut events = vec![TicketEvent::Sla {
        rule: rule_key.to_string(),
        what: describe(&rule),
    }];
    let kind = if rule.percent >= 100 {
        NotificationKind::SlaBreach
    } else {
        NotificationKind::SlaWarning
    };
    let mut recipients: Vec<(i64, NotificationKind)> = Vec::new();
    for action in &rule.actions {
        match action {
            RuleAction::NotifyAssignee => recipients.extend(row.assignee_id.map(|a| (a, kind))),
            RuleAction::NotifyCoordinators => recipients.extend(
                Db::coordinator_ids(w.conn())
                    .await?
                    .into_iter()
                    .map(|c| (c, kind)),
            ),
            RuleAction::NotifyWatchers => recipients.extend(
                Db::watcher_ids(w.conn(), ticket_id)
                    .await?
                    .into_iter()
                    .map(|w| (w, kind)),
            ),
            RuleAction::RaisePriority if s.priority != Priority::P1 => {
                let raised = s.priority.raised();
                events.push(TicketEvent::Priority {
                    from: s.priority,
                    to: raised,
                    why: PriorityWhy::SlaRule(rule.to_string()),
                });
                s.priority = raised;
                s.priority_reason = Some(crate::domain::event::sla_rule_reason(&rule.to_string()));
                s.escalated = true;
            }
            RuleAction::RaisePriority => {}
            RuleAction::Reassign => {
                if let Some(to) = reassign(&technicians, &row, &mut s, &rule, &mut events, now)? {
                    recipients.push((to, NotificationKind::Escalation));
                }
            }
        }
    }
    // A rule that only tells people leaves the ticket's version alone, so nobody editing it
    // meanwhile is refused for a change they cannot see.
    if s != row.state()
        && !Db::update_ticket(w.conn(), ticket_id, row.ticket.version, &s, now).await?
    {
        return Err(AppError::Conflict);
    }
    w.record(ticket_id, &events).await?;
    let subject = rule.headline().text("number", number.to_string());
    let text = Msg::new("sla-rule-text")
        .text("number", number.to_string())
        .text("title", row.ticket.title.clone())
        .text("priority", s.priority.to_string())
        .msg("when", rule.reached())
        .text("actions", rule.actions_text());
    let told = once_each(recipients, &subject, &text);
    let after = Db::ticket(w.conn(), ticket_id)
        .await?
        .ok_or(AppError::Internal)?;
    notify::deliver(w.conn(), state, Some((ticket_id, &after.ticket)), told, now).await?;
    refresh(w.conn(), &policies, ticket_id, now).await?;
    w.commit().await?;
    tracing::info!(ticket.number = %number, sla.rule = %rule, "escalation rule fired");
    Ok(true)
}

/// Gives the ticket to the best-ranked available technician, when there is one, as a rule's
/// escalation; answers who took it.
fn reassign(
    technicians: &[crate::server::db::Technician],
    row: &crate::server::db::TicketRow,
    s: &mut crate::server::db::TicketState,
    rule: &Rule,
    events: &mut Vec<TicketEvent>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    let mut probe = row.clone();
    probe.ticket.priority = s.priority;
    let best = rank_technicians(technicians, &probe, true, now)
        .into_iter()
        .find_map(|r| technicians.iter().find(|t| t.user.id == r.id));
    let Some(to) = best else {
        return Ok(None);
    };
    events.push(TicketEvent::Assigned {
        from: row.ticket.assignee.as_ref().map(|p| p.name.clone()),
        to: to.user.name.clone(),
        address: to.user.email.clone(),
        automatic_for: None,
    });
    events.push(TicketEvent::Escalated {
        to: Some(to.user.name.clone()),
        why: crate::domain::event::sla_rule_reason(&rule.to_string()),
    });
    if s.status == Status::New {
        let lifecycle = Lifecycle {
            status: s.status,
            waiting_on: s.waiting_on,
            has_assignee: s.assignee_id.is_some(),
        }
        .transition(&crate::domain::Action::Assign)?;
        events.push(TicketEvent::Status {
            from: s.status,
            to: lifecycle.status,
            waiting_on: None,
            why: None,
        });
        s.status = lifecycle.status;
    }
    s.assignee_id = Some(to.user.id);
    s.escalated = true;
    Ok(Some(to.user.id))
}

/// One message per person, the first reason to tell them winning.
fn once_each(recipients: Vec<(i64, NotificationKind)>, subject: &Msg, text: &Msg) -> Vec<Outgoing> {
    let mut told: Vec<Outgoing> = Vec::new();
    for (user_id, kind) in recipients {
        if !told.iter().any(|o| o.user_id == user_id) {
            told.push(Outgoing {
                user_id,
                kind,
                subject: subject.clone(),
                text: vec![text.clone()],
                link: None,
            });
        }
    }
    told
}

/// The subject of a rule's mail, in each reader's language.
fn describe(rule: &Rule) -> String {
    let when = if rule.percent == 100 {
        format!("the {} target was reached", rule.clock)
    } else {
        format!("{}% of the {} target was used", rule.percent, rule.clock)
    };
    let actions: Vec<&str> = rule.actions.iter().map(|a| a.as_str()).collect();
    format!("{when}; {}", actions.join(", "))
}

/// The policies, as admins edit them (staff may read them).
pub async fn policies(state: &AppState, actor: &User) -> Result<Vec<PolicyForm>, AppError> {
    if !actor.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    Ok(state
        .db
        .policies()
        .await?
        .iter()
        .map(PolicyForm::from_policy)
        .collect())
}

/// Checks a policy as typed; every problem comes back at its field.
pub fn parse_policy(
    form: &PolicyForm,
    known_categories: &[String],
    known_teams: &[String],
) -> Result<Policy, AppError> {
    let mut errors = Vec::new();
    let mut at = |field: &str, message: Msg| {
        errors.push(FieldError {
            field: field.into(),
            message: message.key,
            args: message.args,
        })
    };
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        at("name", Msg::new("err-policy-name"));
    }
    let categories: Vec<String> = form
        .categories
        .split(',')
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .collect();
    if let Some(unknown) = categories.iter().find(|c| !known_categories.contains(c)) {
        at(
            "categories",
            Msg::new("err-policy-no-category").text("category", unknown.clone()),
        );
    }
    let teams: Vec<String> = form
        .teams
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            known_teams
                .iter()
                .find(|k| k.eq_ignore_ascii_case(t))
                .cloned()
                .unwrap_or_else(|| t.to_string())
        })
        .collect();
    if let Some(unknown) = teams.iter().find(|t| !known_teams.contains(t)) {
        at(
            "teams",
            Msg::new("err-policy-no-team").text("team", unknown.clone()),
        );
    }
    let calendar = match Calendar::parse(&form.time_zone, &form.hours, &form.holidays) {
        Ok(c) => Some(c),
        Err(m) => {
            let field = match m.key.as_str() {
                "err-unknown-time-zone" => "time_zone",
                "err-holiday-not-date" => "holidays",
                _ => "hours",
            };
            at(field, m);
            None
        }
    };
    let targets: Option<[Target; 4]> = form.targets.clone().try_into().ok();
    match &targets {
        None => at("targets", Msg::new("err-policy-targets")),
        Some(ts) => check_targets(ts, &mut at),
    }
    if !(1..=100).contains(&form.at_risk_percent) {
        at("at_risk_percent", Msg::new("err-policy-at-risk"));
    }
    let rules = parse_rules(&form.rules, &mut at);
    match (calendar, targets) {
        (Some(calendar), Some(targets)) if errors.is_empty() => Ok(Policy {
            id: form.id.unwrap_or_default(),
            name: name.to_string(),
            categories,
            teams,
            calendar,
            targets,
            at_risk_percent: form.at_risk_percent,
            rules,
        }),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Each priority's targets lie between a minute and a year, resolution after response.
fn check_targets(targets: &[Target; 4], at: &mut dyn FnMut(&str, Msg)) {
    for (t, p) in targets.iter().zip(Priority::ALL) {
        if !(1..=525_600).contains(&t.response_minutes)
            || !(1..=525_600).contains(&t.resolution_minutes)
        {
            at(
                "targets",
                Msg::new("err-target-range").text("priority", p.to_string()),
            );
        } else if t.resolution_minutes < t.response_minutes {
            at(
                "targets",
                Msg::new("err-target-order").text("priority", p.to_string()),
            );
        }
    }
}

/// A policy's rules, one per line, each at most once.
fn parse_rules(text: &str, at: &mut dyn FnMut(&str, Msg)) -> Vec<Rule> {
    let mut rules = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match Rule::parse(line) {
            Ok(r) if rules.contains(&r) => at(
                "rules",
                Msg::new("err-rule-twice").number("line", n as i64 + 1),
            ),
            Ok(r) => rules.push(r),
            Err(m) => at(
                "rules",
                Msg::new("err-rule-line")
                    .number("line", n as i64 + 1)
                    .msg("why", m),
            ),
        }
    }
    rules
}

/// Creates or replaces a policy (admins), then recomputes every open ticket's clocks.
pub async fn save_policy(
    state: &AppState,
    actor: &User,
    form: PolicyForm,
) -> Result<PolicyForm, AppError> {
    if actor.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let known: Vec<String> = state
        .db
        .categories()
        .await?
        .into_iter()
        .map(|c| c.slug)
        .collect();
    let teams: Vec<String> = state
        .db
        .teams()
        .await?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let mut policy = parse_policy(&form, &known, &teams)?;
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let id = Db::save_policy(&mut tx, form.id, &policy)
        .await?
        .ok_or(AppError::NotFound)?;
    policy.id = id;
    Db::insert_audit(
        &mut tx,
        actor.id,
        now,
        &format!("SLA policy {}", policy.name),
        "saved",
        &policy
            .targets
            .iter()
            .zip(Priority::ALL)
            .map(|(t, p)| format!("{p} {}/{} min", t.response_minutes, t.resolution_minutes))
            .collect::<Vec<_>>()
            .join(", "),
    )
    .await?;
    tx.commit().await?;
    state.db.forget_policies();
    let n = refresh_all(state, true).await?;
    tracing::info!(sla.policy = %policy.name, tickets = n, "SLA policy saved; clocks recomputed");
    Ok(PolicyForm::from_policy(&policy))
}
