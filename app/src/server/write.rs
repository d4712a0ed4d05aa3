//! The one way a ticket changes: a `TicketWrite` holds the write transaction, who acts and when;
//! the change records its events through it, `settle` recomputes the clocks and tells the people
//! and tools concerned (notifications, the mail outbox and webhooks, in the same transaction), and
//! `commit` commits and moves the board's change feed on to the last event written. Filing, changes, notes, watchers,
//! planned tasks, facility work, links, merges, ratings, tracking links and service-level rules
//! all go through it, so a new kind of change lands here too.

use super::db::{Conn, Db, TicketRow, Tx};
use super::notify::{self, Audience};
use super::state::AppState;
use crate::domain::{Ticket, TicketEvent, User};
use crate::error::AppError;
use chrono::{DateTime, Utc};

pub struct TicketWrite<'a> {
    state: &'a AppState,
    tx: Tx,
    actor: Option<User>,
    now: DateTime<Utc>,
    /// The last event written: the change feed advances to it on commit.
    last_event: i64,
}

impl<'a> TicketWrite<'a> {
    /// Starts a change by `actor` (none for the service-level scheduler) at `now`.
    pub async fn begin_at(
        state: &'a AppState,
        actor: Option<&User>,
        now: DateTime<Utc>,
    ) -> Result<Self, AppError> {
        Ok(TicketWrite {
            state,
            tx: state.db.begin_write().await?,
            actor: actor.cloned(),
            now,
            last_event: 0,
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The transaction, for the writes of a change that are not events.
    pub fn conn(&mut self) -> &mut Conn {
        &mut self.tx
    }

    /// Records `events` of ticket `ticket_id`, in order, as the acting person's.
    pub async fn record(&mut self, ticket_id: i64, events: &[TicketEvent]) -> Result<(), AppError> {
        let actor = self.actor.as_ref().map(|a| a.id);
        self.record_by(ticket_id, actor, events).await
    }

    /// Records `events` as done by `actor` (none: by Switchboard itself, such as an automatic
    /// assignment).
    pub async fn record_by(
        &mut self,
        ticket_id: i64,
        actor: Option<i64>,
        events: &[TicketEvent],
    ) -> Result<(), AppError> {
        for e in events {
            let id = Db::insert_event(&mut self.tx, ticket_id, actor, self.now, e).await?;
            self.last_event = self.last_event.max(id);
        }
        Ok(())
    }

    /// What follows a change of the ticket that was `before` once its `events` are recorded: the
    /// clocks are recomputed, the ticket is read back, and the people it concerns are told.
    pub async fn settle(
        &mut self,
        before: &TicketRow,
        events: &[TicketEvent],
    ) -> Result<TicketRow, AppError> {
        let policies = self.state.db.policies_in(&mut self.tx).await?;
        super::sla::refresh(&mut self.tx, &policies, before.id, self.now).await?;
        let updated = Db::ticket(&mut self.tx, before.id)
            .await?
            .ok_or(AppError::Internal)?;
        let who = notify::audience(
            &mut self.tx,
            before.id,
            updated.requester_id,
            updated.assignee_id,
            before.assignee_id,
        )
        .await?;
        self.tell(before.id, &updated.ticket, &who, events).await?;
        Ok(updated)
    }

    /// Tells `who` about the `events` of ticket `ticket_id` (now `ticket`), in this transaction.
    pub async fn tell(
        &mut self,
        ticket_id: i64,
        ticket: &Ticket,
        who: &Audience,
        events: &[TicketEvent],
    ) -> Result<(), AppError> {
        let mut told = notify::for_change(ticket, who, events, self.actor.as_ref());
        notify::ask_for_details(
            self.state,
            &mut self.tx,
            ticket_id,
            ticket,
            who,
            events,
            &mut told,
        )
        .await?;
        notify::quote_notes(&mut self.tx, events, &mut told).await?;
        super::webhooks::enqueue(
            &mut self.tx,
            &self.state.settings,
            ticket_id,
            ticket,
            events,
            self.now,
        )
        .await?;
        notify::deliver(
            &mut self.tx,
            self.state,
            Some((ticket_id, ticket)),
            told,
            self.now,
        )
        .await
    }

    /// Commits the change and lets every open board see its events.
    pub async fn commit(self) -> Result<(), AppError> {
        let (state, last) = (self.state, self.last_event);
        self.tx.commit().await?;
        if last > 0 {
            state.feed.advance(last);
        }
        Ok(())
    }
}
