//! `/units`: the organisation's units as a tree (F2.1), as they are today
//! or as they were on a day, and the changes HR and system administrators
//! make to it: a unit opened, renamed, moved or closed, each from the day it
//! takes effect (reports for earlier days keep the tree they had). Anyone
//! else is told the page is not for them (the server refuses them too).

mod forms;
mod tree;

use leptos::prelude::*;

use crate::api::org_unit::units_on;
use crate::components::error_summary::focus_element;
use crate::components::status::SavedNotice;
use crate::session::use_session;
use crate::title::set_title;
use forms::ChangeForm;
use tree::TreeSection;

/// The message after a change, focused once it is shown.
const STATUS_ID: &str = "units-status";

/// The `/units` page.
#[component]
pub fn UnitsPage() -> impl IntoView {
    set_title("Units");
    let session = use_session();
    let may_restructure = Memo::new(move |_| {
        session
            .person()
            .map(|me| me.is_system_admin() || me.is_hr_admin())
    });
    view! {
        <h1 tabindex="-1">"Units"</h1>
        {move || match may_restructure.get() {
            Some(true) => view! { <Restructure /> }.into_any(),
            Some(false) => view! {
                <div class="notice">
                    <p>
                        "This page is for HR and system administrators, who keep the organisation's divisions, services and teams."
                    </p>
                </div>
            }
            .into_any(),
            None => ().into_any(),
        }}
    }
}

/// The tree and the form that changes it; after a change both reload.
#[component]
fn Restructure() -> impl IntoView {
    let changes = RwSignal::new(0_u32);
    // The form chooses among the units open today, whatever day the tree shows.
    let today_units = LocalResource::new(move || {
        changes.track();
        units_on(None, false)
    });
    let status = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        status.set(Some(message));
        changes.update(|n| *n += 1);
        request_animation_frame(|| focus_element(STATUS_ID));
    });
    view! {
        <p>
            "Divisions, services and teams. Each change takes effect from its day, today or earlier; reports for earlier days count the tree as it was then."
        </p>
        <SavedNotice message=status id=STATUS_ID />
        <TreeSection changes=changes />
        {move || match today_units.get() {
            Some(Ok(list)) => view! { <ChangeForm units=list on_changed=on_changed /> }.into_any(),
            // The tree above says why the units could not be read.
            _ => ().into_any(),
        }}
    }
}
