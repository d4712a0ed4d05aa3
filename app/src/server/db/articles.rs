//! The knowledge base: articles with their revisions and "did this help?" answers, the search
//! over them, and the search for resolved tickets like a given text.

use super::sql::Sql;
use super::{flag, from_ms, to_ms, AnyConnection, Backend, Db};
use crate::domain::knowledge::{self, ArticleState, Audience, Reused, ValidArticle};
use crate::domain::visibility::Visibility;
use crate::domain::PersonRef;
use crate::error::AppError;
use crate::types::ArticleRevision;
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;

/// An article as stored.
#[derive(Clone, Debug)]
pub struct ArticleRow {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub category: Option<String>,
    pub category_name: Option<String>,
    pub tags: Vec<String>,
    pub audience: Audience,
    pub state: ArticleState,
    pub owner: PersonRef,
    pub source_ticket_id: Option<i64>,
    pub reviewed_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    pub views: i64,
    pub helped: i64,
    pub not_helped: i64,
}

/// Which articles a list or search returns.
#[derive(Clone, Debug, Default)]
pub struct ArticleFilter {
    /// Stemmed words (`domain::knowledge::keywords`); any of them matches, best matches first.
    /// Empty lists the newest.
    pub words: Vec<String>,
    /// Staff-only articles too.
    pub staff: bool,
    /// Drafts too.
    pub drafts: bool,
    pub limit: i64,
}

/// A resolved ticket found by its words.
#[derive(Clone, Debug)]
pub struct SolvedRow {
    pub id: i64,
    pub title: String,
    pub resolution: String,
    pub fixed_by: Option<String>,
    pub fixed_at: DateTime<Utc>,
    /// Whether the person searching may open it (the fix is shown either way).
    pub open: bool,
}

const ARTICLE_SELECT: &str = "SELECT a.id, a.title, a.body, c.slug AS category, c.name AS category_name, a.tags, a.audience, a.state, \
     u.email AS owner_email, u.name AS owner_name, a.source_ticket_id, a.reviewed_at, a.updated_at, \
     a.version, a.views, a.helped, a.not_helped \
     FROM articles a JOIN users u ON u.id = a.owner_id LEFT JOIN categories c ON c.id = a.category_id";

fn article_from_row(r: &AnyRow) -> Result<ArticleRow, AppError> {
    let tags: String = r.try_get("tags")?;
    Ok(ArticleRow {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        body: r.try_get("body")?,
        category: r.try_get("category")?,
        category_name: r.try_get("category_name")?,
        tags: crate::domain::knowledge::tags_of(&tags),
        audience: super::decode(&r.try_get::<String, _>("audience")?)?,
        state: super::decode(&r.try_get::<String, _>("state")?)?,
        owner: PersonRef {
            email: r.try_get("owner_email")?,
            name: r.try_get("owner_name")?,
        },
        source_ticket_id: r.try_get("source_ticket_id")?,
        reviewed_at: from_ms(r.try_get("reviewed_at")?),
        updated_at: from_ms(r.try_get("updated_at")?),
        version: r.try_get("version")?,
        views: r.try_get("views")?,
        helped: r.try_get("helped")?,
        not_helped: r.try_get("not_helped")?,
    })
}

/// The words as a search of the backend: every word a prefix, any of them.
fn any_prefix(backend: Backend, words: &[String]) -> String {
    match backend {
        Backend::Sqlite => words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" OR "),
        Backend::Postgres => words
            .iter()
            .map(|w| format!("{w}:*"))
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

impl Db {
    /// Stores a new article and its first revision; answers its id.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_article(
        conn: &mut AnyConnection,
        a: &ValidArticle,
        category_id: Option<i64>,
        state: ArticleState,
        owner_id: i64,
        source_ticket_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO articles (title, body, category_id, tags, audience, state, owner_id, \
             source_ticket_id, reviewed_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9) RETURNING id",
        )
        .bind(&a.title)
        .bind(&a.body)
        .bind(category_id)
        .bind(a.tags.join(", "))
        .bind(a.audience.as_str())
        .bind(state.as_str())
        .bind(owner_id)
        .bind(source_ticket_id)
        .bind(to_ms(now))
        .fetch_one(&mut *conn)
        .await?;
        Self::insert_revision(conn, id, 1, a, state, owner_id, now).await?;
        Ok(id)
    }

    /// Saves a new version of an article if it is still at `version`; false when someone saved
    /// another version first.
    #[allow(clippy::too_many_arguments)]
    pub async fn update_article(
        conn: &mut AnyConnection,
        id: i64,
        version: i64,
        a: &ValidArticle,
        category_id: Option<i64>,
        state: ArticleState,
        editor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE articles SET title = $1, body = $2, category_id = $3, tags = $4, audience = $5, \
             state = $6, reviewed_at = $7, updated_at = $7, version = version + 1 \
             WHERE id = $8 AND version = $9",
        )
        .bind(&a.title)
        .bind(&a.body)
        .bind(category_id)
        .bind(a.tags.join(", "))
        .bind(a.audience.as_str())
        .bind(state.as_str())
        .bind(to_ms(now))
        .bind(id)
        .bind(version)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_revision(conn, id, version + 1, a, state, editor_id, now).await?;
        Ok(true)
    }

    async fn insert_revision(
        conn: &mut AnyConnection,
        id: i64,
        version: i64,
        a: &ValidArticle,
        state: ArticleState,
        editor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO article_revisions (article_id, version, title, body, tags, audience, state, \
             edited_by, edited_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(version)
        .bind(&a.title)
        .bind(&a.body)
        .bind(a.tags.join(", "))
        .bind(a.audience.as_str())
        .bind(state.as_str())
        .bind(editor_id)
        .bind(to_ms(now))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    pub async fn article(&self, id: i64) -> Result<Option<ArticleRow>, AppError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{ARTICLE_SELECT} WHERE a.id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(article_from_row).transpose()
    }

    /// Every saved version of an article, newest first.
    pub async fn article_revisions(&self, id: i64) -> Result<Vec<ArticleRevision>, AppError> {
        let rows = sqlx::query(
            "SELECT r.version, r.title, r.state, u.name, r.edited_at FROM article_revisions r \
             JOIN users u ON u.id = r.edited_by WHERE r.article_id = $1 ORDER BY r.version DESC",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ArticleRevision {
                    version: r.try_get("version")?,
                    title: r.try_get("title")?,
                    state: super::decode(&r.try_get::<String, _>("state")?)?,
                    edited_by: r.try_get("name")?,
                    edited_at: from_ms(r.try_get("edited_at")?),
                })
            })
            .collect()
    }

    /// The articles `filter` asks for: the best matches of its words, or the newest.
    pub async fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleRow>, AppError> {
        let mut q = Sql::new(ARTICLE_SELECT);
        // A search is planned for its words each time (not prepared once): PostgreSQL's
        // generic plan for "any text query" walks every article.
        let searching = !filter.words.is_empty();
        let search = searching.then(|| any_prefix(self.backend, &filter.words));
        match (&search, self.backend) {
            (Some(search), Backend::Sqlite) => {
                q.push(" JOIN article_search ON article_search.rowid = a.id WHERE article_search MATCH ")
                    .push_bind(search.clone());
            }
            (Some(search), Backend::Postgres) => {
                q.push(" JOIN article_search s ON s.article_id = a.id WHERE s.doc @@ to_tsquery('simple', ")
                    .push_bind(search.clone())
                    .push(")");
            }
            (None, _) => {
                q.push(" WHERE 1 = 1");
            }
        }
        // A search on SQLite starts from the full-text index: `+` keeps the planner from
        // walking the listing index instead and asking the full-text index once per article.
        let plain = if search.is_some() && self.backend == Backend::Sqlite {
            "+"
        } else {
            ""
        };
        if !filter.drafts {
            q.push(format!(" AND {plain}a.state = "))
                .push_bind(ArticleState::Published.as_str());
        }
        if !filter.staff {
            q.push(format!(" AND {plain}a.audience = "))
                .push_bind(Audience::Everyone.as_str());
        }
        match (search, self.backend) {
            (Some(_), Backend::Sqlite) => {
                q.push(" ORDER BY bm25(article_search, 3.0, 1.0, 2.0), a.id DESC");
            }
            (Some(search), Backend::Postgres) => {
                q.push(" ORDER BY ts_rank(s.doc, to_tsquery('simple', ")
                    .push_bind(search)
                    .push(")) DESC, a.id DESC");
            }
            (None, _) => {
                q.push(" ORDER BY a.updated_at DESC, a.id DESC");
            }
        }
        q.push(" LIMIT ").push_bind(filter.limit);
        let rows = q
            .build()
            .persistent(!searching)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(article_from_row).collect()
    }

    /// Counts a view of an article, in its total and in today's figures.
    pub async fn count_article_view(&self, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE articles SET views = views + 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        add_to_day(&mut tx, id, day_of(now), "views", 1).await?;
        tx.commit().await
    }

    /// What `user` last answered to "did this help?" on an article.
    pub async fn article_answer(
        conn: &mut AnyConnection,
        id: i64,
        user: i64,
    ) -> Result<Option<bool>, AppError> {
        Ok(answer_given(conn, id, user)
            .await?
            .map(|(helped, _)| helped))
    }

    /// Counts an answer to "did this help?". A signed-in reader's answer replaces their earlier
    /// one; a reader without an account is counted each time.
    pub async fn answer_article(
        &self,
        id: i64,
        user: Option<i64>,
        helped: bool,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        let before = match user {
            Some(user) => {
                let before = answer_given(&mut tx, id, user).await?;
                sqlx::query(
                    "INSERT INTO article_feedback (article_id, user_id, helped, at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (article_id, user_id) DO UPDATE SET helped = excluded.helped, at = excluded.at",
                )
                .bind(id)
                .bind(user)
                .bind(helped)
                .bind(to_ms(now))
                .execute(&mut *tx)
                .await?;
                before
            }
            None => None,
        };
        if before.map(|(earlier, _)| earlier) != Some(helped) {
            let column = |yes: bool| if yes { "helped" } else { "not_helped" };
            let mut q = Sql::new(format!("UPDATE articles SET {0} = {0} + 1", column(helped)));
            if let Some((earlier, _)) = before {
                q.push(format!(", {0} = {0} - 1", column(earlier)));
            }
            q.push(" WHERE id = ").push_bind(id);
            q.build().execute(&mut *tx).await?;
            add_to_day(&mut tx, id, day_of(now), column(helped), 1).await?;
            if let Some((earlier, at)) = before {
                add_to_day(&mut tx, id, at.div_euclid(DAY_MS), column(earlier), -1).await?;
            }
        }
        tx.commit().await
    }

    /// Resolved and closed tickets whose title, description or resolution has any of `words`
    /// (stemmed keywords), best matches first; `requester` keeps one person's own. Each says
    /// whether `visibility` lets its person open it.
    pub async fn solved_like(
        &self,
        words: &[String],
        except: Option<i64>,
        requester: Option<i64>,
        visibility: &Visibility,
        limit: i64,
    ) -> Result<Vec<SolvedRow>, AppError> {
        if words.is_empty() || limit <= 0 {
            return Ok(Vec::new());
        }
        let search = any_prefix(self.backend, words);
        // The most recent SOLVED_WINDOW tickets sharing a word are ranked, in `knowledge::rank`:
        // the engines' own ranking counts each word across the whole index, which costs more
        // than the search itself on a desk's years of history. A requester's own are filtered
        // inside the search.
        let eligible = |q: &mut Sql| {
            q.push(
                "t.status IN ('resolved', 'closed') AND t.resolution IS NOT NULL AND t.merged_into IS NULL",
            );
            if let Some(id) = except {
                q.push(" AND t.id <> ").push_bind(id);
            }
            if let Some(rid) = requester {
                q.push(" AND t.requester_id = ").push_bind(rid);
            }
        };
        // Long texts are ranked by their beginning: a mailed request can be long, and a
        // thousand of them would be read whole otherwise.
        let mut q = Sql::new(
            "SELECT t.id, substr(t.title, 1, 300) AS title, substr(t.description, 1, 2000) AS description, \
             substr(t.resolution, 1, 2000) AS resolution FROM (",
        );
        match self.backend {
            Backend::Sqlite => {
                q.push("SELECT rowid AS id FROM ticket_search WHERE ticket_search MATCH ")
                    .push_bind(format!("{{title description resolution}} : ({search})"));
                if requester.is_some() {
                    // `+rowid` keeps the list of their tickets from being pushed into the
                    // full-text index as one lookup per ticket (each re-expanding every prefix).
                    q.push(" AND +rowid IN (SELECT t.id FROM tickets t WHERE ");
                    eligible(&mut q);
                    q.push(")");
                }
                q.push(" ORDER BY rowid DESC LIMIT ")
                    .push_bind(SOLVED_WINDOW)
                    // CROSS JOIN fixes the order: the candidates first, each ticket by its key
                    // (left free, the planner walks every solved ticket by status instead).
                    .push(") c CROSS JOIN tickets t ON t.id = c.id WHERE ");
            }
            Backend::Postgres => {
                q.push(
                    "SELECT s.ticket_id AS id FROM ticket_search s WHERE s.solved_doc @@ to_tsquery('simple', ",
                )
                .push_bind(search);
                if requester.is_some() {
                    q.push(") AND s.ticket_id IN (SELECT t.id FROM tickets t WHERE ");
                    eligible(&mut q);
                }
                // Ordered by the key, the planner walks it backwards testing each row until it
                // has enough; forced to take every match from the index first (`+ 0`), it was
                // eight times slower (docs/benchmarks.md).
                q.push(") ORDER BY s.ticket_id DESC LIMIT ")
                    .push_bind(SOLVED_WINDOW)
                    .push(") c JOIN tickets t ON t.id = c.id WHERE ");
            }
        }
        eligible(&mut q);
        q.push(" ORDER BY t.id DESC");
        let candidates = q.build().persistent(false).fetch_all(&self.pool).await?;
        let texts = candidates
            .iter()
            .map(|r| {
                Ok((
                    r.try_get::<i64, _>("id")?,
                    [
                        r.try_get::<String, _>("title")?,
                        r.try_get::<String, _>("description")?,
                        r.try_get::<Option<String>, _>("resolution")?
                            .unwrap_or_default(),
                    ],
                ))
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        drop(candidates);
        let docs: Vec<[&str; 3]> = texts
            .iter()
            .map(|(_, [a, b, c])| [a.as_str(), b.as_str(), c.as_str()])
            .collect();
        let best: Vec<i64> = knowledge::rank(words, &docs, knowledge::SOLVED_WEIGHTS)
            .into_iter()
            .take(limit as usize)
            .map(|d| texts[d].0)
            .collect();
        if best.is_empty() {
            return Ok(Vec::new());
        }
        // Who fixed the best few and when, and whether the searcher may open them.
        let mut q = Sql::new(
            "SELECT t.id, t.title, t.resolution, \
             (SELECT u.name FROM ticket_events e JOIN users u ON u.id = e.actor_id \
              WHERE e.ticket_id = t.id AND e.kind = 'status' AND e.to_value = 'resolved' \
              ORDER BY e.id DESC LIMIT 1) AS fixed_by, \
             COALESCE((SELECT MAX(e.at) FROM ticket_events e \
              WHERE e.ticket_id = t.id AND e.kind = 'status' AND e.to_value = 'resolved'), t.updated_at) AS fixed_at, \
             (1 = 1",
        );
        super::tickets::push_visibility(&mut q, visibility);
        q.push(") AS open FROM tickets t WHERE t.id IN (");
        {
            let mut ids = q.separated(", ");
            for id in &best {
                ids.push_bind(*id);
            }
        }
        q.push(")");
        let mut rows = q
            .build()
            .persistent(false)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(SolvedRow {
                    id: r.try_get("id")?,
                    title: r.try_get("title")?,
                    resolution: r
                        .try_get::<Option<String>, _>("resolution")?
                        .unwrap_or_default(),
                    fixed_by: r.try_get("fixed_by")?,
                    fixed_at: from_ms(r.try_get("fixed_at")?),
                    open: flag(r, "open")?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        rows.sort_by_key(|r| best.iter().position(|id| *id == r.id));
        Ok(rows)
    }

    /// Records an answer opened from the request form.
    pub async fn record_answer_open(
        &self,
        user: i64,
        article: Option<i64>,
        ticket: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO answer_opens (user_id, article_id, ticket_id, at) VALUES ($1, $2, $3, $4)",
        )
        .bind(user)
        .bind(article)
        .bind(ticket)
        .bind(to_ms(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Over `[from, to)`: answers opened from the request form, and of those the requests avoided
    /// (no request filed by the same person in the day after).
    pub async fn answer_opens(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<(i64, i64), AppError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS opened, \
             CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM tickets t WHERE t.requester_id = o.user_id \
               AND t.created_at >= o.at AND t.created_at < o.at + $3) THEN 0 ELSE 1 END), 0) AS BIGINT) AS avoided \
             FROM answer_opens o WHERE o.at >= $1 AND o.at < $2",
        )
        .bind(to_ms(from))
        .bind(to_ms(to))
        .bind(DAY_MS)
        .fetch_one(&self.pool)
        .await?;
        Ok((row.try_get("opened")?, row.try_get("avoided")?))
    }

    /// The knowledge base's figures for the reports: published articles and those not reviewed
    /// since `stale_before` (now); reads and answers, and tickets resolved after a past fix or an
    /// article went into one of their notes, in the period.
    pub async fn article_figures(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        stale_before: DateTime<Utc>,
    ) -> Result<ArticleFigures, AppError> {
        let row = sqlx::query(
            // Sums cast back to BIGINT: PostgreSQL sums BIGINTs as NUMERIC.
            "SELECT COUNT(*) AS published, \
             CAST(COALESCE(SUM(CASE WHEN reviewed_at < $1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS stale \
             FROM articles WHERE state = 'published'",
        )
        .bind(to_ms(stale_before))
        .fetch_one(&self.pool)
        .await?;
        // By whole UTC days: a day counts in the period its start falls in.
        let days = sqlx::query(
            "SELECT CAST(COALESCE(SUM(views), 0) AS BIGINT) AS views, \
             CAST(COALESCE(SUM(helped), 0) AS BIGINT) AS helped, \
             CAST(COALESCE(SUM(not_helped), 0) AS BIGINT) AS not_helped \
             FROM article_days WHERE day >= $1 AND day < $2",
        )
        .bind(to_ms(start).div_euclid(DAY_MS))
        .bind((to_ms(end) + DAY_MS - 1).div_euclid(DAY_MS))
        .fetch_one(&self.pool)
        .await?;
        let reused = sqlx::query(
            "SELECT COUNT(DISTINCT e.ticket_id) AS n FROM ticket_events e \
             WHERE e.kind = 'status' AND e.to_value = 'resolved' AND e.at >= $1 AND e.at < $2 \
             AND EXISTS (SELECT 1 FROM answer_reuses r WHERE r.ticket_id = e.ticket_id AND r.at <= e.at)",
        )
        .bind(to_ms(start))
        .bind(to_ms(end))
        .fetch_one(&self.pool)
        .await?;
        Ok(ArticleFigures {
            published: row.try_get("published")?,
            views: days.try_get("views")?,
            helped: days.try_get("helped")?,
            not_helped: days.try_get("not_helped")?,
            stale: row.try_get("stale")?,
            resolved_with_reuse: reused.try_get("n")?,
        })
    }

    /// Keeps which past fixes and articles went into a note; only those that exist (the ids
    /// came with the note from the page).
    pub async fn record_reuses(
        conn: &mut AnyConnection,
        ticket: i64,
        note: i64,
        user: i64,
        reused: &[Reused],
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        for r in reused {
            let (column, table, id) = match *r {
                Reused::Article(id) => ("article_id", "articles", id),
                Reused::Ticket(id) => ("source_ticket_id", "tickets", id),
            };
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO answer_reuses (ticket_id, note_id, user_id, {column}, at) \
                 SELECT $1, $2, $3, id, $4 FROM {table} WHERE id = $5"
            )))
            .bind(ticket)
            .bind(note)
            .bind(user)
            .bind(to_ms(now))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }
}

const DAY_MS: i64 = 86_400_000;

/// How many of the most recent tickets sharing a word with a ticket are ranked for staff.
const SOLVED_WINDOW: i64 = 500;

fn day_of(at: DateTime<Utc>) -> i64 {
    to_ms(at).div_euclid(DAY_MS)
}

/// What `user` last answered on an article, and when (ms).
async fn answer_given(
    conn: &mut AnyConnection,
    id: i64,
    user: i64,
) -> Result<Option<(bool, i64)>, AppError> {
    let row = sqlx::query(
        "SELECT helped, at FROM article_feedback WHERE article_id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| Ok((flag(&r, "helped")?, r.try_get("at")?)))
        .transpose()
}

/// Adds `n` to one figure of an article's day.
async fn add_to_day(
    conn: &mut AnyConnection,
    article: i64,
    day: i64,
    column: &'static str,
    n: i64,
) -> Result<(), AppError> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO article_days (article_id, day, {column}) VALUES ($1, $2, $3) \
         ON CONFLICT (article_id, day) DO UPDATE SET {column} = article_days.{column} + excluded.{column}"
    )))
    .bind(article)
    .bind(day)
    .bind(n)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The knowledge base in figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArticleFigures {
    pub published: i64,
    pub views: i64,
    pub helped: i64,
    pub not_helped: i64,
    pub stale: i64,
    /// Tickets resolved after a past fix or an article went into one of their notes.
    pub resolved_with_reuse: i64,
}
