//! What a report shows: cells, tables and charts, and the CSV text.

use super::*;

/// One cell of a report table. The text a cell shows is the text its CSV holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Cell {
    Count(i64),
    /// A figure already rounded to `decimals` places.
    Number {
        value: f64,
        decimals: u8,
    },
    Text(String),
    /// No figure (nothing to measure).
    Empty,
}

impl Cell {
    pub(super) fn number(value: f64, decimals: u8) -> Cell {
        let scale = 10f64.powi(i32::from(decimals));
        Cell::Number {
            value: (value * scale).round() / scale,
            decimals,
        }
    }

    pub(super) fn hours(d: Option<Duration>) -> Cell {
        d.map_or(Cell::Empty, |d| {
            Cell::number(d.num_seconds() as f64 / 3600.0, 2)
        })
    }

    pub(super) fn percent(part: usize, whole: usize) -> Cell {
        if whole == 0 {
            Cell::Empty
        } else {
            Cell::number(part as f64 * 100.0 / whole as f64, 1)
        }
    }

    /// The figure, for charts.
    pub fn value(&self) -> Option<f64> {
        match self {
            Cell::Count(n) => Some(*n as f64),
            Cell::Number { value, .. } => Some(*value),
            Cell::Text(_) | Cell::Empty => None,
        }
    }

    /// The cell as a page shows it: numbers with the reader's separators.
    pub fn display(&self, locale: &crate::i18n::Locale) -> String {
        match self {
            Cell::Count(n) => locale.number(*n as f64, 0),
            Cell::Number { value, decimals } => locale.number(*value, *decimals),
            other => other.text(),
        }
    }

    /// The cell as the CSV writes it: machine-readable numbers (a point, no grouping).
    pub fn text(&self) -> String {
        match self {
            Cell::Count(n) => n.to_string(),
            Cell::Number { value, decimals } => format!("{value:.*}", usize::from(*decimals)),
            Cell::Text(t) => t.clone(),
            Cell::Empty => "—".into(),
        }
    }
}

/// How a table is drawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Chart {
    /// A line per listed column, rows along the time axis.
    Lines(Vec<usize>),
    /// A bar per row for one column.
    Bars(usize),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TableRow {
    pub label: String,
    pub cells: Vec<Cell>,
}

/// A titled table of figures. Its title, note, label heading, column names and the words among
/// its row labels are in the language the report was built for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Table {
    /// Stable name, used for the CSV download (`/reports/{key}.csv`).
    pub key: String,
    pub title: String,
    /// What is counted, in a sentence.
    pub note: String,
    /// Heading of the label column.
    pub label: String,
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
    pub chart: Option<Chart>,
}

impl Table {
    /// The cell in the row labelled `row` under the column headed `column`.
    pub fn cell(&self, row: &str, column: &str) -> Option<&Cell> {
        let c = self.columns.iter().position(|h| h == column)?;
        self.rows.iter().find(|r| r.label == row)?.cells.get(c)
    }

    /// The table as CSV (RFC 4180, CRLF line ends): the header row in the report's language, then
    /// the rows with the text the page shows (days as `YYYY-MM-DD` of the desk's zone). Text that
    /// a spreadsheet would run as a formula is prefixed with an apostrophe.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let mut line = |fields: Vec<String>| {
            let fields: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        };
        line(
            std::iter::once(self.label.clone())
                .chain(self.columns.iter().cloned())
                .collect(),
        );
        for row in &self.rows {
            line(
                std::iter::once(row.label.clone())
                    .chain(row.cells.iter().map(Cell::text))
                    .collect(),
            );
        }
        out
    }
}

pub(super) fn csv_field(text: &str) -> String {
    let guarded =
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.parse::<f64>().is_err() {
            format!("'{text}")
        } else {
            text.to_string()
        };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The headline figures and every table of a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Report {
    pub scope: ReportScope,
    pub bucket: Bucket,
    /// Which zone the days and hours are in, as a sentence for the page ("Days and hours in
    /// Europe/Rome").
    pub zone_note: String,
    /// Pairs of a figure's name and its value, as the page shows them.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Vec<String>>))]
    pub summary: Vec<(String, String)>,
    pub tables: Vec<Table>,
}

impl Report {
    pub fn table(&self, key: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.key == key)
    }
}

/// Linear-interpolated percentile (`p` in 0..=1) of sorted values; the median is `p = 0.5`.
pub fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    let (first, last) = (sorted.first()?, sorted.last()?);
    if sorted.len() == 1 {
        return Some(*first);
    }
    let rank = p.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    let (a, b) = (sorted[lo], sorted.get(hi).copied().unwrap_or(*last));
    let ms = a.num_milliseconds() as f64
        + (b.num_milliseconds() - a.num_milliseconds()) as f64 * (rank - lo as f64);
    Some(Duration::milliseconds(ms.round() as i64))
}
