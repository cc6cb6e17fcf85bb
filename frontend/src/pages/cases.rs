//! `/cases`: the cases discussed in the signed-in person's supervisions and
//! in those they recorded (F3.7), each by its pseudonymous reference: open
//! cases overdue for discussion first, then when each was last discussed,
//! when it is next due, whose case it is, and its last record.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::case::{CaseForDiscussion, cases_for_discussion};
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::title::set_title;

/// The `/cases` page.
#[component]
pub fn CasesPage() -> impl IntoView {
    set_title("Cases for discussion");
    let cases = LocalResource::new(cases_for_discussion);
    view! {
        <h1 tabindex="-1">"Cases for discussion"</h1>
        <p class="hint">
            "Cases discussed in your supervisions and in the supervisions you recorded. An open case not discussed recently is overdue for discussion."
        </p>
        {move || match cases.get() {
            None => view! { <Loading what="your cases" /> }.into_any(),
            Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
            Some(Ok(list)) if list.is_empty() => {
                view! { <p>"No cases have been discussed in your supervisions yet."</p> }.into_any()
            }
            Some(Ok(list)) => case_list(list).into_any(),
        }}
    }
}

/// Overdue first, then open ones by when they are due, closed ones last:
/// the server's order, kept whatever order arrives.
fn in_order(mut list: Vec<CaseForDiscussion>) -> Vec<CaseForDiscussion> {
    list.sort_by(|a, b| {
        (!a.overdue, a.closed, a.next_due, &a.reference).cmp(&(
            !b.overdue,
            b.closed,
            b.next_due,
            &b.reference,
        ))
    });
    list
}

/// How many are overdue, said before the list.
fn overdue_sentence(count: usize) -> Option<String> {
    match count {
        0 => None,
        1 => Some("1 case is overdue for discussion: shown first.".to_owned()),
        n => Some(format!(
            "{n} cases are overdue for discussion: shown first."
        )),
    }
}

fn case_list(list: Vec<CaseForDiscussion>) -> impl IntoView {
    let list = in_order(list);
    let overdue = overdue_sentence(list.iter().filter(|c| c.overdue).count());
    view! {
        {overdue.map(|sentence| view! { <p>{sentence}</p> })}
        <ul class="record-list">{list.into_iter().map(case_card).collect_view()}</ul>
    }
}

/// One case.
fn case_card(case: CaseForDiscussion) -> impl IntoView {
    let record = format!("/supervisions/{}", case.last_supervision_id);
    let last = dates::long(case.last_discussed);
    let next_due = match (case.closed, case.next_due) {
        (true, _) => view! { "Not due: closed or transferred" }.into_any(),
        (false, Some(day)) => {
            view! { <time datetime=dates::iso(day)>{dates::long(day)}</time> }.into_any()
        }
        (false, None) => view! { "Not set" }.into_any(),
    };
    let tag = if case.overdue {
        Some(view! { <span class="tag tag-overdue">"Overdue for discussion"</span> }.into_any())
    } else if case.closed {
        Some(view! { <span class="tag">"Closed or transferred"</span> }.into_any())
    } else {
        None
    };
    let hidden = format!(" of {}, {}", case.reference, case.worker.name);
    view! {
        <li class="record-card case-card">
            <h2 class="card-title case-reference">{case.reference.clone()}</h2>
            {tag.map(|t| view! { <p class="tag-line">{t}</p> })}
            <dl class="record-facts">
                <div>
                    <dt>"Worker"</dt>
                    <dd>{case.worker.name.clone()}</dd>
                </div>
                <div>
                    <dt>"Last discussed"</dt>
                    <dd>
                        <time datetime=dates::iso(case.last_discussed)>{last.clone()}</time>
                    </dd>
                </div>
                <div>
                    <dt>"Next due"</dt>
                    <dd>{next_due}</dd>
                </div>
            </dl>
            <p>
                <A href=record>
                    {format!("Record of {last}")}
                    <span class="visually-hidden">{hidden}</span>
                </A>
            </p>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use uuid::Uuid;

    use super::*;
    use crate::api::staff::StaffSummary;

    fn case(
        reference: &str,
        overdue: bool,
        closed: bool,
        next_due: Option<u32>,
    ) -> CaseForDiscussion {
        CaseForDiscussion {
            reference: reference.to_owned(),
            worker: StaffSummary {
                id: Uuid::nil(),
                name: "Tom Reed".into(),
                job_title: String::new(),
                team_name: String::new(),
            },
            last_supervision_id: Uuid::nil(),
            last_discussed: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap_or_default(),
            next_due: next_due.and_then(|d| NaiveDate::from_ymd_opt(2026, 11, d)),
            overdue,
            closed,
        }
    }

    #[test]
    fn overdue_cases_come_first_then_the_soonest_due_and_closed_ones_last() {
        let order: Vec<String> = in_order(vec![
            case("CL-100001", false, true, None),
            case("LA-100003", false, false, Some(30)),
            case("SO-100002", false, false, Some(10)),
            case("OV-100004", true, false, Some(1)),
        ])
        .into_iter()
        .map(|c| c.reference)
        .collect();
        assert_eq!(
            order,
            vec!["OV-100004", "SO-100002", "LA-100003", "CL-100001"]
        );
    }

    #[test]
    fn the_overdue_count_is_said_in_words() {
        assert_eq!(overdue_sentence(0), None);
        assert_eq!(
            overdue_sentence(1).as_deref(),
            Some("1 case is overdue for discussion: shown first.")
        );
        assert!(overdue_sentence(3).is_some_and(|s| s.starts_with("3 cases are")));
    }
}
