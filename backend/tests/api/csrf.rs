//! State-changing requests need the front end's header and a JSON body, so
//! another site cannot act with a signed-in person's cookie.

use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn requests_without_the_client_header_or_json_are_refused() {
    let app = TestApp::spawn().await;
    let tom = app.sign_in(TOM).await;
    let url = format!("{}/graphql", app.base);
    let query = json!({ "query": "{ me { name } }" });

    let no_header = tom.http.post(&url).json(&query).send().await.unwrap();
    assert_eq!(no_header.status(), 403);
    let form = tom
        .http
        .post(&url)
        .header("x-requested-with", "supervision")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("query=%7B+me+%7B+name+%7D+%7D")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 403);
    let get = tom
        .http
        .get(format!("{url}?query=%7B%20me%20%7B%20name%20%7D%20%7D"))
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), 405, "no GraphQL over GET");

    let proper = tom.gql("{ me { name } }", json!({})).await;
    assert_eq!(proper["data"]["me"]["name"], "Tom Reed");
    app.stop().await;
}
