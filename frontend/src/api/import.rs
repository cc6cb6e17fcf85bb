//! The HR staff import (F2.3, F2.4): the export file sent as it is to
//! `POST /import/staff` (not GraphQL: a whole trust's export is larger than
//! any API call), and the report the server answers with. A dry run first;
//! the server applies nothing while an error remains.

use serde::Deserialize;

use super::http::{self, Body};
use super::{ApiError, ErrorCode, activity, status_error};

/// What the import did, or would do.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// Whether the changes were made.
    pub applied: bool,
    /// People in the file.
    pub rows: u32,
    /// New starters.
    pub starters: u32,
    /// Leavers.
    pub leavers: u32,
    /// People otherwise changed.
    pub changed: u32,
    /// Units the file adds, as paths.
    pub new_units: Vec<String>,
    /// Per person, in file order.
    pub changes: Vec<ImportChange>,
    /// Every problem, by line.
    pub errors: Vec<ImportError>,
}

/// What changes for one person.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportChange {
    /// Their line in the file; none when missing from a full export.
    pub line: Option<u32>,
    /// Their employee number.
    pub employee_number: String,
    /// Their name.
    pub name: String,
    /// Each change in words.
    pub what: Vec<String>,
}

/// Why a line cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportError {
    /// The line (the header is line 1).
    pub line: u32,
    /// The field at fault.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// Sends the export: a dry run unless `apply`; `full` when it lists
/// everyone employed (so whoever is missing has left).
pub async fn import_staff(
    file: &web_sys::File,
    apply: bool,
    full: bool,
) -> Result<ImportReport, ApiError> {
    let url = format!("/import/staff?dryRun={}&full={full}", !apply);
    let result = async {
        let response = http::send("POST", &url, Body::File(file, "text/csv"))
            .await
            .map_err(ApiError::network)?;
        if let Some(err) = status_error(response.status()) {
            return Err(err);
        }
        response.json::<ImportReport>().map_err(ApiError::network)
    }
    .await;
    match &result {
        Err(err) if err.code == ErrorCode::Unauthenticated => {
            crate::navigation::go_to_sign_in();
        }
        Err(err) if err.code == ErrorCode::Network => {}
        _ => activity::record(),
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_reads_as_the_server_writes_it() {
        let json = r#"{"applied":false,"rows":2,"starters":1,"leavers":0,"changed":1,
          "newUnits":["Community Services / Team A"],
          "changes":[{"line":2,"employeeNumber":"E1","name":"Kim Lee","what":["starts in Community Services / Team A"],"starter":true,"leaver":false}],
          "errors":[{"line":3,"field":"start_date","message":"'2024-13-01' is not a date"}]}"#;
        let parsed: Result<ImportReport, _> = serde_json::from_str(json);
        let Ok(report) = parsed else {
            panic!("the example report should parse");
        };
        assert_eq!(report.changes[0].line, Some(2));
        assert_eq!(report.errors[0].field, "start_date");
    }
}

/// One field the import reads, with the organisation's own header for it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportColumn {
    /// The field, e.g. `unit`.
    pub field: String,
    /// Whether every export must have it.
    pub required: bool,
    /// Headers recognised without being told.
    pub known_headers: Vec<String>,
    /// The organisation's own header, if kept.
    pub header: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct ImportColumnsData {
    import_columns: Vec<ImportColumn>,
}

const IMPORT_COLUMNS: &str =
    "query ImportColumns { importColumns { field required knownHeaders header } }";
const SET_IMPORT_COLUMNS: &str = "mutation SetImportColumns($columns: [ImportColumnInput!]!) { setImportColumns(columns: $columns) }";

/// The fields the import reads, with the organisation's own headers.
pub async fn import_columns() -> Result<Vec<ImportColumn>, super::ApiError> {
    let data: ImportColumnsData = super::graphql(IMPORT_COLUMNS, serde_json::json!({})).await?;
    Ok(data.import_columns)
}

/// Keeps these headers (`(field, header)`, blank forgets) as the
/// organisation's. Errors name the field `columns`.
pub async fn set_import_columns(columns: &[(String, String)]) -> Result<(), super::ApiError> {
    let columns: Vec<serde_json::Value> = columns
        .iter()
        .map(|(field, header)| serde_json::json!({ "field": field, "header": header }))
        .collect();
    let _: serde_json::Value = super::graphql(
        SET_IMPORT_COLUMNS,
        serde_json::json!({ "columns": columns }),
    )
    .await?;
    Ok(())
}
