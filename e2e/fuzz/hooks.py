"""Schemathesis hooks for the GraphQL fuzz run (scripts/fuzz.sh).

Loaded through the SCHEMATHESIS_HOOKS environment variable. It adds:

- `no_internal_detail`: a check that fails when a response body carries
  internal detail. The server masks every internal error as `INTERNAL` with a
  reference (backend/src/error.rs), so none of these words may ever appear.
- A `filter_failure` hook that teaches `not_a_server_error` the API's error
  contract. For GraphQL, Schemathesis counts *any* resolver error as a server
  error; this API answers expected refusals with resolver errors carrying a
  stable `extensions.code` (NOT_FOUND for a random id, FORBIDDEN for a role
  Priya lacks, VALIDATION_FAILED for a bad record, ...), and async-graphql
  refuses an argument it cannot coerce (`Failed to parse "Int"` for `limit: -1`
  where the resolver takes a u32) with an uncoded error. A response is let off
  only when every one of its errors is one of those: `INTERNAL`, any other
  error, and every 5xx still fail the run.
- Strategies for the custom scalars: `NaiveDate` (unknown to Schemathesis) and
  `UUID`, which mixes ids that exist in the demo data (listed by fuzz.sh in the
  file named by FUZZ_KNOWN_IDS) with random ones, so that resolvers get past
  "not found" and run for real.
"""

from __future__ import annotations

import datetime
import os

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

# Text that only an unmasked internal error would put in a response.
LEAKS = (
    "sea_orm",
    "sqlx",
    "DbErr",
    "panicked",
    "SqliteError",
    "postgres",
    "stack backtrace",
    ".rs:",
)

# The codes of backend/src/error.rs that are answers, not failures. CONFLICT
# is the answer to a request that clashes with what is stored (an absence
# overlapping one already recorded, say): a random run meets it whenever it
# happens to send the same dates twice. `INTERNAL` is deliberately absent, and so is `UNAUTHENTICATED`: the run stays
# signed in, so losing the session is a failure (and a run that is not signed
# in must not pass while testing nothing). BUSY says another organisation-wide
# report was being prepared at the time: an answer, the server is fine.
EXPECTED_CODES = frozenset(
    {
        "FORBIDDEN",
        "NOT_FOUND",
        "VALIDATION_FAILED",
        "BAD_REQUEST",
        "CONFLICT",
        "BUSY",
    }
)


# How async-graphql words an argument it could not coerce; such errors carry
# no code.
INPUT_COERCION_PREFIX = 'Failed to parse "'


@schemathesis.check
def no_internal_detail(ctx, response, case):
    """The response body reveals no internal detail (errors are masked as INTERNAL)."""
    body = response.text or ""
    # A word the request itself carried (echoed back in a record's text, say)
    # reveals nothing.
    sent = response.request.body or ""
    if isinstance(sent, bytes):
        sent = sent.decode("utf-8", "replace")
    found = [word for word in LEAKS if word in body and word not in sent]
    if found:
        raise AssertionError(f"Response body reveals internal detail: {', '.join(found)}")


def _is_expected_refusal(response) -> bool:
    if response.status_code >= 500:
        return False
    try:
        payload = response.json()
    except ValueError:
        return False
    errors = payload.get("errors") if isinstance(payload, dict) else None
    if not errors:
        return False
    return all(_is_expected_error(error) for error in errors)


def _is_expected_error(error) -> bool:
    if not isinstance(error, dict):
        return False
    extensions = error.get("extensions")
    code = extensions.get("code") if isinstance(extensions, dict) else None
    if code is not None:
        return code in EXPECTED_CODES
    # async-graphql refusing an argument it cannot coerce, such as an Int out
    # of the Rust type's range (`limit: -1` for a u32): the request's fault.
    message = error.get("message")
    return isinstance(message, str) and message.startswith(INPUT_COERCION_PREFIX)


@schemathesis.hook
def filter_failure(context, failure, case, response):
    # Only the GraphQL-errors part of `not_a_server_error` (ST113) is judged
    # here; every other failure is kept as it is.
    if getattr(failure, "code", None) == "ST113" and _is_expected_refusal(response):
        return False
    return True


def _known_ids() -> list[str]:
    path = os.environ.get("FUZZ_KNOWN_IDS")
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        return sorted({line.strip() for line in handle if line.strip()})


_KNOWN = _known_ids()
_RANDOM_UUIDS = st.uuids().map(str)
_UUIDS = st.one_of(st.sampled_from(_KNOWN), _RANDOM_UUIDS) if _KNOWN else _RANDOM_UUIDS

schemathesis.graphql.scalar("UUID", _UUIDS.map(nodes.String))
# chrono's NaiveDate as `%Y-%m-%d`. Half the time a date near today, which
# the record rules and the default two-year ranges accept; otherwise any date
# from year 1 to 9999, so date arithmetic near the limits is tried too.
_TODAY = datetime.date.today()
_RECENT = st.dates(
    min_value=_TODAY - datetime.timedelta(days=800),
    max_value=_TODAY + datetime.timedelta(days=30),
)
_DATES = st.one_of(_RECENT, st.dates())
schemathesis.graphql.scalar("NaiveDate", _DATES.map(str).map(nodes.String))
