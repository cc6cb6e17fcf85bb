//! My actions' filters (status and owner) and paging, read from and written
//! to the page's address.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::params::ParamsMap;
use supervision_shared::action::ActionStatus;
use uuid::Uuid;

use crate::api::action::Action;

/// Which actions, by where they stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum StatusFilter {
    /// Open ones, overdue or not: what there is to do.
    #[default]
    Open,
    Overdue,
    Done,
    Dropped,
    All,
}

impl StatusFilter {
    const ALL: [Self; 5] = [
        Self::Open,
        Self::Overdue,
        Self::Done,
        Self::Dropped,
        Self::All,
    ];

    fn key(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Overdue => "overdue",
            Self::Done => "done",
            Self::Dropped => "dropped",
            Self::All => "all",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Overdue => "Overdue",
            Self::Done => "Done",
            Self::Dropped => "Dropped",
            Self::All => "All",
        }
    }

    /// The list's heading.
    pub(super) fn heading(self) -> &'static str {
        match self {
            Self::Open => "Open actions",
            Self::Overdue => "Overdue actions",
            Self::Done => "Done actions",
            Self::Dropped => "Dropped actions",
            Self::All => "All actions",
        }
    }

    /// Whether done or dropped actions can be shown (and must be fetched).
    pub(super) fn includes_closed(self) -> bool {
        matches!(self, Self::Done | Self::Dropped | Self::All)
    }

    fn admits(self, action: &Action) -> bool {
        match self {
            Self::Open => action.status == ActionStatus::Open,
            Self::Overdue => action.status == ActionStatus::Open && action.overdue,
            Self::Done => action.status == ActionStatus::Done,
            Self::Dropped => action.status == ActionStatus::Dropped,
            Self::All => true,
        }
    }
}

/// The list as the address asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Filters {
    pub(super) status: StatusFilter,
    /// One owner's actions, or everyone's.
    pub(super) owner: Option<Uuid>,
    /// From 1.
    pub(super) page: usize,
}

impl Filters {
    /// Anything unknown in the address means the default: open, everyone's,
    /// the first page.
    pub(super) fn from_query(query: &ParamsMap) -> Self {
        Self::from_parts(
            query.get_str("status"),
            query.get_str("owner"),
            query.get_str("page"),
        )
    }

    fn from_parts(status: Option<&str>, owner: Option<&str>, page: Option<&str>) -> Self {
        Self {
            status: status
                .and_then(|s| StatusFilter::ALL.into_iter().find(|f| f.key() == s))
                .unwrap_or_default(),
            owner: owner.and_then(|s| Uuid::parse_str(s).ok()),
            page: page
                .and_then(|s| s.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    pub(super) fn admits(&self, action: &Action) -> bool {
        self.status.admits(action) && self.owner.is_none_or(|o| action.owner.id == o)
    }

    /// The address of this list at `page`.
    fn href(&self, page: usize) -> String {
        let mut parts = Vec::new();
        if self.status != StatusFilter::Open {
            parts.push(format!("status={}", self.status.key()));
        }
        if let Some(owner) = self.owner {
            parts.push(format!("owner={owner}"));
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            "/actions".to_owned()
        } else {
            format!("/actions?{}", parts.join("&"))
        }
    }
}

/// Everyone who owns one of the actions, by name, for the owner filter.
pub(super) fn owners(actions: &[Action]) -> Vec<(Uuid, String)> {
    let mut owners: Vec<(Uuid, String)> = actions
        .iter()
        .map(|a| (a.owner.id, a.owner.name.clone()))
        .collect();
    owners.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    owners.dedup_by_key(|o| o.0);
    owners
}

/// "Showing 1 to 20 of 109 open actions; 12 are overdue."
pub(super) fn count_words(
    total: usize,
    overdue: usize,
    status: StatusFilter,
    first: usize,
    on_page: usize,
) -> String {
    let what = status.heading().to_lowercase();
    let mut words = match total {
        0 => format!("No {what} to show."),
        n if n == on_page => format!("{n} {}.", if n == 1 { singular(&what) } else { what }),
        n => format!(
            "Showing {} to {} of {n} {what}.",
            first + 1,
            first + on_page
        ),
    };
    if overdue > 0 && status != StatusFilter::Overdue {
        let verb = if overdue == 1 { "is" } else { "are" };
        words.push_str(&format!(" {overdue} {verb} overdue, shown first."));
    }
    words
}

fn singular(plural: &str) -> String {
    plural.strip_suffix('s').unwrap_or(plural).to_owned()
}

/// The two filters: choosing one shows the list it asks for (the first
/// page of it) at once, and the address keeps the choice.
pub(super) fn filter_form(filters: &Filters, owners: Vec<(Uuid, String)>) -> impl IntoView + use<> {
    let navigate = use_navigate();
    let current = filters.clone();
    let go = StoredValue::new(move |next: Filters| navigate(&next.href(1), Default::default()));
    let for_status = current.clone();
    let on_status = move |ev: leptos::ev::Event| {
        let key = event_target_value(&ev);
        let status = StatusFilter::ALL
            .into_iter()
            .find(|f| f.key() == key)
            .unwrap_or_default();
        go.with_value(|go| {
            go(Filters {
                status,
                page: 1,
                ..for_status.clone()
            })
        });
    };
    let for_owner = current.clone();
    let on_owner = move |ev: leptos::ev::Event| {
        let owner = Uuid::parse_str(&event_target_value(&ev)).ok();
        go.with_value(|go| {
            go(Filters {
                owner,
                page: 1,
                ..for_owner.clone()
            })
        });
    };
    let status = current.status;
    let owner = current.owner;
    view! {
        <div class="filters" role="group" aria-label="Filter actions">
            <div class="form-group">
                <label class="label" for="action-status">"Status"</label>
                <select id="action-status" class="select" on:change=on_status>
                    {StatusFilter::ALL
                        .into_iter()
                        .map(|f| view! {
                            <option value=f.key() selected=f == status>{f.label()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="action-owner">"Owner"</label>
                <select id="action-owner" class="select" on:change=on_owner>
                    <option value="" selected=owner.is_none()>"Everyone"</option>
                    {owners
                        .into_iter()
                        .map(|(id, name)| view! {
                            <option value=id.to_string() selected=owner == Some(id)>{name}</option>
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}

/// Previous and next, and which page this is (the GOV.UK pagination
/// pattern); nothing when everything fits on one page.
pub(super) fn pagination(filters: &Filters, page: usize, pages: usize) -> impl IntoView + use<> {
    (pages > 1).then(|| {
        let previous = (page > 1).then(|| filters.href(page - 1));
        let next = (page < pages).then(|| filters.href(page + 1));
        view! {
            <nav class="pagination" aria-label="Pages of actions">
                {previous.map(|href| view! {
                    <A href=href attr:class="pagination-link" attr:rel="prev">"Previous page"</A>
                })}
                <p class="pagination-where">{format!("Page {page} of {pages}")}</p>
                {next.map(|href| view! {
                    <A href=href attr:class="pagination-link" attr:rel="next">"Next page"</A>
                })}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_address_is_the_first_page_of_everyones_open_actions() {
        let f = Filters::from_parts(None, None, None);
        assert_eq!(f.status, StatusFilter::Open);
        assert_eq!(f.owner, None);
        assert_eq!(f.page, 1);
        assert_eq!(f.href(1), "/actions");
    }

    #[test]
    fn the_address_keeps_the_filters_and_the_page() {
        let owner = Uuid::from_u128(7);
        let f = Filters::from_parts(Some("done"), Some(&owner.to_string()), Some("3"));
        assert_eq!(f.status, StatusFilter::Done);
        assert_eq!(f.owner, Some(owner));
        assert_eq!(f.page, 3);
        assert_eq!(
            f.href(2),
            format!("/actions?status=done&owner={owner}&page=2")
        );
    }

    #[test]
    fn nonsense_in_the_address_falls_back_to_the_defaults() {
        let f = Filters::from_parts(Some("x"), Some("y"), Some("0"));
        assert_eq!(
            f,
            Filters {
                status: StatusFilter::Open,
                owner: None,
                page: 1
            }
        );
    }

    #[test]
    fn the_count_says_which_part_is_shown_and_how_many_are_overdue() {
        assert_eq!(
            count_words(109, 12, StatusFilter::Open, 20, 20),
            "Showing 21 to 40 of 109 open actions. 12 are overdue, shown first."
        );
        assert_eq!(
            count_words(1, 0, StatusFilter::Done, 0, 1),
            "1 done action."
        );
        assert_eq!(
            count_words(0, 0, StatusFilter::Overdue, 0, 0),
            "No overdue actions to show."
        );
        assert_eq!(
            count_words(3, 3, StatusFilter::Overdue, 0, 3),
            "3 overdue actions."
        );
    }

    #[test]
    fn only_closed_filters_need_the_closed_actions() {
        assert!(!StatusFilter::Open.includes_closed());
        assert!(!StatusFilter::Overdue.includes_closed());
        assert!(StatusFilter::Done.includes_closed());
        assert!(StatusFilter::All.includes_closed());
    }
}
