//! Loading and keeping the directory in step with the HR system (F2.3,
//! F2.4): an HR administrator's CSV export of staff (ESR, iTrent: one row a
//! person) read, compared with the directory, shown as a dry run, and
//! applied in one transaction, all or nothing. The page, the HTTP upload
//! and the `supervision import` command all call [`run`]. Someone whose
//! line manager or clinical supervisor changes is told by email who holds
//! their file now, as for a change made on the page.
//!
//! Importing the same file twice changes nothing the second time. Nobody is
//! deleted: someone missing from a full export has left as of its date,
//! keeps their records, disappears from pickers and loses access at once.

mod apply;
mod columns;
pub mod mapping;
mod plan;

use chrono::NaiveDate;
use sea_orm::DatabaseConnection;
use serde::Serialize;
use uuid::Uuid;

use crate::error::AppResult;
use crate::service::notify::Links;
use columns::Field;

/// How to read and apply an export.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Only say what would change.
    pub dry_run: bool,
    /// The export lists everyone employed (so whoever is missing has left);
    /// a partial export changes only the people it lists.
    pub full: bool,
    /// The day the export describes: leavers leave and managers change on it.
    pub as_of: NaiveDate,
    /// Headers for this run, as `(field, header)`, over those the
    /// organisation keeps ([`mapping`]).
    pub mapping: Vec<(String, String)>,
}

/// Why a line cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowError {
    /// The line in the file (the header is line 1).
    pub line: usize,
    /// The field at fault (`employee_number`, `start_date`…) or `header`.
    pub field: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl RowError {
    fn at(line: usize, field: Field, message: impl Into<String>) -> Self {
        Self {
            line,
            field: field.name().to_owned(),
            message: message.into(),
        }
    }

    fn header(message: String) -> Self {
        Self {
            line: 1,
            field: "header".to_owned(),
            message,
        }
    }
}

/// What the import does (or would do) to one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// Their line in the file; none for someone missing from a full export.
    pub line: Option<usize>,
    pub employee_number: String,
    pub name: String,
    /// Each change in words ("moves to Community Services / Team A").
    pub what: Vec<String>,
    /// A new starter.
    pub starter: bool,
    /// Leaves.
    pub leaver: bool,
}

/// The dry run's (or the import's) report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// Whether the changes were made (never while an error remains).
    pub applied: bool,
    /// People in the file.
    pub rows: usize,
    pub starters: usize,
    pub leavers: usize,
    /// People otherwise changed (moves, details, managers).
    pub changed: usize,
    /// Units created from the paths in the file, as paths.
    pub new_units: Vec<String>,
    /// Per person, in file order; people missing from a full export last.
    pub changes: Vec<Change>,
    /// Every problem, by line; nothing is applied while there is one.
    pub errors: Vec<RowError>,
}

/// Reads `csv`, compares it with the organisation's directory, and unless
/// it is a dry run or an error remains, applies it. `actor` is the HR
/// administrator (none for the command).
pub async fn run(
    db: &DatabaseConnection,
    links: &Links,
    organisation_id: Uuid,
    actor: Option<Uuid>,
    csv: &[u8],
    options: &ImportOptions,
) -> AppResult<ImportReport> {
    let kept = mapping::stored(db, organisation_id).await?;
    let (rows, mut errors) = read(csv, &options.mapping, &kept);
    let directory = plan::Directory::read(db, organisation_id).await?;
    let mut plan = plan::plan(&rows, &directory, options.full, options.as_of);
    errors.append(&mut plan.errors);
    errors.sort_by_key(|e| e.line);
    let mut report = ImportReport {
        applied: false,
        rows: rows.len(),
        starters: plan.changes.iter().filter(|c| c.starter).count(),
        leavers: plan.changes.iter().filter(|c| c.leaver).count(),
        changed: plan
            .changes
            .iter()
            .filter(|c| !c.starter && !c.leaver)
            .count(),
        new_units: plan.new_units.iter().map(|p| p.join(" / ")).collect(),
        changes: plan.changes.clone(),
        errors,
    };
    if options.dry_run || !report.errors.is_empty() {
        return Ok(report);
    }
    apply::apply(
        db,
        links,
        organisation_id,
        actor,
        &rows,
        &directory,
        &plan,
        options,
    )
    .await?;
    report.applied = true;
    Ok(report)
}

/// The report as the command prints it.
pub fn summary(report: &ImportReport) -> String {
    use std::fmt::Write;
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} people in the file: {} starting, {} leaving, {} changing; {} new units.",
        report.rows,
        report.starters,
        report.leavers,
        report.changed,
        report.new_units.len()
    );
    for unit in &report.new_units {
        let _ = writeln!(text, "  new unit: {unit}");
    }
    for change in &report.changes {
        let line = change
            .line
            .map_or_else(|| "not in file".to_owned(), |l| format!("line {l}"));
        let _ = writeln!(
            text,
            "  {line}: {} ({}) {}",
            change.name,
            change.employee_number,
            change.what.join("; ")
        );
    }
    for error in &report.errors {
        let _ = writeln!(
            text,
            "  error on line {}: {}: {}",
            error.line, error.field, error.message
        );
    }
    let _ = writeln!(
        text,
        "{}",
        if report.applied {
            "Applied."
        } else if report.errors.is_empty() {
            "Dry run: nothing was changed."
        } else {
            "Nothing was changed: correct the errors and import again."
        }
    );
    text
}

/// Every readable row, and every reason a line could not be read.
///
/// `given` headers (a run's own) must be in the file; `kept` ones (the
/// organisation's) are used when they are, so a file with the usual names
/// still reads after the organisation keeps its own.
fn read(
    csv: &[u8],
    given: &[(String, String)],
    kept: &[(String, String)],
) -> (Vec<columns::Row>, Vec<RowError>) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(csv.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv));
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(err) => {
            return (
                Vec::new(),
                vec![RowError::header(format!("the file is not CSV: {err}"))],
            );
        }
    };
    let mut mapping = given.to_vec();
    mapping.extend(
        kept.iter()
            .filter(|(field, header)| {
                !given.iter().any(|(f, _)| f.trim() == field)
                    && columns::has_header(&headers, header)
            })
            .cloned(),
    );
    let columns = match columns::Columns::find(&headers, &mapping) {
        Ok(columns) => columns,
        Err(errors) => return (Vec::new(), errors),
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        match record {
            Ok(record) if record.iter().all(str::is_empty) => {}
            Ok(record) => match columns::read_row(&columns, &record, line) {
                Ok(row) => rows.push(row),
                Err(mut row_errors) => errors.append(&mut row_errors),
            },
            Err(err) => errors.push(RowError {
                line,
                field: "line".to_owned(),
                message: format!("this line is not CSV: {err}"),
            }),
        }
    }
    (rows, errors)
}
