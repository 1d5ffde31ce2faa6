"""Situation pages as data: the four files, their checks, the pages made from them, and the
content rules that tie them to the rest of the site (one agency-first rule, one follow-up wait)."""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT
from sitegen import pages, rules, schemas, situations
from sitegen.datafiles import DataFileError
from testkit.project_data import agency as project_agency, data_paths
from testkit.sample_agency import AGENCY

DATA = ROOT / "data"
IDS = ["missed", "late", "no-show", "move"]


@pytest.mark.real_site
def test_the_four_situations_load_in_home_page_order():
    loaded = situations.load(DATA, AGENCY).situations
    assert [s.id for _, s in loaded] == IDS


@pytest.mark.real_site
def test_situation_files_match_the_schema():
    schema = json.loads((ROOT / "schemas" / "situation.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads(schemas.schema_text(situations.Situation)), "run scripts/tools/write_schemas.py"
    for path in data_paths("situations"):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA / "situations", data / "situations")
    shutil.copy2(DATA / rules.FILE, data / rules.FILE)  # the pages say the rules in its words
    return data


@pytest.mark.parametrize(
    "change, field, words",
    [
        (("title: You missed your interview", "title: <b>You</b> missed"), "title", "plain text only"),
        (("  - id: voicemail\n", "  - id: Voice Mail\n"), "steps.1.id", "is not allowed here"),
        (("        to: templates/illness.md", "        to: https://example.com/"), "steps.3.choices.1.to", "is not allowed here"),
        (("summary: Take", "sumary: Take"), "sumary", ""),
    ],
    ids=["markup in a title", "bad step id", "external link", "misspelt key"],
)
def test_a_broken_file_names_file_line_and_field(tmp_path, change, field, words):
    data = _copy(tmp_path)
    path = data / "situations" / "missed.yml"
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        situations.load(data, AGENCY)
    message = str(caught.value)
    assert re.search(rf"missed\.yml:\d+: field '{re.escape(field)}'", message), message
    assert words in message


def test_a_missing_situation_is_reported(tmp_path):
    data = _copy(tmp_path)
    (data / "situations" / "move.yml").unlink()
    with pytest.raises(DataFileError, match="missing situation files: move"):
        situations.load(data, AGENCY)


def test_unknown_agency_token_is_reported_with_its_field(tmp_path):
    data = _copy(tmp_path)
    path = data / "situations" / "late.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("No phone minutes?", "No {{ agency.fax }} minutes?"), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        situations.load(data, AGENCY)
    assert "late.yml" in str(caught.value) and "agency.fax" in str(caught.value)


def test_pages_are_registered_and_link_only_to_existing_pages(built_site):
    generated = situations.pages(situations.load(DATA, AGENCY))
    assert sorted(p.src_uri for p in generated) == sorted([f"situations/{i}.md" for i in IDS] + ["situations/index.md"])
    assert situations in pages.families()
    for page in generated:
        for target, _ in page.links:
            assert (built_site / target.split("#")[0].removesuffix(".md") / "index.html").exists() or (
                ROOT / "docs" / target.split("#")[0]
            ).exists(), target


def _page(site: Path, url: str) -> str:
    return html_lib.unescape((site / url / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("situation", IDS)
def test_each_situation_page_puts_the_next_action_and_the_script_in_the_article(built_site, situation):
    html = _page(built_site, f"situations/{situation}")
    article = html[html.index("<article") : html.index("</article>")]
    assert 'class="sit-script"' in article, "the call script is inside the article (the PDF sheet uses it)"
    agency_tel = f'href="tel:{project_agency()["phone_tel"]}"'
    assert agency_tel in article, "the agency's own number, from mkdocs.yml"
    said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", article))
    found = rules.load(DATA, project_agency())
    for part in rules.BOX[situation]:
        assert found.text(part) in said, f"the agency box says the rule in the words of data/rules.yml: {part}"
    first_step = article.index('class="sit-step"')
    assert article.index(agency_tel) < first_step + 4000


def test_home_page_choices_open_the_situation_pages(built_site):
    html = _page(built_site, "")
    choices = html[html.index('class="mih-choices"') :]
    choices = choices[: choices.index("</div>")]
    assert re.findall(r'href="([^"]+)"', choices) == [f"situations/{i}/" for i in IDS]


def test_missed_puts_the_words_for_any_reason_before_every_reason(built_site):
    """The words that work for any reason come first; then a choice for every reason the data lists."""
    html = _page(built_site, "situations/missed")
    data = yaml.safe_load((DATA / "situations" / "missed.yml").read_text(encoding="utf-8"))
    reasons = [choice["to"].removesuffix(".md").removeprefix("templates/") for step in data["steps"] for choice in step.get("choices", [])]
    assert len(reasons) >= 8
    for target in reasons:
        assert f'href="../../templates/{target}/"' in html, target
    first_words = html.index('class="sit-script"')
    assert first_words < html.index(f'href="../../templates/{reasons[0]}/"'), "the words come before the list of reasons"


# --- content rules that span pages -------------------------------------------------------------

# Pages that say whom to contact first, and the parts of the rule each one says.
RULE_PAGES = {
    "": rules.PARTS, "what-to-do-now": rules.PARTS, "contact": ("agency_first", "after_hours", "own_job"),
    "situations/missed": rules.BOX["missed"], "situations/late": rules.BOX["late"],
    "templates/forgot": rules.BOX["missed"], "templates/running-late": rules.BOX["late"],
}


@pytest.mark.parametrize("url", RULE_PAGES)
def test_one_agency_first_rule_everywhere(built_site, url):
    """Each page says the rule in the words of data/rules.yml (tests/test_words_content.py
    checks that no page says it any other way)."""
    text = re.sub(r"<[^>]+>", "", _page(built_site, url))
    text = re.sub(r"\s+", " ", text)
    found = rules.load(DATA, project_agency())
    for part in RULE_PAGES[url]:
        assert found.text(part) in text, (url, part)
    assert "call the employer first" not in text.lower()


@pytest.mark.real_site
def test_follow_up_wait_is_two_business_days_everywhere():
    sources = [*(ROOT / "docs").rglob("*.md"), *data_paths("templates"), *data_paths("situations"), *data_paths("checklists")]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"wait (one|1) (more )?business day", text, re.I), path.name


@pytest.mark.real_site
def test_no_forced_self_blame_for_transport_or_illness():
    transport = (DATA / "templates" / "transport.yml").read_text(encoding="utf-8")
    illness = (DATA / "templates" / "illness.yml").read_text(encoding="utf-8")
    channels = lambda text: text[text.index("channels:") :]
    assert "my mistake" not in channels(transport) and "did not plan" not in channels(transport)
    assert "should have" not in channels(illness)
    assert "out of your hands" in transport and "hospital" in illness


def test_search_finds_new_topics_by_everyday_words(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for word, page in [("video", "templates/video-link-failed/"), ("zoom", "templates/video-link-failed/"),
                       ("childcare", "templates/childcare-or-shift/"), ("recruiter", "templates/recruiter-after-no-show/"),
                       ("disability", "templates/ask-for-accommodation/")]:
        hits = {doc["location"].split("#")[0] for doc in index["docs"] if word in (doc["title"] + " " + doc["text"]).lower()}
        assert page in hits, (word, sorted(hits)[:5])


@pytest.mark.real_site
def test_at_least_13_message_pages():
    assert len(data_paths("templates")) >= 13
