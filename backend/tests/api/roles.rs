//! Granting and ending directory roles (F2.2): only a system administrator
//! does it; a grant takes effect at once and shows who made it and when;
//! the organisation never loses its last system administrator.

use serde_json::{Value, json};

use crate::helpers::*;

const GRANT: &str = "mutation($i: GrantRoleInput!) { grantRole(input: $i) }";
const END: &str = "mutation($id: UUID!) { endRoleGrant(id: $id) }";
const GRANTS: &str =
    "{ roleGrants { id person { name } role unitName grantedBy { name } grantedAt } }";

fn grant_id(body: &Value) -> String {
    body["data"]["grantRole"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned()
}

#[tokio::test]
async fn a_system_administrator_grants_and_ends_roles_which_take_effect_at_once() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let team = org.team("Team A").await;
    let hannah = org.person("Hannah Hughes").create().await;
    let helen = org.person("Helen Carter").create().await;
    let admin = app.sign_in_as(&org.administrator).await;
    let hannah_client = app.sign_in_as(&hannah).await;

    // Before: Hannah cannot import.
    let roles = |client: &Client| {
        let client = client.clone();
        async move { client.gql("{ me { roles } }", json!({})).await["data"]["me"]["roles"].clone() }
    };
    assert_eq!(roles(&hannah_client).await, json!(["STAFF"]));

    let hr = admin
        .gql(
            GRANT,
            json!({ "i": { "staffId": hannah.id, "role": "HR_ADMIN" } }),
        )
        .await;
    let hr = grant_id(&hr);
    let sm = admin
        .gql(
            GRANT,
            json!({ "i": { "staffId": helen.id, "role": "SENIOR_MANAGER", "unitId": team } }),
        )
        .await;
    grant_id(&sm);
    assert_eq!(
        roles(&hannah_client).await,
        json!(["STAFF", "HR_ADMIN"]),
        "at once"
    );
    let helen_client = app.sign_in_as(&helen).await;
    let units = helen_client
        .gql("{ myReportUnits { name } }", json!({}))
        .await;
    assert_eq!(
        units["data"]["myReportUnits"],
        json!([{ "name": "Team A" }])
    );

    let listed = admin.gql(GRANTS, json!({})).await;
    let grants = listed["data"]["roleGrants"].as_array().unwrap();
    let hannahs = grants
        .iter()
        .find(|g| g["person"]["name"] == "Hannah Hughes")
        .unwrap();
    assert_eq!(hannahs["role"], "HR_ADMIN");
    assert_eq!(hannahs["grantedBy"]["name"], "Ada Admin");
    assert!(hannahs["grantedAt"].is_string(), "{listed}");
    let helens = grants
        .iter()
        .find(|g| g["person"]["name"] == "Helen Carter")
        .unwrap();
    assert_eq!(helens["unitName"], "Team A");

    let ended = admin.gql(END, json!({ "id": hr })).await;
    assert_eq!(ended["data"]["endRoleGrant"], true, "{ended}");
    assert_eq!(roles(&hannah_client).await, json!(["STAFF"]));
    let audited = app
        .count("audit_event WHERE action IN ('role.grant', 'role.end')")
        .await;
    assert_eq!(audited, 3, "two grants and an end");
    app.stop().await;
}

#[tokio::test]
async fn bad_grants_are_refused_by_field_and_only_administrators_grant() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let lakeside = app.organisation("Lakeside").await;
    let hannah = org.person("Hannah Hughes").create().await;
    let outsider = lakeside.person("Olu Outsider").create().await;
    let admin = app.sign_in_as(&org.administrator).await;
    let before = app.count("staff_role").await;
    for (input, field) in [
        (
            json!({ "staffId": hannah.id, "role": "SUPERVISOR" }),
            "role",
        ),
        (
            json!({ "staffId": hannah.id, "role": "SENIOR_MANAGER" }),
            "unitId",
        ),
        (
            json!({ "staffId": hannah.id, "role": "AUDITOR", "unitId": org.top }),
            "unitId",
        ),
        (
            json!({ "staffId": hannah.id, "role": "SENIOR_MANAGER", "unitId": lakeside.top }),
            "unitId",
        ),
        (
            json!({ "staffId": outsider.id, "role": "AUDITOR" }),
            "staffId",
        ),
    ] {
        let body = admin.gql(GRANT, json!({ "i": input })).await;
        assert_eq!(
            error_code(&body),
            Some("VALIDATION_FAILED"),
            "{input}: {body}"
        );
        assert_eq!(error_fields(&body), vec![field], "{input}: {body}");
    }
    assert_eq!(
        app.count("staff_role").await,
        before,
        "refused grants write nothing"
    );

    let auditor = json!({ "i": { "staffId": hannah.id, "role": "AUDITOR" } });
    grant_id(&admin.gql(GRANT, auditor.clone()).await);
    let twice = admin.gql(GRANT, auditor.clone()).await;
    assert_eq!(error_fields(&twice), vec!["role"], "{twice}");

    // Not a system administrator, or another organisation's: refused.
    let hannah_client = app.sign_in_as(&hannah).await;
    for client in [
        &hannah_client,
        &app.sign_in_as(&lakeside.administrator).await,
    ] {
        let body = client.gql(GRANT, auditor.clone()).await;
        assert!(
            matches!(error_code(&body), Some("FORBIDDEN" | "VALIDATION_FAILED")),
            "{body}"
        );
        assert!(body["data"].is_null(), "{body}");
    }
    assert_eq!(
        error_code(&hannah_client.gql(GRANTS, json!({})).await),
        Some("FORBIDDEN")
    );
    app.stop().await;
}

#[tokio::test]
async fn the_last_system_administrator_cannot_be_removed() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let admin = app.sign_in_as(&org.administrator).await;
    let listed = admin.gql(GRANTS, json!({})).await;
    let own = listed["data"]["roleGrants"][0]["id"].clone();
    let refused = admin.gql(END, json!({ "id": own })).await;
    assert_eq!(error_code(&refused), Some("VALIDATION_FAILED"), "{refused}");
    // With a second administrator, the first may step down.
    let ruth = org.person("Ruth Adeyemi").create().await;
    grant_id(
        &admin
            .gql(
                GRANT,
                json!({ "i": { "staffId": ruth.id, "role": "SYSTEM_ADMIN" } }),
            )
            .await,
    );
    let ended = admin.gql(END, json!({ "id": own })).await;
    assert_eq!(ended["data"]["endRoleGrant"], true, "{ended}");
    app.stop().await;
}

#[tokio::test]
async fn an_administrator_who_has_left_does_not_count_as_the_one_that_remains() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    org.person("Gone Admin")
        .role(supervision_shared::Role::SystemAdmin, None)
        .left(chrono::Utc::now().date_naive() - chrono::Days::new(1))
        .create()
        .await;
    let admin = app.sign_in_as(&org.administrator).await;
    let listed = admin.gql(GRANTS, json!({})).await;
    let own = listed["data"]["roleGrants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["person"]["name"] == "Ada Admin")
        .unwrap()["id"]
        .clone();
    let refused = admin.gql(END, json!({ "id": own })).await;
    assert_eq!(error_code(&refused), Some("VALIDATION_FAILED"), "{refused}");
    app.stop().await;
}

#[tokio::test]
async fn two_administrators_granting_the_same_role_at_once_make_one_grant() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let grace = org.person("Grace Liu").create().await;
    let second = org
        .person("Sam Admin")
        .role(supervision_shared::Role::SystemAdmin, None)
        .create()
        .await;
    let (ada, sam) = (
        app.sign_in_as(&org.administrator).await,
        app.sign_in_as(&second).await,
    );
    let input = json!({ "i": { "staffId": grace.id, "role": "AUDITOR" } });
    let (one, other) = tokio::join!(ada.gql(GRANT, input.clone()), sam.gql(GRANT, input.clone()));
    let granted = [&one, &other]
        .iter()
        .filter(|b| b["data"]["grantRole"].is_string())
        .count();
    assert_eq!(granted, 1, "{one} {other}");
    let refused = [&one, &other]
        .iter()
        .find(|b| !b["data"]["grantRole"].is_string())
        .map(|b| error_fields(b))
        .unwrap_or_default();
    assert_eq!(refused, ["role"], "{one} {other}");
    app.stop().await;
}

/// Roles are kept between requests (issue 19), and only while the
/// database's triggers say their sources are unchanged: a grant or an
/// allocation written straight into the database (by a script, or another
/// instance) shows on the very next request, and so does its end, with
/// no call through the API to say so.
#[tokio::test]
async fn roles_written_straight_into_the_database_take_effect_on_the_next_request() {
    use backend::entity::{allocation, staff, staff_role};
    use chrono::{Days, Utc};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
    use supervision_shared::Role;
    use uuid::Uuid;

    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hannah = org.person("Hannah Hughes").create().await;
    let ben = org.person("Ben Okafor").create().await;
    let client = app.sign_in_as(&hannah).await;
    let roles =
        || async { client.gql("{ me { roles } }", json!({})).await["data"]["me"]["roles"].clone() };
    let version = || async {
        staff::Entity::find_by_id(hannah.id)
            .one(&app.db)
            .await
            .ok()
            .flatten()
            .map(|p| p.access_version)
    };
    // Asked twice, so the second answer is the kept one.
    assert_eq!(roles().await, json!(["STAFF"]));
    assert_eq!(roles().await, json!(["STAFF"]));
    let before = version().await;

    let grant = staff_role::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org.id),
        staff_id: Set(hannah.id),
        role: Set(Role::HrAdmin),
        org_unit_id: Set(None),
        granted_by: Set(None),
        granted_at: Set(None),
        scim_group_id: Set(None),
    }
    .insert(&app.db)
    .await
    .expect("grant");
    assert_ne!(version().await, before, "the trigger moves the version");
    assert_eq!(roles().await, json!(["STAFF", "HR_ADMIN"]));

    let today = Utc::now().date_naive();
    let managing = allocation::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org.id),
        staff_id: Set(ben.id),
        relationship: Set("line_manager".to_owned()),
        allocated_to_id: Set(hannah.id),
        effective_from: Set(today - Days::new(10)),
        effective_to: Set(None),
    }
    .insert(&app.db)
    .await
    .expect("allocate");
    let held = roles().await;
    assert!(
        held.as_array()
            .is_some_and(|r| r.contains(&json!("LINE_MANAGER"))),
        "{held}"
    );

    // Ended yesterday (an update), then the grant taken away (a delete).
    allocation::Entity::update_many()
        .col_expr(
            allocation::Column::EffectiveTo,
            sea_orm::sea_query::Expr::value(today - Days::new(1)),
        )
        .filter(allocation::Column::Id.eq(managing.id))
        .exec(&app.db)
        .await
        .expect("end the allocation");
    assert_eq!(roles().await, json!(["STAFF", "HR_ADMIN"]));
    staff_role::Entity::delete_by_id(grant.id)
        .exec(&app.db)
        .await
        .expect("take the grant away");
    assert_eq!(roles().await, json!(["STAFF"]));
    let body = client
        .gql("{ unallocatedStaff(first: 5) { total } }", json!({}))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    app.stop().await;
}
