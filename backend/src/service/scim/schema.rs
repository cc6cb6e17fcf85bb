//! What the service says about itself (RFC 7643 §5 to §7): the schemas it
//! keeps, the resource types, and the features it supports. A client reads
//! these before anything else; they describe exactly the attributes the
//! user and group code read and write, no more.

use serde_json::{Value, json};

/// The core user schema.
pub const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// The enterprise user extension: employee number, department, manager.
pub const ENTERPRISE_USER: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/// The core group schema.
pub const GROUP: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
/// A list answer.
pub const LIST_RESPONSE: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
/// An error answer.
pub const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
const SERVICE_PROVIDER_CONFIG: &str = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE: &str = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Schema";

/// The most resources one list answer holds.
pub const MAX_RESULTS: u64 = 200;

/// One attribute's definition.
struct Attribute {
    name: &'static str,
    kind: &'static str,
    multi_valued: bool,
    required: bool,
    mutability: &'static str,
    uniqueness: &'static str,
    description: &'static str,
    sub_attributes: Vec<Attribute>,
}

impl Attribute {
    fn new(name: &'static str, kind: &'static str, description: &'static str) -> Self {
        Self {
            name,
            kind,
            multi_valued: false,
            required: false,
            mutability: "readWrite",
            uniqueness: "none",
            description,
            sub_attributes: Vec::new(),
        }
    }

    fn required(mut self) -> Self {
        self.required = true;
        self
    }

    fn unique(mut self) -> Self {
        self.uniqueness = "server";
        self
    }

    fn read_only(mut self) -> Self {
        self.mutability = "readOnly";
        self
    }

    fn multi(mut self) -> Self {
        self.multi_valued = true;
        self
    }

    fn with(mut self, sub_attributes: Vec<Attribute>) -> Self {
        self.sub_attributes = sub_attributes;
        self
    }

    fn json(&self) -> Value {
        let mut value = json!({
            "name": self.name,
            "type": self.kind,
            "multiValued": self.multi_valued,
            "description": self.description,
            "required": self.required,
            "caseExact": false,
            "mutability": self.mutability,
            "returned": "default",
            "uniqueness": self.uniqueness,
        });
        if self.kind == "reference" {
            value["referenceTypes"] = json!(["User"]);
        }
        if !self.sub_attributes.is_empty() {
            value["subAttributes"] =
                Value::Array(self.sub_attributes.iter().map(Attribute::json).collect());
        }
        value
    }
}

fn user_attributes() -> Vec<Attribute> {
    vec![
        Attribute::new(
            "userName",
            "string",
            "Work email; what the person signs in as.",
        )
        .required()
        .unique(),
        Attribute::new("name", "complex", "The person's name.").with(vec![
            Attribute::new("formatted", "string", "The full name."),
            Attribute::new("givenName", "string", "Given name."),
            Attribute::new("familyName", "string", "Family name."),
        ]),
        Attribute::new("displayName", "string", "The name shown in the product."),
        Attribute::new("title", "string", "Job title."),
        Attribute::new(
            "emails",
            "complex",
            "Work email; the primary or work one is used.",
        )
        .multi()
        .with(vec![
            Attribute::new("value", "string", "The address."),
            Attribute::new("type", "string", "work"),
            Attribute::new("primary", "boolean", "The primary address."),
        ]),
        Attribute::new(
            "active",
            "boolean",
            "False makes the person a leaver from today.",
        ),
    ]
}

fn enterprise_attributes() -> Vec<Attribute> {
    vec![
        Attribute::new(
            "employeeNumber",
            "string",
            "The HR system's employee number.",
        )
        .unique(),
        Attribute::new(
            "department",
            "string",
            "The person's team: a unit's name, or its path from the top (A / B / C).",
        ),
        Attribute::new("manager", "complex", "The line manager.").with(vec![
            Attribute::new("value", "string", "The manager's id here."),
            Attribute::new("$ref", "reference", "The manager's resource."),
            Attribute::new("displayName", "string", "The manager's name.").read_only(),
        ]),
    ]
}

fn group_attributes() -> Vec<Attribute> {
    vec![
        Attribute::new(
            "displayName",
            "string",
            "The group's name: Auditors, HR administrators or System administrators grant that role to its members.",
        )
        .required()
        .unique(),
        Attribute::new("members", "complex", "The people in the group.")
            .multi()
            .with(vec![
                Attribute::new("value", "string", "A member's id here."),
                Attribute::new("$ref", "reference", "A member's resource."),
                Attribute::new("display", "string", "A member's name.").read_only(),
                Attribute::new("type", "string", "User"),
            ]),
    ]
}

fn schema(
    id: &str,
    name: &str,
    description: &str,
    attributes: Vec<Attribute>,
    base: &str,
) -> Value {
    json!({
        "schemas": [SCHEMA],
        "id": id,
        "name": name,
        "description": description,
        "attributes": attributes.iter().map(Attribute::json).collect::<Vec<_>>(),
        "meta": { "resourceType": "Schema", "location": format!("{base}/Schemas/{id}") },
    })
}

/// Every schema the service keeps.
pub fn schemas(base: &str) -> Vec<Value> {
    vec![
        schema(USER, "User", "A member of staff.", user_attributes(), base),
        schema(
            ENTERPRISE_USER,
            "EnterpriseUser",
            "HR facts about a member of staff.",
            enterprise_attributes(),
            base,
        ),
        schema(
            GROUP,
            "Group",
            "A group whose name may stand for a role.",
            group_attributes(),
            base,
        ),
    ]
}

/// The two resource types.
pub fn resource_types(base: &str) -> Vec<Value> {
    vec![
        json!({
            "schemas": [RESOURCE_TYPE],
            "id": "User",
            "name": "User",
            "endpoint": "/Users",
            "description": "A member of staff",
            "schema": USER,
            "schemaExtensions": [{ "schema": ENTERPRISE_USER, "required": false }],
            "meta": { "resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/User") },
        }),
        json!({
            "schemas": [RESOURCE_TYPE],
            "id": "Group",
            "name": "Group",
            "endpoint": "/Groups",
            "description": "A group of staff",
            "schema": GROUP,
            "schemaExtensions": [],
            "meta": { "resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/Group") },
        }),
    ]
}

/// The features supported: patch and equality filters; no bulk, sort,
/// ETags or passwords.
pub fn service_provider_config(base: &str) -> Value {
    json!({
        "schemas": [SERVICE_PROVIDER_CONFIG],
        "documentationUri": format!("{base}/ServiceProviderConfig"),
        "patch": { "supported": true },
        "bulk": { "supported": false, "maxOperations": 0, "maxPayloadSize": 0 },
        "filter": { "supported": true, "maxResults": MAX_RESULTS },
        "changePassword": { "supported": false },
        "sort": { "supported": false },
        "etag": { "supported": false },
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "Bearer token",
            "description": "A token a system administrator creates for the organisation.",
            "primary": true,
        }],
        "meta": { "resourceType": "ServiceProviderConfig", "location": format!("{base}/ServiceProviderConfig") },
    })
}

/// A list answer around `resources`.
pub fn list(resources: Vec<Value>, total: u64, start_index: u64) -> Value {
    json!({
        "schemas": [LIST_RESPONSE],
        "totalResults": total,
        "startIndex": start_index,
        "itemsPerPage": resources.len(),
        "Resources": resources,
    })
}
