#!/usr/bin/env python3
"""Drive a SCIM 2.0 service provider with scim2-client, as Microsoft Entra ID would.

Environment:
  SCIM_URL    base URL of the SCIM API, e.g. http://127.0.0.1:8080/scim/v2  (required)
  SCIM_TOKEN  bearer token sent as "Authorization: Bearer <token>"           (required)
  SCIM_GROUP_NAME  display name of the test group (default "Auditors")
  SCIM_KEEP=1      leave the created users/group on the server (default: delete them)

Requirements: e2e/scim/requirements.txt (scim2-client[httpx2], scim2-models,
httpx2), installed by scripts/scim-venv.sh. Run by the integration test
backend/tests/api/scim.rs against a real server on both engines.

Every request goes through scim2-client (sync httpx2 engine), which validates
status codes, Content-Type and every response body against the models it builds
from the server's own /Schemas and /ResourceTypes. PATCH bodies copied from
Microsoft's documentation are passed as dicts so they reach the server
byte-for-byte (scim2-client sends dict patches as-is and still validates the
response). Exits 0 when every step passes, 1 on the first failing step (later
steps depend on earlier ones), 2 on bad usage. The last line is
"N passed, N failed".
"""

from __future__ import annotations

import os
import sys
import traceback
import uuid
from collections.abc import Callable
from typing import Any

try:
    import httpx2
    from scim2_client import SCIMClientException
    from scim2_client.engines.httpx2 import SyncSCIMClient
    from scim2_models import (
        Context,
        Error,
        ListResponse,
        PatchOp,
        PatchOperation,
        ResponseParameters,
        SCIMException,
        SearchRequest,
    )
except ImportError as exc:  # pragma: no cover
    print(f"FATAL: missing dependency ({exc}); bash scripts/scim-venv.sh", file=sys.stderr)
    sys.exit(2)

CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"

# What our ServiceProviderConfig is meant to announce.
EXPECTED_SPC = {
    "patch": True,
    "filter": True,
    "filter_max_results": 200,
    "bulk": False,
    "sort": False,
    "etag": False,
    "change_password": False,
}


class CheckFailed(Exception):
    pass


def expect(cond: bool, message: str) -> None:
    if not cond:
        raise CheckFailed(message)


class Recorder:
    """httpx2 response hook: remembers the last response, checks Content-Type and Location."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.last: Any = None

    def __call__(self, response: Any) -> None:
        response.read()
        self.last = response
        req = response.request
        ctype = (response.headers.get("content-type") or "").split(";")[0].strip().lower()
        if response.content and ctype != "application/scim+json":
            self.problems.append(
                f"{req.method} {req.url.path} -> {response.status_code} has Content-Type "
                f"{ctype!r}, Entra expects 'application/scim+json'"
            )
        if req.method == "POST" and response.status_code == 201 and not response.headers.get("location"):
            self.problems.append(f"POST {req.url.path} -> 201 without a Location header (RFC 7644 §3.3)")


def describe(exc: BaseException, recorder: Recorder) -> str:
    lines = [f"{type(exc).__name__}: {exc}"]
    for note in getattr(exc, "__notes__", []) or []:
        lines.append(f"  note: {note}")
    if exc.__cause__ is not None and str(exc.__cause__) not in "\n".join(lines):
        lines.append(f"  cause: {type(exc.__cause__).__name__}: {exc.__cause__}")
    source = getattr(exc, "source", None)
    resp = source if hasattr(source, "status_code") else recorder.last
    if resp is not None and hasattr(resp, "request"):
        lines.append(f"  last HTTP exchange: {resp.request.method} {resp.request.url} -> {resp.status_code}")
        body = resp.text[:2000] if getattr(resp, "text", None) else ""
        if body:
            lines.append(f"  response body: {body}")
    return "\n".join(lines)


def main() -> int:
    url = os.environ.get("SCIM_URL", "").rstrip("/")
    token = os.environ.get("SCIM_TOKEN", "")
    if not url or not token:
        print("usage: SCIM_URL=http://host/scim/v2 SCIM_TOKEN=... scim_client_check.py", file=sys.stderr)
        return 2
    group_name = os.environ.get("SCIM_GROUP_NAME", "Auditors")
    keep = os.environ.get("SCIM_KEEP") == "1"

    recorder = Recorder()

    def scim_content_type(request: Any) -> None:
        # scim2-client leaves Content-Type to httpx2 ("application/json");
        # Entra sends "application/scim+json", so do the same.
        if request.method in ("POST", "PUT", "PATCH"):
            request.headers["Content-Type"] = "application/scim+json"

    http = httpx2.Client(
        base_url=url,
        headers={"Authorization": f"Bearer {token}", "Accept": "application/scim+json"},
        timeout=30.0,
        event_hooks={"request": [scim_content_type], "response": [recorder]},
    )
    scim = SyncSCIMClient(http)

    run = uuid.uuid4().hex[:10]
    st: dict[str, Any] = {}  # state shared by the steps
    cleanup: list[tuple[str, str]] = []  # (resource type name, id)
    passed = failed = 0

    def step(name: str, fn: Callable[[], None]) -> bool:
        nonlocal passed, failed
        recorder.problems.clear()
        try:
            fn()
            expect(not recorder.problems, "; ".join(recorder.problems))
        except (CheckFailed, SCIMClientException, SCIMException, AssertionError, httpx2.HTTPError) as exc:
            failed += 1
            print(f"FAIL  {name}\n{describe(exc, recorder)}", flush=True)
            return False
        except Exception as exc:  # unexpected: show the traceback
            failed += 1
            print(f"FAIL  {name}\n{describe(exc, recorder)}", flush=True)
            traceback.print_exc()
            return False
        passed += 1
        print(f"ok    {name}", flush=True)
        return True

    # ---------------------------------------------------------------- helpers
    def patch(rtype: str, rid: str, *operations: dict[str, Any]) -> None:
        """Send a PATCH body exactly as given (Entra wire form); response still validated."""
        body = {"schemas": [PATCH_OP], "Operations": list(operations)}
        result = scim.modify(rtype, rid, body)
        expect(result is None or getattr(result, "id", None) == rid,
               f"PATCH answered a resource with id {getattr(result, 'id', None)!r}, expected {rid!r}")

    def get_user(rid: str) -> Any:
        user = scim.query(st["User"], rid)
        expect(user.id == rid, f"GET /Users/{rid} answered id {user.id!r}")
        return user

    def get_group(rid: str) -> Any:
        group = scim.query(st["Group"], rid)
        expect(group.id == rid, f"GET /Groups/{rid} answered id {group.id!r}")
        return group

    def find(model: Any, flt: str, **params: Any) -> list[Any]:
        resp = scim.query(model, query_parameters=SearchRequest(filter=flt, **params))
        expect(isinstance(resp, ListResponse), f"filter {flt!r} did not answer a ListResponse")
        found = resp.resources or []
        expect(resp.total_results == len(found),
               f"filter {flt!r}: totalResults={resp.total_results} but {len(found)} Resources")
        return found

    def ent(user: Any, attr: str) -> Any:
        return user[f"{ENT}:{attr}"]

    def member_ids(group: Any) -> set[str]:
        return {m.value for m in (group.members or [])}

    def check_meta(res: Any, rtype: str) -> None:
        meta = res.meta
        expect(meta is not None, f"{rtype} {res.id}: no meta")
        expect(meta.resource_type == rtype, f"{rtype} {res.id}: meta.resourceType={meta.resource_type!r}")
        expect(meta.created is not None and meta.last_modified is not None,
               f"{rtype} {res.id}: meta.created/lastModified missing")
        expect(bool(meta.location) and meta.location.rstrip("/").endswith(res.id),
               f"{rtype} {res.id}: meta.location={meta.location!r} does not end with the id")
        loc = recorder.last.headers.get("location") if recorder.last is not None else None
        expect(loc == meta.location, f"{rtype} {res.id}: Location header {loc!r} != meta.location {meta.location!r}")

    # ------------------------------------------------------------------ steps
    def discover() -> None:
        scim.discover()  # GET /ResourceTypes, /Schemas, /ServiceProviderConfig
        prov = scim.provider
        spc = prov.config
        expect(spc is not None, "no ServiceProviderConfig")
        got = {
            "patch": bool(spc.patch and spc.patch.supported),
            "filter": bool(spc.filter and spc.filter.supported),
            "filter_max_results": spc.filter.max_results if spc.filter else None,
            "bulk": bool(spc.bulk and spc.bulk.supported),
            "sort": bool(spc.sort and spc.sort.supported),
            "etag": bool(spc.etag and spc.etag.supported),
            "change_password": bool(spc.change_password and spc.change_password.supported),
        }
        expect(got == EXPECTED_SPC, f"ServiceProviderConfig announces {got}, expected {EXPECTED_SPC}")
        names = {rt.name: rt for rt in prov.resource_types}
        expect({"User", "Group"} <= set(names), f"ResourceTypes are {sorted(names)}, need User and Group")
        exts = [str(e.schema_) for e in names["User"].schema_extensions or []]
        expect(ENT in exts, f"User ResourceType does not declare the enterprise extension: {exts}")
        user_model = scim.get_resource_model("User")
        group_model = scim.get_resource_model("Group")
        ext_model = user_model.get_extension_model(ENT)
        expect(ext_model is not None, "User model built from /Schemas has no enterprise extension")
        for field in ("user_name", "name", "display_name", "emails", "active"):
            expect(field in user_model.model_fields, f"User schema lacks {field!r}")
        for field in ("employee_number", "department", "manager"):
            expect(field in ext_model.model_fields, f"EnterpriseUser schema lacks {field!r}")
        for field in ("display_name", "members"):
            expect(field in group_model.model_fields, f"Group schema lacks {field!r}")
        st.update(User=user_model, Group=group_model, Ent=ext_model)

    def test_connection() -> None:
        # Entra "Test Connection": filter on a random value must answer 200 + empty ListResponse.
        found = find(st["User"], f'userName eq "{uuid.uuid4()}"')
        expect(found == [], f"random userName filter matched {len(found)} users")

    def create_user() -> None:
        st["userName"] = f"scim-check-{run}@example.com"
        st["externalId"] = f"ext-{run}"
        payload = {
            "schemas": [CORE_USER, ENT],
            "userName": st["userName"],
            "externalId": st["externalId"],
            "active": True,
            "displayName": "Check User",
            "name": {"givenName": "Check", "familyName": "User", "formatted": "Check User"},
            "emails": [{"value": f"check-{run}@example.com", "type": "work", "primary": True}],
            ENT: {"employeeNumber": f"E{run[:6]}", "department": "Finance"},
        }
        user = scim.create(st["User"], payload)  # validated request and response
        expect(bool(user.id), "created user has no id")
        cleanup.append(("User", user.id))
        check_meta(user, "User")
        expect(user.user_name == st["userName"], f"userName came back as {user.user_name!r}")
        expect(user.external_id == st["externalId"], f"externalId came back as {user.external_id!r}")
        expect(user.active is True, f"active came back as {user.active!r}")
        expect(ent(user, "employeeNumber") == f"E{run[:6]}", f"employeeNumber = {ent(user, 'employeeNumber')!r}")
        expect(ent(user, "department") == "Finance", f"department = {ent(user, 'department')!r}")
        st["uid"] = user.id

    def create_user_entra_body() -> None:
        # Microsoft's documented POST /Users body, verbatim apart from the values
        # (carries "meta" and "roles": []); sent unvalidated, answer validated below.
        st["mgrName"] = f"scim-mgr-{run}@example.com"
        body = {
            "schemas": [CORE_USER, ENT],
            "externalId": f"ext-mgr-{run}",
            "userName": st["mgrName"],
            "active": True,
            "emails": [{"primary": True, "type": "work", "value": f"mgr-{run}@example.com"}],
            "meta": {"resourceType": "User"},
            "name": {"formatted": "Manager Person", "familyName": "Person", "givenName": "Manager"},
            "roles": [],
        }
        raw = scim.create(body, check_request_payload=False, url="/Users",
                          expected_status_codes=[201])
        expect(isinstance(raw, dict), f"unexpected answer {raw!r}")
        user = st["User"].model_validate(raw, scim_ctx=Context.RESOURCE_CREATION_RESPONSE)
        cleanup.append(("User", user.id))
        check_meta(user, "User")
        expect(user.user_name == st["mgrName"], f"userName came back as {user.user_name!r}")
        st["mgr"] = user.id

    def find_by_username() -> None:
        found = find(st["User"], f'userName eq "{st["userName"]}"')
        expect([u.id for u in found] == [st["uid"]], f"userName filter found {[u.id for u in found]}")
        # userName is caseExact=false (RFC 7643 §4.1.1): the filter must ignore case.
        found = find(st["User"], f'userName eq "{st["userName"].upper()}"')
        expect([u.id for u in found] == [st["uid"]],
               f"upper-cased userName filter found {[u.id for u in found]} (userName is caseExact=false)")

    def find_by_external_id() -> None:
        found = find(st["User"], f'externalId eq "{st["externalId"]}"')
        expect([u.id for u in found] == [st["uid"]], f"externalId filter found {[u.id for u in found]}")
        expect(ent(found[0], "department") == "Finance", "filtered user lost its enterprise extension")

    def patch_replace_entra_legacy() -> None:
        # "Requests to replace multiple attributes", Entra default (no aadOptscim062020 flag).
        patch("User", st["uid"],
              {"op": "Replace", "path": "displayName", "value": "Pvlo"},
              {"op": "Replace", "path": 'emails[type eq "work"].value', "value": f"new-{run}@example.com"},
              {"op": "Replace", "path": "name.givenName", "value": "Gtfd"},
              {"op": "Replace", "path": "name.familyName", "value": "Pkqf"},
              {"op": "Replace", "path": f"{ENT}:employeeNumber", "value": "Eqpj"},
              {"op": "Replace", "path": f"{ENT}:department", "value": "Audit"})
        user = get_user(st["uid"])
        expect(user.display_name == "Pvlo", f"displayName = {user.display_name!r}")
        work = [e.value for e in user.emails or [] if e.type == "work"]
        expect(work == [f"new-{run}@example.com"], f"work emails = {work}")
        expect((user.name.given_name, user.name.family_name) == ("Gtfd", "Pkqf"),
               f"name = {user.name.given_name!r} {user.name.family_name!r}")
        expect(ent(user, "employeeNumber") == "Eqpj", f"employeeNumber = {ent(user, 'employeeNumber')!r}")
        expect(ent(user, "department") == "Audit", f"department = {ent(user, 'department')!r}")

    def patch_replace_entra_no_path() -> None:
        # Entra with aadOptscim062020: no path, value object with dotted / URN keys.
        patch("User", st["uid"],
              {"op": "Add", "path": 'emails[type eq "work"].value', "value": f"add-{run}@example.com"},
              {"op": "replace", "value": {
                  "displayName": "Bjfe",
                  "name.givenName": "Kkom",
                  "name.familyName": "Unua",
                  f"{ENT}:employeeNumber": "Aklq",
              }})
        user = get_user(st["uid"])
        expect(user.display_name == "Bjfe", f"displayName = {user.display_name!r}")
        expect((user.name.given_name, user.name.family_name) == ("Kkom", "Unua"),
               f"name = {user.name.given_name!r} {user.name.family_name!r}")
        expect(ent(user, "employeeNumber") == "Aklq", f"employeeNumber = {ent(user, 'employeeNumber')!r}")
        work = [e.value for e in user.emails or [] if e.type == "work"]
        expect(work == [f"add-{run}@example.com"],
               f"'Add' on emails[type eq \"work\"].value must update the existing work email, got {work}")

    def patch_typed_rfc() -> None:
        # The same kind of change, serialised by scim2-models itself (RFC form, lowercase op).
        user_model = st["User"]
        op = PatchOp[user_model](operations=[
            PatchOperation[user_model](op=PatchOperation.Op.replace_, path="displayName", value="Typed Name"),
        ])
        scim.modify(user_model, st["uid"], op)
        expect(get_user(st["uid"]).display_name == "Typed Name", "typed PatchOp replace not applied")

    def patch_manager() -> None:
        # Entra sends the manager as the bare id of the manager.
        patch("User", st["uid"], {"op": "Add", "path": f"{ENT}:manager", "value": st["mgr"]})
        manager = ent(get_user(st["uid"]), "manager")
        expect(manager is not None and manager.value == st["mgr"],
               f"manager = {manager!r}, expected value {st['mgr']!r}")

    def deactivate() -> None:
        patch("User", st["uid"], {"op": "Replace", "path": "active", "value": "False"})  # Entra default
        expect(get_user(st["uid"]).active is False, 'active still true after Replace active "False"')
        patch("User", st["uid"], {"op": "replace", "path": "active", "value": True})  # RFC / flag form
        expect(get_user(st["uid"]).active is True, "active not true after replace active true")
        patch("User", st["uid"], {"op": "replace", "path": "active", "value": False})
        user = get_user(st["uid"])
        expect(user.active is False, "active not false after replace active false")
        found = find(st["User"], f'userName eq "{st["userName"]}"')
        expect(len(found) == 1 and found[0].active is False,
               "a deactivated user must still be returned by filters, with active=false")

    def create_group() -> None:
        if find(st["Group"], f'displayName eq "{group_name}"'):
            raise CheckFailed(f"a group named {group_name!r} already exists (leftover?); "
                              "delete it or set SCIM_GROUP_NAME")
        group = scim.create(st["Group"], {"displayName": group_name, "externalId": f"grp-{run}",
                                          "members": [{"value": st["uid"]}]})
        cleanup.append(("Group", group.id))
        check_meta(group, "Group")
        expect(group.display_name == group_name, f"displayName = {group.display_name!r}")
        st["gid"] = group.id
        expect(member_ids(get_group(group.id)) == {st["uid"]}, "the member is not in the group")

    def group_entra_reads() -> None:
        # Entra reads groups with excludedAttributes=members, by id and by displayName.
        no_members = ResponseParameters(excluded_attributes=["members"])
        group = scim.query(st["Group"], st["gid"], query_parameters=no_members)
        expect(not group.members, "excludedAttributes=members still returned members")
        found = find(st["Group"], f'displayName eq "{group_name}"', excluded_attributes=["members"])
        expect([g.id for g in found] == [st["gid"]], f"displayName filter found {[g.id for g in found]}")
        expect(not found[0].members, "filtered group still carries members despite excludedAttributes")

    def group_members_entra() -> None:
        patch("Group", st["gid"], {"op": "Add", "path": "members",
                                    "value": [{"$ref": None, "value": st["mgr"]}]})
        expect(member_ids(get_group(st["gid"])) == {st["uid"], st["mgr"]}, "Entra Add members failed")
        patch("Group", st["gid"], {"op": "Remove", "path": "members", "value": [{"value": st["mgr"]}]})
        expect(member_ids(get_group(st["gid"])) == {st["uid"]}, "Entra legacy Remove members (value list) failed")

    def remove_member() -> None:
        patch("Group", st["gid"], {"op": "remove", "path": f'members[value eq "{st["uid"]}"]'})
        expect(member_ids(get_group(st["gid"])) == set(), 'remove members[value eq "id"] left members')

    def delete_all() -> None:
        for rtype, rid in reversed(cleanup):
            scim.delete(rtype, rid)  # must answer 204
            gone = scim.query(rtype, rid, raise_scim_errors=False)
            expect(isinstance(gone, Error) and int(gone.status) == 404,
                   f"GET {rtype} {rid} after DELETE answered {gone!r}, expected a 404 SCIM Error")
        cleanup.clear()

    steps: list[tuple[str, Callable[[], None]]] = [
        ("discover (ServiceProviderConfig, ResourceTypes, Schemas)", discover),
        ("Entra test connection: filter on unknown userName -> empty ListResponse", test_connection),
        ("create User with enterprise extension (employeeNumber, department)", create_user),
        ("create User with Entra's exact POST body (meta, roles: [])", create_user_entra_body),
        ('find User by userName eq "..." (and case-insensitively)', find_by_username),
        ('find User by externalId eq "..."', find_by_external_id),
        ("PATCH User, Entra multi-Replace with paths (filter, sub-attr, extension URN)", patch_replace_entra_legacy),
        ("PATCH User, Entra no-path replace value object + Add on emails[type eq work]", patch_replace_entra_no_path),
        ("PATCH User, typed scim2-models PatchOp (RFC form)", patch_typed_rfc),
        ("PATCH User manager, Entra form (bare id on the extension URN path)", patch_manager),
        ('deactivate: Replace active "False", then replace true/false', deactivate),
        (f"create Group {group_name!r} with the user as member", create_group),
        ("Group reads with excludedAttributes=members (by id and displayName filter)", group_entra_reads),
        ("Group membership, Entra Add members / legacy Remove members", group_members_entra),
        ('remove the member with path members[value eq "id"]', remove_member),
    ]
    if not keep:
        steps.append(("DELETE group and users (204), then GET -> 404", delete_all))

    try:
        for name, fn in steps:
            if not step(name, fn):
                break
    finally:
        if cleanup and not keep:  # best effort after a failure
            for rtype, rid in reversed(cleanup):
                try:
                    scim.delete(rtype, rid, raise_scim_errors=False, expected_status_codes=None)
                except Exception:
                    pass
        http.close()

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
