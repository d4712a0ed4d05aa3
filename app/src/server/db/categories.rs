//! Categories and their questions.

use super::*;

impl Db {
    // ---- categories -------------------------------------------------------------------------

    /// Every category, read at most every few seconds: filing a ticket needs its category, and
    /// categories change rarely (an edit here is seen at once, one in another process within
    /// `CATEGORY_CACHE`).
    pub(super) async fn all_categories(
        &self,
    ) -> Result<std::sync::Arc<Vec<(i64, Category)>>, AppError> {
        if let Some(list) = self.caches.categories.get(&()) {
            return Ok(list);
        }
        self.all_categories_in(&mut *self.pool.acquire().await?)
            .await
    }

    /// Every category, read on `conn` when they are not cached (see `policies_in`).
    async fn all_categories_in(
        &self,
        conn: &mut AnyConnection,
    ) -> Result<std::sync::Arc<Vec<(i64, Category)>>, AppError> {
        if let Some(list) = self.caches.categories.get(&()) {
            return Ok(list);
        }
        let rows = sqlx::query(
            "SELECT id, slug, name, fields_json FROM categories ORDER BY position, slug",
        )
        .fetch_all(&mut *conn)
        .await?;
        let list = std::sync::Arc::new(
            rows.iter()
                .map(category_from_row)
                .collect::<Result<Vec<_>, _>>()?,
        );
        self.caches.categories.insert((), list.clone());
        Ok(list)
    }

    /// Drops the cached categories after an edit.
    pub fn forget_categories(&self) {
        self.caches.categories.invalidate(&());
    }

    pub async fn categories(&self) -> Result<Vec<Category>, AppError> {
        Ok(self
            .all_categories()
            .await?
            .iter()
            .map(|(_, c)| c.clone())
            .collect())
    }

    pub async fn category(&self, slug: &str) -> Result<Option<(i64, Category)>, AppError> {
        Ok(self
            .all_categories()
            .await?
            .iter()
            .find(|(_, c)| c.slug == slug)
            .cloned())
    }

    /// The category `slug`, read on `conn` when categories are not cached (see `policies_in`).
    pub async fn category_in(
        &self,
        conn: &mut AnyConnection,
        slug: &str,
    ) -> Result<Option<(i64, Category)>, AppError> {
        Ok(self
            .all_categories_in(conn)
            .await?
            .iter()
            .find(|(_, c)| c.slug == slug)
            .cloned())
    }

    /// Creates a category (placed last) or updates its name and fields.
    pub async fn upsert_category(
        conn: &mut AnyConnection,
        slug: &str,
        name: &str,
        fields: &[CategoryField],
    ) -> Result<(), AppError> {
        let fields_json = serde_json::to_string(fields).map_err(|_| AppError::Internal)?;
        sqlx::query(
            "INSERT INTO categories (slug, name, fields_json, position) \
             VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM categories)) \
             ON CONFLICT (slug) DO UPDATE SET name = excluded.name, fields_json = excluded.fields_json",
        )
        .bind(slug)
        .bind(name)
        .bind(fields_json)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}
