//! Online backups of a SQLite installation, and restoring one into a new database. PostgreSQL
//! installations use `pg_dump` and `pg_restore` (docs/install.md).

use super::{Backend, Db};
use crate::error::AppError;
use sqlx::any::AnyPoolOptions;
use std::path::Path;

/// The file of a `sqlite://` URL (without its query), or `None` for another backend.
pub fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    rest.split('?').next().filter(|p| !p.is_empty())
}

fn refuse(message: String) -> AppError {
    AppError::BadRequest(message)
}

fn new_file(path: &Path) -> Result<&str, AppError> {
    if path.exists() {
        return Err(refuse(format!(
            "{} exists already: give a new file",
            path.display()
        )));
    }
    path.to_str()
        .ok_or_else(|| refuse(format!("{} is not a usable file name", path.display())))
}

impl Db {
    /// Writes a consistent copy of the whole database to the new file `path` while the desk goes
    /// on working: SQLite's `VACUUM INTO` reads one snapshot (committed writes, the write-ahead log
    /// included) and blocks no writer.
    pub async fn backup_to(&self, path: &Path) -> Result<(), AppError> {
        if self.backend != Backend::Sqlite {
            return Err(refuse(
                "a PostgreSQL database is backed up with pg_dump (see docs/install.md)".into(),
            ));
        }
        let target = new_file(path)?;
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// Copies the backup `from` (made by `Db::backup_to`) to the new SQLite database `url`, and opens
/// it: the migrations of this release are applied, so a backup of an older release comes back
/// upgraded. The backup itself is only read.
pub async fn restore(from: &Path, url: &str) -> Result<Db, AppError> {
    let target = sqlite_path(url)
        .ok_or_else(|| refuse("restore works on SQLite; PostgreSQL uses pg_restore".into()))?;
    let target = new_file(Path::new(target))?.to_string();
    let source = from
        .to_str()
        .filter(|_| from.is_file())
        .ok_or_else(|| refuse(format!("no backup file at {}", from.display())))?;
    sqlx::any::install_default_drivers();
    let backup = AnyPoolOptions::new()
        .max_connections(1)
        .connect(&format!("sqlite://{source}?mode=ro"))
        .await
        .map_err(|_| refuse(format!("{} is not a database", from.display())))?;
    let version: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(&backup)
            .await
            .map_err(|_| refuse(format!("{} is not a Switchboard backup", from.display())))?;
    if version.is_none() {
        return Err(refuse(format!(
            "{} is not a Switchboard backup",
            from.display()
        )));
    }
    if let Some(dir) = Path::new(&target)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| refuse(format!("cannot create {}: {e}", dir.display())))?;
    }
    sqlx::query("VACUUM INTO ?")
        .bind(&target)
        .execute(&backup)
        .await?;
    backup.close().await;
    Db::open(url).await.map_err(|e| {
        tracing::error!(error = %e, "the restored database does not open");
        AppError::Internal
    })
}
