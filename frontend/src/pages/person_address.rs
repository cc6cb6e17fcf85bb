//! The person a page is about, read from its address: `/…/:id`, with
//! `?name=` naming them until the page has loaded (the links to a person's
//! history, wellbeing and observations carry it).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

/// The person's id (none when malformed: the page then says "not found",
/// as for someone unseen), and the name the link gave, trimmed.
pub fn use_person_address() -> (Memo<Option<Uuid>>, Memo<Option<String>>) {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let name = Memo::new(move |_| {
        query
            .with(|q| q.get("name"))
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
    });
    (id, name)
}
