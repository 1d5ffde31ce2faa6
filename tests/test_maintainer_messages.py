"""Messages a non-programmer maintainer can act on (issue #20): the line of the mistake itself,
"did you mean" for a misspelt field or token, plain words before YAML's, examples checked
against their kind, a content rule with its reason, the README's deploy command as written,
and a failed `make serve` build shown in the browser.

Each case breaks a throw-away copy of a real file, so the real tree is never touched.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from sitegen import agency as agency_details
from sitegen import templates
from sitegen.datafiles import DataFileError, read_yaml
from sitegen.project import ROOT, copy_project
from testkit.sample_agency import AGENCY

DATA = ROOT / "data"
FORGOT = "templates/forgot.yml"
# Every detail the agency model knows, so tokens in the real data fill in whatever they name.
TEST_AGENCY = {**{key: f"Test {key}" for key in agency_details.Agency.model_fields}, **AGENCY}


# --- helpers -----------------------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """The real catalogue and one real template, to break."""
    target = tmp_path / "data"
    (target / "templates").mkdir(parents=True)
    shutil.copy2(DATA / "fields.yml", target / "fields.yml")
    shutil.copy2(DATA / FORGOT, target / FORGOT)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path.name}")


def _problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        templates.load(data_dir, TEST_AGENCY)
    return [str(problem) for problem in caught.value.problems]


def _one_at(problems: list[str], path: Path, line: int) -> str:
    found = [text for text in problems if f"{path.name}:{line}: " in text]
    assert len(found) == 1, f"expected one problem on line {line}:\n" + "\n".join(problems)
    return found[0]


# --- 1. a misspelt placeholder: its own line, and "did you mean" -------------------------------


def test_misspelt_placeholder_is_named_at_its_own_line_with_did_you_mean(data_dir):
    path = data_dir / FORGOT
    _edit(path, "Dear {interviewer_name},", "Dear {interviewr_name},")
    problems = _problems(data_dir)
    message = _one_at(problems, path, _line_of(path, "Dear {interviewr_name},"))
    assert "field 'channels.email.body'" in message
    assert "did you mean {interviewer_name}?" in message
    assert "listed" not in message and "fields:" not in message, "listing the typo is the wrong fix"
    assert len(problems) == 1, problems


def test_a_real_field_that_is_not_listed_says_to_list_it(data_dir):
    path = data_dir / FORGOT
    _edit(path, "  - id: company\n    required: true\n", "")
    problems = _problems(data_dir)
    message = _one_at(problems, path, _line_of(path, "very interested in this job at {company}"))
    assert "'{company}' is used here but not listed under 'fields'; add '- id: company' there" in message
    assert "did you mean" not in message


def test_a_misspelt_listed_field_gets_did_you_mean(data_dir):
    path = data_dir / FORGOT
    _edit(path, "  - id: role\n", "  - id: roll\n")
    problems = _problems(data_dir)
    message = _one_at(problems, path, _line_of(path, "- id: roll"))
    assert "'roll' is not in data/fields.yml (did you mean role?)" in message
    assert problems == [message], "one mistake, one message: {role} in the messages is what 'roll' stands for"


def test_a_stray_brace_is_named_at_its_own_line(data_dir):
    path = data_dir / FORGOT
    _edit(path, "Thank you for reading this.", "Thank you for {Reading} this.")
    message = _one_at(_problems(data_dir), path, _line_of(path, "Thank you for {Reading} this."))
    assert "'{Reading}' is not a placeholder" in message


LONG_TEXTS = """\
literal: |
  one
  two {x}

  four {y}
folded: >
  one
  two {x}

  four {y}
plain: one
  two {x}
  three {y}
quoted: "one \\t \\x41
  two {x} \\"
  three {y}"
single: 'it''s
  two {x}
  three {y}'
"""


@pytest.mark.parametrize("key", ["literal", "folded", "plain", "quoted", "single"])
def test_line_in_finds_the_line_of_a_place_inside_any_kind_of_text(tmp_path, key):
    path = tmp_path / "texts.yml"
    path.write_text(LONG_TEXTS, encoding="utf-8")
    located = read_yaml(path)
    text = located.text_at((key,))
    lines = LONG_TEXTS.splitlines()
    for name in ("{x}", "{y}"):
        line = located.line_in((key,), text.index(name))
        assert name in lines[line - 1] and lines[line - 1].lstrip().startswith(("two", "three", "four")), (key, name, line)


# --- 2. agency tokens ---------------------------------------------------------------------------


@pytest.mark.parametrize("token, meant", [("{{ agency.phnoe }}", "phone"), ("{{ agency.Phone }}", "phone"), ("{{agency.emial}}", "email")])
def test_misspelt_agency_token_gets_did_you_mean(token, meant):
    with pytest.raises(DataFileError) as caught:
        agency_details.fill(f"Call us.\n\nCall {token} today.", TEST_AGENCY, where="docs/contact.md")
    assert f"docs/contact.md:3: unknown token '{token}': did you mean {{{{ agency.{meant} }}}}?" in str(caught.value)


def test_token_line_counts_the_front_matter_mkdocs_took_off():
    source = "---\ndescription: How to reach us.\nstyles: [contact]\n---\n\n# Contact us\n\nCall {{ agency.phnoe }}.\n"
    first = agency_details.body_first_line(source)
    assert first == 6, "the '# Contact us' line"
    from mkdocs.utils.meta import get_data

    body, _ = get_data(source)  # what the page hook is handed
    with pytest.raises(DataFileError) as caught:
        agency_details.fill(body, TEST_AGENCY, where="docs/contact.md", first_line=first)
    line = source.splitlines().index("Call {{ agency.phnoe }}.") + 1
    assert f"docs/contact.md:{line}: unknown token" in str(caught.value)


def test_a_page_without_front_matter_starts_on_line_one():
    assert agency_details.body_first_line("# Contact us\n\nCall us.\n") == 1


# --- 3. YAML syntax: the line of the mistake, plain words first ---------------------------------


def test_missing_closing_quote_names_the_line_where_it_opened(data_dir):
    path = data_dir / FORGOT
    subject = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip().startswith('subject: "'))
    _edit(path, subject, subject.rstrip('"'))
    line = _line_of(path, "subject:")
    message = _one_at(_problems(data_dir), path, line)
    assert f'{path.name}:{line}: a quote (") opened on line {line} is never closed' in message
    assert message.index("never closed") < message.index("(YAML: ")


SYNTAX = [
    # (what is wrong, old, new, line holding the mistake, plain words the message starts with)
    ("colon in a text", "title: You forgot", "title: You forgot: sorry", "title: You forgot: sorry", "has a colon (:) where YAML does not expect one"),
    ("indented too little", "  voicemail:\n", " voicemail:\n", " voicemail:", "is not indented like the lines around it"),
    ("a tab", "situation: missed\n", "situation: missed\n\tx: 1\n", "\tx: 1", "has a tab: indent with spaces only"),
    ("a text that starts with [", "title: You forgot", "title: [You forgot", "title: [You forgot", "starts with [, which YAML reads as the start of a list"),
    ("a text that starts with {", 'to: "{interviewer_phone}"', "to: {interviewer_phone} please", "to: {interviewer_phone} please", "starts with { and goes on after the }"),
]


@pytest.mark.parametrize("case", SYNTAX, ids=[case[0] for case in SYNTAX])
def test_syntax_errors_say_what_is_wrong_in_plain_words_before_yamls_words(data_dir, case):
    _, old, new, needle, words = case
    path = data_dir / FORGOT
    _edit(path, old, new)
    line = _line_of(path, needle)
    message = _one_at(_problems(data_dir), path, line)
    plain = message.split(f"{path.name}:{line}: ", 1)[1]
    assert words in plain and plain.index(words) < plain.index("(YAML: "), message
    assert not plain.startswith("YAML")


# --- 4. each example against its kind ----------------------------------------------------------


def _first_example(kind: str) -> str:
    catalogue = yaml.safe_load((DATA / "fields.yml").read_text(encoding="utf-8"))
    return next(field["example"] for field in catalogue["fields"] if field["kind"] == kind)


EXAMPLES = [
    ("datetime", "12/01/2026 10am", "write it like 2026-12-01T10:00"),
    ("datetime", "2026-02-30T10:00", "write it like 2026-12-01T10:00"),
    ("email", "jordan.smith at example.com", "is not an email address"),
    ("tel", "555-0188", "write 10 digits"),
]


@pytest.mark.parametrize("kind, bad, words", EXAMPLES, ids=[f"{kind}-{bad}" for kind, bad, _ in EXAMPLES])
def test_an_example_that_does_not_fit_its_kind_is_refused_at_its_line(data_dir, kind, bad, words):
    path = data_dir / "fields.yml"
    _edit(path, f"    example: {_first_example(kind)}\n", f"    example: {bad}\n")
    with pytest.raises(DataFileError) as caught:
        templates.load_catalogue(path)
    message = _one_at([str(p) for p in caught.value.problems], path, _line_of(path, f"example: {bad}"))
    assert re.search(r"field 'fields\.\d+\.example': ", message) and f"'{bad}'" in message and words in message


def test_the_real_examples_fit_their_kinds():
    catalogue, _ = templates.load_catalogue(DATA / "fields.yml")
    assert {field.kind for field in catalogue.values()} >= {"datetime", "email", "tel"}


# --- 5. a content rule in the data model, with its reason --------------------------------------


def test_a_missed_interview_template_must_offer_both_calendar_files(data_dir):
    path = data_dir / FORGOT
    _edit(path, "  - id: callback_at\n", "")
    problems = _problems(data_dir)
    message = _one_at([p for p in problems if "calendar file" in p], path, _line_of(path, "fields:"))
    assert "templates for a missed, no-show or moved interview offer a calendar file for the new time and the call back" in message
    assert "list new_interview_at and callback_at under fields:" in message and "missing here: callback_at" in message


def test_the_rule_leaves_other_situations_alone(data_dir):
    path = data_dir / FORGOT
    _edit(path, "situation: missed", "situation: after")
    _edit(path, "  - id: callback_at\n", "")
    assert not any("calendar file" in problem for problem in _problems(data_dir))


def test_every_real_template_keeps_the_rule():
    loaded = templates.load(DATA, TEST_AGENCY)
    assert {t.situation for t in loaded.templates} >= set(templates.CALENDAR_SITUATIONS)


# --- 6. the README's deploy command, as written --------------------------------------------------


def _readme_nginx_command() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"`(python scripts/tools/nginx_conf\.py [^`]+)`", readme)
    assert found, "the README shows the nginx command"
    return shlex.split(found.group(1))


def _plain_python() -> str:
    """The Python this venv was made from: it has none of the project's packages."""
    base = getattr(sys, "_base_executable", "") or shutil.which("python3") or ""
    if not base or Path(base).absolute() == Path(sys.executable).absolute():  # a venv's python is a link to it
        pytest.skip("no Python outside the venv here")
    if subprocess.run([base, "-I", "-c", "import sitegen"], capture_output=True).returncode == 0:
        pytest.skip("this Python can import sitegen already")
    return base


@pytest.mark.parametrize("which", ["this venv's python", "a plain python"])
def test_readme_nginx_command_works_as_written(tmp_path, which):
    project = copy_project(tmp_path / "project")
    if not (project / "deploy").exists():
        shutil.copytree(ROOT / "deploy", project / "deploy")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>x</title><script>var a = 1;</script>\n", encoding="utf-8")
    python = sys.executable if which == "this venv's python" else _plain_python()
    places = {"/srv/advice/site": str(site), "/etc/nginx/advice": str(tmp_path / "out"), "...": str(tmp_path / "advice.pem")}
    words = _readme_nginx_command()
    assert words[:2] == ["python", "scripts/tools/nginx_conf.py"]
    command = [python, "-I", *[places.get(word, word) for word in words[1:]]]
    made = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    conf = (tmp_path / "out" / "site.conf").read_text(encoding="utf-8")
    assert "server_name advice.example.com;" in conf and "listen 443 ssl http2;" in conf
    assert "return 301 https://$host$request_uri;" in conf, "plain HTTP is sent to HTTPS"
    assert "'sha256-" in (tmp_path / "out" / "security-headers.conf").read_text(encoding="utf-8")


# --- 7. `make serve` shows a failed build in the browser ------------------------------------------


def _serve_errors():
    spec = importlib.util.spec_from_file_location("serve_errors_under_test", ROOT / "scripts" / "hooks" / "serve_errors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_error_page_shows_the_messages_as_text():
    page = _serve_errors().error_page(["data/x.yml:3: field 'a': <script>alert(1)</script> & more"])
    assert "data/x.yml:3: field &#x27;a&#x27;: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "<script" not in page


def test_error_page_never_empties_a_folder_serve_did_not_make(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.txt").write_text("mine", encoding="utf-8")
    _serve_errors().write_error_page(site, ["oops"])
    assert (site / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert "oops" in (site / "404.html").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    """The page's text, whatever its status (the error page also answers as 'not found')."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8", "replace")


def _wait_for(url: str, wanted, server: subprocess.Popen, seconds: float = 240) -> str:
    """Poll ``url`` until ``wanted(page)``; fail with the server's output at the deadline."""
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        try:
            page = _fetch(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            page = ""
        if page and wanted(page):
            return page
        time.sleep(1)
    raise AssertionError(f"{url} never showed what was wanted; last page:\n{page[:2000]}")


def test_make_serve_shows_a_broken_build_in_the_browser_and_recovers(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / FORGOT
    _edit(path, "Dear {interviewer_name},", "Dear {interviewr_name},")
    where = f"data/{FORGOT}:{_line_of(path, 'Dear {interviewr_name},')}"
    port = _free_port()
    env = dict(os.environ, MIH_PDFS="0", NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    env.pop("SITE_URL", None)
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    home = f"http://127.0.0.1:{port}/"
    broken = lambda page: "The site did not build" in page  # noqa: E731
    try:
        # The first build fails: the server still starts, and shows the file and line.
        page = _wait_for(home, broken, server)
        assert where in page and "did you mean {interviewer_name}?" in page
        # Fixed: the real home page comes back.
        _edit(path, "Dear {interviewr_name},", "Dear {interviewer_name},")
        _wait_for(home, lambda page: not broken(page) and "<title>" in page, server)
        # Broken again while serving: every address shows the new mistake.
        _edit(path, "title: You forgot", "title: [You forgot")
        where = f"data/{FORGOT}:{_line_of(path, 'title: [You forgot')}:"
        page = _wait_for(f"{home}checklists/", lambda page: broken(page) and where in page, server)
        assert "starts with [" in page
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)
        log.close()
