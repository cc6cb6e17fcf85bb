//! `/actions`: the actions the signed-in person owns, and those from the
//! supervisions they recorded (F3.6), as a list a phone can take: each one
//! a line (what, whose, due when, overdue first) linking to the action on
//! its own page (`/actions/{id}`, [`detail`]), where it is marked done,
//! dropped or given a new due date. Filtered by status and owner, twenty to
//! a page; the filters and the page are in the address, so Back and a
//! bookmark return to the same list.

mod detail;
mod filters;
mod history;

pub use detail::ActionPage;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::action::{Action, my_actions};
use crate::components::action_facts::state_tag;
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::title::set_title;
use filters::Filters;

/// Actions shown per page.
const PAGE_SIZE: usize = 20;

/// The `/actions` page.
#[component]
pub fn ActionsPage() -> impl IntoView {
    set_title("My actions");
    let query = use_query_map();
    let filters = Memo::new(move |_| query.with(Filters::from_query));
    // Closed actions are fetched only when a filter can show them.
    let include_closed = Memo::new(move |_| filters.with(|f| f.status.includes_closed()));
    let actions = LocalResource::new(move || my_actions(include_closed.get()));

    view! {
        <h1 tabindex="-1">"My actions"</h1>
        <p class="hint">"Actions you own, and actions agreed in supervisions you recorded."</p>
        {move || match actions.get() {
            None => view! { <Loading what="your actions" /> }.into_any(),
            Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
            Some(Ok(list)) => action_list(list, filters.get()).into_any(),
        }}
    }
}

/// The filters, how many match, one page of them, and the way to the others.
fn action_list(all: Vec<Action>, filters: Filters) -> impl IntoView {
    let owners = filters::owners(&all);
    let mut shown: Vec<Action> = all.into_iter().filter(|a| filters.admits(a)).collect();
    // Overdue first, then by due date (none last), then as agreed.
    shown.sort_by_key(|a| (!a.overdue, a.due_on.is_none(), a.due_on, a.agreed_on));
    let total = shown.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = filters.page.clamp(1, pages);
    let overdue = shown.iter().filter(|a| a.overdue).count();
    let first = (page - 1) * PAGE_SIZE;
    let on_page: Vec<Action> = shown.into_iter().skip(first).take(PAGE_SIZE).collect();
    let summary = filters::count_words(total, overdue, filters.status, first, on_page.len());
    view! {
        {filters::filter_form(&filters, owners)}
        <section class="page-section" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{filters.status.heading()}</h2>
            <p role="status">{summary}</p>
            {(!on_page.is_empty()).then(|| view! {
                <ul class="action-rows">
                    {on_page.into_iter().map(action_row).collect_view()}
                </ul>
            })}
            {filters::pagination(&filters, page, pages)}
        </section>
    }
}

/// One action as a line: what (the link to it), whose, due when, and its
/// state when it is overdue or closed.
fn action_row(action: Action) -> impl IntoView {
    let href = format!("/actions/{}", action.id);
    let due = action.due_on.map_or_else(
        || "No due date".to_owned(),
        |d| format!("Due {}", dates::long(d)),
    );
    let tag = state_tag(&action);
    view! {
        <li class="action-row">
            <A href=href attr:class="action-row-link">{action.description}</A>
            <p class="action-row-meta">
                <span>{action.owner.name}</span>
                <span>{due}</span>
                {action.raised_in_audit.map(|_| view! { <span>"From an audit"</span> })}
                {tag}
            </p>
        </li>
    }
}
