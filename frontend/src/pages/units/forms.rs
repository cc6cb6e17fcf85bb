//! Changing the tree from a day (today or earlier): opening a unit under
//! another, renaming one, moving one under another, or closing one after
//! asking. The browser checks what is missing; the server's refusals (a
//! unit people still work in, a name taken, a day ahead) are shown beside
//! their fields.

use std::collections::HashSet;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use uuid::Uuid;

use super::tree::level_label;
use crate::api::org_unit::{UnitChange, UnitRow, change_unit};
use crate::components::confirm_button::ConfirmButton;
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_element, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};
use crate::dates;

/// The form's heading id, which names it.
const HEADING_ID: &str = "change-heading";
/// The API's field names, also the inputs' ids.
const UNIT: &str = "unitId";
const PARENT: &str = "parentId";
const NAME: &str = "name";
const LEVEL: &str = "level";
const FROM: &str = "from";
/// The levels a unit is opened at.
const LEVELS: [&str; 3] = ["division", "service", "team"];
/// The close button's id prefix.
const CLOSE_ID: &str = "close-unit";

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

    fn id(self) -> &'static str {
        match self {
            Self::Open => "action-open",
            Self::Rename => "action-rename",
            Self::Move => "action-move",
            Self::Close => "action-close",
        }
    }

    fn needs_unit(self) -> bool {
        self != Self::Open
    }

    fn needs_parent(self) -> bool {
        matches!(self, Self::Open | Self::Move)
    }

    fn needs_name(self) -> bool {
        matches!(self, Self::Open | Self::Rename)
    }
}

/// What the form's answers are, as typed.
struct Answers<'a> {
    unit: &'a str,
    parent: &'a str,
    name: &'a str,
    level: &'a str,
    from: &'a str,
}

/// The answers read into a change from a day, or every problem at once.
fn read(
    action: Action,
    answers: &Answers<'_>,
    today: NaiveDate,
) -> Result<(UnitChange, NaiveDate), Vec<FieldError>> {
    let mut problems = Vec::new();
    let unit = Uuid::parse_str(answers.unit).ok();
    let parent = Uuid::parse_str(answers.parent).ok();
    let name = answers.name.trim();
    let from = dates::parse_iso(answers.from);
    if action.needs_unit() && unit.is_none() {
        problems.push(FieldError::new(UNIT, "Choose the unit."));
    }
    if action.needs_parent() && parent.is_none() {
        problems.push(FieldError::new(PARENT, "Choose the unit it sits under."));
    }
    if action.needs_name() && (name.is_empty() || name.chars().count() > 200) {
        problems.push(FieldError::new(
            NAME,
            "Give the unit a name of at most 200 characters.",
        ));
    }
    match from {
        None => problems.push(FieldError::new(
            FROM,
            "Give the day it takes effect as a date, for example 5 December 2026.",
        )),
        Some(day) if day > today => problems.push(FieldError::new(
            FROM,
            "Record a change on or after the day it takes effect: today or earlier.",
        )),
        Some(_) => {}
    }
    let (Some(from), true) = (from, problems.is_empty()) else {
        return Err(problems);
    };
    let change = match (action, unit, parent) {
        (Action::Open, _, Some(parent_id)) => UnitChange::Open {
            name: name.to_owned(),
            parent_id,
            level: answers.level.to_owned(),
        },
        (Action::Rename, Some(unit_id), _) => UnitChange::Rename {
            unit_id,
            name: name.to_owned(),
        },
        (Action::Move, Some(unit_id), Some(parent_id)) => UnitChange::Move { unit_id, parent_id },
        (Action::Close, Some(unit_id), _) => UnitChange::Close { unit_id },
        _ => return Err(problems),
    };
    Ok((change, from))
}

/// The sentence once the server has made the change.
fn done_message(change: &UnitChange, from: NaiveDate, units: &[UnitRow]) -> String {
    let name_of = |id: &Uuid| {
        units
            .iter()
            .find(|u| u.id == *id)
            .map_or_else(|| "The unit".to_owned(), |u| u.name.clone())
    };
    let day = dates::long(from);
    match change {
        UnitChange::Open {
            name, parent_id, ..
        } => {
            format!("{name} is open under {} from {day}.", name_of(parent_id))
        }
        UnitChange::Rename { unit_id, name } => {
            format!("{} is called {name} from {day}.", name_of(unit_id))
        }
        UnitChange::Move { unit_id, parent_id } => {
            format!(
                "{} is under {} from {day}.",
                name_of(unit_id),
                name_of(parent_id)
            )
        }
        UnitChange::Close { unit_id } => format!("{} is closed from {day}.", name_of(unit_id)),
    }
}

/// A unit and every unit below it: where it cannot move to.
fn within(units: &[UnitRow], top: Uuid) -> HashSet<Uuid> {
    let mut found = HashSet::from([top]);
    let mut next = vec![top];
    while let Some(id) = next.pop() {
        for unit in units.iter().filter(|u| u.parent_id == Some(id)) {
            if found.insert(unit.id) {
                next.push(unit.id);
            }
        }
    }
    found
}

/// The form.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn ChangeForm(
    /// The units open today, sorted by path.
    units: Vec<UnitRow>,
    /// Called with the message to show once the server has made a change.
    on_changed: Callback<String>,
) -> impl IntoView {
    let today = dates::today();
    let units = StoredValue::new(units);
    let action = RwSignal::new(Action::Open);
    let unit = RwSignal::new(String::new());
    let parent = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let level = RwSignal::new("team".to_owned());
    let from = RwSignal::new(dates::iso(today));
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let send = move || {
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let (unit_text, parent_text, name_text, level_text, from_text) = (
            unit.get_untracked(),
            parent.get_untracked(),
            name.get_untracked(),
            level.get_untracked(),
            from.get_untracked(),
        );
        let answers = Answers {
            unit: &unit_text,
            parent: &parent_text,
            name: &name_text,
            level: &level_text,
            from: &from_text,
        };
        let (change, day) = match read(action.get_untracked(), &answers, today) {
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
                Ok(()) => on_changed.run(units.with_value(|list| done_message(&change, day, list))),
                Err(err) => errors.show_failure(err, general),
            }
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if action.get_untracked() == Action::Close {
            // Closing is asked about first: Enter takes them to the question.
            focus_element(&format!("{CLOSE_ID}-button"));
        } else {
            send();
        }
    };

    let unit_options =
        move || units.with_value(|list| list.iter().map(|u| unit_option(u, unit)).collect_view());
    let parent_options = move || {
        let moving = Uuid::parse_str(&unit.get())
            .ok()
            .filter(|_| action.get() == Action::Move);
        units.with_value(|list| {
            let excluded = moving.map(|id| within(list, id)).unwrap_or_default();
            list.iter()
                .filter(|u| !excluded.contains(&u.id))
                .map(|u| unit_option(u, parent))
                .collect_view()
        })
    };
    let radios = Action::ALL
        .into_iter()
        .map(|a| {
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        id=a.id()
                        name="action"
                        prop:checked=move || action.get() == a
                        on:change=move |_| {
                            action.set(a);
                            errors.clear();
                            general.set(None);
                        }
                    />
                    <label for=a.id()>{a.label()}</label>
                </div>
            }
        })
        .collect_view();
    let close_button = move || {
        let chosen = units.with_value(|list| {
            let id = Uuid::parse_str(&unit.get()).ok();
            list.iter()
                .find(|u| Some(u.id) == id)
                .map(|u| u.path.clone())
        });
        let day =
            dates::parse_iso(&from.get()).map_or_else(|| "the day given".to_owned(), dates::long);
        let (subject, question) = match chosen {
            Some(path) => (
                path.clone(),
                format!(
                    "Close {path} from {day}? Nobody can work in it after that, and it cannot be opened again."
                ),
            ),
            None => (
                "the chosen unit".to_owned(),
                "Close the chosen unit? Choose the unit first.".to_owned(),
            ),
        };
        view! {
            <ConfirmButton
                id=CLOSE_ID
                label="Close the unit"
                subject=subject
                question=question
                confirm="Yes, close it"
                busy=saving
                on_confirm=Callback::new(move |()| send())
            />
        }
    };

    view! {
        <section class="page-section form-section" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID>"Change the units"</h2>
            <ErrorSummary errors=errors general=general />
            <form on:submit=on_submit novalidate aria-labelledby=HEADING_ID>
                <fieldset class="fieldset form-group">
                    <legend class="legend">"What to do"</legend>
                    {radios}
                </fieldset>
                <Show when=move || action.get().needs_unit()>
                    <div class="form-group" class:form-group-error=move || errors.message(UNIT).is_some()>
                        <label class="label" for=UNIT>
                            "Unit"
                        </label>
                        <FieldErrorMessage errors=errors field=UNIT />
                        <select
                            id=UNIT
                            class="select"
                            aria-describedby=move || errors.described_by(UNIT, false)
                            aria-invalid=move || errors.invalid(UNIT)
                            on:change=move |ev| unit.set(event_target_value(&ev))
                        >
                            <option value="" prop:selected=move || unit.get().is_empty()>
                                "Choose a unit"
                            </option>
                            {unit_options}
                        </select>
                    </div>
                </Show>
                <Show when=move || action.get().needs_parent()>
                    <div class="form-group" class:form-group-error=move || errors.message(PARENT).is_some()>
                        <label class="label" for=PARENT>
                            "Under"
                        </label>
                        <p class="hint" id=hint_id(PARENT)>
                            "The unit it sits under from the day."
                        </p>
                        <FieldErrorMessage errors=errors field=PARENT />
                        <select
                            id=PARENT
                            class="select"
                            aria-describedby=move || errors.described_by(PARENT, true)
                            aria-invalid=move || errors.invalid(PARENT)
                            on:change=move |ev| parent.set(event_target_value(&ev))
                        >
                            <option value="" prop:selected=move || parent.get().is_empty()>
                                "Choose the unit above"
                            </option>
                            {parent_options}
                        </select>
                    </div>
                </Show>
                <Show when=move || action.get().needs_name()>
                    <div class="form-group" class:form-group-error=move || errors.message(NAME).is_some()>
                        <label class="label" for=NAME>
                            {move || if action.get() == Action::Rename { "New name" } else { "Name" }}
                        </label>
                        <FieldErrorMessage errors=errors field=NAME />
                        <input
                            id=NAME
                            class="input"
                            autocomplete="off"
                            aria-describedby=move || errors.described_by(NAME, false)
                            aria-invalid=move || errors.invalid(NAME)
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                        />
                    </div>
                </Show>
                <Show when=move || action.get() == Action::Open>
                    <div class="form-group" class:form-group-error=move || errors.message(LEVEL).is_some()>
                        <label class="label" for=LEVEL>
                            "Level"
                        </label>
                        <FieldErrorMessage errors=errors field=LEVEL />
                        <select
                            id=LEVEL
                            class="select"
                            aria-describedby=move || errors.described_by(LEVEL, false)
                            aria-invalid=move || errors.invalid(LEVEL)
                            on:change=move |ev| level.set(event_target_value(&ev))
                        >
                            {LEVELS
                                .map(|l| {
                                    view! {
                                        <option value=l prop:selected=move || level.get() == l>
                                            {level_label(l)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                </Show>
                <DateInput
                    field=FROM
                    legend="From"
                    hint="The first day it takes effect: today or earlier."
                    value=from
                    on_change=Callback::new(move |typed| from.set(typed))
                    errors=errors
                />
                <Show
                    when=move || action.get() == Action::Close
                    fallback=move || {
                        view! {
                            <button type="submit" class="button" disabled=move || saving.get()>
                                "Make the change"
                            </button>
                        }
                    }
                >
                    <p class="hint">
                        "A unit closes only when nobody works in it and no open unit is below it."
                    </p>
                    {close_button}
                </Show>
            </form>
        </section>
    }
}

/// One unit in a list to choose from, by its path.
fn unit_option(unit: &UnitRow, chosen: RwSignal<String>) -> impl IntoView + use<> {
    let id = unit.id.to_string();
    let selected = id.clone();
    view! {
        <option value=id prop:selected=move || chosen.get() == selected>
            {unit.path.clone()}
        </option>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default()
    }

    fn answers<'a>(unit: &'a str, parent: &'a str, name: &'a str, from: &'a str) -> Answers<'a> {
        Answers {
            unit,
            parent,
            name,
            level: "team",
            from,
        }
    }

    fn fields(result: Result<(UnitChange, NaiveDate), Vec<FieldError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    fn unit(n: u128, name: &str, parent: Option<u128>) -> UnitRow {
        UnitRow {
            id: Uuid::from_u128(n),
            name: name.into(),
            level: "team".into(),
            parent_id: parent.map(Uuid::from_u128),
            path: name.into(),
            opened_on: None,
            closed_on: None,
        }
    }

    #[test]
    fn each_change_asks_for_what_it_needs_and_names_every_problem_at_once() {
        assert_eq!(
            fields(read(
                Action::Open,
                &answers("", "", " ", "2026-12-05"),
                day(5)
            )),
            [PARENT, NAME]
        );
        assert_eq!(
            fields(read(Action::Close, &answers("", "", "", ""), day(5))),
            [UNIT, FROM]
        );
        assert_eq!(
            fields(read(
                Action::Move,
                &answers("", "", "", "2026-12-05"),
                day(5)
            )),
            [UNIT, PARENT]
        );
        let id = Uuid::from_u128(1).to_string();
        assert!(read(Action::Close, &answers(&id, "", "", "2026-12-05"), day(5)).is_ok());
    }

    #[test]
    fn a_change_is_not_recorded_ahead_of_its_day() {
        let id = Uuid::from_u128(1).to_string();
        assert_eq!(
            fields(read(
                Action::Rename,
                &answers(&id, "", "Team B", "2026-12-06"),
                day(5)
            )),
            [FROM]
        );
        let Ok((change, from)) = read(
            Action::Rename,
            &answers(&id, "", " Team B ", "2026-12-04"),
            day(5),
        ) else {
            panic!("a rename from yesterday can be sent");
        };
        assert_eq!(from, day(4));
        assert_eq!(
            change,
            UnitChange::Rename {
                unit_id: Uuid::from_u128(1),
                name: "Team B".into()
            }
        );
    }

    #[test]
    fn the_message_names_the_units_and_the_day() {
        let units = vec![unit(1, "Community", None), unit(2, "Team A", Some(1))];
        let moved = UnitChange::Move {
            unit_id: Uuid::from_u128(2),
            parent_id: Uuid::from_u128(1),
        };
        assert_eq!(
            done_message(&moved, day(5), &units),
            "Team A is under Community from 5 December 2026."
        );
        let renamed = UnitChange::Rename {
            unit_id: Uuid::from_u128(2),
            name: "Team B".into(),
        };
        assert_eq!(
            done_message(&renamed, day(5), &units),
            "Team A is called Team B from 5 December 2026."
        );
    }

    #[test]
    fn a_unit_cannot_move_under_itself_or_anything_below_it() {
        let units = vec![
            unit(1, "Top", None),
            unit(2, "Service", Some(1)),
            unit(3, "Team", Some(2)),
            unit(4, "Other", Some(1)),
        ];
        let ids: HashSet<u128> = within(&units, Uuid::from_u128(2))
            .into_iter()
            .map(|u| u.as_u128())
            .collect();
        assert_eq!(ids, HashSet::from([2, 3]));
    }
}
