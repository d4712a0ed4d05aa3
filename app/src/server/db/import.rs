//! Writing tickets with their whole history as given (the reports benchmark's year).

use super::*;

/// A ticket with its whole history, written as given (no lifecycle rules, notifications or
/// clocks): for moving data in bulk, such as the reports benchmark's year of history.
#[derive(Clone, Debug)]
pub struct ImportTicket {
    pub title: String,
    pub description: String,
    pub category: String,
    pub requester_id: i64,
    pub assignee_id: Option<i64>,
    pub impact: Impact,
    pub urgency: Urgency,
    pub priority: Priority,
    pub status: Status,
    pub waiting_on: Option<WaitingOn>,
    pub channel: Channel,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub resolution: Option<String>,
    pub escalated: bool,
    pub reopened: bool,
    pub events: Vec<ImportEvent>,
    pub notes: Vec<ImportNote>,
    /// Score, comment and when it was given.
    pub rating: Option<(i64, Option<String>, DateTime<Utc>)>,
}

#[derive(Clone, Debug)]
pub struct ImportEvent {
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub kind: EventKind,
    pub from: Option<String>,
    pub to: Option<String>,
    pub detail: Option<String>,
    pub internal: bool,
}

#[derive(Clone, Debug)]
pub struct ImportNote {
    pub at: DateTime<Utc>,
    pub author_id: i64,
    pub body: String,
    pub visibility: NoteVisibility,
    pub minutes: Option<i64>,
}

impl Db {
    /// Writes tickets with their events, notes and ratings in one transaction; returns their ids.
    pub async fn import_tickets(&self, batch: &[ImportTicket]) -> Result<Vec<i64>, AppError> {
        const ROWS: usize = 1000;
        let categories = self.all_categories().await?;
        let mut tx = self.begin_write().await?;
        let mut ids = Vec::with_capacity(batch.len());
        for t in batch {
            let category_id = categories
                .iter()
                .find(|(_, c)| c.slug == t.category)
                .map(|(id, _)| *id)
                .ok_or_else(|| AppError::field("category", "err-unknown-category"))?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO tickets (title, description, category_id, requester_id, assignee_id, impact, urgency, priority, \
                 status, waiting_on, channel, created_at, updated_at, resolution, escalated, reopened) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
            )
            .bind(&t.title)
            .bind(&t.description)
            .bind(category_id)
            .bind(t.requester_id)
            .bind(t.assignee_id)
            .bind(t.impact.as_str())
            .bind(t.urgency.as_str())
            .bind(t.priority.as_str())
            .bind(t.status.as_str())
            .bind(t.waiting_on.map(WaitingOn::as_str))
            .bind(t.channel.as_str())
            .bind(to_ms(t.created_at))
            .bind(to_ms(t.updated_at))
            .bind(&t.resolution)
            .bind(t.escalated)
            .bind(t.reopened)
            .fetch_one(&mut *tx)
            .await?;
            if let Some((score, comment, at)) = &t.rating {
                sqlx::query("INSERT INTO ratings (ticket_id, score, comment, rated_at) VALUES ($1, $2, $3, $4)")
                    .bind(id)
                    .bind(score)
                    .bind(comment)
                    .bind(to_ms(*at))
                    .execute(&mut *tx)
                    .await?;
            }
            ids.push(id);
        }
        let events: Vec<(i64, &ImportEvent)> = ids
            .iter()
            .zip(batch)
            .flat_map(|(id, t)| t.events.iter().map(move |e| (*id, e)))
            .collect();
        for chunk in events.chunks(ROWS) {
            let mut q = Sql::new(
                "INSERT INTO ticket_events (ticket_id, actor_id, at, kind, from_value, to_value, detail, internal) ",
            );
            q.push_values(chunk, |mut b, (id, e)| {
                b.push_bind(*id)
                    .push_bind(e.actor_id)
                    .push_bind(to_ms(e.at))
                    .push_bind(e.kind.as_str())
                    .push_bind(e.from.clone())
                    .push_bind(e.to.clone())
                    .push_bind(e.detail.clone())
                    .push_bind(e.internal);
            });
            q.build().execute(&mut *tx).await?;
        }
        let notes: Vec<(i64, &ImportNote)> = ids
            .iter()
            .zip(batch)
            .flat_map(|(id, t)| t.notes.iter().map(move |n| (*id, n)))
            .collect();
        for chunk in notes.chunks(ROWS) {
            let mut q = Sql::new(
                "INSERT INTO notes (ticket_id, author_id, body, visibility, minutes, created_at) ",
            );
            q.push_values(chunk, |mut b, (id, n)| {
                b.push_bind(*id)
                    .push_bind(n.author_id)
                    .push_bind(n.body.clone())
                    .push_bind(n.visibility.as_str())
                    .push_bind(n.minutes)
                    .push_bind(to_ms(n.at));
            });
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(ids)
    }
}
