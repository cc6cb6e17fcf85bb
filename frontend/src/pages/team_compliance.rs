//! `/compliance`: team compliance for senior managers (F5.6). A unit of
//! their scope as at a date: its percentages compliant per kind, its child
//! units to drill into (with breadcrumbs back up), how many records each
//! shared late (F4.3) and how many open cases are overdue for discussion
//! (F3.7), how many booked sessions were called off (F9.3), its 12-month
//! trend, the people directly in it, and
//! the same report as a CSV download. Where the page is lives in the
//! address (see [`location`]), so it can be bookmarked.

mod figures;
pub(crate) mod location;
mod people;
mod trend;
mod units;

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use supervision_shared::FieldError;
use supervision_shared::compliance::end_of_month;
use uuid::Uuid;

use crate::api::booking::session_cancellations;
use crate::api::observation::observation_figures;
use crate::api::report::{
    ReportUnit, TeamCompliance, TrendPoint, case_discussions, compliance_csv_url, compliance_trend,
    late_sharing, my_report_units, team_compliance,
};
use crate::api::{ApiError, ErrorCode};
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_element, focus_error_summary};
use crate::components::field_error::FormErrors;
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::title::set_title;
use location::ReportLocation;
use trend::TrendSection;

/// The `<h1>`'s id: focus returns to it when the unit changes, as the
/// link that was followed has gone.
const HEADING_ID: &str = "team-compliance-heading";

/// The `/compliance` page.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn TeamCompliancePage() -> impl IntoView {
    let query = use_query_map();
    let here = Memo::new(move |_| {
        query.with(|q| {
            ReportLocation::parse(q.get_str("unit"), q.get_str("asAt"), q.get_str("trail"))
        })
    });
    let roots = LocalResource::new(my_report_units);
    let unit = Memo::new(move |_| {
        here.with(|h| h.unit).or_else(|| {
            roots.with(|r| match r {
                Some(Ok(list)) => list.first().map(|u| u.unit_id),
                _ => None,
            })
        })
    });
    // One memo for what is asked: a resource reading the unit and the date
    // separately was not rerun when only the date changed.
    let asked = Memo::new(move |_| (unit.get(), here.with(|h| h.as_at)));
    let report = LocalResource::new(move || {
        let (unit, as_at) = asked.get();
        async move {
            match unit {
                Some(unit) => Some(team_compliance(unit, as_at).await),
                None => None,
            }
        }
    });
    // Late sharing for the same unit and date, apart from the report: if it
    // fails, only its figures say so.
    let late = LocalResource::new(move || {
        let (unit, as_at) = asked.get();
        async move {
            match unit {
                Some(unit) => Some(late_sharing(unit, as_at).await),
                None => None,
            }
        }
    });
    // Open cases overdue for discussion, the same way. With no date chosen
    // they are judged at the end of this month, as the report is (the API's
    // own default is today).
    let cases = LocalResource::new(move || {
        let (unit, as_at) = asked.get();
        let as_at = as_at.unwrap_or_else(|| end_of_month(dates::today()));
        async move {
            match unit {
                Some(unit) => Some(case_discussions(unit, Some(as_at)).await),
                None => None,
            }
        }
    });
    // Observation of supervisors' practice (F8.3): judged as at the date
    // chosen, or today (a month-end still to come would call someone
    // overdue before their day).
    let observations = LocalResource::new(move || {
        let (unit, as_at) = asked.get();
        let as_at = as_at.unwrap_or_else(dates::today);
        async move {
            match unit {
                Some(unit) => Some(observation_figures(unit, as_at).await),
                None => None,
            }
        }
    });
    // Booked sessions called off (F9.3), in the year to the date judged.
    let cancellations = LocalResource::new(move || {
        let (unit, as_at) = asked.get();
        let as_at = as_at.unwrap_or_else(|| end_of_month(dates::today()));
        async move {
            match unit {
                Some(unit) => Some(session_cancellations(unit, as_at).await),
                None => None,
            }
        }
    });
    let apart = units::Apart {
        late,
        cases,
        observations,
        cancellations,
    };
    let trend = LocalResource::new(move || {
        let unit = unit.get();
        async move {
            match unit {
                Some(unit) => Some(compliance_trend(unit).await),
                None => None,
            }
        }
    });

    // Unit names seen so far, for the breadcrumbs.
    let names = RwSignal::new(HashMap::<Uuid, String>::new());
    Effect::new(move |_| {
        if let Some(Some(Ok(r))) = report.get() {
            names.update(|n| {
                n.insert(r.unit.unit_id, r.unit.name.clone());
                n.extend(r.children.iter().map(|c| (c.unit_id, c.name.clone())));
            });
        }
    });
    // Opened from a bookmark, the units above have not been seen: look up
    // their names (the tops of scope from the list already asked for).
    let trail_names = LocalResource::new(move || {
        let trail = here.with(|h| h.trail.clone());
        let known = names.get_untracked();
        async move {
            let tops = roots.await.unwrap_or_default();
            let mut found = Vec::new();
            for id in trail.into_iter().filter(|id| !known.contains_key(id)) {
                if let Some(top) = tops.iter().find(|t| t.unit_id == id) {
                    found.push((id, top.name.clone()));
                } else if let Ok(r) = team_compliance(id, None).await {
                    found.push((id, r.unit.name));
                }
            }
            found
        }
    });
    Effect::new(move |_| {
        if let Some(found) = trail_names.get()
            && !found.is_empty()
        {
            names.update(|n| n.extend(found));
        }
    });

    Effect::new(move |previous: Option<Option<Uuid>>| {
        let now = unit.get();
        if previous.flatten().is_some_and(|p| Some(p) != now) {
            request_animation_frame(|| focus_element(HEADING_ID));
        }
        now
    });

    let body = move || {
        match roots.get() {
        None => view! { <Loading what="the units you oversee" /> }.into_any(),
        Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <p>"Team compliance is not available to you."</p>
            <p>
                "It shows senior managers how well supervised the staff of the units they oversee are. "
                <A href="/">"Go to my supervisions"</A>
            </p>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <ReportForm roots=list here=here unit=unit />
            {move || match report.get() {
                None | Some(None) => view! { <Loading what="the report" /> }.into_any(),
                Some(Some(Err(err))) if err.code == ErrorCode::NotFound => view! {
                    <div class="notice notice-error" role="alert">
                        <p>"That unit is not one you oversee, or it no longer exists."</p>
                        <p>
                            <A href=location::PATH>"Show the units you oversee"</A>
                        </p>
                    </div>
                }
                .into_any(),
                Some(Some(Err(err))) => view! { <LoadError error=err /> }.into_any(),
                Some(Some(Ok(r))) => report_view(r, here.get_untracked(), trend, apart)
                    .into_any(),
            }}
        }
        .into_any(),
    }
    };

    // The heading names the unit shown, so each level of the drill-down is
    // told apart (and the tab's title with it). Read from the report in
    // place: the heading, the title and the breadcrumbs need only the name.
    let shown_name = Memo::new(move |_| {
        report.with(|r| match r {
            Some(Some(Ok(r))) => Some(r.unit.name.clone()),
            _ => None,
        })
    });
    let heading = Memo::new(move |_| match shown_name.get() {
        Some(name) => format!("Team compliance: {name}"),
        None => "Team compliance".to_owned(),
    });
    Effect::new(move |_| set_title(&heading.get()));
    view! {
        {move || {
            shown_name
                .get()
                .map(|current| breadcrumbs(&here.get(), &current, &names.get()))
        }}
        <h1 id=HEADING_ID tabindex="-1">{move || heading.get()}</h1>
        {body}
        <p class="see-also">
            <a href="/questionnaires">"What staff say about their supervision: the annual questionnaire"</a>
        </p>
    }
}

/// Which unit (when the viewer oversees several) and the date to judge at.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
fn ReportForm(
    roots: Vec<ReportUnit>,
    here: Memo<ReportLocation>,
    unit: Memo<Option<Uuid>>,
) -> impl IntoView {
    let navigate = use_navigate();
    let chosen = RwSignal::new(None::<Uuid>);
    // The day typed, put back to the address's whenever that changes.
    let typed = RwSignal::new(String::new());
    Effect::new(move |_| typed.set(here.with(|h| h.as_at.map(dates::iso).unwrap_or_default())));
    let errors = FormErrors::new();
    let several = roots.len() > 1;
    // The unit at the top of the current trail is the one the list shows.
    let top = move || {
        here.with(|h| h.trail.first().copied())
            .or_else(|| unit.get())
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let as_at = match typed.get_untracked() {
            day if day.is_empty() => None,
            day => match dates::parse_iso(&day) {
                Some(day) => Some(day),
                None => {
                    errors.set(vec![FieldError::new(
                        "report-as-at",
                        "Enter a real date, for example 27 3 2026, or leave it empty.",
                    )]);
                    focus_error_summary();
                    return;
                }
            },
        };
        errors.clear();
        let current = here.get_untracked();
        let place = match chosen.get_untracked() {
            Some(picked) if Some(picked) != top() => ReportLocation {
                unit: Some(picked),
                as_at,
                trail: Vec::new(),
            },
            _ => ReportLocation { as_at, ..current },
        };
        navigate(&place.href(), NavigateOptions::default());
    };
    view! {
        <form class="form-section report-form" on:submit=on_submit novalidate>
            <ErrorSummary errors=errors />
            {several
                .then(|| {
                    view! {
                        <div class="form-group">
                            <label class="label" for="report-unit">
                                "Unit"
                            </label>
                            <select
                                id="report-unit"
                                class="select"
                                on:change=move |ev| {
                                    chosen.set(Uuid::parse_str(&event_target_value(&ev)).ok());
                                }
                            >
                                {roots
                                    .iter()
                                    .map(|r| {
                                        let id = r.unit_id;
                                        view! {
                                            <option value=id.to_string() prop:selected=move || top() == Some(id)>
                                                {r.name.clone()}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    }
                })}
            <DateInput
                field="report-as-at"
                legend="As at"
                hint="Leave empty for the end of this month, as the supervision reports count."
                value=typed
                on_change=Callback::new(move |day| typed.set(day))
                errors=errors
            />
            <button type="submit" class="button">
                "Show report"
            </button>
        </form>
    }
}

/// The loaded report: breadcrumbs, figures, download, child units, trend
/// and people.
fn report_view(
    report: TeamCompliance,
    here: ReportLocation,
    trend: LocalResource<Option<Result<Vec<TrendPoint>, ApiError>>>,
    apart: units::Apart,
) -> impl IntoView {
    let unit = report.unit;
    let as_at = report.as_at;
    let csv = compliance_csv_url(unit.unit_id, as_at);
    let unit_name = unit.name.clone();
    let has_children = !report.children.is_empty();
    let own_figures = (!has_children).then(|| units::unit_lines(unit.unit_id, as_at, apart));
    let children =
        has_children.then(|| units::child_units(&unit, report.children, &here, as_at, apart));
    view! {
        <section class="page-section report-unit" aria-labelledby="unit-heading">
            <h2 id="unit-heading">{unit.name.clone()}</h2>
            <p class="muted">
                "As at " <time datetime=dates::iso(as_at)>{dates::long(as_at)}</time>
                {(as_at > dates::today()).then(|| format!(
                    ": if nothing more is recorded by {}. Anyone due before then counts as not compliant; nobody is overdue until their due date has passed.",
                    dates::long(as_at)
                ))}
            </p>
            {units::unit_figures(&unit)}
            {own_figures}
            <p class="download-link">
                <a href=csv download="" rel="external">
                    "Download CSV"
                    <span class="visually-hidden">
                        {format!(" of everyone in {}, as at {}", unit.name, dates::long(as_at))}
                    </span>
                </a>
            </p>
        </section>
        {children}
        <section class="page-section" aria-labelledby="trend-heading">
            <h2 id="trend-heading">"Trend over the last 12 months"</h2>
            {move || {
                let unit_name = unit_name.clone();
                match trend.get() {
                    None | Some(None) => view! { <Loading what="the trend" /> }.into_any(),
                    Some(Some(Err(err))) => view! { <LoadError error=err /> }.into_any(),
                    Some(Some(Ok(points))) => {
                        view! { <TrendSection unit_name=unit_name points=points /> }.into_any()
                    }
                }
            }}
        </section>
        {people::people_section(&unit.name, report.people)}
    }
}

/// The way back up: each unit drilled down through, then this one. Shown
/// once there is somewhere to go back to; a unit whose name is not yet
/// known is left out until it is.
fn breadcrumbs(here: &ReportLocation, current: &str, names: &HashMap<Uuid, String>) -> AnyView {
    if here.trail.is_empty() {
        return ().into_any();
    }
    let crumbs = here
        .trail
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let name = names.get(id)?.clone();
            let href = here.up_to(i).href();
            Some(view! {
                <li>
                    <A href=href>{name}</A>
                </li>
            })
        })
        .collect_view();
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                {crumbs}
                <li aria-current="page">{current.to_owned()}</li>
            </ol>
        </nav>
    }
    .into_any()
}
