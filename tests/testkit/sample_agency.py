"""Agency details for unit tests of the data pipeline, so they never depend on mkdocs.yml.
Every key of ``extra.agency`` is here, with made-up values no real page has."""

AGENCY = {
    "name": "Test Agency",
    "phone": "(615) 555-0100",
    "phone_tel": "+16155550100",
    "email": "a@example.com",
    "address": "1 Test St",
    "city": "Testville",
    "state": "Teststate",
    "hours": "9 to 5",
    "website": "https://example.com/",
    "jobs_url": "https://example.com/jobs/",
    "time_zone": "America/Chicago",
    "time_zone_name": "Central Time",
}
