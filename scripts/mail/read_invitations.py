"""Reads every message in a Maildir and prints, as JSON, the calendar
invitations each carries, as a real iCalendar parser reads them (the
icalendar package, which nobody here wrote). For the email tests:

    python read_invitations.py MAILDIR
"""

import json
import mailbox
import sys
from zoneinfo import ZoneInfo

import icalendar

LONDON = ZoneInfo("Europe/London")
CALENDAR_TYPES = ("text/calendar", "application/ics")


def addresses(value):
    """ATTENDEE is one value or a list of them."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def person(address):
    return {
        "address": str(address),
        "name": address.params.get("CN"),
        "role": address.params.get("ROLE"),
    }


def event_of(part, calendar, event):
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    return {
        "part": part.get_content_type(),
        "partMethod": part.get_param("method"),
        "method": str(calendar.get("METHOD")),
        "errors": [str(e) for e in calendar.errors + event.errors],
        "uid": str(event.get("UID")),
        "sequence": int(event.get("SEQUENCE", 0)),
        "startUtc": start.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "startLondon": start.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"),
        "endLondon": end.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"),
        "status": str(event.get("STATUS")),
        "summary": str(event.get("SUMMARY")),
        "description": str(event.get("DESCRIPTION")),
        "location": str(event.get("LOCATION", "")),
        "organizer": person(event.get("ORGANIZER")),
        "attendees": [person(a) for a in addresses(event.get("ATTENDEE"))],
    }


def main(path):
    messages = []
    for message in mailbox.Maildir(path, factory=None, create=False):
        invitations = []
        text = []
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                text.append(part.get_payload(decode=True).decode("utf-8"))
            if part.get_content_type() not in CALENDAR_TYPES:
                continue
            calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
            for event in calendar.walk("VEVENT"):
                invitations.append(event_of(part, calendar, event))
        messages.append(
            {
                "to": message.get("X-RcptTo", ""),
                "subject": str(message.get("Subject", "")),
                "types": [p.get_content_type() for p in message.walk()],
                "text": "\n".join(text),
                "invitations": invitations,
            }
        )
    json.dump(messages, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
