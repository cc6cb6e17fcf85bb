//! Audit findings become actions (F8.1, issue 16): whoever drew a round
//! raises a finding on a record it drew as an action owned by someone in
//! that session, with a due date; its owner meets it in their actions,
//! saying which audit it came from. Bad input writes nothing; another
//! auditor, anyone else and a closed round are refused.

use backend::entity::{audit_event, staff_role};
use chrono::{Days, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use supervision_shared::Role;

use crate::helpers::*;
use crate::quality::draw_one_this_week;

const RAISE: &str = "mutation($r: UUID!, $s: UUID!, $f: AuditFindingInput!) { raiseAuditFinding(roundId: $r, supervisionId: $s, finding: $f) { id description dueOn status owner { name } } }";

#[tokio::test]
async fn a_finding_on_a_record_drawn_becomes_an_action_for_someone_in_the_session() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let auditor = org
        .person("Gail Audit")
        .role(Role::Auditor, None)
        .create()
        .await;
    let other_auditor = org
        .person("Olu Audit")
        .role(Role::Auditor, None)
        .create()
        .await;
    let priya = org.person("Priya Shah").create().await;
    let tom = org
        .person("Tom Reed")
        .clinical_supervisor(&priya)
        .create()
        .await;
    let stranger = org.person("Sam Other").create().await;
    let today = Utc::now().date_naive();
    let toms = org.record(&priya).with(&[&tom]).create().await;
    let gail = app.sign_in_as(&auditor).await;
    let body = draw_one_this_week(&gail, "Quarter 3 dip sample").await;
    let round = body["data"]["drawAuditRound"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        body["data"]["drawAuditRound"]["records"][0]["supervisionId"],
        json!(toms)
    );
    let vars = |finding: Value| json!({ "r": round, "s": toms, "f": finding });
    let actions_before = app.count("supervision_action").await;

    // Nothing given, then an owner who was not in the session and a date
    // gone by: each problem at its field, nothing written.
    let body = gail.gql(RAISE, vars(json!({ "description": " " }))).await;
    assert_eq!(
        error_fields(&body),
        ["description", "ownerId", "dueOn"],
        "{body}"
    );
    let body = gail
        .gql(
            RAISE,
            vars(json!({ "description": "Record the analysis", "ownerId": stranger.id, "dueOn": today - Days::new(1) })),
        )
        .await;
    assert_eq!(error_fields(&body), ["ownerId", "dueOn"], "{body}");
    assert_eq!(app.count("supervision_action").await, actions_before);

    let due = today + Days::new(21);
    let what = "Record the analysis and what was learned, not only the events.";
    let body = gail
        .gql(
            RAISE,
            vars(json!({ "description": what, "ownerId": priya.id, "dueOn": due })),
        )
        .await;
    let raised = &body["data"]["raiseAuditFinding"];
    assert_eq!(raised["description"], what, "{body}");
    assert_eq!(raised["owner"]["name"], "Priya Shah");
    assert_eq!(raised["dueOn"], json!(due));
    assert_eq!(raised["status"], "OPEN");
    let id = raised["id"].clone();

    // The round lists it against the record; its owner finds it in their
    // actions, saying where it came from.
    let body = gail
        .gql(
            "query($id: UUID!) { auditRound(id: $id) { records { findings { id description } } } }",
            json!({ "id": round }),
        )
        .await;
    assert_eq!(
        body["data"]["auditRound"]["records"][0]["findings"][0]["id"], id,
        "{body}"
    );
    let body = app
        .sign_in_as(&priya)
        .await
        .gql("{ myActions { id raisedInAudit } }", json!({}))
        .await;
    let mine = body["data"]["myActions"].as_array().unwrap();
    let listed = mine
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(listed["raisedInAudit"], "Quarter 3 dip sample");
    // An action agreed in a session says it came from none.
    assert!(
        mine.iter()
            .filter(|a| a["id"] != id)
            .all(|a| a["raisedInAudit"].is_null())
    );
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("audit_round.finding"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);

    // Only whoever drew the round raises findings on its records; someone
    // not allowed the audit purpose is refused before anything is looked up.
    let good = json!({ "description": what, "ownerId": tom.id, "dueOn": due });
    let body = app
        .sign_in_as(&other_auditor)
        .await
        .gql(RAISE, vars(good.clone()))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    let body = app
        .sign_in_as(&priya)
        .await
        .gql(RAISE, vars(good.clone()))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    // A closed round takes no more.
    app.db
        .execute_unprepared("UPDATE audit_round SET closes_at = '2020-01-01 00:00:00+00:00'")
        .await
        .unwrap();
    let body = gail.gql(RAISE, vars(good.clone())).await;
    assert_eq!(error_code(&body), Some("CONFLICT"), "{body}");
    // Nor does the auditor who drew it, once their auditor role is taken
    // away: refused before the round is looked at.
    let roles = staff_role::Entity::delete_many()
        .filter(staff_role::Column::StaffId.eq(auditor.id))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(roles.rows_affected, 1);
    let body = gail.gql(RAISE, vars(good)).await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    assert_eq!(app.count("supervision_action").await, actions_before + 1);
}
