//! The unit tree as a nested list, as it is today or as it was on an
//! earlier day, with closed units on request. Each unit says its level and
//! the days it opened or closed when those are known.

use chrono::NaiveDate;
use leptos::prelude::*;
use uuid::Uuid;

use crate::api::org_unit::{UnitRow, units_on};
use crate::components::date_input::DateInput;
use crate::components::field_error::FormErrors;
use crate::components::status::{LoadError, Loading};
use crate::dates;

/// The section's heading id, which names the list.
const HEADING_ID: &str = "tree-heading";
/// The line saying which day the tree is of.
const CAPTION_ID: &str = "tree-caption";
/// The date's and the check box's ids.
const AS_AT: &str = "as-at";
const CLOSED: &str = "show-closed";
/// Deeper than any organisation goes; stops a malformed answer looping.
const MAX_DEPTH: usize = 12;

/// "team" → "Team".
pub fn level_label(level: &str) -> String {
    let mut chars = level.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The day to ask about: none for today (or no day given), so closed units
/// can be listed with today's tree.
fn day_asked(value: &str, today: NaiveDate) -> Option<NaiveDate> {
    dates::parse_iso(value).filter(|day| *day != today)
}

/// The units directly below `parent`, in the server's order (by path); the
/// tops when `parent` is none, a unit whose parent is not listed among them.
fn below(list: &[UnitRow], parent: Option<Uuid>) -> Vec<&UnitRow> {
    list.iter()
        .filter(|u| match parent {
            Some(p) => u.parent_id == Some(p),
            None => u.parent_id.is_none_or(|p| list.iter().all(|o| o.id != p)),
        })
        .collect()
}

/// The section: the day, closed units or not, and the tree.
#[component]
pub fn TreeSection(
    /// Counts the changes made on the page; the tree reloads after each.
    #[prop(into)]
    changes: Signal<u32>,
) -> impl IntoView {
    let today = dates::today();
    let as_at = RwSignal::new(dates::iso(today));
    let closed = RwSignal::new(false);
    // A memo: the boxes change a figure at a time, and the tree is asked
    // for again only when they make another day.
    let day = Memo::new(move |_| day_asked(&as_at.get(), today));
    let units = LocalResource::new(move || {
        changes.track();
        let day = day.get();
        let closed = closed.get();
        async move { (day, units_on(day, closed).await) }
    });
    view! {
        <section class="page-section" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID>"The tree"</h2>
            <DateInput
                field=AS_AT
                legend="As it was on"
                hint="Today's tree, unless you choose an earlier day."
                value=as_at
                on_change=Callback::new(move |typed| as_at.set(typed))
                errors=FormErrors::new()
            />
            <div class="checkbox">
                <input
                    type="checkbox"
                    id=CLOSED
                    aria-describedby=format!("{CLOSED}-hint")
                    prop:checked=move || closed.get()
                    on:change=move |ev| closed.set(event_target_checked(&ev))
                />
                <label for=CLOSED>"Show closed units"</label>
            </div>
            <p class="hint" id=format!("{CLOSED}-hint")>
                "With today's tree; an earlier day shows the units open on it."
            </p>
            {move || match units.get() {
                None => view! { <Loading what="the units" /> }.into_any(),
                Some((_, Err(err))) => view! { <LoadError error=err /> }.into_any(),
                Some((day, Ok(list))) => tree(day.unwrap_or(today), &list).into_any(),
            }}
        </section>
    }
}

/// The tops of the tree, each with the units below it.
fn tree(day: NaiveDate, list: &[UnitRow]) -> impl IntoView + use<> {
    let count = match list.len() {
        1 => "1 unit".to_owned(),
        n => format!("{n} units"),
    };
    let caption = format!("On {}: {count}.", dates::long(day));
    if list.is_empty() {
        return view! { <p id=CAPTION_ID>{format!("On {}, no units were open.", dates::long(day))}</p> }
            .into_any();
    }
    view! {
        <p class="muted" id=CAPTION_ID>{caption}</p>
        <ul class="unit-tree" aria-labelledby=HEADING_ID>
            {below(list, None).into_iter().map(|u| branch(list, u, 0)).collect_view()}
        </ul>
    }
    .into_any()
}

/// One unit, and the list of those below it.
fn branch(list: &[UnitRow], unit: &UnitRow, depth: usize) -> AnyView {
    let children = if depth < MAX_DEPTH {
        below(list, Some(unit.id))
    } else {
        Vec::new()
    };
    let nested = (!children.is_empty()).then(|| {
        view! {
            <ul class="unit-children" aria-label=format!("Below {}", unit.name)>
                {children.into_iter().map(|c| branch(list, c, depth + 1)).collect_view()}
            </ul>
        }
    });
    // The commas are for screen readers; the line's gaps part them on screen.
    let opened = unit.opened_on.map(|d| {
        view! {
            <span class="visually-hidden">", "</span>
            <span class="muted">{format!("opened {}", dates::long(d))}</span>
        }
    });
    let closed = unit.closed_on.map(|d| {
        view! {
            <span class="visually-hidden">", "</span>
            <span class="tag">{format!("closed from {}", dates::long(d))}</span>
        }
    });
    view! {
        <li class="unit">
            <p class="unit-line">
                <span class="unit-name">{unit.name.clone()}</span>
                <span class="visually-hidden">", "</span>
                <span class="unit-level">{level_label(&unit.level)}</span>
                {opened}
                {closed}
            </p>
            {nested}
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(n: u128, parent: Option<u128>) -> UnitRow {
        UnitRow {
            id: Uuid::from_u128(n),
            name: format!("Unit {n}"),
            level: "team".into(),
            parent_id: parent.map(Uuid::from_u128),
            path: String::new(),
            opened_on: None,
            closed_on: None,
        }
    }

    #[test]
    fn the_tops_are_those_with_no_parent_listed_and_children_follow_their_parent() {
        let list = vec![
            unit(1, None),
            unit(2, Some(1)),
            unit(3, Some(9)),
            unit(4, Some(2)),
        ];
        let ids = |units: Vec<&UnitRow>| units.iter().map(|u| u.id.as_u128()).collect::<Vec<_>>();
        assert_eq!(ids(below(&list, None)), [1, 3]);
        assert_eq!(ids(below(&list, Some(Uuid::from_u128(1)))), [2]);
        assert_eq!(ids(below(&list, Some(Uuid::from_u128(2)))), [4]);
    }

    #[test]
    fn today_is_asked_as_no_day_so_closed_units_can_be_listed() {
        let Some(today) = NaiveDate::from_ymd_opt(2026, 12, 5) else {
            panic!("valid date");
        };
        assert_eq!(day_asked("2026-12-05", today), None);
        assert_eq!(day_asked("", today), None);
        assert_eq!(
            day_asked("2026-12-04", today),
            NaiveDate::from_ymd_opt(2026, 12, 4)
        );
        assert_eq!(level_label("division"), "Division");
    }
}
