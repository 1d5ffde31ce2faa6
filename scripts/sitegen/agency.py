"""The agency's details from ``extra.agency`` in mkdocs.yml, and the ``{{ agency.x }}`` tokens.

Pages and data files write ``{{ agency.phone }}``; this module swaps in the value, so the
agency's details are written once, in mkdocs.yml.
"""

from __future__ import annotations

import re

REQUIRED = ("name", "phone", "email", "address", "hours", "website", "jobs_url")
TOKEN = re.compile(r"\{\{\s*agency\.([a-z_]+)\s*\}\}")


class AgencyError(ValueError):
    pass


def details(extra: dict) -> dict[str, str]:
    """Checked agency details plus derived values (``phone_tel`` for tel: links)."""
    agency = extra.get("agency")
    if not isinstance(agency, dict):
        raise AgencyError("mkdocs.yml: 'extra.agency' is missing; it holds the agency's name, phone and other details.")
    missing = [key for key in REQUIRED if not str(agency.get(key) or "").strip()]
    if missing:
        raise AgencyError(f"mkdocs.yml: 'extra.agency' is missing {', '.join(missing)}.")
    values = {key: str(value).strip() for key, value in agency.items()}
    values["phone_tel"] = phone_tel(values["phone"])
    return values


def phone_tel(phone: str) -> str:
    """'(615) 555-0142' -> '+16155550142': the form tel: links need (US numbers)."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 10:
        digits = "1" + digits
    return "+" + digits


def fill(text: str, values: dict[str, str], *, where: str) -> str:
    """Replace every ``{{ agency.key }}``; an unknown key names the file it was found in."""

    def swap(match: re.Match) -> str:
        key = match.group(1)
        if key not in values:
            known = ", ".join(sorted(values))
            raise AgencyError(f"{where}: unknown token '{{{{ agency.{key} }}}}' (known: {known})")
        return values[key]

    return TOKEN.sub(swap, text)
