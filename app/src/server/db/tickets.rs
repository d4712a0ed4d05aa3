//! Tickets, their events, notes and watchers, and the lists.

use super::*;

impl Db {
    // ---- tickets ----------------------------------------------------------------------------

    pub async fn insert_ticket(
        conn: &mut AnyConnection,
        t: &NewTicketRow,
    ) -> Result<i64, AppError> {
        let done = sqlx::query_scalar::<_, i64>(
            "INSERT INTO tickets (title, description, category_id, requester_id, impact, urgency, priority, status, \
             location, asset_tag, contact, fields_json, channel, created_at, updated_at, version, project_id, due_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'new', $8, $9, $10, $11, $12, $13, $13, 1, $14, $15) RETURNING id",
        )
        .bind(&t.title)
        .bind(&t.description)
        .bind(t.category_id)
        .bind(t.requester_id)
        .bind(t.impact.as_str())
        .bind(t.urgency.as_str())
        .bind(t.priority.as_str())
        .bind(&t.location)
        .bind(&t.asset_tag)
        .bind(&t.contact)
        .bind(serde_json::Value::Object(t.fields.clone()).to_string())
        .bind(t.channel.as_str())
        .bind(to_ms(t.now))
        .bind(t.project_id)
        .bind(t.due_on.map(|d| d.format("%Y-%m-%d").to_string()))
        .fetch_one(&mut *conn)
        .await?;
        Ok(done)
    }

    pub async fn ticket(conn: &mut AnyConnection, id: i64) -> Result<Option<TicketRow>, AppError> {
        let row = sqlx::query(concat!(ticket_select!(), " WHERE t.id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        row.as_ref().map(ticket_from_row).transpose()
    }

    pub async fn is_watcher(
        conn: &mut AnyConnection,
        ticket_id: i64,
        user_id: i64,
    ) -> Result<bool, AppError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM watchers WHERE ticket_id = $1 AND user_id = $2",
        )
        .bind(ticket_id)
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
        Ok(n > 0)
    }

    /// Writes the ticket's new state when it is still at `expected_version`; false when someone
    /// else changed it first (nothing is written then).
    pub async fn update_ticket(
        conn: &mut AnyConnection,
        id: i64,
        expected_version: i64,
        s: &TicketState,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE tickets SET status = $1, waiting_on = $2, assignee_id = $3, priority = $4, priority_reason = $5, \
             category_id = $6, escalated = $7, reopened = $8, resolution = $9, fields_json = $10, updated_at = $11, \
             version = version + 1 WHERE id = $12 AND version = $13",
        )
        .bind(s.status.as_str())
        .bind(s.waiting_on.map(WaitingOn::as_str))
        .bind(s.assignee_id)
        .bind(s.priority.as_str())
        .bind(&s.priority_reason)
        .bind(s.category_id)
        .bind(s.escalated)
        .bind(s.reopened)
        .bind(&s.resolution)
        .bind(serde_json::Value::Object(s.fields.clone()).to_string())
        .bind(to_ms(now))
        .bind(id)
        .bind(expected_version)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_impact_urgency(
        conn: &mut AnyConnection,
        id: i64,
        impact: Impact,
        urgency: Urgency,
    ) -> Result<(), AppError> {
        sqlx::query("UPDATE tickets SET impact = $1, urgency = $2 WHERE id = $3")
            .bind(impact.as_str())
            .bind(urgency.as_str())
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Bumps the version of a ticket whose notes or watchers changed, so pollers see it.
    pub async fn touch_ticket(
        conn: &mut AnyConnection,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query("UPDATE tickets SET version = version + 1, updated_at = $1 WHERE id = $2")
            .bind(to_ms(now))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    pub async fn insert_event(
        conn: &mut AnyConnection,
        ticket_id: i64,
        actor_id: Option<i64>,
        now: DateTime<Utc>,
        event: &TicketEvent,
    ) -> Result<i64, AppError> {
        let e = event.encode();
        let done = sqlx::query_scalar::<_, i64>(
            "INSERT INTO ticket_events (ticket_id, actor_id, at, kind, from_value, to_value, detail, internal) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(ticket_id)
        .bind(actor_id)
        .bind(to_ms(now))
        .bind(e.kind.as_str())
        .bind(&e.from)
        .bind(&e.to)
        .bind(&e.detail)
        .bind(e.internal)
        .fetch_one(&mut *conn)
        .await?;
        Ok(done)
    }

    pub async fn events(
        &self,
        ticket_id: i64,
        include_internal: bool,
    ) -> Result<Vec<Event>, AppError> {
        let rows = sqlx::query(concat!(
            event_select!(),
            " WHERE e.ticket_id = $1 AND (NOT e.internal OR $2) ORDER BY e.id"
        ))
        .bind(ticket_id)
        .bind(include_internal)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(event_from_row).collect()
    }

    /// The newest event id: the head of the change feed.
    pub async fn feed_head(&self) -> Result<i64, AppError> {
        let v: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM ticket_events")
            .fetch_one(&self.pool)
            .await?;
        Ok(v.unwrap_or(0))
    }

    /// Events after `cursor`, oldest first, at most `limit`.
    pub async fn events_after(&self, cursor: i64, limit: i64) -> Result<Vec<Event>, AppError> {
        let rows = sqlx::query(concat!(
            event_select!(),
            " WHERE e.id > $1 ORDER BY e.id LIMIT $2"
        ))
        .bind(cursor)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(event_from_row).collect()
    }

    /// Finds a note filed before with the same idempotency key (a retried submission).
    pub async fn note_by_key(
        conn: &mut AnyConnection,
        key: &str,
    ) -> Result<Option<(i64, i64)>, AppError> {
        let row = sqlx::query("SELECT id, ticket_id FROM notes WHERE idempotency_key = $1")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
        row.map(|r| Ok((r.try_get("id")?, r.try_get("ticket_id")?)))
            .transpose()
    }

    #[expect(clippy::too_many_arguments, reason = "a note has that many columns")]
    pub async fn insert_note(
        conn: &mut AnyConnection,
        ticket_id: i64,
        author_id: i64,
        body: &str,
        visibility: NoteVisibility,
        minutes: Option<i64>,
        idempotency_key: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let done = sqlx::query_scalar::<_, i64>(
            "INSERT INTO notes (ticket_id, author_id, body, visibility, minutes, idempotency_key, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(ticket_id)
        .bind(author_id)
        .bind(body)
        .bind(visibility.as_str())
        .bind(minutes)
        .bind(idempotency_key)
        .bind(to_ms(now))
        .fetch_one(&mut *conn)
        .await?;
        Ok(done)
    }

    pub async fn notes(
        &self,
        ticket_id: i64,
        include_internal: bool,
    ) -> Result<Vec<Note>, AppError> {
        let rows = sqlx::query(
            "SELECT n.id, n.body, n.visibility, n.minutes, n.created_at, u.email, u.name FROM notes n \
             JOIN users u ON u.id = n.author_id WHERE n.ticket_id = $1 AND (n.visibility = 'public' OR $2) ORDER BY n.id",
        )
        .bind(ticket_id)
        .bind(include_internal)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Note {
                    id: r.try_get("id")?,
                    author: PersonRef {
                        email: r.try_get("email")?,
                        name: r.try_get("name")?,
                    },
                    body: r.try_get("body")?,
                    visibility: decode(r.try_get("visibility")?)?,
                    minutes: r.try_get("minutes")?,
                    created_at: from_ms(r.try_get("created_at")?),
                })
            })
            .collect()
    }

    pub async fn add_watcher(
        conn: &mut AnyConnection,
        ticket_id: i64,
        user_id: i64,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO watchers (ticket_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(ticket_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    pub async fn watchers(&self, ticket_id: i64) -> Result<Vec<PersonRef>, AppError> {
        let rows = sqlx::query(
            "SELECT u.email, u.name FROM watchers w JOIN users u ON u.id = w.user_id WHERE w.ticket_id = $1 ORDER BY u.name",
        )
        .bind(ticket_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PersonRef {
                    email: r.try_get("email")?,
                    name: r.try_get("name")?,
                })
            })
            .collect()
    }

    /// Tickets visible in `scope` that match `filter`, by priority then age, after `cursor`.
    pub async fn list_tickets(
        &self,
        visibility: &Visibility,
        filter: &TicketQuery,
    ) -> Result<Vec<TicketRow>, AppError> {
        // First the ids, from the indexes alone (sorting thousands of open tickets costs little
        // when the rows are not read), then the page's rows with their joins.
        let mut q = Sql::new("SELECT t.id FROM tickets t WHERE 1 = 1");
        push_visibility(&mut q, visibility);
        if !filter.statuses.is_empty() {
            q.push(" AND t.status IN (");
            let mut sep = q.separated(", ");
            for s in &filter.statuses {
                sep.push_bind(s.as_str());
            }
            q.push(")");
        }
        match &filter.assignee {
            Some(AssigneeFilter::Nobody) => {
                q.push(" AND t.assignee_id IS NULL");
            }
            Some(AssigneeFilter::User(id)) => {
                q.push(" AND t.assignee_id = ").push_bind(*id);
            }
            None => {}
        }
        if let Some(rid) = filter.requester {
            q.push(" AND t.requester_id = ").push_bind(rid);
        }
        if let Some(p) = filter.priority {
            q.push(" AND t.priority = ").push_bind(p.as_str());
        }
        if let Some(c) = &filter.category {
            q.push(" AND t.category_id = (SELECT id FROM categories WHERE slug = ")
                .push_bind(c.clone())
                .push(")");
        }
        if let Some(text) = filter.text.as_deref() {
            let columns = if filter.internal_notes {
                SearchIn::Everything
            } else {
                SearchIn::Public
            };
            if !self.push_search(&mut q, text, columns, Words::All) {
                return Ok(Vec::new());
            }
        }
        if let Some(c) = &filter.after {
            q.push(" AND (t.priority, t.created_at, t.id) > (")
                .push_bind(c.priority.as_str())
                .push(", ")
                .push_bind(c.created_at_ms)
                .push(", ")
                .push_bind(c.id)
                .push(")");
        }
        match filter.order {
            TicketOrder::Priority => q.push(" ORDER BY t.priority, t.created_at, t.id"),
            TicketOrder::RecentlyUpdated => q.push(" ORDER BY (t.status IN ('resolved', 'closed', 'cancelled')), t.updated_at DESC, t.id DESC"),
        };
        q.push(" LIMIT ").push_bind(filter.limit);
        let ids: Vec<i64> = q.build_query_scalar().fetch_all(&self.pool).await?;
        let mut rows = self.tickets_by_ids(&ids).await?;
        let position = |id: i64| ids.iter().position(|&x| x == id).unwrap_or(usize::MAX);
        rows.sort_by_key(|r| position(r.id));
        Ok(rows)
    }

    /// Tickets by id, for the change feed.
    pub async fn tickets_by_ids(&self, ids: &[i64]) -> Result<Vec<TicketRow>, AppError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = Sql::new(concat!(ticket_select!(), " WHERE t.id IN ("));
        let mut sep = q.separated(", ");
        for id in ids {
            sep.push_bind(*id);
        }
        q.push(")");
        let rows = q.build().fetch_all(&self.pool).await?;
        rows.iter().map(ticket_from_row).collect()
    }

    /// Open tickets whose title shares words with `title`, for "is it one of these?".
    pub async fn similar_open_titles(
        &self,
        words: &[String],
        requester: Option<i64>,
        limit: i64,
    ) -> Result<Vec<TicketRow>, AppError> {
        let mut q = Sql::new(concat!(
            ticket_select!(),
            " WHERE t.status IN ('new', 'assigned', 'in_progress', 'waiting')"
        ));
        if !self.push_search(&mut q, &words.join(" "), SearchIn::Title, Words::Any) {
            return Ok(Vec::new());
        }
        if let Some(rid) = requester {
            q.push(" AND t.requester_id = ").push_bind(rid);
        }
        q.push(" ORDER BY t.created_at DESC LIMIT ")
            .push_bind(limit);
        let rows = q.build().fetch_all(&self.pool).await?;
        rows.iter().map(ticket_from_row).collect()
    }
}

impl Db {
    /// Adds ` AND t.id IN (<tickets whose text matches>)` to a query over `tickets t`, with the
    /// full-text search of the backend (SQLite FTS5, PostgreSQL `tsvector`): every word a prefix,
    /// no search syntax from the user interpreted. False when there is no word to search for.
    pub(super) fn push_search(
        &self,
        q: &mut Sql,
        text: &str,
        within: SearchIn,
        words: Words,
    ) -> bool {
        match self.backend {
            Backend::Sqlite => {
                let Some(query) =
                    fts_query(text, if words == Words::All { " AND " } else { " OR " })
                else {
                    return false;
                };
                let columns = match within {
                    SearchIn::Title => "{title}",
                    SearchIn::Public => "{title description public_notes resolution}",
                    SearchIn::Everything => {
                        "{title description public_notes internal_notes resolution}"
                    }
                };
                q.push(" AND t.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ")
                    .push_bind(format!("{columns} : ({query})"))
                    .push(")");
            }
            Backend::Postgres => {
                let Some(query) = ts_query(text, if words == Words::All { " & " } else { " | " })
                else {
                    return false;
                };
                let column = match within {
                    SearchIn::Title => "title_doc",
                    SearchIn::Public => "public_doc",
                    SearchIn::Everything => "all_doc",
                };
                q.push(format!(" AND t.id IN (SELECT ticket_id FROM ticket_search WHERE {column} @@ to_tsquery('simple', "))
                    .push_bind(query)
                    .push("))");
            }
        }
        true
    }
}

/// Turns what a person typed into a PostgreSQL `tsquery`: every word becomes a lower-case prefix
/// term, so no query syntax from the user is interpreted. `None` when there is no word.
pub fn ts_query(text: &str, joiner: &str) -> Option<String> {
    search_terms(text, joiner, |w| format!("{w}:*"))
}

/// Up to twelve lower-cased words of `text` (letters and digits only), each written by `term`
/// and joined; `None` when there is no word.
pub(super) fn search_terms(
    text: &str,
    joiner: &str,
    term: impl Fn(&str) -> String,
) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| term(&w.to_lowercase()))
        .collect();
    (!terms.is_empty()).then(|| terms.join(joiner))
}

/// Turns what a person typed into an FTS5 query: every word becomes a quoted prefix term, so no
/// FTS syntax from the user is interpreted. `None` when there is no word to search for.
pub fn fts_query(text: &str, joiner: &str) -> Option<String> {
    search_terms(text, joiner, |w| format!("\"{w}\"*"))
}

/// The tickets (`t`) `visibility` lets its person see, as SQL: the same relations
/// `service::can_see` checks for one ticket.
pub(super) fn push_visibility(q: &mut Sql, visibility: &Visibility) {
    let Visibility::Related { user, by } = visibility else {
        return;
    };
    q.push(" AND (1 = 0");
    for relation in *by {
        q.push(" OR ");
        match relation {
            Relation::Requester => {
                q.push("t.requester_id = ").push_bind(*user);
            }
            Relation::Assignee => {
                q.push("t.assignee_id = ").push_bind(*user);
            }
            Relation::Watcher => {
                q.push(
                    "EXISTS (SELECT 1 FROM watchers w WHERE w.ticket_id = t.id AND w.user_id = ",
                )
                .push_bind(*user)
                .push(")");
            }
            Relation::ProjectFollower => {
                q.push("EXISTS (SELECT 1 FROM projects p WHERE p.id = t.project_id AND p.manager_id = ")
                    .push_bind(*user)
                    .push(") OR EXISTS (SELECT 1 FROM project_watchers pw WHERE pw.project_id = t.project_id AND pw.user_id = ")
                    .push_bind(*user)
                    .push(")");
            }
            Relation::Queue => {
                q.push("(t.assignee_id IS NULL AND t.status = ")
                    .push_bind(Status::New.as_str())
                    .push(" AND EXISTS (SELECT 1 FROM categories c WHERE c.id = t.category_id AND (c.team_id IS NULL OR EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = c.team_id AND m.user_id = ")
                    .push_bind(*user)
                    .push("))))");
            }
        }
    }
    q.push(")");
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssigneeFilter {
    Nobody,
    User(i64),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TicketOrder {
    #[default]
    Priority,
    RecentlyUpdated,
}

/// Keyset position in the priority ordering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListCursor {
    pub priority: Priority,
    pub created_at_ms: i64,
    pub id: i64,
}

impl ListCursor {
    pub fn encode(&self) -> String {
        format!("{}.{}.{}", self.priority, self.created_at_ms, self.id)
    }

    pub fn decode(s: &str) -> Option<ListCursor> {
        let mut parts = s.split('.');
        let c = ListCursor {
            priority: parts.next()?.parse().ok()?,
            created_at_ms: parts.next()?.parse().ok()?,
            id: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(c)
    }
}

#[derive(Clone, Debug, Default)]
pub struct TicketQuery {
    pub statuses: Vec<Status>,
    pub assignee: Option<AssigneeFilter>,
    pub requester: Option<i64>,
    pub priority: Option<Priority>,
    pub category: Option<String>,
    pub text: Option<String>,
    /// Whether internal notes count for the text search (staff only).
    pub internal_notes: bool,
    pub after: Option<ListCursor>,
    pub order: TicketOrder,
    pub limit: i64,
}

pub struct NewTicketRow {
    pub title: String,
    pub description: String,
    pub category_id: i64,
    pub requester_id: i64,
    pub impact: Impact,
    pub urgency: Urgency,
    pub priority: Priority,
    pub location: Option<String>,
    pub asset_tag: Option<String>,
    pub contact: Option<String>,
    pub fields: serde_json::Map<String, serde_json::Value>,
    pub channel: Channel,
    pub now: DateTime<Utc>,
    /// Planned tasks belong to a project and have a due date.
    pub project_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
}

/// The mutable state of a ticket, written whole by `update_ticket`.
#[derive(Clone, Debug, PartialEq)]
pub struct TicketState {
    pub status: Status,
    pub waiting_on: Option<WaitingOn>,
    pub assignee_id: Option<i64>,
    pub priority: Priority,
    pub priority_reason: Option<String>,
    pub category_id: i64,
    pub escalated: bool,
    pub reopened: bool,
    pub resolution: Option<String>,
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// A ticket with the ids the service layer decides permissions on.
#[derive(Clone, Debug)]
pub struct TicketRow {
    pub id: i64,
    pub requester_id: i64,
    pub assignee_id: Option<i64>,
    pub category_id: i64,
    pub priority_reason: Option<String>,
    pub ticket: Ticket,
    pub project_id: Option<i64>,
}

impl TicketRow {
    pub fn state(&self) -> TicketState {
        TicketState {
            status: self.ticket.status,
            waiting_on: self.ticket.waiting_on,
            assignee_id: self.assignee_id,
            priority: self.ticket.priority,
            priority_reason: self.priority_reason.clone(),
            category_id: self.category_id,
            escalated: self.ticket.escalated,
            reopened: self.ticket.reopened,
            resolution: self.ticket.resolution.clone(),
            fields: self.ticket.fields.clone(),
        }
    }
}
