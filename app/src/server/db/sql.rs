//! A query assembled from parts, with `$1, $2, …` placeholders, which both backends read. (sqlx's
//! `QueryBuilder` writes `?` placeholders for the Any driver, which PostgreSQL refuses.)

use sqlx::any::{Any, AnyArguments};
use sqlx::{Arguments, Encode, Type};
use std::fmt::{Display, Write};

pub struct Sql {
    text: String,
    args: AnyArguments,
    count: usize,
}

impl Sql {
    pub fn new(text: impl Into<String>) -> Sql {
        Sql {
            text: text.into(),
            args: AnyArguments::default(),
            count: 0,
        }
    }

    pub fn push(&mut self, text: impl Display) -> &mut Sql {
        let _ = write!(self.text, "{text}");
        self
    }

    pub fn push_bind<'t, T>(&mut self, value: T) -> &mut Sql
    where
        T: Encode<'t, Any> + Type<Any>,
    {
        self.count += 1;
        let _ = write!(self.text, "${}", self.count);
        if let Err(e) = self.args.add(value) {
            // Encoding into the Any buffer only copies the value; it does not fail for our types.
            tracing::error!(error = %e, "a query argument could not be encoded");
        }
        self
    }

    /// Parts separated by `separator` (a list of values, columns or conditions).
    pub fn separated(&mut self, separator: &'static str) -> Separated<'_> {
        Separated {
            sql: self,
            separator,
            first: true,
        }
    }

    /// `VALUES (…), (…)` with one row per item, written by `row`.
    pub fn push_values<I, F>(&mut self, items: I, mut row: F) -> &mut Sql
    where
        I: IntoIterator,
        F: FnMut(Separated<'_>, I::Item),
    {
        for (i, item) in items.into_iter().enumerate() {
            self.push(if i == 0 { "VALUES (" } else { ", (" });
            row(self.separated(", "), item);
            self.push(")");
        }
        self
    }

    pub fn build(self) -> sqlx::query::Query<'static, Any, AnyArguments> {
        sqlx::query_with(sqlx::AssertSqlSafe(self.text), self.args)
    }

    pub fn build_query_scalar<O>(self) -> sqlx::query::QueryScalar<'static, Any, O, AnyArguments>
    where
        (O,): for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        sqlx::query_scalar_with(sqlx::AssertSqlSafe(self.text), self.args)
    }
}

pub struct Separated<'a> {
    sql: &'a mut Sql,
    separator: &'static str,
    first: bool,
}

impl Separated<'_> {
    fn next(&mut self) {
        if !self.first {
            self.sql.push(self.separator);
        }
        self.first = false;
    }

    pub fn push(&mut self, text: impl Display) -> &mut Self {
        self.next();
        self.sql.push(text);
        self
    }

    pub fn push_bind<'t, T>(&mut self, value: T) -> &mut Self
    where
        T: Encode<'t, Any> + Type<Any>,
    {
        self.next();
        self.sql.push_bind(value);
        self
    }
}
