//! The reports' facts: every ticket's history in one row, read back in Rust.

use super::*;

/// Reports: what the measures of `domain::report` are computed from, in a fixed number of
/// queries whatever the period. Each ticket's history comes back as one compact text (see
/// `parse_history`) so that a year of events is read as one row per ticket.
impl Db {
    /// `technicians` is every member of staff, as `technicians()` lists them.
    pub async fn report_facts(
        &self,
        scope: &crate::domain::report::ReportScope,
        technicians: Vec<Technician>,
    ) -> Result<crate::domain::report::Facts, AppError> {
        use crate::domain::report::{Facts, StaffFact};
        let (start, end) = (to_ms(scope.start()), to_ms(scope.end()));

        // Each half of the tickets comes as one row holding a line per ticket: reading 100,000
        // rows one by one costs more than SQLite building the text, and the halves are built on
        // two connections at once.
        let half = |parity: i64| {
            let mut q = Sql::new(REPORT_LINES);
            q.push_bind(end)
                .push(" AND (t.updated_at >= ")
                .push_bind(start)
                .push(" OR t.status IN ('new', 'assigned', 'in_progress', 'waiting'))")
                .push(" AND t.id % 2 = ")
                .push_bind(parity);
            push_report_filters(&mut q, scope);
            q.push(") AS lines");
            async move {
                let text: Option<String> = q.build_query_scalar().fetch_one(&self.pool).await?;
                Ok::<_, AppError>(text.unwrap_or_default())
            }
        };
        let routes = async {
            let rows = sqlx::query(
                "SELECT c.id, c.slug, tm.name AS team FROM categories c LEFT JOIN teams tm ON tm.id = c.team_id",
            )
            .fetch_all(&self.pool)
            .await?;
            Ok::<_, AppError>(rows)
        };
        let (even, odd, routes) = tokio::try_join!(half(0), half(1), routes)?;
        let routes = routes
            .iter()
            .map(|r| {
                Ok((
                    r.try_get::<i64, _>("id")?,
                    (
                        r.try_get::<String, _>("slug")?,
                        r.try_get::<Option<String>, _>("team")?,
                    ),
                ))
            })
            .collect::<Result<std::collections::HashMap<_, _>, AppError>>()?;
        let staff_ids: std::collections::HashSet<i64> =
            technicians.iter().map(|t| t.user.id).collect();
        // The halves are parsed at the same time, one on a blocking thread.
        let parse = |text: &str,
                     routes: &std::collections::HashMap<i64, (String, Option<String>)>,
                     staff: &std::collections::HashSet<i64>| {
            text.split('\n')
                .filter(|l| !l.is_empty())
                .map(|line| parse_ticket_line(line, routes, staff))
                .collect::<Result<Vec<_>, AppError>>()
        };
        let (other_routes, other_staff) = (routes.clone(), staff_ids.clone());
        let odd = tokio::task::spawn_blocking(move || parse(&odd, &other_routes, &other_staff));
        let mut histories = parse(&even, &routes, &staff_ids)?;
        histories.extend(odd.await.map_err(|e| {
            tracing::error!(error = %e, "report parsing stopped");
            AppError::Internal
        })??);

        let ratings = self.report_ratings(scope, start, end).await?;
        let minutes_logged = self.report_minutes(scope, start, end).await?;

        let staff = technicians
            .into_iter()
            .map(|t| StaffFact {
                id: t.user.id,
                technician: t.user.role == Role::Technician,
                name: t.user.name,
                teams: t.teams,
                capacity: t.capacity,
                open_now: t.open_load,
            })
            .collect();
        let categories = self
            .categories()
            .await?
            .into_iter()
            .map(|c| (c.slug, c.name))
            .collect();
        Ok(Facts {
            histories,
            ratings,
            minutes_logged,
            staff,
            categories,
        })
    }

    /// The ratings given in the report's period.
    async fn report_ratings(
        &self,
        scope: &crate::domain::report::ReportScope,
        start: i64,
        end: i64,
    ) -> Result<Vec<crate::domain::report::RatingFact>, AppError> {
        use crate::domain::report::RatingFact;
        let mut q = Sql::new(
            "SELECT r.ticket_id, r.score, r.comment, r.rated_at FROM ratings r JOIN tickets t ON t.id = r.ticket_id \
             JOIN categories c ON c.id = t.category_id LEFT JOIN teams tm ON tm.id = c.team_id WHERE r.rated_at >= ",
        );
        q.push_bind(start).push(" AND r.rated_at < ").push_bind(end);
        push_report_filters(&mut q, scope);
        q.build()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| -> Result<RatingFact, AppError> {
                Ok(RatingFact {
                    number: TicketNumber::from_id(r.try_get("ticket_id")?),
                    score: u8::try_from(r.try_get::<i64, _>("score")?).unwrap_or_default(),
                    comment: r.try_get("comment")?,
                    at: from_ms(r.try_get("rated_at")?),
                })
            })
            .collect::<Result<Vec<_>, _>>()
    }

    /// Minutes logged per person in the report's period.
    async fn report_minutes(
        &self,
        scope: &crate::domain::report::ReportScope,
        start: i64,
        end: i64,
    ) -> Result<Vec<(i64, i64)>, AppError> {
        let mut q = Sql::new(
            "SELECT n.author_id, CAST(SUM(n.minutes) AS BIGINT) AS minutes FROM notes n JOIN tickets t ON t.id = n.ticket_id \
             JOIN categories c ON c.id = t.category_id LEFT JOIN teams tm ON tm.id = c.team_id \
             WHERE n.minutes IS NOT NULL AND n.created_at >= ",
        );
        q.push_bind(start)
            .push(" AND n.created_at < ")
            .push_bind(end);
        push_report_filters(&mut q, scope);
        q.push(" GROUP BY n.author_id");
        q.build()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("author_id")?, r.try_get("minutes")?)))
            .collect::<Result<Vec<_>, AppError>>()
    }
}

pub(super) fn push_report_filters(q: &mut Sql, scope: &crate::domain::report::ReportScope) {
    if let Some(category) = &scope.category {
        q.push(" AND c.slug = ").push_bind(category.clone());
    }
    if let Some(team) = &scope.team {
        q.push(" AND tm.name = ").push_bind(team.clone());
    }
    if let Some(technician) = scope.technician {
        q.push(" AND t.assignee_id = ").push_bind(technician);
    }
    if let Some(priority) = scope.priority {
        q.push(" AND t.priority = ").push_bind(priority.as_str());
    }
}

/// Report lines (see `parse_ticket_line`) of the tickets passing the conditions that follow.
pub(super) const REPORT_LINES: &str = "SELECT string_agg(line, '
') FROM (SELECT t.id || ' ' || t.created_at || ' ' || t.category_id \
               || ' ' || replace(t.channel, ' ', '_') || ' ' || t.priority || ' ' || t.status \
               || ' ' || COALESCE(CAST(t.assignee_id AS TEXT), '-') || ' ' || COALESCE( \
             (SELECT string_agg(e.id || ' ' || e.at || ' ' || CASE e.kind \
                 WHEN 'status' THEN 'S' || e.to_value \
                   || CASE WHEN e.to_value = 'waiting' AND e.detail IN ('requester', 'third_party', 'facility') \
                      THEN ':' || e.detail ELSE '' END \
                   || '@' || COALESCE(CAST(e.actor_id AS TEXT), '') \
                 WHEN 'assigned' THEN 'A' \
                 WHEN 'escalated' THEN 'E' || COALESCE(CAST(e.actor_id AS TEXT), '') \
                 WHEN 'reopened' THEN 'R' \
                 WHEN 'note' THEN 'N' || COALESCE(CAST(e.actor_id AS TEXT), '') \
                 WHEN 'rule_priority' THEN 'L' \
               END, ';') \
              FROM ticket_events e \
              WHERE e.ticket_id = t.id AND (e.kind IN ('status', 'assigned', 'escalated', 'reopened') \
                OR (e.kind = 'note' AND NOT e.internal) OR e.kind = 'rule_priority')), '') AS line \
             FROM tickets t JOIN categories c ON c.id = t.category_id LEFT JOIN teams tm ON tm.id = c.team_id \
             WHERE t.created_at < ";

/// Reads one ticket line of `report_facts`: `id created_at category_id channel priority status
/// assignee_id|- history`.
pub(super) fn parse_ticket_line(
    line: &str,
    routes: &std::collections::HashMap<i64, (String, Option<String>)>,
    staff: &std::collections::HashSet<i64>,
) -> Result<crate::domain::report::History, AppError> {
    let unreadable = || {
        tracing::error!(line, "unreadable report line");
        AppError::Internal
    };
    let mut f = line.splitn(8, ' ');
    let mut next = || f.next().ok_or_else(unreadable);
    let id: i64 = decode(next()?)?;
    let created_at = from_ms(decode(next()?)?);
    let (category, team) = routes
        .get(&decode(next()?)?)
        .cloned()
        .ok_or_else(unreadable)?;
    let channel = decode(next()?)?;
    let priority = decode(next()?)?;
    let status = decode(next()?)?;
    let assignee = match next()? {
        "-" => None,
        a => Some(decode(a)?),
    };
    let history = f.next().unwrap_or_default();
    Ok(crate::domain::report::History {
        number: TicketNumber::from_id(id),
        created_at,
        category,
        team,
        channel,
        priority,
        assignee,
        status,
        changes: parse_history(history, staff)?,
    })
}

/// Reads the history text of `report_facts`: `id at code` items separated by `;`, where the code is
/// `S<status>[:<waiting on>]@<actor id>` a status change, `A` assigned, `E<actor id>` escalated,
/// `R` reopened, `N<actor id>` a public note, `L` priority raised by a service-level rule. A
/// public note, or work started, waiting or resolving, by a member of `staff` is a response.
pub(super) fn parse_history(
    text: &str,
    staff: &std::collections::HashSet<i64>,
) -> Result<Vec<(DateTime<Utc>, crate::domain::report::Change)>, AppError> {
    use crate::domain::report::Change;
    let unreadable = |item: &str| {
        tracing::error!(item, "unreadable report history item");
        AppError::Internal
    };
    let by_staff = |actor: &str| actor.parse::<i64>().is_ok_and(|id| staff.contains(&id));
    // Items come in index order in practice; sorting by event id makes it certain.
    let mut items: Vec<(i64, &str, &str)> = Vec::new();
    for item in text.split(';').filter(|i| !i.is_empty()) {
        let mut parts = item.splitn(3, ' ');
        let (Some(id), Some(at), Some(code)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(unreadable(item));
        };
        items.push((decode(id)?, at, code));
    }
    items.sort_unstable_by_key(|(id, _, _)| *id);
    let mut out = Vec::with_capacity(items.len());
    for (_, at, code) in items {
        let item = code;
        let at = from_ms(decode(at)?);
        let mut letters = code.chars();
        let kind = letters
            .next()
            .and_then(|c| EventKind::ALL.iter().find(|k| k.report_code() == Some(c)))
            .ok_or_else(|| unreadable(item))?;
        let rest = letters.as_str();
        match kind {
            EventKind::Status => {
                let (status, actor) = rest.rsplit_once('@').ok_or_else(|| unreadable(item))?;
                let (status, waiting_on) = match status.split_once(':') {
                    Some((s, w)) => (s, w.parse().ok()),
                    None => (status, None),
                };
                let to: Status = decode(status)?;
                if EventKind::Status.responds(Some(to.as_str()), false) && by_staff(actor) {
                    out.push((at, Change::Responded));
                }
                out.push((at, Change::Status { to, waiting_on }));
            }
            EventKind::Assigned => out.push((at, Change::Assigned)),
            EventKind::Escalated => out.push((
                at,
                Change::Escalated {
                    by: rest.parse().ok(),
                },
            )),
            EventKind::RulePriority => out.push((at, Change::Escalated { by: None })),
            EventKind::Reopened => out.push((at, Change::Reopened)),
            EventKind::Note if by_staff(rest) => out.push((at, Change::Responded)),
            EventKind::Note => {}
            _ => return Err(unreadable(item)),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_query_writes_each_kinds_report_code() {
        for k in EventKind::ALL {
            let when = format!("WHEN '{k}' THEN '");
            match k.report_code() {
                Some(code) => assert!(
                    REPORT_LINES.contains(&format!("{when}{code}")),
                    "{k} is written as {code}"
                ),
                None => assert!(!REPORT_LINES.contains(&when), "{k} is not reported"),
            }
        }
    }

    #[test]
    fn report_lines_read_back_with_responses_only_from_staff() {
        use crate::domain::report::Change;
        let routes = std::collections::HashMap::from([(
            3,
            ("network".to_string(), Some("Network".to_string())),
        )]);
        let staff = std::collections::HashSet::from([7]);
        // Out of order on purpose: items are put back in event order.
        let line = "42 1000 3 walk_in P2 resolved 7 \
                    18 5000 Sresolved@7;10 2000 A;11 2000 Sassigned@1;12 3000 Swaiting:requester@7;\
                    13 3500 N9;14 4000 Sin_progress@9;15 4500 E7;16 4600 L;17 4700 R;9 1500 N7";
        let h = parse_ticket_line(line, &routes, &staff).unwrap();
        assert_eq!(h.number, TicketNumber::from_id(42));
        assert_eq!(
            (h.category.as_str(), h.team.as_deref()),
            ("network", Some("Network"))
        );
        assert_eq!(
            (h.channel.as_str(), h.priority, h.status, h.assignee),
            ("walk_in", Priority::P2, Status::Resolved, Some(7))
        );
        let changes: Vec<(i64, Change)> = h
            .changes
            .into_iter()
            .map(|(at, c)| (to_ms(at), c))
            .collect();
        assert_eq!(
            changes,
            vec![
                // A public note by staff, then work by staff, are responses; the requester's
                // note (9) and the requester resuming the ticket are not.
                (1500, Change::Responded),
                (2000, Change::Assigned),
                (
                    2000,
                    Change::Status {
                        to: Status::Assigned,
                        waiting_on: None
                    }
                ),
                (3000, Change::Responded),
                (
                    3000,
                    Change::Status {
                        to: Status::Waiting,
                        waiting_on: Some(WaitingOn::Requester)
                    }
                ),
                (
                    4000,
                    Change::Status {
                        to: Status::InProgress,
                        waiting_on: None
                    }
                ),
                (4500, Change::Escalated { by: Some(7) }),
                (4600, Change::Escalated { by: None }),
                (4700, Change::Reopened),
                (5000, Change::Responded),
                (
                    5000,
                    Change::Status {
                        to: Status::Resolved,
                        waiting_on: None
                    }
                ),
            ]
        );
        assert!(
            parse_ticket_line("42 1000 99 portal P2 new - ", &routes, &staff).is_err(),
            "unknown category"
        );
        assert!(parse_ticket_line("42 1000 3 portal P9 new -", &routes, &staff).is_err());
        assert!(parse_ticket_line("42 1000 3 portal P2 new - 1 2 Q", &routes, &staff).is_err());
    }
}
