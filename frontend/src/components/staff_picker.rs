//! The supervisee picker: a type-ahead multi-select, chosen people shown as
//! chips, like the recipients of an email. It follows the ARIA combobox
//! pattern (an input with `role=combobox` controlling a `listbox`), so it
//! works by keyboard and announces what it finds.

use gloo_timers::future::TimeoutFuture;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::field_error::{FieldErrorMessage, FormErrors, field_id, hint_id};
use crate::api::staff::{StaffSummary, search_staff};

/// How long typing must pause before searching, so each keystroke does not
/// cost a request.
const DEBOUNCE_MS: u32 = 250;
/// Fewer letters than this match too many people to be useful.
const MIN_QUERY_CHARS: usize = 2;
/// Suggestions asked for (the server caps it too).
const SUGGESTIONS: u32 = 10;

/// Picks one or more members of staff.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn StaffPicker(
    /// The people chosen so far.
    selected: RwSignal<Vec<StaffSummary>>,
    /// People never to suggest (e.g. the person recording).
    #[prop(into)]
    exclude: Signal<Vec<Uuid>>,
    /// The form's errors; this picker shows those for `field`.
    errors: FormErrors,
    /// The API field name, also the input's id.
    field: &'static str,
    /// The visible label.
    label: &'static str,
    /// The hint under the label, when the supervisee picker's does not fit.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The accessible name of the chosen people's list.
    #[prop(optional)]
    chosen_label: Option<&'static str>,
) -> impl IntoView {
    let input_id = field_id(field);
    let listbox_id = format!("{input_id}-listbox");
    let option_id = {
        let input_id = input_id.clone();
        move |i: usize| format!("{input_id}-option-{i}")
    };

    let query = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<StaffSummary>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let announcement = RwSignal::new(String::new());
    // Each search gets a number; an answer is used only if no newer search
    // has started, so slow answers cannot overwrite fresh ones.
    let generation = StoredValue::new(0u64);
    let input_ref = NodeRef::<Input>::new();

    let suggestions = Memo::new(move |_| {
        let chosen: Vec<Uuid> = selected.with(|s| s.iter().map(|p| p.id).collect());
        let excluded = exclude.get();
        found.with(|people| {
            people
                .iter()
                .filter(|p| !chosen.contains(&p.id) && !excluded.contains(&p.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let expanded = move || open.get() && !suggestions.with(Vec::is_empty);

    let search = move |text: String| {
        let this = generation.get_value() + 1;
        generation.set_value(this);
        if text.trim().chars().count() < MIN_QUERY_CHARS {
            found.set(Vec::new());
            open.set(false);
            return;
        }
        spawn_local(async move {
            TimeoutFuture::new(DEBOUNCE_MS).await;
            if generation.try_get_value() != Some(this) {
                return;
            }
            let result = search_staff(text.trim(), SUGGESTIONS).await;
            if generation.try_get_value() != Some(this) {
                return;
            }
            match result {
                Ok(people) => {
                    found.set(people);
                    active.set(None);
                    open.set(true);
                    let count = suggestions.get_untracked().len();
                    announcement.set(match count {
                        0 => "No matching people.".to_owned(),
                        1 => "1 person found. Use the down arrow to choose.".to_owned(),
                        n => format!("{n} people found. Use the down arrow to choose."),
                    });
                }
                Err(err) => announcement.set(err.user_message()),
            }
        });
    };

    let focus_input = move || {
        if let Some(input) = input_ref.get_untracked() {
            let _ = input.focus();
        }
    };

    let choose = move |person: StaffSummary| {
        announcement.set(format!("Added {}.", person.name));
        selected.update(|chosen| {
            if !chosen.iter().any(|p| p.id == person.id) {
                chosen.push(person);
            }
        });
        query.set(String::new());
        found.set(Vec::new());
        open.set(false);
        active.set(None);
        focus_input();
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let count = suggestions.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                if count > 0 {
                    open.set(true);
                    active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                if count > 0 {
                    open.set(true);
                    active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
                }
            }
            "Enter" => {
                // Enter picks a person; it must never submit the whole form.
                ev.prevent_default();
                if open.get_untracked() && count > 0 {
                    let index = active.get_untracked().unwrap_or(0).min(count - 1);
                    if let Some(person) = suggestions.with_untracked(|s| s.get(index).cloned()) {
                        choose(person);
                    }
                }
            }
            "Escape" => {
                if open.get_untracked() {
                    ev.prevent_default();
                    open.set(false);
                    active.set(None);
                } else {
                    query.set(String::new());
                }
            }
            _ => {}
        }
    };

    let described_by = move || {
        let mut ids = vec![hint_id(field)];
        if errors.message(field).is_some() {
            ids.push(super::field_error::error_id(field));
        }
        ids.join(" ")
    };
    let active_descendant = {
        let option_id = option_id.clone();
        move || {
            if expanded() {
                active.get().map(&option_id)
            } else {
                None
            }
        }
    };

    view! {
        <div class="form-group staff-picker" class:form-group-error=move || errors.message(field).is_some()>
            <label class="label" for=input_id.clone()>
                {label}
            </label>
            <p class="hint" id=hint_id(field)>
                {hint.unwrap_or(
                    "Type two or more letters of each name, then choose them from the list.",
                )}
            </p>
            <FieldErrorMessage errors=errors field=field />
            <ul class="chips" aria-label=chosen_label.unwrap_or("Chosen for this record")>
                <For
                    each=move || selected.get()
                    key=|person| person.id
                    children=move |person: StaffSummary| {
                        let id = person.id;
                        let name = person.name.clone();
                        view! {
                            <li class="chip">
                                <span class="chip-name">{person.name.clone()}</span>
                                <button
                                    type="button"
                                    class="chip-remove"
                                    on:click=move |_| {
                                        selected.update(|chosen| chosen.retain(|p| p.id != id));
                                        announcement.set(format!("Removed {name}."));
                                        focus_input();
                                    }
                                >
                                    <span aria-hidden="true">"×"</span>
                                    <span class="visually-hidden">{format!("Remove {}", person.name)}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <div class="combobox">
                <input
                    node_ref=input_ref
                    id=input_id.clone()
                    class="input"
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=listbox_id.clone()
                    aria-expanded=move || if expanded() { "true" } else { "false" }
                    aria-activedescendant=active_descendant
                    aria-describedby=described_by
                    aria-invalid=move || errors.invalid(field)
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        query.set(text.clone());
                        active.set(None);
                        search(text);
                    }
                    on:keydown=on_keydown
                    on:focus=move |_| {
                        if !query.get_untracked().trim().is_empty() {
                            open.set(true);
                        }
                    }
                    on:blur=move |_| open.set(false)
                />
                <ul
                    id=listbox_id
                    role="listbox"
                    class="listbox"
                    aria-label="Matching people"
                    hidden=move || !expanded()
                >
                    {move || {
                        suggestions
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, person)| {
                                let is_active = move || active.get() == Some(i);
                                let details = format!("{}, {}", person.job_title, person.team_name);
                                let name = person.name.clone();
                                view! {
                                    <li
                                        id=option_id(i)
                                        role="option"
                                        class="option"
                                        class:option-active=is_active
                                        aria-selected=move || if is_active() { "true" } else { "false" }
                                        // Keeps focus in the input, so the blur does not
                                        // close the list before the click lands.
                                        on:mousedown=move |ev| ev.prevent_default()
                                        on:click=move |_| choose(person.clone())
                                    >
                                        <span class="option-name">{name}</span>
                                        <span class="visually-hidden">", "</span>
                                        <span class="option-details">{details}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">
                {move || announcement.get()}
            </p>
        </div>
    }
}
