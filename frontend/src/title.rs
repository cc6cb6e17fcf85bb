//! The browser tab's title, which screen readers announce on each page.
//! While a form on the page shows its error summary, the title starts with
//! "Error: " (the GOV.UK pattern), so someone who hears only the title after
//! a failed submit knows it failed.

use std::cell::{Cell, RefCell};

use leptos::prelude::document;
use supervision_shared::first_page::{PRODUCT, page_title};

thread_local! {
    /// The page's own title, without the error prefix.
    static PAGE: RefCell<String> = RefCell::new(PRODUCT.to_owned());
    /// How many error summaries are on screen.
    static SUMMARIES_SHOWN: Cell<usize> = const { Cell::new(0) };
}

/// Sets `document.title` to "PAGE – Supervision records" (with "Error: "
/// before it while an error summary is shown).
pub fn set_title(page: &str) {
    PAGE.with(|p| *p.borrow_mut() = page_title(page));
    refresh();
}

/// An error summary has appeared (`true`) or gone (`false`).
pub fn error_summary_shown(shown: bool) {
    SUMMARIES_SHOWN.with(|n| {
        n.set(if shown {
            n.get() + 1
        } else {
            n.get().saturating_sub(1)
        })
    });
    refresh();
}

fn refresh() {
    let errors = SUMMARIES_SHOWN.with(Cell::get) > 0;
    let title = PAGE.with(|p| titled(&p.borrow(), errors));
    document().set_title(&title);
}

/// The title as shown: the page's, after "Error: " when a form has errors.
fn titled(page: &str, errors: bool) -> String {
    if errors {
        format!("Error: {page}")
    } else {
        page.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::titled;

    #[test]
    fn a_page_with_errors_says_so_first() {
        assert_eq!(
            titled("Record supervision – Supervision records", false),
            "Record supervision – Supervision records"
        );
        assert_eq!(
            titled("Record supervision – Supervision records", true),
            "Error: Record supervision – Supervision records"
        );
    }
}
