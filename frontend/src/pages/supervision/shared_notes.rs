//! Members' personal notes shared with the session's facilitator (F3.4).
//! The server sends them to the facilitator only; nobody else gets any.

use leptos::prelude::*;

use crate::api::supervision::SharedNotes;

/// The notes group members chose to share with the viewer, who led the
/// session; nothing when there are none.
#[component]
pub fn SharedNotesSection(
    /// As the record was read.
    notes: Vec<SharedNotes>,
) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        view! {
            // A form-section so that printing leaves it out, like the
            // member's own notes: personal notes are not part of the record.
            <section class="form-section shared-notes" aria-labelledby="shared-notes-heading">
                <h2 id="shared-notes-heading">"Personal notes shared with you"</h2>
                <p class="hint">"Only you and the person who wrote them can see these. They are not part of the record."</p>
                <ul class="comment-list">
                    {notes
                        .into_iter()
                        .map(|shared| {
                            view! {
                                <li class="comment">
                                    <p class="comment-meta">
                                        <span class="comment-author">{shared.supervisee.name}</span>
                                    </p>
                                    <p class="prose">{shared.notes}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
