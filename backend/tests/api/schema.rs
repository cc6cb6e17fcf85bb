//! The committed `schema.graphql` is the API's contract: it must match the
//! server. Run `./dev schema` to rewrite it after changing the API.

#[test]
fn schema_graphql_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let current = backend::graphql::sdl();
    assert!(
        committed == current,
        "schema.graphql is out of date: run `./dev schema` and commit the result"
    );
}
