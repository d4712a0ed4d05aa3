//! Moving an installation between databases (SQLite to PostgreSQL, or back): every table's rows as
//! JSON lines, `{"table": …, "row": {column: value}}`, read back into an empty database of either
//! backend. Values are converted by the target column's type (SQLite's 0/1 flags become
//! PostgreSQL booleans and back). The search index is rebuilt by the target's own triggers.

use super::sql::Sql;
use super::{Backend, Db};
use crate::error::AppError;
use serde_json::{Map, Value};
use sqlx::any::AnyRow;
use sqlx::{Column, Row};
use std::io::{BufRead, Write};

/// Every table with data, parents before the tables that reference them.
pub const TABLES: &[&str] = &[
    "users",
    "sessions",
    "api_tokens",
    "teams",
    "team_members",
    "categories",
    "skills",
    "sla_policies",
    "projects",
    "project_watchers",
    "tickets",
    "watchers",
    "notes",
    "attachment_blobs",
    "attachment_chunks",
    "attachments",
    "ticket_events",
    "audit_log",
    "sla_timers",
    "notifications",
    "notification_prefs",
    "outbox",
    "inbound_mail",
    "ratings",
    "tracking_links",
    "form_drafts",
    "work_orders",
    "work_order_tickets",
    "ticket_links",
    "known_issues",
    "webhooks",
    "webhook_deliveries",
    "articles",
    "article_revisions",
    "article_feedback",
    "answer_opens",
    "canned_replies",
    "answer_reuses",
    "article_days",
    "recurring_tickets",
    "directory_syncs",
    "directory_changes",
];

/// Rows read and written per table.
pub type Counts = Vec<(&'static str, u64)>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Integer,
    Boolean,
    Text,
    /// Bytes (an attachment's content), base64 in the export.
    Bytes,
}

fn value_of(row: &AnyRow, i: usize, kind: Option<Kind>) -> Value {
    use base64::Engine;
    if kind == Some(Kind::Bytes) {
        return match row.try_get::<Option<Vec<u8>>, _>(i) {
            Ok(Some(b)) => Value::from(base64::engine::general_purpose::STANDARD.encode(b)),
            _ => Value::Null,
        };
    }
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<bool>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    match row.try_get::<Option<String>, _>(i) {
        Ok(v) => v.map_or(Value::Null, Value::from),
        Err(_) => Value::Null,
    }
}

impl Db {
    /// Writes every table's rows as JSON lines; returns how many rows each table had.
    /// Rows are streamed, so a desk with many files is never held in memory at once.
    pub async fn export(&self, out: &mut impl Write) -> Result<Counts, AppError> {
        use futures_util::TryStreamExt;
        let mut counts = Vec::new();
        for table in TABLES {
            let kinds = self.column_kinds(table).await?;
            let mut conn = self.pool.acquire().await?;
            let mut rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT * FROM {table} ORDER BY 1"
            )))
            .fetch(&mut *conn);
            let mut n = 0;
            while let Some(row) = rows.try_next().await? {
                let mut fields = Map::new();
                for (i, column) in row.columns().iter().enumerate() {
                    let kind = kinds
                        .iter()
                        .find(|(c, _)| c == column.name())
                        .map(|(_, k)| *k);
                    fields.insert(column.name().to_string(), value_of(&row, i, kind));
                }
                let line = serde_json::json!({ "table": table, "row": fields });
                writeln!(out, "{line}").map_err(|e| {
                    tracing::error!(error = %e, "cannot write the export");
                    AppError::Internal
                })?;
                n += 1;
            }
            counts.push((*table, n));
        }
        Ok(counts)
    }

    /// Column name → kind, for one table of this database.
    async fn column_kinds(&self, table: &str) -> Result<Vec<(String, Kind)>, AppError> {
        let sql = match self.backend {
            Backend::Sqlite => format!("SELECT name, type FROM pragma_table_info('{table}')"),
            Backend::Postgres => format!(
                "SELECT CAST(column_name AS TEXT) AS name, CAST(data_type AS TEXT) AS type FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = '{table}' AND is_generated = 'NEVER'"
            ),
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let ty: String = r.try_get("type")?;
                let ty = ty.to_lowercase();
                let kind = if ty.contains("blob") || ty.contains("bytea") {
                    Kind::Bytes
                } else if ty.contains("bool") {
                    Kind::Boolean
                } else if ty.contains("int") {
                    Kind::Integer
                } else {
                    Kind::Text
                };
                Ok((r.try_get("name")?, kind))
            })
            .collect()
    }

    /// Reads an export into this database, which must be new (no accounts, no tickets): the
    /// rows the migrations seed (categories, the standard policy) are replaced by the export's.
    pub async fn import(&self, input: impl BufRead) -> Result<Counts, AppError> {
        let refuse = |m: &str| AppError::BadRequest(m.to_string());
        if self.count_users().await? > 0 || self.count_tickets().await? > 0 {
            return Err(refuse(
                "the target database is not empty; import only into a new database",
            ));
        }
        let mut kinds = std::collections::HashMap::new();
        for table in TABLES {
            kinds.insert(*table, self.column_kinds(table).await?);
        }
        let mut tx = self.begin_write().await?;
        for table in ["categories", "sla_policies"] {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
                .execute(&mut *tx)
                .await?;
        }
        let mut counts: Vec<(&'static str, u64)> = TABLES.iter().map(|t| (*t, 0)).collect();
        // A merged duplicate may point at a ticket written after it: those links come last.
        let mut merges: Vec<(i64, i64)> = Vec::new();
        for (n, line) in input.lines().enumerate() {
            let line = line.map_err(|_| refuse("the export cannot be read"))?;
            if line.trim().is_empty() {
                continue;
            }
            let bad = || refuse(&format!("line {} is not an export line", n + 1));
            let item: Value = serde_json::from_str(&line).map_err(|_| bad())?;
            let table = item["table"].as_str().ok_or_else(bad)?;
            let Some(&(name, _)) = counts.iter().find(|(t, _)| *t == table) else {
                return Err(refuse(&format!("line {}: unknown table {table}", n + 1)));
            };
            let row = item["row"].as_object().ok_or_else(bad)?;
            let columns = &kinds[name];
            let mut q = Sql::new(format!("INSERT INTO {name} ("));
            let mut cols = q.separated(", ");
            let chosen: Vec<&(String, Kind)> = columns
                .iter()
                .filter(|(c, _)| row.contains_key(c))
                .collect();
            for (c, _) in &chosen {
                cols.push(c.as_str());
            }
            q.push(") VALUES (");
            let mut values = q.separated(", ");
            for (c, kind) in &chosen {
                let v = &row[c.as_str()];
                if name == "tickets" && c == "merged_into" {
                    if let (Some(id), Some(into)) = (row["id"].as_i64(), v.as_i64()) {
                        merges.push((id, into));
                    }
                    values.push_bind(None::<i64>);
                    continue;
                }
                match (kind, v) {
                    (Kind::Bytes, Value::String(s)) => {
                        use base64::Engine;
                        let bytes = base64::engine::general_purpose::STANDARD
                            .decode(s)
                            .map_err(|_| bad())?;
                        values.push_bind(bytes)
                    }
                    (Kind::Bytes, _) => return Err(bad()),
                    (Kind::Integer, Value::Null) => values.push_bind(None::<i64>),
                    (Kind::Boolean, Value::Null) => values.push_bind(None::<bool>),
                    (_, Value::Null) => values.push_bind(None::<String>),
                    (Kind::Integer, Value::Bool(b)) => values.push_bind(i64::from(*b)),
                    (Kind::Integer, v) => values.push_bind(v.as_i64().ok_or_else(bad)?),
                    (Kind::Boolean, Value::Bool(b)) => values.push_bind(*b),
                    (Kind::Boolean, v) => values.push_bind(v.as_i64().ok_or_else(bad)? != 0),
                    (Kind::Text, Value::String(s)) => values.push_bind(s.clone()),
                    (Kind::Text, other) => values.push_bind(other.to_string()),
                };
            }
            q.push(")");
            q.build().execute(&mut *tx).await?;
            if let Some(c) = counts.iter_mut().find(|(t, _)| *t == name) {
                c.1 += 1;
            }
        }
        for (id, into) in merges {
            sqlx::query("UPDATE tickets SET merged_into = $1 WHERE id = $2")
                .bind(into)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        // Identity columns continue after the imported ids.
        if self.backend == Backend::Postgres {
            for table in TABLES {
                if kinds[table].iter().any(|(c, _)| c == "id") {
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                         GREATEST(COALESCE((SELECT MAX(id) FROM {table}), 0), 1), \
                         (SELECT MAX(id) FROM {table}) IS NOT NULL) IS NULL"
                    )))
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        tx.commit().await?;
        self.forget_categories();
        self.forget_policies();
        Ok(counts)
    }

    /// Rows in every table, to compare an import with its export.
    pub async fn table_counts(&self) -> Result<Counts, AppError> {
        let mut counts = Vec::new();
        for table in TABLES {
            let n: i64 =
                sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                    .fetch_one(&self.pool)
                    .await?;
            counts.push((*table, n as u64));
        }
        Ok(counts)
    }
}
