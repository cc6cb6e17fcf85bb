//! `/units`: the organisation's units as a tree (F2.1), as they are today
//! or as they were on a day, and the changes HR and system administrators
//! make to it: a unit opened, renamed, moved or closed, each from the day it
//! takes effect (reports for earlier days keep the tree they had).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::org_unit::{UnitChange, UnitRow, change_unit, units_on};
use crate::components::error_summary::{ErrorSummary, focus_element, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors};
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::title::set_title;

const STATUS_ID: &str = "units-status";

/// The page.
#[component]
pub fn UnitsPage() -> impl IntoView {
    set_title("Units");
    let as_at = RwSignal::new(String::new());
    let closed = RwSignal::new(false);
    let units = LocalResource::new(move || {
        let day = dates::parse_iso(&as_at.get());
        let closed = closed.get();
        async move { units_on(day, closed).await }
    });
    // The form chooses among the units open today, whatever day is shown.
    let today_units = LocalResource::new(|| units_on(None, false));
    let status = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        status.set(Some(message));
        units.refetch();
        today_units.refetch();
        request_animation_frame(|| focus_element(STATUS_ID));
    });
    view! {
        <h1 tabindex="-1">"Units"</h1>
        <p>"Divisions, services and teams. Each change takes effect from its day; reports for earlier days count the tree as it was."</p>
        <div role="status" aria-live="polite">
            {move || status.get().map(|m| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{m}</p> })}
        </div>
        <section class="page-section" aria-labelledby="tree-heading">
            <h2 id="tree-heading">"The tree"</h2>
            <div class="form-group">
                <label class="label" for="as-at">"As it was on"</label>
                <p class="hint">"Leave empty for today."</p>
                <input type="date" id="as-at" class="input" prop:value=move || as_at.get()
                    on:change=move |ev| as_at.set(event_target_value(&ev)) />
            </div>
            <div class="checkbox">
                <input type="checkbox" id="show-closed" prop:checked=move || closed.get()
                    on:change=move |ev| closed.set(event_target_checked(&ev)) />
                <label for="show-closed">"Show closed units"</label>
            </div>
            {move || match units.get() {
                None => view! { <Loading what="the units" /> }.into_any(),
                Some(Err(err)) if err.code == ErrorCode::Forbidden => view! {
                    <div class="notice"><p><strong>"This page is not available to you."</strong>" Only HR and system administrators change the units."</p></div>
                }
                .into_any(),
                Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
                Some(Ok(list)) => tree(&list).into_any(),
            }}
        </section>
        {move || match today_units.get() {
            Some(Ok(list)) => view! { <ChangeForm units=list.to_vec() on_changed=on_changed /> }.into_any(),
            _ => ().into_any(),
        }}
    }
}

/// The units as a list, each indented by its depth (from its path).
fn tree(list: &[UnitRow]) -> impl IntoView + use<> {
    view! {
        <ul class="unit-tree">
            {list
                .iter()
                .map(|u| {
                    let depth = u.path.matches(" / ").count();
                    let class = format!("unit-row unit-depth-{}", depth.min(6));
                    let closed = u.closed_on.map(|d| format!("closed from {}", dates::long(d)));
                    view! {
                        <li class=class>
                            <span class="unit-name">{u.name.clone()}</span>
                            " "
                            <span class="hint">{u.level.clone()}</span>
                            {closed.map(|c| view! { " " <span class="tag">{c}</span> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// What the form does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Open,
    Rename,
    Move,
    Close,
}

impl Action {
    const ALL: [Self; 4] = [Self::Open, Self::Rename, Self::Move, Self::Close];

    fn label(self) -> &'static str {
        match self {
            Self::Open => "Open a new unit",
            Self::Rename => "Rename a unit",
            Self::Move => "Move a unit under another",
            Self::Close => "Close a unit",
        }
    }

    fn done(self) -> &'static str {
        match self {
            Self::Open => "opened",
            Self::Rename => "renamed",
            Self::Move => "moved",
            Self::Close => "closed",
        }
    }
}

/// The form's choices read into a change, or what is missing.
fn read(
    action: Action,
    unit: &str,
    parent: &str,
    name: &str,
    level: &str,
    from: &str,
) -> Result<(UnitChange, NaiveDate), Vec<FieldError>> {
    let mut problems = Vec::new();
    let unit = Uuid::parse_str(unit).ok();
    let parent = Uuid::parse_str(parent).ok();
    let from = dates::parse_iso(from);
    if from.is_none() {
        problems.push(FieldError::new("from", "Enter the day it takes effect."));
    }
    if matches!(action, Action::Rename | Action::Move | Action::Close) && unit.is_none() {
        problems.push(FieldError::new("unitId", "Choose the unit."));
    }
    if matches!(action, Action::Open | Action::Move) && parent.is_none() {
        problems.push(FieldError::new(
            "parentId",
            "Choose the unit it sits under.",
        ));
    }
    if matches!(action, Action::Open | Action::Rename) && name.trim().is_empty() {
        problems.push(FieldError::new("name", "Give the unit a name."));
    }
    let (Some(from), true) = (from, problems.is_empty()) else {
        return Err(problems);
    };
    let change = match (action, unit, parent) {
        (Action::Open, _, Some(parent_id)) => UnitChange::Open {
            name: name.trim().to_owned(),
            parent_id,
            level: level.to_owned(),
        },
        (Action::Rename, Some(unit_id), _) => UnitChange::Rename {
            unit_id,
            name: name.trim().to_owned(),
        },
        (Action::Move, Some(unit_id), Some(parent_id)) => UnitChange::Move { unit_id, parent_id },
        (Action::Close, Some(unit_id), _) => UnitChange::Close { unit_id },
        _ => return Err(problems),
    };
    Ok((change, from))
}

// Long by design: one component's signals and its view, in page order.
#[component]
fn ChangeForm(units: Vec<UnitRow>, on_changed: Callback<String>) -> impl IntoView {
    let action = RwSignal::new(Action::Open);
    let unit = RwSignal::new(String::new());
    let parent = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let level = RwSignal::new("team".to_owned());
    let from = RwSignal::new(dates::iso(dates::today()));
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let chosen = action.get_untracked();
        let (change, day) = match read(
            chosen,
            &unit.get_untracked(),
            &parent.get_untracked(),
            &name.get_untracked(),
            &level.get_untracked(),
            &from.get_untracked(),
        ) {
            Ok(read) => read,
            Err(problems) => {
                errors.set(problems);
                focus_error_summary();
                return;
            }
        };
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = change_unit(&change, day).await;
            saving.set(false);
            match result {
                Ok(()) => {
                    name.set(String::new());
                    on_changed.run(format!(
                        "The unit is {} from {}.",
                        chosen.done(),
                        dates::long(day)
                    ));
                }
                Err(err) => errors.show_failure(err, general),
            }
        });
    };
    let options = move |signal: RwSignal<String>| {
        units
            .iter()
            .map(|u| {
                let id = u.id.to_string();
                let selected = id.clone();
                view! { <option value=id prop:selected=move || signal.get() == selected>{u.path.clone()}</option> }
            })
            .collect_view()
    };
    let unit_options = options(unit);
    let parent_options = options(parent);
    let needs = move |which: &[Action]| {
        let which = which.to_vec();
        move || which.contains(&action.get())
    };
    view! {
        <section class="page-section form-section" aria-labelledby="change-heading">
            <h2 id="change-heading">"Change the units"</h2>
            <ErrorSummary errors=errors general=general />
            <form on:submit=on_submit novalidate aria-labelledby="change-heading">
                <fieldset class="fieldset">
                    <legend>"What to do"</legend>
                    {Action::ALL.iter().map(|&a| {
                        let id = format!("action-{}", a.done());
                        view! {
                            <div class="radio">
                                <input type="radio" id=id.clone() name="action" prop:checked=move || action.get() == a
                                    on:change=move |_| { action.set(a); errors.clear(); } />
                                <label for=id>{a.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="form-group" class:form-group-error=move || errors.message("unitId").is_some() style:display=move || if needs(&[Action::Rename, Action::Move, Action::Close])() { "" } else { "none" }>
                    <label class="label" for="unitId">"Unit"</label>
                    <FieldErrorMessage errors=errors field="unitId" />
                    <select id="unitId" class="select" aria-describedby=move || errors.described_by("unitId", false)
                        on:change=move |ev| unit.set(event_target_value(&ev))>
                        <option value="">"Choose a unit"</option>
                        {unit_options}
                    </select>
                </div>
                <div class="form-group" class:form-group-error=move || errors.message("parentId").is_some() style:display=move || if needs(&[Action::Open, Action::Move])() { "" } else { "none" }>
                    <label class="label" for="parentId">"Under"</label>
                    <FieldErrorMessage errors=errors field="parentId" />
                    <select id="parentId" class="select" aria-describedby=move || errors.described_by("parentId", false)
                        on:change=move |ev| parent.set(event_target_value(&ev))>
                        <option value="">"Choose the unit above"</option>
                        {parent_options}
                    </select>
                </div>
                <div class="form-group" class:form-group-error=move || errors.message("name").is_some() style:display=move || if needs(&[Action::Open, Action::Rename])() { "" } else { "none" }>
                    <label class="label" for="name">"Name"</label>
                    <FieldErrorMessage errors=errors field="name" />
                    <input id="name" class="input" aria-describedby=move || errors.described_by("name", false)
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                </div>
                <div class="form-group" class:form-group-error=move || errors.message("level").is_some() style:display=move || if needs(&[Action::Open])() { "" } else { "none" }>
                    <label class="label" for="level">"Level"</label>
                    <FieldErrorMessage errors=errors field="level" />
                    <select id="level" class="select" on:change=move |ev| level.set(event_target_value(&ev))>
                        {["division", "service", "team"].map(|l| view! { <option value=l prop:selected=move || level.get() == l>{l}</option> }).collect_view()}
                    </select>
                </div>
                <div class="form-group" class:form-group-error=move || errors.message("from").is_some()>
                    <label class="label" for="from">"From"</label>
                    <p class="hint">"The day it takes effect: today or earlier."</p>
                    <FieldErrorMessage errors=errors field="from" />
                    <input type="date" id="from" class="input" aria-describedby=move || errors.described_by("from", false)
                        prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="button button-primary" disabled=move || saving.get()>"Make the change"</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_change_asks_for_what_it_needs() {
        let fields = |r: Result<(UnitChange, NaiveDate), Vec<FieldError>>| {
            r.err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(read(Action::Open, "", "", "", "team", "2026-12-05")),
            ["parentId", "name"]
        );
        assert_eq!(
            fields(read(Action::Close, "", "", "", "team", "")),
            ["from", "unitId"]
        );
        let unit = Uuid::from_u128(1).to_string();
        assert!(read(Action::Close, &unit, "", "", "team", "2026-12-05").is_ok());
    }
}
