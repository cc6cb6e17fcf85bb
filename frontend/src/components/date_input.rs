//! A date as three boxes, day, month and year (the NHS and GOV.UK date
//! input): the browser's own date control shows its own order (mm/dd/yyyy
//! in some), is hard to use with a screen reader and on a phone, and says
//! nothing when what is typed is not a date.
//!
//! What is typed is kept as one text, `YEAR-MONTH-DAY`, the order an
//! `<input type=date>` used, so forms and drafts saved before keep their
//! shape; an incomplete date keeps each box's text until it is put right
//! ([`crate::dates::parse_iso`] reads it).

use leptos::prelude::*;

use super::field_error::{FieldErrorMessage, FormErrors, field_id, hint_id};

/// The three boxes' text, from the kept text: `[day, month, year]`.
fn boxes(value: &str) -> [String; 3] {
    let mut parts = value.splitn(3, '-');
    let year = parts.next().unwrap_or("").to_owned();
    let month = parts.next().unwrap_or("").to_owned();
    let day = parts.next().unwrap_or("").to_owned();
    [day, month, year]
}

/// The kept text for the three boxes: empty when all are, so an optional
/// date left alone stays empty. Hyphens typed into a box are dropped, since
/// they separate the parts.
fn joined([day, month, year]: [&str; 3]) -> String {
    let clean = |s: &str| s.trim().replace('-', "");
    let (day, month, year) = (clean(day), clean(month), clean(year));
    if day.is_empty() && month.is_empty() && year.is_empty() {
        String::new()
    } else {
        format!("{year}-{month}-{day}")
    }
}

/// The boxes, in the order people write dates here.
const PARTS: [(&str, &str, &str); 3] = [
    ("Day", "", "input input-width-2"),
    ("Month", "-month", "input input-width-2"),
    ("Year", "-year", "input input-width-4"),
];

/// A question answered with a date. The day box has the field's id, so the
/// error summary's link lands in it.
#[component]
pub fn DateInput(
    /// The API field name its errors come under (it may change, as a row's
    /// position does).
    #[prop(into)]
    field: Signal<String>,
    /// The question, as the group's legend.
    legend: &'static str,
    /// What to say before the example, if anything.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The date as kept (see the module's note).
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new kept text as any box changes.
    on_change: Callback<String>,
    /// The form's errors.
    errors: FormErrors,
    /// Called on Enter in any box, instead of submitting the form around
    /// it (a date with its own save button).
    #[prop(optional)]
    on_enter: Option<Callback<()>>,
) -> impl IntoView {
    let id = move || field_id(&field.get());
    let invalid = move || errors.invalid(&field.get());
    let hint_text = match hint {
        Some(hint) => format!("{hint} For example, 27 3 2026."),
        None => "For example, 27 3 2026.".to_owned(),
    };
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(&field.get()).is_some()>
            <fieldset
                class="fieldset"
                role="group"
                aria-describedby=move || errors.described_by(&field.get(), true)
            >
                <legend class="legend">{legend}</legend>
                <p class="hint" id=move || hint_id(&field.get())>{hint_text}</p>
                {move || view! { <FieldErrorMessage errors=errors field=field.get() /> }}
                <div class="date-input">
                    {PARTS
                        .iter()
                        .enumerate()
                        .map(|(index, &(label, suffix, class))| {
                            let box_id = move || format!("{}{suffix}", id());
                            view! {
                                <div class="date-input-item">
                                    <label class="label" for=box_id>{label}</label>
                                    <input
                                        id=box_id
                                        class=class
                                        type="text"
                                        inputmode="numeric"
                                        autocomplete="off"
                                        aria-invalid=invalid
                                        prop:value=move || value.with(|v| boxes(v)[index].clone())
                                        on:input=move |ev| {
                                            let typed = event_target_value(&ev);
                                            let mut now = value.with_untracked(|v| boxes(v));
                                            now[index] = typed;
                                            on_change.run(joined([&now[0], &now[1], &now[2]]));
                                        }
                                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                                            if let Some(enter) = on_enter
                                                && ev.key() == "Enter"
                                            {
                                                ev.prevent_default();
                                                enter.run(());
                                            }
                                        }
                                    />
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_iso;

    #[test]
    fn a_kept_date_shows_in_its_boxes_and_boxes_make_a_date() {
        assert_eq!(boxes("2026-12-05"), ["05", "12", "2026"].map(String::from));
        assert_eq!(boxes(""), ["", "", ""].map(String::from));
        let typed = joined(["5", "12", "2026"]);
        assert_eq!(
            parse_iso(&typed).map(|d| d.to_string()),
            Some("2026-12-05".into())
        );
    }

    #[test]
    fn an_incomplete_date_keeps_what_was_typed_and_is_not_a_date() {
        let typed = joined(["31", "", "2026"]);
        assert_eq!(boxes(&typed), ["31", "", "2026"].map(String::from));
        assert_eq!(parse_iso(&typed), None);
        assert_eq!(joined(["", " ", ""]), "");
        // A hyphen typed into a box does not shift the others.
        assert_eq!(
            boxes(&joined(["1-", "2", "2026"])),
            ["1", "2", "2026"].map(String::from)
        );
        // Not a real day, or a year of two figures.
        assert_eq!(parse_iso(&joined(["31", "2", "2026"])), None);
        assert_eq!(parse_iso(&joined(["1", "2", "26"])), None);
    }
}
