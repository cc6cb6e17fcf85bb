//! `/supervisees`: the people the signed-in person supervises or manages,
//! one card each, most urgent first (the server's order) or by name, with a
//! search by name. A card gives each relationship (clinical supervisor, line
//! manager) with where that kind of supervision stands and its agreement,
//! and once the links to record a session, to their history and to their
//! wellbeing records.

mod card;

use leptos::prelude::*;

use crate::api::agreement::my_agreements;
use crate::api::staff::my_supervisees;
use crate::components::status::{LoadError, Loading};
use crate::title::set_title;
use card::{Person, people, person_card};

/// The order the cards are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// Overdue and due soon first: the server's order.
    Urgency,
    Name,
}

/// The `/supervisees` page.
#[component]
pub fn SuperviseesPage() -> impl IntoView {
    set_title("My supervisees");
    let supervisees = LocalResource::new(my_supervisees);
    // The agreements with them, for the links to open one (without them the
    // cards still show each standing).
    let agreements = LocalResource::new(my_agreements);
    let search = RwSignal::new(String::new());
    let order = RwSignal::new(Order::Urgency);

    view! {
        <h1 tabindex="-1">"My supervisees"</h1>
        {move || match (supervisees.get(), agreements.get()) {
            (None, _) | (_, None) => view! { <Loading what="your supervisees" /> }.into_any(),
            (Some(Err(err)), _) => view! { <LoadError error=err /> }.into_any(),
            (Some(Ok(list)), _) if list.is_empty() => {
                view! { <p>"No one is allocated to you for supervision or line management."</p> }
                    .into_any()
            }
            (Some(Ok(list)), Some(agreements)) => {
                let everyone = StoredValue::new(people(list));
                let agreements = StoredValue::new(agreements.unwrap_or_default());
                view! {
                    {controls(search, order)}
                    {move || {
                        let shown = chosen(everyone.get_value(), &search.get(), order.get());
                        let count = match shown.len() {
                            0 => format!("No one matches “{}”.", search.get_untracked().trim()),
                            1 => "1 person".to_owned(),
                            n => format!("{n} people"),
                        };
                        view! {
                            <p role="status" class="list-count">{count}</p>
                            <ul class="supervisee-list">
                                {shown
                                    .into_iter()
                                    .map(|p| agreements.with_value(|a| person_card(p, a)))
                                    .collect_view()}
                            </ul>
                        }
                    }}
                }
                .into_any()
            }
        }}
        <p class="see-also">
            <a href="/questionnaires">"What your supervisees say about their supervision: the annual questionnaire"</a>
        </p>
    }
}

/// The search box and the order.
fn controls(search: RwSignal<String>, order: RwSignal<Order>) -> impl IntoView {
    view! {
        <div class="filters" role="search" aria-label="Find a supervisee">
            <div class="form-group">
                <label class="label" for="supervisee-search">"Search by name"</label>
                <input
                    type="search"
                    id="supervisee-search"
                    class="input"
                    autocomplete="off"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            </div>
            <div class="form-group">
                <label class="label" for="supervisee-order">"Sort by"</label>
                <select
                    id="supervisee-order"
                    class="select"
                    on:change=move |ev| {
                        order.set(if event_target_value(&ev) == "name" { Order::Name } else { Order::Urgency });
                    }
                >
                    <option value="urgency" selected=true>"Most urgent first"</option>
                    <option value="name">"Name, A to Z"</option>
                </select>
            </div>
        </div>
    }
}

/// The people whose name contains every word searched for, in `order`.
fn chosen(mut everyone: Vec<Person>, search: &str, order: Order) -> Vec<Person> {
    let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
    everyone.retain(|p| {
        let name = p.name().to_lowercase();
        words.iter().all(|w| name.contains(w.as_str()))
    });
    if order == Order::Name {
        everyone.sort_by_key(|p| p.name().to_lowercase());
    }
    everyone
}
