"""The security policy's pure functions (scripts/sitegen/security.py), checked against the CSP
specification's example, against Chromium itself, and against the real built site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.security import (
    CACHE_IMMUTABLE,
    PERMISSIONS_DENIED,
    REFERRER_POLICY,
    add_meta_policy,
    content_security_policy,
    fingerprinted_files,
    headers_file,
    inline_code_problems,
    inline_script_hashes,
    meta_policy_tag,
    script_hash,
    security_headers,
    site_pages,
    site_script_hashes,
    inline_scripts,
    theme_scripts,
    unknown_inline_scripts,
)
from testkit.project_data import mkdocs_config


def theme_dirs() -> list[Path]:
    """The theme's search path, as the build reads templates: overrides/ first, then Material."""
    return [Path(folder) for folder in mkdocs_config().theme.dirs]


# The example in the CSP specification and MDN: <script>alert('Hello, world.');</script>
SPEC_EXAMPLE = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


# --- hashes ------------------------------------------------------------------------------------

def test_hash_matches_the_specifications_example():
    assert inline_script_hashes("<script>alert('Hello, world.');</script>") == [SPEC_EXAMPLE]
    assert script_hash("alert('Hello, world.');") == SPEC_EXAMPLE


def test_only_inline_scripts_that_run_are_hashed():
    html = """
    <script src="/a.js"></script>
    <script src="/b.js">ignored();</script>
    <script type="application/json" id="__config">{"base": ".."}</script>
    <script type="text/template"><p>x</p></script>
    <script></script>
    <script type="module">alert('Hello, world.');</script>
    <script type="text/javascript; charset=utf-8">two();</script>
    <script type="TEXT/JAVASCRIPT">three();</script>
    <script language="javascript">four();</script>
    <script language="vbscript">five();</script>
    <script type="speculationrules">{"prefetch": []}</script>
    <!-- <script>commented_out();</script> -->
    <script data-note='a > b'>six();</script >
    <script>cut_off_by_the_end_of_the_file();"""
    assert inline_script_hashes(html) == [
        SPEC_EXAMPLE,
        script_hash("two();"),
        script_hash("three();"),
        script_hash("four();"),
        script_hash('{"prefetch": []}'),
        script_hash("six();"),
    ]


def test_text_is_hashed_exactly_as_written_after_newline_normalisation():
    source = "\n  var a = 1 &amp;&amp; '&lt;b>';\t\n  // café ✓ <\\/script>\n"
    assert inline_script_hashes(f"<SCRIPT>{source}</SCRIPT>") == [script_hash(source)]
    # Browsers read CR LF and lone CR as LF before anything else.
    assert inline_script_hashes("<script>a();\r\nb();\rc();</script>") == [script_hash("a();\nb();\nc();")]


def test_each_hash_once_in_page_order():
    html = "<script>b()</script><script>a()</script><script>b()</script>"
    assert inline_script_hashes(html) == [script_hash("b()"), script_hash("a()")]


TRICKY = [
    "window.ran.push(1)",
    "\n  window.ran.push(2); // café ✓ &amp; <b>\r\n",
    "window.ran.push(3); if ('</scr' + 'ipt>') {}",
]


def test_chromium_runs_exactly_the_hashed_scripts(browser):
    """The truth about "as browsers hash": Chromium runs every script whose hash we give,
    and refuses (and reports) one whose hash we leave out."""
    scripts = "".join(f"<script>{source}</script>" for source in TRICKY)
    html = (
        "<!doctype html><html><head><meta charset=utf-8><script>window.ran = []</script></head><body>"
        f"{scripts}<script type=application/json>{{\"data\": 1}}</script>"
        "<script>window.ran.push('not hashed')</script></body></html>"
    )
    hashes = inline_script_hashes(html)
    assert len(hashes) == 5
    policy = content_security_policy(hashes[:-1], for_meta=False)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script("""window.violations = [];
            document.addEventListener('securitypolicyviolation', e => window.violations.push(e.effectiveDirective));""")
        page.route("http://127.0.0.1:9/", lambda route: route.fulfill(
            status=200, body=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": policy}))
        page.goto("http://127.0.0.1:9/")
        assert page.evaluate("window.ran") == [1, 2, 3]
        assert page.evaluate("window.violations") == ["script-src-elem"]
    finally:
        context.close()


def test_inline_code_that_no_hash_can_allow_is_found():
    html = """<a href="javascript:void(0)">a</a><a href=" JavaScript:x">b</a><button onclick="go()">c</button>
    <p style="color: red">d</p><style>p {}</style><a href="/javascript:/">fine</a><img src="x.png" alt="">"""
    assert inline_code_problems(html) == [
        '<a href="javascript:…">',
        '<a href="javascript:…">',
        "<button onclick=…> event handler",
        "<p style=…> attribute",
        "<style> element",
    ]


# --- the policy and the headers --------------------------------------------------------------------

def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        assert name not in parsed, f"{name} twice"
        parsed[name] = values
    return parsed


def test_policy_for_headers_and_for_meta():
    hashes = [SPEC_EXAMPLE, script_hash("x"), SPEC_EXAMPLE]
    header = directives(content_security_policy(hashes, for_meta=False))
    assert header == {
        "default-src": ["'self'"],
        "script-src": ["'self'", *sorted({SPEC_EXAMPLE, script_hash("x")})],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    meta = directives(content_security_policy(hashes, for_meta=True))
    assert meta == {name: values for name, values in header.items() if name != "frame-ancestors"}
    # Same hashes in any order give the same policy, so generated files do not churn.
    assert content_security_policy(reversed(hashes), for_meta=False) == content_security_policy(hashes, for_meta=False)


@pytest.mark.parametrize("bad", ["'unsafe-inline'", "sha256-abc=", "'sha256-abc=' 'unsafe-eval'", "https:"])
def test_policy_takes_hashes_only(bad):
    with pytest.raises(ValueError):
        content_security_policy([bad], for_meta=False)


def test_headers_keep_what_the_site_uses_and_deny_the_rest():
    headers = dict(security_headers("default-src 'self'"))
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert REFERRER_POLICY in {"no-referrer", "same-origin"} and headers["Referrer-Policy"] == REFERRER_POLICY
    features = dict(item.split("=") for item in headers["Permissions-Policy"].split(", "))
    assert set(features.values()) == {"()"}
    assert {"camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"} <= set(features)
    # The copy buttons and the share control need these.
    assert "clipboard-write" not in PERMISSIONS_DENIED and "web-share" not in PERMISSIONS_DENIED


def test_headers_file_for_netlify_and_cloudflare_pages():
    policy = content_security_policy([SPEC_EXAMPLE], for_meta=False)
    paths = ["/assets/stylesheets/main.57a0d79d.min.css", "/assets/javascripts/bundle.a5f9d56c.min.js"]
    text = headers_file(policy, paths)
    rules: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("/"):
            current = rules.setdefault(line, {})
        else:
            assert line.startswith("  ") and not line.startswith("   "), line
            name, value = line.strip().split(": ", 1)
            assert name not in current
            current[name] = value
    assert rules["/*"] == dict(security_headers(policy))
    assert "Cache-Control" not in rules["/*"]  # one rule per path sets it: hosts merge differently
    assert {path: rule for path, rule in rules.items() if path != "/*"} == {
        path: {"Cache-Control": CACHE_IMMUTABLE} for path in paths
    }
    assert max(len(line) for line in text.splitlines()) < 2000  # Cloudflare's limit per line
    with pytest.raises(ValueError):
        headers_file(policy, ["assets/no-leading-slash.0123abcd.js"])


def test_meta_tag_comes_first_in_head_and_is_escaped():
    policy = "default-src 'self'; script-src 'self' \"x\" <y> &"
    tag = meta_policy_tag(policy)
    assert tag == ('<meta http-equiv="Content-Security-Policy" '
                   'content="default-src \'self\'; script-src \'self\' &quot;x&quot; &lt;y&gt; &amp;">')
    page = '<!doctype html><html><head>\n<meta charset="utf-8">\n<script>x()</script></head></html>'
    assert add_meta_policy(page, policy) == page.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + tag)
    assert add_meta_policy("<html><head lang=en><title>t</title>", policy).startswith(f"<html><head lang=en>{tag}")
    with pytest.raises(ValueError):
        add_meta_policy("<p>no head</p>", policy)


# --- the real site -------------------------------------------------------------------------------

def test_every_page_has_only_the_themes_inline_scripts_and_no_other_inline_code(built_site):
    known = theme_scripts(theme_dirs())
    for page in site_pages(built_site):
        html = page.read_text(encoding="utf-8")
        if '<meta http-equiv="refresh"' in html:  # a short address: no Material, no inline script
            assert inline_script_hashes(html) == [] and inline_code_problems(html) == [], page
            continue
        assert inline_script_hashes(html), page
        assert unknown_inline_scripts(html, known) == [], page
        assert inline_code_problems(html) == [], page


def test_one_set_of_inline_scripts_serves_the_whole_site(built_site):
    """Needs Material's `extra.scope` in mkdocs.yml: without it, the storage-helper script
    names the path to the site root ("..", "../.."), which differs with each page's depth.
    Each theme script the pages use is then one hash, the same on every page."""
    hashes = site_script_hashes(built_site, theme_scripts(theme_dirs()))
    used = {script_hash(source) for page in site_pages(built_site) for source in inline_scripts(page.read_text(encoding="utf-8"))}
    assert set(hashes) == used
    assert len(hashes) <= len(theme_scripts(theme_dirs())), (
        "Pages differ in their inline scripts: is `extra: scope: /` still in mkdocs.yml?")


def test_fingerprinted_files_include_materials_bundle_and_stylesheet(built_site):
    found = fingerprinted_files(built_site)
    assert any(re.fullmatch(r"/assets/javascripts/bundle\.[0-9a-f]{8,}\.min\.js", path) for path in found)
    # Material's name, then the hash of the cut sheet (sitegen.unused_css)
    assert any(re.fullmatch(r"/assets/stylesheets/main\.[0-9a-f]{8,}\.min\.[0-9a-f]{8}\.css", path) for path in found)
    assert not any(path.endswith(".html") for path in found)
