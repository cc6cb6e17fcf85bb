//! The figures the report loads per unit apart from the rest (overdue
//! cases, late sharing, observation of practice, sessions called off), so
//! that the report still shows if one fails: each is a list with a row per
//! unit, said in a table cell or, for a unit with no child units, on a line
//! of its own, the same way for every kind.

use leptos::prelude::*;
use uuid::Uuid;

use crate::api::ApiError;

/// A list of one kind of figure as it loads: none before a unit is chosen.
pub type FiguresResource<T> = LocalResource<Option<Result<Vec<T>, ApiError>>>;

/// One unit's row of a kind of figure.
pub trait UnitFigure: Clone + 'static {
    /// What is said when there is nothing to count, e.g. "No open cases".
    const NOTHING: &'static str;

    /// The unit.
    fn unit_id(&self) -> Uuid;

    /// The figure in words, in parts each kept on one line ("12.5%",
    /// "(3 of 24)"); none when there is nothing to count.
    fn parts(&self) -> Option<Vec<String>>;
}

/// A unit's figure as it loads, or a short message when it could not be.
pub fn figure<T: UnitFigure>(resource: FiguresResource<T>, unit_id: Uuid) -> impl IntoView {
    move || match resource.get() {
        None | Some(None) => view! { <span class="muted">"Loading\u{2026}"</span> }.into_any(),
        Some(Some(Err(_))) => view! { <span class="muted">"Could not load"</span> }.into_any(),
        Some(Some(Ok(list))) => match list.iter().find(|f| f.unit_id() == unit_id).map(T::parts) {
            Some(Some(parts)) => {
                let last = parts.len().saturating_sub(1);
                parts
                    .into_iter()
                    .enumerate()
                    .map(|(i, part)| {
                        view! { <span class="nowrap">{part}</span> {(i < last).then_some(" ")} }
                    })
                    .collect_view()
                    .into_any()
            }
            Some(None) => view! { <span class="muted">{T::NOTHING}</span> }.into_any(),
            None => view! { <span class="muted">"\u{2014}"</span> }.into_any(),
        },
    }
}

/// The figure for a unit with no child units (one with children shows it
/// as the first row of their table), with what it means.
pub fn unit_line<T: UnitFigure>(
    label: &'static str,
    explanation: String,
    resource: FiguresResource<T>,
    unit_id: Uuid,
) -> impl IntoView {
    view! {
        <p class="late-summary">
            <strong>{format!("{label}: ")}</strong>
            {figure(resource, unit_id)}
        </p>
        <p class="hint">{explanation}</p>
    }
}
