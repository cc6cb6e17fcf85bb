//! SCIM `PATCH` (RFC 7644 §3.5.2) applied to a resource's JSON, in the
//! forms identity providers send: Entra ID writes `"op": "Replace"` with a
//! capital, sends `"value": "False"` for booleans, adds to filtered paths
//! such as `emails[type eq "work"].value` that match nothing yet, names
//! extension attributes by their full URN, and removes group members either
//! by filter (`members[value eq "…"]`) or with a list of values. The patched
//! JSON is then read and saved exactly as a `PUT` would be, so a patch can
//! do nothing a replace could not.

use serde_json::{Map, Value};

use super::schema::{ENTERPRISE_USER, GROUP, USER};
use crate::error::{AppError, AppResult};

/// One operation of a patch request.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    op: Op,
    path: Option<Path>,
    value: Option<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Replace,
    Remove,
}

/// An attribute path: `[urn:…:]attribute[[filter]][.sub]`.
#[derive(Debug, Clone, PartialEq)]
struct Path {
    /// The extension the attribute belongs to; none for the core schema.
    extension: Option<&'static str>,
    attribute: String,
    /// `sub eq "value"`: which elements of a multi-valued attribute.
    filter: Option<(String, String)>,
    sub: Option<String>,
}

/// The attribute names the service knows, in their canonical case: SCIM
/// names are case-insensitive, the JSON we store and return is not.
const KNOWN: &[&str] = &[
    "userName",
    "name",
    "formatted",
    "givenName",
    "familyName",
    "displayName",
    "title",
    "emails",
    "value",
    "type",
    "primary",
    "display",
    "active",
    "externalId",
    "members",
    "employeeNumber",
    "department",
    "manager",
];

fn canonical(name: &str) -> String {
    KNOWN
        .iter()
        .find(|known| known.eq_ignore_ascii_case(name))
        .map_or_else(|| name.to_owned(), |known| (*known).to_owned())
}

fn bad(detail: impl Into<String>) -> AppError {
    AppError::BadRequest(detail.into())
}

/// Reads a `PatchOp` request body.
pub fn parse(body: &Value) -> AppResult<Vec<Operation>> {
    let operations = body
        .as_object()
        .and_then(|o| {
            o.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("Operations"))
                .map(|(_, v)| v)
        })
        .and_then(Value::as_array)
        .ok_or_else(|| bad("A patch needs an \"Operations\" list."))?;
    operations
        .iter()
        .map(|operation| {
            let field = |name: &str| {
                operation.as_object().and_then(|o| {
                    o.iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(name))
                        .map(|(_, v)| v)
                })
            };
            let op = match field("op")
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase)
            {
                Some(op) if op == "add" => Op::Add,
                Some(op) if op == "replace" => Op::Replace,
                Some(op) if op == "remove" => Op::Remove,
                _ => return Err(bad("Each operation's \"op\" is add, replace or remove.")),
            };
            let path = match field("path").and_then(Value::as_str) {
                Some(text) if !text.trim().is_empty() => Some(parse_path(text.trim())?),
                _ => None,
            };
            let value = field("value").cloned();
            if op != Op::Remove && value.is_none() {
                return Err(bad("An add or replace needs a \"value\"."));
            }
            if op == Op::Remove && path.is_none() {
                return Err(bad("A remove needs a \"path\"."));
            }
            Ok(Operation { op, path, value })
        })
        .collect()
}

fn parse_path(text: &str) -> AppResult<Path> {
    let (extension, rest) = split_urn(text);
    let end = rest.find(['[', '.']).unwrap_or(rest.len());
    let attribute = &rest[..end];
    if attribute.is_empty()
        || !attribute
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '-')
    {
        return Err(bad(format!("\"{text}\" is not an attribute path.")));
    }
    let mut rest = &rest[end..];
    let mut filter = None;
    if let Some(inner) = rest.strip_prefix('[') {
        let close = inner
            .find(']')
            .ok_or_else(|| bad(format!("\"{text}\": the filter is not closed.")))?;
        filter = Some(parse_equality(&inner[..close])?);
        rest = &inner[close + 1..];
    }
    let sub = match rest.strip_prefix('.') {
        Some(sub) if !sub.is_empty() => Some(canonical(sub)),
        Some(_) => return Err(bad(format!("\"{text}\" ends in a dot."))),
        None if rest.is_empty() => None,
        None => return Err(bad(format!("\"{text}\" is not an attribute path."))),
    };
    Ok(Path {
        extension,
        attribute: canonical(attribute),
        filter,
        sub,
    })
}

/// Splits a schema URN off the front of a path: the core schemas' are
/// dropped, the enterprise extension's kept to find its object.
fn split_urn(text: &str) -> (Option<&'static str>, &str) {
    for (urn, extension) in [
        (ENTERPRISE_USER, Some(ENTERPRISE_USER)),
        (USER, None),
        (GROUP, None),
    ] {
        if text.len() > urn.len()
            && text[..urn.len()].eq_ignore_ascii_case(urn)
            && text.as_bytes()[urn.len()] == b':'
        {
            return (extension, &text[urn.len() + 1..]);
        }
    }
    (None, text)
}

/// `attribute eq "value"` (or a bare `true`, `false` or number): the one
/// comparison the service filters by.
pub fn parse_equality(text: &str) -> AppResult<(String, String)> {
    let text = text.trim();
    let mut parts = text.splitn(3, char::is_whitespace);
    let (Some(attribute), Some(operator), Some(value)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(bad(format!(
            "\"{text}\" is not a filter this service reads: use attribute eq \"value\"."
        )));
    };
    if !operator.eq_ignore_ascii_case("eq") {
        return Err(bad(format!(
            "Only \"eq\" is supported in filters, not \"{operator}\"."
        )));
    }
    let value = value.trim();
    let value = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(quoted) => quoted.replace("\\\"", "\"").replace("\\\\", "\\"),
        None => value.to_owned(),
    };
    Ok((attribute.to_owned(), value))
}

/// Applies the operations in order to `resource`.
pub fn apply(resource: &mut Value, operations: &[Operation]) -> AppResult<()> {
    for operation in operations {
        match &operation.path {
            Some(path) => apply_at(resource, operation.op, path, operation.value.as_ref())?,
            None => {
                // No path: the value is an object of attributes to set,
                // whose keys may themselves be paths or extension URNs.
                let Some(Value::Object(values)) = &operation.value else {
                    return Err(bad("Without a path, the value must be an object."));
                };
                for (key, value) in values {
                    if let Value::Object(inner) = value
                        && key.eq_ignore_ascii_case(ENTERPRISE_USER)
                    {
                        for (attribute, value) in inner {
                            let path = Path {
                                extension: Some(ENTERPRISE_USER),
                                attribute: canonical(attribute),
                                filter: None,
                                sub: None,
                            };
                            apply_at(resource, operation.op, &path, Some(value))?;
                        }
                    } else {
                        apply_at(resource, operation.op, &parse_path(key)?, Some(value))?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn apply_at(resource: &mut Value, op: Op, path: &Path, value: Option<&Value>) -> AppResult<()> {
    let root = resource
        .as_object_mut()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a resource that is not an object")))?;
    let container = match path.extension {
        Some(urn) => {
            if op == Op::Remove && !root.contains_key(urn) {
                return Ok(());
            }
            object_at(root, urn)?
        }
        None => root,
    };
    let key = container
        .keys()
        .find(|k| k.eq_ignore_ascii_case(&path.attribute))
        .cloned()
        .unwrap_or_else(|| path.attribute.clone());
    match (&path.filter, &path.sub) {
        (None, None) => whole(container, &key, op, value),
        (None, Some(sub)) => {
            if op == Op::Remove {
                if let Some(Value::Object(inner)) = container.get_mut(&key) {
                    inner.retain(|k, _| !k.eq_ignore_ascii_case(sub));
                }
                return Ok(());
            }
            let value = value.cloned().unwrap_or(Value::Null);
            object_at(container, &key)?.insert(sub.clone(), value);
            Ok(())
        }
        (Some(filter), sub) => filtered(container, &key, op, filter, sub.as_deref(), value),
    }
}

/// The object under `key`, made (or replacing a value of another kind) if
/// need be.
fn object_at<'a>(
    map: &'a mut Map<String, Value>,
    key: &str,
) -> AppResult<&'a mut Map<String, Value>> {
    if !matches!(map.get(key), Some(Value::Object(_))) {
        map.insert(key.to_owned(), Value::Object(Map::new()));
    }
    match map.get_mut(key) {
        Some(Value::Object(object)) => Ok(object),
        _ => Err(AppError::Internal(anyhow::anyhow!(
            "an object just made is gone"
        ))),
    }
}

/// An operation on a whole attribute.
fn whole(
    container: &mut Map<String, Value>,
    key: &str,
    op: Op,
    value: Option<&Value>,
) -> AppResult<()> {
    match op {
        Op::Remove => {
            // Removing listed members (Entra ID's form) rather than the
            // whole attribute.
            if let (Some(Value::Array(remove)), Some(Value::Array(items))) =
                (value, container.get_mut(key))
            {
                let gone: Vec<&Value> = remove.iter().map(identity).collect();
                items.retain(|item| !gone.contains(&identity(item)));
            } else {
                container.remove(key);
            }
        }
        Op::Add => {
            let value = value.cloned().unwrap_or(Value::Null);
            match (container.get_mut(key), value) {
                (Some(Value::Array(items)), Value::Array(more)) => {
                    for item in more {
                        if !items.iter().any(|i| identity(i) == identity(&item)) {
                            items.push(item);
                        }
                    }
                }
                (Some(Value::Array(items)), item @ Value::Object(_)) => {
                    if !items.iter().any(|i| identity(i) == identity(&item)) {
                        items.push(item);
                    }
                }
                (Some(Value::Object(existing)), Value::Object(more)) => {
                    existing.extend(more);
                }
                (_, value) => {
                    container.insert(key.to_owned(), value);
                }
            }
        }
        Op::Replace => {
            let value = value.cloned().unwrap_or(Value::Null);
            match (container.get_mut(key), value) {
                (Some(Value::Object(existing)), Value::Object(more)) => existing.extend(more),
                (_, value) => {
                    container.insert(key.to_owned(), value);
                }
            }
        }
    }
    Ok(())
}

/// What makes two elements of a multi-valued attribute the same one: their
/// `value` when they have one, else the whole element.
fn identity(item: &Value) -> &Value {
    item.get("value").unwrap_or(item)
}

/// An operation on the elements of a multi-valued attribute that match a
/// filter, e.g. `emails[type eq "work"].value`.
fn filtered(
    container: &mut Map<String, Value>,
    key: &str,
    op: Op,
    (attribute, wanted): &(String, String),
    sub: Option<&str>,
    value: Option<&Value>,
) -> AppResult<()> {
    let matches = |item: &Value| {
        item.as_object()
            .and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(attribute)))
            .is_some_and(|(_, v)| match v {
                Value::String(s) => s.eq_ignore_ascii_case(wanted),
                other => other.to_string().eq_ignore_ascii_case(wanted),
            })
    };
    if op == Op::Remove {
        if let Some(Value::Array(items)) = container.get_mut(key) {
            match sub {
                Some(sub) => items
                    .iter_mut()
                    .filter(|i| matches(i))
                    .filter_map(Value::as_object_mut)
                    .for_each(|o| o.retain(|k, _| !k.eq_ignore_ascii_case(sub))),
                None => items.retain(|i| !matches(i)),
            }
        }
        return Ok(());
    }
    let value = value.cloned().unwrap_or(Value::Null);
    if !matches!(container.get(key), Some(Value::Array(_))) {
        container.insert(key.to_owned(), Value::Array(Vec::new()));
    }
    let Some(Value::Array(items)) = container.get_mut(key) else {
        return Err(AppError::Internal(anyhow::anyhow!(
            "a list just made is gone"
        )));
    };
    let mut found = false;
    for item in items.iter_mut().filter(|i| matches(i)) {
        found = true;
        match (sub, item.as_object_mut()) {
            (Some(sub), Some(object)) => {
                object.insert(sub.to_owned(), value.clone());
            }
            (None, Some(object)) => {
                if let Value::Object(more) = &value {
                    object.extend(more.clone());
                }
            }
            _ => {}
        }
    }
    // Nothing matched: the identity provider means "there should be one".
    if !found {
        let mut item = Map::new();
        item.insert(canonical(attribute), Value::String(wanted.clone()));
        match (sub, value) {
            (Some(sub), value) => {
                item.insert(sub.to_owned(), value);
            }
            (None, Value::Object(more)) => item.extend(more),
            (None, _) => {
                return Err(bad(
                    "A filtered path without a sub-attribute needs an object value.",
                ));
            }
        }
        items.push(Value::Object(item));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn patched(mut resource: Value, operations: Value) -> AppResult<Value> {
        let ops = parse(
            &json!({ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": operations }),
        )?;
        apply(&mut resource, &ops)?;
        Ok(resource)
    }

    #[test]
    fn entra_ids_replace_of_active_with_a_string_and_a_capital_op() -> AppResult<()> {
        let user = patched(
            json!({ "userName": "tom@x.test", "active": true }),
            json!([{ "op": "Replace", "path": "active", "value": "False" }]),
        )?;
        assert_eq!(user["active"], "False");
        Ok(())
    }

    #[test]
    fn a_filtered_path_that_matches_nothing_adds_the_element() -> AppResult<()> {
        let user = patched(
            json!({ "userName": "tom@x.test" }),
            json!([{ "op": "Add", "path": "emails[type eq \"work\"].value", "value": "tom.reed@x.test" }]),
        )?;
        assert_eq!(
            user["emails"],
            json!([{ "type": "work", "value": "tom.reed@x.test" }])
        );
        let user = patched(
            user,
            json!([{ "op": "replace", "path": "emails[type eq \"work\"].value", "value": "t.reed@x.test" }]),
        )?;
        assert_eq!(user["emails"][0]["value"], "t.reed@x.test");
        Ok(())
    }

    #[test]
    fn extension_attributes_by_urn_with_and_without_a_path() -> AppResult<()> {
        let user = patched(
            json!({ "userName": "tom@x.test" }),
            json!([
                { "op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "value": "E1" },
                { "op": "Replace", "value": { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "department": "Team A" }, "name.givenName": "Tom", "DisplayName": "Tom Reed" } },
            ]),
        )?;
        assert_eq!(
            user[ENTERPRISE_USER],
            json!({ "employeeNumber": "E1", "department": "Team A" })
        );
        assert_eq!(user["name"]["givenName"], "Tom");
        assert_eq!(user["displayName"], "Tom Reed");
        let user = patched(
            user,
            json!([{ "op": "Remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department" }]),
        )?;
        assert_eq!(user[ENTERPRISE_USER], json!({ "employeeNumber": "E1" }));
        Ok(())
    }

    #[test]
    fn members_are_added_once_and_removed_by_filter_or_by_list() -> AppResult<()> {
        let group = patched(
            json!({ "displayName": "Auditors", "members": [] }),
            json!([
                { "op": "Add", "path": "members", "value": [{ "value": "a" }, { "value": "b" }, { "value": "c" }] },
                { "op": "Add", "path": "members", "value": [{ "value": "a" }] },
                { "op": "Remove", "path": "members[value eq \"b\"]" },
                { "op": "Remove", "path": "members", "value": [{ "value": "c" }] },
            ]),
        )?;
        assert_eq!(group["members"], json!([{ "value": "a" }]));
        Ok(())
    }

    #[test]
    fn nonsense_is_refused_with_a_reason() {
        for operations in [
            json!([{ "op": "move", "path": "active", "value": true }]),
            json!([{ "op": "remove" }]),
            json!([{ "op": "add", "path": "emails[type ne \"work\"].value", "value": "x" }]),
            json!([{ "op": "add", "path": "emails[type eq \"work\"", "value": "x" }]),
        ] {
            let parsed = parse(&json!({ "Operations": operations }));
            assert!(
                matches!(parsed, Err(AppError::BadRequest(_))),
                "{operations}"
            );
        }
    }
}
