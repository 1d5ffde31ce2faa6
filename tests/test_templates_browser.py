"""Message templates in real Chromium: live fill-in, staff links, copy, mailto:/sms:, calendar
files, remembering and clearing, hostile values, no JavaScript, print, and axe."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import quote, unquote, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest

from sitegen.project import ROOT
from sitegen.templates import load_catalogue
from testkit.helpers import check_axe, set_palette, settle, template_field as field
from testkit.project_data import agency, data_of
from testkit.waits import after_frames

# The agency's own zone (extra.agency.time_zone): every message page starts on it.
AGENCY_ZONE = agency()["time_zone"]
# A US zone that is not the agency's, for tests that switch zones.
OTHER_ZONE = "America/New_York" if AGENCY_ZONE != "America/New_York" else "America/Chicago"

CHANNELS = ["email", "phone", "voicemail", "text"]
FILLED = {
    "your_name": "Jordan Smith",
    "your_phone": "(615) 555-0188",
    "interviewer_name": "Ms. Lee",
    "company": "Example Foods",
    "role": "Cashier",
    "original_time": "Tuesday at 10 AM",
    "free_time_1": "Thursday after 1 PM",
}


def open_template(page, template_id: str = "forgot", fragment: str = "") -> None:
    page.goto(f"templates/{template_id}/{fragment}")
    page.wait_for_selector('[data-module="message-template"][data-ready]')
    open_more(page)


def open_more(page) -> None:
    """Unfold every "More details (optional)" group, so optional fields can be typed in."""
    page.evaluate("document.querySelectorAll('.tpl-more').forEach((d) => { d.open = true; })")


def fill(page, values: dict[str, str]) -> None:
    for name, value in values.items():
        field(page, name).fill(value)


def preview(page, channel: str, part: str = "body") -> str:
    return page.locator(f'[data-channel="{channel}"] .tpl-text[data-part="{part}"]').text_content()


def query_values(href: str) -> dict[str, str]:
    """Split a mailto:/sms: query by hand: '+' is a literal plus there, not a space."""
    pairs = [item.split("=", 1) for item in urlsplit(href).query.split("&") if "=" in item]
    return {key: unquote(value) for key, value in pairs}


def body_fields(template_id: str, channel: str) -> list[str]:
    """The fields one channel's message body writes as {name}, from the template's data file."""
    data = next(d for d in data_of("templates") if d["id"] == template_id)
    return list(dict.fromkeys(re.findall(r"\{(\w+)\}", data["channels"][channel]["body"])))


def stored(page):
    return page.evaluate("localStorage.getItem('mih.details')")


# --- filling in -------------------------------------------------------------------------------


# Every submit event that reaches the window (after the page's own listeners): was it stopped?
SUBMIT_WATCH = """() => {
    window.__submits = [];
    window.addEventListener("submit", (event) => window.__submits.push(event.defaultPrevented));
}"""


def test_filling_fields_updates_every_channel(page):
    open_template(page)
    fill(page, FILLED)
    for channel in CHANNELS:
        text = preview(page, channel)
        used = [name for name in FILLED if name in body_fields("forgot", channel)]
        assert used, f"the {channel} message uses none of the filled fields"
        for name in used:  # each value the message uses is in it, and its blank is gone
            assert FILLED[name] in text, (channel, name)
            blanks = page.locator(f'[data-channel="{channel}"] .tpl-blank[data-field="{name}"]')
            assert blanks.count() == 0, (channel, name)
    assert preview(page, "email", "subject") == "Missed interview for Cashier: Jordan Smith"
    email = preview(page, "email")
    assert email.startswith("Dear Ms. Lee,\n\nI am sorry I missed our interview set for Tuesday at 10 AM for the Cashier job.")
    # An empty optional line ("- [another day and time]") is left out; a required blank stays visible.
    assert "- Thursday after 1 PM\n\nThank you" in email
    assert "[another day and time]" not in email and "[your email]" not in email
    field(page, "your_phone").fill("")
    assert "[your phone number]" in preview(page, "email")
    field(page, "free_time_2").fill("Friday morning")
    assert "- Thursday after 1 PM\n- Friday morning\n\nThank you" in preview(page, "email")
    # Enter in a field submits nothing: the details never reach a query string or a server.
    # What would carry them is a submit event left to run, then a navigation: record both.
    url = page.url
    navigations: list[str] = []
    page.on("request", lambda request: request.is_navigation_request() and navigations.append(request.url))
    page.evaluate(SUBMIT_WATCH)
    field(page, "company").press("Enter")
    after_frames(page)  # a submission's navigation starts in a task queued by the submit event
    assert navigations == [] and page.url == url and "?" not in page.url
    assert page.evaluate("window.__submits.filter((prevented) => !prevented).length") == 0, "a submit left to run"


def add_zone(page, zone: str) -> None:
    """Offer one more zone in the menu (unless it is there), as a site set up for another
    country would."""
    if field(page, "time_zone").locator(f'option[value="{zone}"]').count():
        return
    page.evaluate(
        """zone => {
            const option = document.createElement('option');
            option.value = zone;
            option.textContent = zone;
            document.querySelector('.tpl [data-field="time_zone"]').append(option);
        }""",
        zone,
    )


def zone_words(page, zone: str) -> str:
    """What the browser calls a zone ("Mountain Time"): the page's words come from there too."""
    return page.evaluate(
        """zone => new Intl.DateTimeFormat('en-US', {timeZone: zone, timeZoneName: 'longGeneric'})
            .formatToParts(new Date(Date.UTC(2026, 11, 1, 16))).find((p) => p.type === 'timeZoneName').value""",
        zone,
    )


def test_date_fields_read_as_words_with_their_time_zone(page):
    open_template(page)
    assert page.locator(".tpl").get_attribute("data-time-zone") == AGENCY_ZONE
    assert field(page, "time_zone").input_value() == AGENCY_ZONE, "the agency's zone is the default"
    field(page, "new_interview_at").fill("2026-12-01T10:00")
    # The words come with lib/dates.js, fetched as the field is first touched.
    default_words = zone_words(page, AGENCY_ZONE)
    page.wait_for_function("w => document.querySelector('[data-channel=phone] .tpl-body').textContent.includes(w)", arg=default_words)
    assert f"So that is Tuesday, December 1, 2026 at 10:00 AM {default_words}." in preview(page, "phone")
    for zone, words in (("America/Chicago", "Central Time"), ("America/New_York", "Eastern Time")):
        add_zone(page, zone)
        field(page, "time_zone").select_option(zone)
        assert f"So that is Tuesday, December 1, 2026 at 10:00 AM {words}." in preview(page, "phone"), zone
    # Any IANA zone works: its name comes from the browser, not from a table of ours.
    add_zone(page, "Europe/London")
    field(page, "time_zone").select_option("Europe/London")
    assert "10:00 AM United Kingdom Time." in preview(page, "phone")


def test_wording_comes_from_the_markup(page):
    """A maintainer rewords a message in the page's markup; the script shows the new words."""
    open_template(page)
    page.evaluate("document.querySelector('.tpl').setAttribute('data-calendar-needs-text', 'Please add {field} first.')")
    page.locator('button[data-action="ics"][data-field="callback_at"]').click()
    status = page.locator('.tpl-calendar [role="status"]')
    page.wait_for_function("el => el.textContent.startsWith('Please add ')", arg=status.element_handle())
    label = field(page, "callback_at").get_attribute("data-label")
    assert status.text_content() == f"Please add {label} first."


def test_without_javascript_every_message_reads_with_blanks(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("templates/forgot/")
    # A write-in sheet: boxes and buttons that need the script are not shown at all (no gap),
    # and a line says what to do with the words instead.
    assert page.locator('.tpl input[data-field="interviewer_name"]').is_hidden()
    assert page.locator(".tpl-actions").first.is_hidden()
    assert page.locator(".tpl-nojs").is_visible()
    blanks = {name: definition.blank_text for name, definition in load_catalogue(ROOT / "data" / "fields.yml")[0].items()}
    for channel in CHANNELS:
        assert page.locator(f'[data-channel="{channel}"] .tpl-body').is_visible()
        text = preview(page, channel)
        for name in body_fields("forgot", channel):  # every blank the message has, as words
            assert blanks[name] in text, (channel, name)
    assert "[a third day and time]" in preview(page, "email")  # all blanks show on paper and without script
    assert page.locator(".tpl-staff").is_visible()


def test_printed_page_has_write_in_lines_and_no_controls(page):
    open_template(page)
    page.emulate_media(media="print")
    assert page.locator(".tpl-fields").first.is_hidden()
    assert page.locator(".tpl-actions").first.is_hidden()
    line = page.evaluate(
        "getComputedStyle(document.querySelector('.tpl-blank'), '::before').borderBottomStyle"
    )
    assert line == "solid"
    assert page.locator('[data-channel="text"] .tpl-body').is_visible()


# --- staff links --------------------------------------------------------------------------


def test_link_fragment_prefills_and_leaves_the_address_bar(page):
    fragment = (
        "#interviewer_name=Ms.%20Lee&company=Acme%20%26%20Sons&role=Cashier"
        f"&interviewer_phone=%2B1+615+555+0100&time_zone={OTHER_ZONE}&not_a_field=x"
    )
    open_template(page, "forgot", fragment)
    assert field(page, "interviewer_name").input_value() == "Ms. Lee"
    assert field(page, "company").input_value() == "Acme & Sons"
    assert field(page, "interviewer_phone").input_value() == "+1 615 555 0100"
    assert field(page, "time_zone").input_value() == OTHER_ZONE
    assert "Ms. Lee" in preview(page, "text") and "[your name]" in preview(page, "text")
    assert "#" not in page.url, "the details should not linger in the address bar"
    notice = page.locator(".tpl-prefilled").text_content()
    assert "filled in from your link" in notice
    assert "This page has no box for: not_a_field." in notice, "unknown names are reported"
    assert stored(page) is None, "a link alone must not keep anything on the device"


def test_plain_anchor_is_left_alone(page):
    open_template(page, "forgot", "#tpl-text")
    assert page.url.endswith("#tpl-text")
    assert field(page, "interviewer_name").input_value() == ""


def test_staff_see_the_link_field_names(page):
    open_template(page)
    page.locator(".tpl-staff summary").click()
    names = page.locator(".tpl-staff td code").all_text_contents()
    assert {"interviewer_name", "company", "role", "new_interview_at", "time_zone"} <= set(names)


# --- copy, mail and messages -------------------------------------------------------------


def test_copy_puts_each_message_on_the_clipboard(new_page):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    open_template(page)
    fill(page, FILLED)
    for button in page.locator('button[data-action="copy"]').all():
        section = button.locator("xpath=ancestor::section[1]")
        part = button.get_attribute("data-part")
        button.click()
        expected = section.locator(f'.tpl-text[data-part="{part}"]').text_content()
        assert page.evaluate("navigator.clipboard.readText()") == expected
        status = section.locator('[role="status"]')
        page.wait_for_function("el => el.textContent.startsWith('Copied')", arg=status.element_handle())
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []


def test_copy_says_which_required_blanks_are_still_empty(new_page):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    open_template(page)
    field(page, "interviewer_name").fill("Ms. Lee")
    page.locator('[data-channel="text"] button[data-action="copy"]').click()
    status = page.locator('[data-channel="text"] [role="status"]')
    page.wait_for_function("el => el.textContent.includes('Still in the words')", arg=status.element_handle())
    assert "Your name" in status.text_content() and "Interviewer's name" not in status.text_content()


def test_copy_works_as_the_very_first_tap(new_page):
    """device.js loads on the first touch; a copy tapped before anything else still copies."""
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    open_template(page)
    button = page.locator('[data-channel="voicemail"] button[data-action="copy"]')
    button.click()
    status = page.locator('[data-channel="voicemail"] [role="status"]')
    page.wait_for_function("el => el.textContent.length > 0", arg=status.element_handle())
    expected = page.locator('[data-channel="voicemail"] .tpl-text[data-part="body"]').text_content()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert page.watch.console_errors == []


def test_mailto_and_sms_links_equal_the_preview(page):
    open_template(page)
    fill(page, {**FILLED, "interviewer_email": "lee@example.com", "interviewer_phone": "+1 (615) 555-0100"})
    href = page.locator('a[data-action="mailto"]').get_attribute("href")
    assert href.startswith("mailto:lee@example.com?subject=")
    assert "%0D%0A" in href and "+" not in href.split("?", 1)[1]
    values = query_values(href)
    assert set(values) == {"subject", "body"}
    assert values["subject"] == preview(page, "email", "subject")
    assert values["body"].replace("\r\n", "\n") == preview(page, "email")
    sms = page.locator('a[data-action="sms"]').get_attribute("href")
    assert sms.startswith("sms:+16155550100?&body=")
    assert query_values(sms)["body"] == preview(page, "text")


def test_bad_addresses_never_reach_the_link(page):
    open_template(page)
    fill(page, {"interviewer_email": "lee@example.com?bcc=x@evil.example", "interviewer_phone": "call me"})
    assert page.locator('a[data-action="mailto"]').get_attribute("href").startswith("mailto:?subject=")
    assert page.locator('a[data-action="sms"]').get_attribute("href").startswith("sms:?&body=")


def test_text_message_length_in_characters_and_messages(page):
    open_template(page)
    fill(page, FILLED)
    count = page.locator(".tpl-count")
    length = len(preview(page, "text"))
    page.wait_for_function(
        "n => document.querySelector('.tpl-count').textContent.startsWith(n + ' characters')", arg=length
    )
    segments = 1 if length <= 160 else -(-length // 153)  # plain characters: GSM-7
    assert count.text_content() == f"{length} characters · " + ("1 text message" if segments == 1 else f"{segments} text messages")
    assert count.get_attribute("aria-live") == "polite"
    field(page, "interviewer_name").fill("Ms. Lee 🙂")
    length = len(preview(page, "text"))  # the emoji counts as one character, two UTF-16 units
    units = length + 1
    page.wait_for_function("() => document.querySelector('.tpl-count').textContent.includes('🙂')")
    messages = 1 if units <= 70 else -(-units // 67)
    assert count.text_content().startswith(f"{length} characters · {messages} text messages. The character 🙂 makes each")


# --- calendar files -------------------------------------------------------------------------


def download_ics(page, name: str) -> tuple[bytes, icalendar.Calendar]:
    with page.expect_download() as info:
        page.locator(f'button[data-action="ics"][data-field="{name}"]').click()
    raw = open(info.value.path(), "rb").read()
    return raw, icalendar.Calendar.from_ical(raw)


def event_of(calendar: icalendar.Calendar):
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 1
    return events[0]


def test_new_interview_calendar_file_is_valid_and_on_time(page):
    open_template(page)
    fill(page, {**FILLED, "new_interview_at": "2026-12-01T10:00"})
    raw, calendar = download_ics(page, "new_interview_at")
    event = event_of(calendar)
    # 10:00 in the agency's zone, the default: Python's zoneinfo says which instant that is.
    start = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo(AGENCY_ZONE)).astimezone(timezone.utc)
    # Written in UTC ("...Z"): every calendar app shows it at the right moment, no VTIMEZONE needed.
    assert f"\r\nDTSTART:{start:%Y%m%dT%H%M%SZ}\r\n".encode() in raw
    assert f"\r\nDTEND:{start + timedelta(hours=1):%Y%m%dT%H%M%SZ}\r\n".encode() in raw
    assert event.decoded("dtstart") == start
    assert event.decoded("dtstart").utcoffset() == timedelta(0)
    assert [c.name for c in calendar.walk() if c.name == "VTIMEZONE"] == []
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=1)
    assert str(event["summary"]) == "Job interview at Example Foods"
    assert "Interviewer's name: Ms. Lee" in str(event["description"])
    assert str(event["uid"]).endswith("@" + urlsplit(page.url).netloc)
    stamp = event.decoded("dtstamp")
    assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0)
    assert abs(datetime.now(timezone.utc) - stamp) < timedelta(minutes=5)
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert b"VERSION:2.0" in raw and b"PRODID:" in raw


@pytest.mark.parametrize(
    ("zone", "when"),
    [
        ("America/Chicago", "2026-07-15T09:30"),  # summer time
        ("America/Chicago", "2026-01-15T09:30"),
        ("America/New_York", "2026-07-15T09:30"),
        ("America/New_York", "2026-01-15T09:30"),
        ("America/Phoenix", "2026-07-15T09:30"),  # no summer time in Arizona
        ("Pacific/Honolulu", "2026-07-15T09:30"),
        ("Europe/London", "2026-07-15T09:30"),  # not in the menu: added by the test
        ("Europe/London", "2026-01-15T09:30"),
        ("America/Chicago", "2026-03-08T02:30"),  # skipped when clocks go forward: read as 3:30 CDT
        ("America/Chicago", "2026-11-01T01:30"),  # happens twice when clocks go back: the first
    ],
)
def test_call_back_calendar_file_in_other_time_zones(page, zone, when):
    open_template(page)
    add_zone(page, zone)  # Europe/London, and any zone this site's menu leaves out
    fill(page, {"callback_at": when})
    field(page, "time_zone").select_option(zone)
    raw, calendar = download_ics(page, "callback_at")
    event = event_of(calendar)
    # Python's zoneinfo says which instant the typed time is (fold=0 in a gap or an overlap).
    expected = datetime.fromisoformat(when).replace(tzinfo=ZoneInfo(zone)).astimezone(timezone.utc)
    assert f"DTSTART:{expected:%Y%m%dT%H%M%SZ}\r\n".encode() in raw
    assert event.decoded("dtstart") == expected
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=15)
    assert [c.name for c in calendar.walk() if c.name == "VTIMEZONE"] == []


def test_calendar_button_asks_for_the_date_first(page):
    open_template(page)
    page.locator('button[data-action="ics"][data-field="callback_at"]').click()
    status = page.locator('.tpl-calendar [role="status"]')
    page.wait_for_function("el => el.textContent.startsWith('First fill in')", arg=status.element_handle())
    assert page.evaluate("document.activeElement.dataset.field") == "callback_at"


def test_calendar_text_is_escaped_and_folded(page):
    open_template(page)
    company = "Lee, Park; & Sons \\ " + "Ünïcödé 🙂 " * 40
    fill(page, {"company": company, "interviewer_name": "Ms. Lee\nsecond line", "new_interview_at": "2026-12-01T10:00"})
    raw, calendar = download_ics(page, "new_interview_at")
    event = event_of(calendar)
    assert str(event["summary"]) == "Job interview at " + company.strip()
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert all(line.decode("utf-8") for line in lines if line)  # no UTF-8 sequence cut in half
    assert b"Lee\\, Park\\; & Sons \\\\" in raw.replace(b"\r\n ", b"")


# --- remembering and clearing -----------------------------------------------------------------


def test_details_stay_in_this_tab_only_unless_remembered(page, site_url):
    open_template(page)
    assert not page.locator("#tpl-remember").is_checked()
    fill(page, FILLED)
    assert stored(page) is None, "nothing on the device unless asked"
    page.reload()
    page.wait_for_selector("[data-ready]")
    assert field(page, "interviewer_name").input_value() == "Ms. Lee", "a reload keeps this tab's details"
    other = page.context.new_page()
    other.goto(site_url + "templates/forgot/")
    other.wait_for_selector("[data-module='message-template'][data-ready]")
    assert other.locator('.tpl input[data-field="interviewer_name"]').input_value() == "", "a new tab starts empty"
    other.close()


def test_remember_keeps_details_across_pages_and_clear_removes_them(page):
    open_template(page)
    fill(page, {"interviewer_name": "Ms. Lee"})
    page.locator("#tpl-remember").check()
    field(page, "company").fill("Example Foods")
    data = json.loads(stored(page))
    # The record of details.js: the agency's own zone is the default, so it is not kept.
    assert data["version"] == 1
    assert data["values"] == {"interviewer_name": "Ms. Lee", "company": "Example Foods"}
    assert data["link"] is None, "typed by hand, not from a link"
    page.reload()
    page.wait_for_selector("[data-ready]")
    assert page.locator("#tpl-remember").is_checked()
    assert field(page, "company").input_value() == "Example Foods"
    open_template(page, "follow-up")
    assert field(page, "interviewer_name").input_value() == "Ms. Lee"
    page.locator('button[data-action="clear"]').click()
    assert stored(page) is None
    assert field(page, "interviewer_name").input_value() == ""
    assert not page.locator("#tpl-remember").is_checked()
    status = page.locator('.tpl-keep [role="status"]')
    page.wait_for_function("el => el.textContent.includes('cleared')", arg=status.element_handle())
    assert "[interviewer's name]" in preview(page, "email")


def test_date_and_length_helpers_load_only_once_the_form_is_touched(page):
    """lib/dates.js, lib/sms.js and device.js stay off a visit that only reads (page weight);
    stepping into a field fetches them, and the length count appears."""
    open_template(page)
    loaded = "() => performance.getEntriesByType('resource').map(e => e.name).filter(n => /(lib\\/dates|lib\\/sms|device)\\./.test(n)).length"
    assert page.evaluate(loaded) == 0
    assert page.locator(".tpl-count").text_content().strip() == ""
    field(page, "your_name").focus()
    page.wait_for_function("() => document.querySelector('.tpl-count').textContent.includes('characters')")
    assert page.evaluate(loaded) == 3


def test_clear_puts_the_zone_back_to_the_agency_zone(page):
    open_template(page)
    add_zone(page, OTHER_ZONE)
    field(page, "time_zone").select_option(OTHER_ZONE)
    field(page, "new_interview_at").fill("2026-12-01T10:00")
    page.locator('button[data-action="clear"]').click()
    assert field(page, "time_zone").input_value() == AGENCY_ZONE
    assert field(page, "new_interview_at").input_value() == ""


def test_turning_remember_off_forgets_at_once(page):
    open_template(page)
    page.locator("#tpl-remember").check()
    field(page, "role").fill("Cashier")
    assert stored(page) is not None
    page.locator("#tpl-remember").uncheck()
    assert stored(page) is None
    assert field(page, "role").input_value() == "Cashier"


def test_blocked_storage_is_explained_not_thrown(page):
    page.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('blocked', 'SecurityError'); };")
    open_template(page)
    page.locator("#tpl-remember").click()  # the page turns it straight back off
    status = page.locator('.tpl-keep [role="status"]')
    page.wait_for_function("el => el.textContent.includes('cannot keep')", arg=status.element_handle())
    assert not page.locator("#tpl-remember").is_checked()


# --- navigation and accessibility ------------------------------------------------------------


def test_works_after_instant_navigation(page, site_url):
    # Material follows a link instantly only once it has read the sitemap: wait for that.
    with page.expect_request_finished(lambda request: request.url.endswith("/sitemap.xml")):
        page.goto("templates/", wait_until="load")
    page.evaluate("window.__samePage = true")
    page.locator("article").get_by_role("link", name="You are running late").click()
    page.wait_for_url("**/templates/running-late/")
    page.wait_for_selector("[data-module='message-template'][data-ready]")
    assert page.evaluate("window.__samePage") is True, "expected Material's instant navigation"
    fill(page, {"arrival_time": "10:20 AM", "interviewer_name": "Ms. Lee"})
    assert "I will be there by 10:20 AM." in preview(page, "text")
    # Details follow the reader to the next message page in the same tab.
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="You forgot").click()
    page.wait_for_url("**/templates/forgot/")
    page.wait_for_selector("[data-module='message-template'][data-ready]")
    assert page.evaluate("window.__samePage") is True
    assert field(page, "interviewer_name").input_value() == "Ms. Lee"


def test_setup_runs_once_per_page(page):
    """Material may announce the same document again; a second setup must not bake values in."""
    open_template(page)
    field(page, "interviewer_name").fill("Ms. Lee")
    page.evaluate("document$.next(document)")
    field(page, "interviewer_name").fill("")
    assert "[interviewer's name]" in preview(page, "email")
    assert "Ms. Lee" not in preview(page, "email")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations(page, scheme):
    page.goto("templates/")
    set_palette(page, scheme)
    check_axe(page, f"templates index, {scheme}")
    open_template(page, "move-in-advance")
    set_palette(page, scheme)
    fill(page, {**FILLED, "reason": "I have a shift I cannot change"})
    page.locator(".tpl-staff summary").click()
    check_axe(page, f"template page, {scheme}")


# --- hostile values ------------------------------------------------------------------------

HOSTILE = {
    "img onerror": '<img src=x onerror="window.__pwned=1">',
    "closing tags and script": "</textarea></bdi></span><script>window.__pwned=1</script>",
    "svg onload": '"><svg onload="window.__pwned=1"></svg>',
    "javascript url": "javascript:window.__pwned=1",
    "link markup": '<a href="javascript:window.__pwned=1">click</a>',
    "5,000 characters": "A" * 5000,
    "right-to-left": "مرحبا Ms. Lee שלום",
    "override characters": "\u202eevil\u202c and \u2067more\u2069",
    "combining characters": "Z\u0351\u0352\u0353a\u0300\u0301\u0302l\u0489go" * 40,
    "entities and encodings": "&lt;b&gt; &amp; %0D%0A&body=x #frag",
}
HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
TARGETS = ["interviewer_name", "company", "interviewer_email", "interviewer_phone"]


# What an element fetches (Material's own fetch of sitemap.xml is none of these).
ELEMENT_FETCHES = {"image", "media", "script", "stylesheet", "font", "object", "embed"}


def _watch_dialogs(page) -> list[str]:
    """Records every dialog the page opens, and (in ``page.stray``) every request for
    something that is not the site's own asset: what markup read from a value would fetch
    (an injected <img src=x> asks for templates/forgot/x), even where the CSP stops its handler."""
    dialogs: list[str] = []
    page.stray = []

    def record(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    def fetched(request):
        if request.resource_type in ELEMENT_FETCHES and "/assets/" not in request.url:
            page.stray.append(request.url)

    page.on("dialog", record)
    page.on("request", fetched)
    return dialogs


def _assert_safe(page, value: str, dialogs: list[str]) -> None:
    # An injected element would fetch (an image), then fire its error or load event in a task:
    # wait until every request has ended and two frames have been drawn after it, then check.
    settle(page)
    after_frames(page)
    assert page.stray == [], "markup from a value fetched something"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert page.locator(".tpl img, .tpl script, .tpl svg, .tpl-message a").count() == 0
    shown = page.locator('[data-channel="email"] .tpl-body bdi[data-field="interviewer_name"]')
    # Control and direction-override characters are stripped: the preview is what is sent.
    expected = HIDDEN.sub("", value).strip()
    assert shown.first.text_content() == expected
    assert page.locator('[data-channel="phone"] bdi[data-field="company"]').first.text_content() == expected
    # The layout holds: nothing pushes the page wider than the window.
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth,"
        " Math.max(...[...document.querySelectorAll('.tpl-message')].map(e => e.getBoundingClientRect().right))]"
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[1], widths
    href = page.locator('a[data-action="mailto"]').get_attribute("href")
    assert href.startswith("mailto:?subject="), "a bad address must leave the recipient empty"
    assert page.evaluate("h => new URL(h).protocol", href) == "mailto:"
    assert query_values(href)["body"].replace("\r\n", "\n") == preview(page, "email")
    sms = page.locator('a[data-action="sms"]').get_attribute("href")
    # None of the values is a phone number (7 to 15 digits): the recipient is left empty.
    assert sms.startswith("sms:?&body="), "a bad number must leave the recipient empty"


@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_typed_values_stay_text(new_page, value):
    page = new_page(viewport={"width": 390, "height": 800})
    dialogs = _watch_dialogs(page)
    open_template(page)
    fill(page, {name: value for name in TARGETS})
    _assert_safe(page, value, dialogs)
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []


@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_link_values_stay_text(new_page, value):
    page = new_page(viewport={"width": 390, "height": 800})
    dialogs = _watch_dialogs(page)
    fragment = "#" + "&".join(f"{name}={quote(value, safe='')}" for name in TARGETS)
    open_template(page, "forgot", fragment)
    assert field(page, "interviewer_name").input_value() == value
    _assert_safe(page, value, dialogs)
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []
