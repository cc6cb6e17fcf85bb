//! Personal notes (F3.4): each group member can add notes to the shared
//! record that only they can read, and the facilitator if they choose.

use serde_json::json;

use crate::helpers::*;

const SAVE: &str = "mutation($id: UUID!, $n: String!) { savePersonalNotes(id: $id, notes: $n) { myPersonalNotes } }";
const SHARE: &str = "mutation($id: UUID!, $n: String!, $s: Boolean) { \
    savePersonalNotes(id: $id, notes: $n, shareWithFacilitator: $s) { myPersonalNotes myPersonalNotesShared } }";
const SHARED: &str = "query($id: UUID!) { supervision(id: $id) { \
    notesSharedWithMe { supervisee { name } notes } } }";
const READ: &str = "query($id: UUID!) { supervision(id: $id) { myPersonalNotes attendees { supervisee { name } comment } } }";

#[tokio::test]
async fn a_group_members_personal_notes_are_theirs_alone() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(
        &priya,
        &[app.staff_id(TOM).await, app.staff_id(AISHA).await],
    )
    .await;
    let tom = app.sign_in(TOM).await;
    let private = "I found the session hard after the incident last week.";
    let body = tom.gql(SAVE, json!({ "id": id, "n": private })).await;
    assert_eq!(
        body["data"]["savePersonalNotes"]["myPersonalNotes"],
        private
    );
    assert_eq!(
        tom.gql(READ, json!({ "id": id })).await["data"]["supervision"]["myPersonalNotes"],
        private
    );

    for email in [AISHA, PRIYA, HELEN] {
        let body = app
            .sign_in(email)
            .await
            .gql(READ, json!({ "id": id }))
            .await;
        assert!(
            !body.to_string().contains(private),
            "{email} never sees Tom's notes: {body}"
        );
    }
    let export = tom
        .http
        .get(format!("{}/export/my-records.json", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(export.contains(private), "they are in Tom's own export");
    let aisha_export = app
        .sign_in(AISHA)
        .await
        .http
        .get(format!("{}/export/my-records.json", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!aisha_export.contains(private), "and in nobody else's");
    app.stop().await;
}

#[tokio::test]
async fn only_a_supervisee_writes_personal_notes() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    assert_eq!(
        error_code(&priya.gql(SAVE, json!({ "id": id, "n": "mine" })).await),
        Some("FORBIDDEN")
    );
    assert_eq!(
        error_code(
            &app.sign_in(OWEN)
                .await
                .gql(SAVE, json!({ "id": id, "n": "mine" }))
                .await
        ),
        Some("NOT_FOUND")
    );
    let body = app
        .sign_in(TOM)
        .await
        .gql(SAVE, json!({ "id": id, "n": "x".repeat(20_001) }))
        .await;
    assert_eq!(error_fields(&body), vec!["notes"]);
    app.stop().await;
}

#[tokio::test]
async fn a_member_may_share_their_notes_with_the_facilitator_alone() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(
        &priya,
        &[app.staff_id(TOM).await, app.staff_id(AISHA).await],
    )
    .await;
    let tom = app.sign_in(TOM).await;
    let aisha = app.sign_in(AISHA).await;
    let toms = "I would like help with the rota before the next session.";
    let aishas = "Kept for myself: the handover still worries me.";
    let body = tom
        .gql(SHARE, json!({ "id": id, "n": toms, "s": true }))
        .await;
    assert_eq!(
        body["data"]["savePersonalNotes"]["myPersonalNotesShared"], true,
        "{body}"
    );
    aisha
        .gql(SHARE, json!({ "id": id, "n": aishas, "s": false }))
        .await;

    let shared = priya.gql(SHARED, json!({ "id": id })).await;
    assert_eq!(
        shared["data"]["supervision"]["notesSharedWithMe"],
        json!([{ "supervisee": { "name": "Tom Reed" }, "notes": toms }]),
        "the facilitator reads what Tom shared and nothing of Aisha's"
    );
    for (email, reader) in [(AISHA, &aisha), (TOM, &tom)] {
        let body = reader.gql(SHARED, json!({ "id": id })).await;
        assert_eq!(
            body["data"]["supervision"]["notesSharedWithMe"],
            json!([]),
            "{email} is a member, not the facilitator"
        );
    }
    assert!(
        !aisha
            .gql(READ, json!({ "id": id }))
            .await
            .to_string()
            .contains(toms),
        "another member never reads Tom's notes"
    );
    let helen = app.sign_in(HELEN).await;
    let body = helen.gql(SHARED, json!({ "id": id })).await;
    assert!(!body.to_string().contains(toms), "nor does Helen: {body}");

    // Saving again without saying keeps the choice; unsharing takes them
    // back from the facilitator at once.
    let again = "Help with the rota, and with the new starter.";
    let body = tom.gql(SHARE, json!({ "id": id, "n": again })).await;
    assert_eq!(
        body["data"]["savePersonalNotes"]["myPersonalNotesShared"],
        true
    );
    assert!(
        priya
            .gql(SHARED, json!({ "id": id }))
            .await
            .to_string()
            .contains(again)
    );
    tom.gql(SHARE, json!({ "id": id, "n": again, "s": false }))
        .await;
    assert_eq!(
        priya.gql(SHARED, json!({ "id": id })).await["data"]["supervision"]["notesSharedWithMe"],
        json!([])
    );
    app.stop().await;
}
