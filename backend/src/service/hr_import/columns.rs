//! Reading an HR system's staff export: one row a person, columns found by
//! their header. ESR's and iTrent's usual headers are known; an
//! organisation whose export names a column differently says which header
//! holds it (`field=Header`).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::RowError;

/// What the import reads, and the headers each is known by (compared
/// ignoring case, spaces and punctuation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    EmployeeNumber,
    FullName,
    FirstName,
    LastName,
    Email,
    JobTitle,
    Profession,
    Unit,
    StartDate,
    LeavingDate,
    LineManager,
    ClinicalSupervisor,
    NewlyQualified,
    Probation,
    HoldsCaseload,
}

impl Field {
    pub(super) const ALL: [Field; 15] = [
        Field::EmployeeNumber,
        Field::FullName,
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::JobTitle,
        Field::Profession,
        Field::Unit,
        Field::StartDate,
        Field::LeavingDate,
        Field::LineManager,
        Field::ClinicalSupervisor,
        Field::NewlyQualified,
        Field::Probation,
        Field::HoldsCaseload,
    ];

    /// The name used in a mapping (`employee_number=Assignment Number`)
    /// and in errors.
    pub fn name(self) -> &'static str {
        match self {
            Field::EmployeeNumber => "employee_number",
            Field::FullName => "full_name",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Email => "email",
            Field::JobTitle => "job_title",
            Field::Profession => "profession",
            Field::Unit => "unit",
            Field::StartDate => "start_date",
            Field::LeavingDate => "leaving_date",
            Field::LineManager => "line_manager",
            Field::ClinicalSupervisor => "clinical_supervisor",
            Field::NewlyQualified => "newly_qualified",
            Field::Probation => "probation",
            Field::HoldsCaseload => "holds_caseload",
        }
    }

    /// Whether every export must have a column for it (the name is asked
    /// for apart: a full name, or first and last names).
    pub(super) fn required(self) -> bool {
        matches!(
            self,
            Field::EmployeeNumber | Field::Email | Field::Unit | Field::StartDate
        )
    }

    /// Headers the common exports use for it.
    pub(super) fn known_headers(self) -> &'static [&'static str] {
        match self {
            Field::EmployeeNumber => &[
                "employee number",
                "employee no",
                "assignment number",
                "payroll number",
                "staff number",
            ],
            Field::FullName => &["full name", "name", "employee name"],
            Field::FirstName => &["first name", "forename", "first forename", "known as"],
            Field::LastName => &["last name", "surname", "family name"],
            Field::Email => &["work email", "email", "email address", "work email address"],
            Field::JobTitle => &["job title", "position title", "post title", "position"],
            Field::Profession => &["profession", "staff group", "occupation", "service area"],
            Field::Unit => &["organisation", "organisation unit", "org unit", "team path"],
            Field::StartDate => &[
                "start date",
                "assignment start date",
                "date started",
                "hire date",
            ],
            Field::LeavingDate => &[
                "leaving date",
                "end date",
                "assignment end date",
                "termination date",
            ],
            Field::LineManager => &[
                "line manager employee number",
                "line manager number",
                "supervisor employee number",
                "manager employee number",
            ],
            Field::ClinicalSupervisor => &[
                "clinical supervisor employee number",
                "clinical supervisor number",
                "professional supervisor employee number",
            ],
            Field::NewlyQualified => &["newly qualified", "preceptorship", "asye"],
            Field::Probation => &["probation", "on probation"],
            Field::HoldsCaseload => &["holds caseload", "caseload", "holds a caseload"],
        }
    }

    pub(super) fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name.trim())
    }
}

/// Whether the file has a column of this header.
pub fn has_header(headers: &csv::StringRecord, header: &str) -> bool {
    headers.iter().any(|h| folded(h) == folded(header))
}

/// Headers compared without case, spaces or punctuation.
fn folded(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which column holds which field in this file.
#[derive(Debug, Clone, Default)]
pub struct Columns(HashMap<Field, usize>);

impl Columns {
    /// Finds each field's column, the organisation's own names (`field=Header`)
    /// first. Missing columns that every row needs are errors on row 1.
    pub fn find(
        headers: &csv::StringRecord,
        mapping: &[(String, String)],
    ) -> Result<Self, Vec<RowError>> {
        let index: HashMap<String, usize> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (folded(h), i))
            .collect();
        let mut errors = Vec::new();
        let mut columns = HashMap::new();
        for (field, header) in mapping {
            match (Field::parse(field), index.get(&folded(header))) {
                (Some(field), Some(&i)) => {
                    columns.insert(field, i);
                }
                (None, _) => errors.push(RowError::header(format!(
                    "'{field}' is not a field the import reads"
                ))),
                (Some(_), None) => errors.push(RowError::header(format!(
                    "there is no column headed '{header}'"
                ))),
            }
        }
        for field in Field::ALL {
            if columns.contains_key(&field) {
                continue;
            }
            if let Some(&i) = field
                .known_headers()
                .iter()
                .find_map(|h| index.get(&folded(h)))
            {
                columns.insert(field, i);
            }
        }
        let has_name = columns.contains_key(&Field::FullName)
            || (columns.contains_key(&Field::FirstName) && columns.contains_key(&Field::LastName));
        if !has_name {
            errors.push(RowError::header(
                "no name column: give a full name, or first name and last name".to_owned(),
            ));
        }
        for required in Field::ALL.into_iter().filter(|f| f.required()) {
            if !columns.contains_key(&required) {
                errors.push(RowError::header(format!(
                    "no {} column (map it with {}=<your header>)",
                    required.name(),
                    required.name()
                )));
            }
        }
        if errors.is_empty() {
            Ok(Self(columns))
        } else {
            Err(errors)
        }
    }

    fn text<'r>(&self, record: &'r csv::StringRecord, field: Field) -> &'r str {
        self.0
            .get(&field)
            .and_then(|&i| record.get(i))
            .map(str::trim)
            .unwrap_or_default()
    }
}

/// One person as the export has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line in the file (the header is line 1).
    pub line: usize,
    pub employee_number: String,
    pub name: String,
    /// Lower-cased.
    pub email: String,
    pub job_title: String,
    pub profession: String,
    /// Unit names from the top down, e.g. `["Community Services", "Team A"]`.
    pub unit: Vec<String>,
    pub start_date: NaiveDate,
    pub leaving_date: Option<NaiveDate>,
    /// Employee numbers.
    pub line_manager: Option<String>,
    pub clinical_supervisor: Option<String>,
    pub newly_qualified: bool,
    pub probation: bool,
    pub holds_caseload: bool,
}

impl Row {
    /// Whether the row says they have left by `day` (their last day is on
    /// or before it).
    pub fn leaves_by(&self, day: NaiveDate) -> bool {
        self.leaving_date.is_some_and(|left| left <= day)
    }
}

/// Reads one row, or every reason it cannot be read.
// Long by design: one short block per column, in the export's order, so
// that every problem with a row is found in one pass.
pub fn read_row(
    columns: &Columns,
    record: &csv::StringRecord,
    line: usize,
) -> Result<Row, Vec<RowError>> {
    let mut errors = Vec::new();
    let text = |field| columns.text(record, field);
    let mut required = |field: Field, what: &str| {
        let value = text(field);
        if value.is_empty() {
            errors.push(RowError::at(line, field, format!("{what} is missing")));
        }
        value.to_owned()
    };
    let employee_number = required(Field::EmployeeNumber, "the employee number");
    let email = required(Field::Email, "the work email").to_lowercase();
    let unit_path = required(Field::Unit, "the organisation unit");
    let start_text = required(Field::StartDate, "the start date");
    let name = match text(Field::FullName) {
        "" => format!("{} {}", text(Field::FirstName), text(Field::LastName))
            .trim()
            .to_owned(),
        full => full.to_owned(),
    };
    if name.is_empty() {
        errors.push(RowError::at(line, Field::FullName, "the name is missing"));
    }
    if !email.is_empty() && !crate::service::organisation::looks_like_email(&email) {
        errors.push(RowError::at(
            line,
            Field::Email,
            format!("'{email}' is not an email address"),
        ));
    }
    let unit: Vec<String> = unit_path
        .split(['/', '>', '|'])
        .map(|part| part.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|part| !part.is_empty())
        .collect();
    if unit.is_empty() && !unit_path.is_empty() {
        errors.push(RowError::at(
            line,
            Field::Unit,
            format!("'{unit_path}' names no unit"),
        ));
    }
    let start_date = match date(&start_text) {
        Some(day) => Some(day),
        None if start_text.is_empty() => None,
        None => {
            errors.push(RowError::at(
                line,
                Field::StartDate,
                format!("'{start_text}' is not a date (use 2026-04-01 or 01/04/2026)"),
            ));
            None
        }
    };
    let leaving_text = text(Field::LeavingDate);
    let leaving_date = match (leaving_text, date(leaving_text)) {
        ("", _) => None,
        (_, Some(day)) => Some(day),
        (other, None) => {
            errors.push(RowError::at(
                line,
                Field::LeavingDate,
                format!("'{other}' is not a date (use 2026-04-01 or 01/04/2026)"),
            ));
            None
        }
    };
    if let (Some(start), Some(left)) = (start_date, leaving_date)
        && left < start
    {
        errors.push(RowError::at(
            line,
            Field::LeavingDate,
            format!("the leaving date {left} is before the start date {start}"),
        ));
    }
    let mut flag = |field: Field| match yes_or_no(text(field)) {
        Some(value) => value,
        None => {
            errors.push(RowError::at(
                line,
                field,
                format!("'{}' is not yes or no", text(field)),
            ));
            false
        }
    };
    let (newly_qualified, probation, holds_caseload) = (
        flag(Field::NewlyQualified),
        flag(Field::Probation),
        flag(Field::HoldsCaseload),
    );
    let reference = |field| Some(text(field).to_owned()).filter(|n: &String| !n.is_empty());
    match start_date {
        Some(start_date) if errors.is_empty() => Ok(Row {
            line,
            employee_number,
            name,
            email,
            job_title: text(Field::JobTitle).to_owned(),
            profession: text(Field::Profession).to_owned(),
            unit,
            start_date,
            leaving_date,
            line_manager: reference(Field::LineManager),
            clinical_supervisor: reference(Field::ClinicalSupervisor),
            newly_qualified,
            probation,
            holds_caseload,
        }),
        _ => Err(errors),
    }
}

/// ISO dates, and the day-first dates UK exports write.
fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    [
        "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d-%b-%Y", "%d %b %Y",
    ]
    .iter()
    .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

/// A yes/no column; blank is no.
fn yes_or_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "" | "n" | "no" | "false" | "0" => Some(false),
        "y" | "yes" | "true" | "1" => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(headers: &[&str], mapping: &[(&str, &str)]) -> Result<Columns, Vec<RowError>> {
        let mapping: Vec<(String, String)> = mapping
            .iter()
            .map(|(f, h)| ((*f).to_owned(), (*h).to_owned()))
            .collect();
        Columns::find(&csv::StringRecord::from(headers.to_vec()), &mapping)
    }

    #[test]
    fn an_esr_style_header_is_understood_and_a_renamed_column_is_mapped() {
        let headers = [
            "Assignment Number",
            "Forename",
            "Surname",
            "Work Email",
            "Org Path",
            "Assignment Start Date",
        ];
        let Err(refused) = columns(&headers, &[]) else {
            panic!("a file without a unit column is refused");
        };
        assert!(refused[0].message.contains("no unit column"), "{refused:?}");
        let Ok(found) = columns(&headers, &[("unit", "org path")]) else {
            panic!("mapped, the unit column is found");
        };
        let record = csv::StringRecord::from(vec![
            "E1",
            "Siân",
            "O'Neill",
            "Sian.ONeill@Trust.nhs.uk",
            "Community Services / Team  A",
            "01/04/2024",
        ]);
        let Ok(row) = read_row(&found, &record, 2) else {
            panic!("the row reads");
        };
        assert_eq!(row.name, "Siân O'Neill");
        assert_eq!(row.email, "sian.oneill@trust.nhs.uk");
        assert_eq!(row.unit, ["Community Services", "Team A"]);
        assert_eq!(Some(row.start_date), NaiveDate::from_ymd_opt(2024, 4, 1));
    }

    #[test]
    fn every_problem_with_a_row_is_reported_with_its_line() {
        let Ok(found) = columns(
            &[
                "Employee Number",
                "Name",
                "Email",
                "Organisation",
                "Start Date",
                "Leaving Date",
                "Probation",
            ],
            &[],
        ) else {
            panic!("the usual headers are found");
        };
        let record = csv::StringRecord::from(vec![
            "",
            "Tom Reed",
            "tom",
            "Team A",
            "31/02/2024",
            "2020-01-01",
            "maybe",
        ]);
        let Err(errors) = read_row(&found, &record, 7) else {
            panic!("the row is refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["employee_number", "email", "start_date", "probation"],
            "{errors:?}"
        );
        assert!(errors.iter().all(|e| e.line == 7));
        let record = csv::StringRecord::from(vec![
            "E2",
            "Tom Reed",
            "tom@trust.nhs.uk",
            "Team A",
            "2024-05-01",
            "2024-04-30",
            "",
        ]);
        let Err(errors) = read_row(&found, &record, 8) else {
            panic!("a leaving date before the start is refused");
        };
        assert!(
            errors[0].message.contains("before the start date"),
            "{errors:?}"
        );
    }
}
