//! What every CSV download shares: cells a spreadsheet reads as text, never
//! as a formula, and the headers that make the browser save a private file.

use axum::http::header;

/// The headers of a CSV download saved as `file_name`, never cached.
pub fn download_headers(file_name: &str) -> [(header::HeaderName, String); 3] {
    [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
        (
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ),
        (header::CACHE_CONTROL, "private, no-store".to_owned()),
    ]
}

/// A text cell: quoted when it needs to be, and never read as a formula by
/// a spreadsheet (a leading `=`, `+`, `-` or `@` is prefixed with `'`).
pub fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn a_cell_is_quoted_when_needed_and_never_a_formula() {
        assert_eq!(cell("Shah, Priya"), "\"Shah, Priya\"");
        assert_eq!(cell("Say \"hi\""), "\"Say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Tom Reed"), "Tom Reed");
    }
}
