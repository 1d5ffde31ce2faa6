"""Content-hashed asset names (scripts/sitegen/fingerprint.py): the pure planning on small
made-up sites, then the real build: every asset of ours renamed, every reference followed."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from sitegen.project import CHECKOUT, ROOT
from sitegen.fingerprint import FingerprintError, compact, fingerprint_site, hashed_name, own_assets, plan, rewrite_page
from sitegen.security import FINGERPRINTED
from testkit.site_pages import page_file, page_urls

JS = "assets/javascripts/"
CSS = "assets/stylesheets/"


def small_site() -> dict[str, bytes]:
    return {
        JS + "main.js": b'const C = new Map([["a", () => import("./components/a.js")], ["b", () => import(\'./components/b.js\')]]);\n',
        JS + "components/a.js": b'import { x } from "../lib/x.js";\nexport * from "../lib/y.js";\nimport "../side.js";\n',
        JS + "components/b.js": b'import {x} from"../lib/x.js";\nimport("https://elsewhere.example/z.js");\n',
        JS + "lib/x.js": b"export const x = 1;\n",
        JS + "lib/y.js": b"export const y = 2;\n",
        JS + "side.js": b"console.log('side');\n",
        CSS + "site.css": b'@import "parts.css";\n.a { background: url(../images/dot.svg) }\n.b { mask: url("data:image/svg+xml,<svg/>") }\n',
        CSS + "parts.css": b".p { background: url('icons/i.svg#x') }\n",
        CSS + "icons/i.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    }


def name_of(result, path: str) -> str:
    return result[path][0].rsplit("/", 1)[-1]


def test_names_carry_a_hash_of_the_content_that_nginx_and_headers_recognise():
    assert hashed_name("main.js", b"x") == "main.2d711642.js"
    assert hashed_name("qrcode.min.js", b"x") == "qrcode.min.2d711642.js"
    assert hashed_name("LICENSE", b"x") == "LICENSE.2d711642"
    for name in ["main.2d711642.js", "qrcode.min.2d711642.js", "print.2d711642.css"]:
        assert FINGERPRINTED.search("/assets/" + name), name


def _squeezed(content: bytes) -> str:
    return re.sub(r"\s+", "", content.decode())


def _sq(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_kind_of_reference_is_rewritten():
    result = plan(small_site())
    # Minified, so compared without spaces.
    main = _squeezed(result[JS + "main.js"][1])
    assert _sq(f'import("./components/{name_of(result, JS + "components/a.js")}")') in main
    assert _sq(f"import('./components/{name_of(result, JS + 'components/b.js')}')") in main
    a = _squeezed(result[JS + "components/a.js"][1])
    assert _sq(f'from "../lib/{name_of(result, JS + "lib/x.js")}"') in a
    assert _sq(f'export * from "../lib/{name_of(result, JS + "lib/y.js")}"') in a
    assert _sq(f'import "../{name_of(result, JS + "side.js")}"') in a
    b = _squeezed(result[JS + "components/b.js"][1])
    assert _sq(f'from"../lib/{name_of(result, JS + "lib/x.js")}"') in b
    assert _sq('import("https://elsewhere.example/z.js")') in b  # another host: left alone
    css = _squeezed(result[CSS + "site.css"][1])
    assert _sq(f'@import "{name_of(result, CSS + "parts.css")}";') in css
    assert _sq("url(../images/dot.svg)") in css and 'url("data:image/svg+xml,<svg/>")' in css  # not ours / data
    parts = _squeezed(result[CSS + "parts.css"][1])
    assert _sq(f"url('icons/{name_of(result, CSS + 'icons/i.svg')}#x')") in parts  # fragment kept
    for old, (new, _) in result.items():
        assert re.fullmatch(re.escape(old.rsplit(".", 1)[0]) + r"\.[0-9a-f]{8}\." + old.rsplit(".", 1)[1], new), new


def test_a_change_renames_the_file_and_everything_that_imports_it_and_nothing_else():
    before = plan(small_site())
    changed = small_site()
    changed[JS + "lib/x.js"] = b"export const x = 3;\n"
    after = plan(changed)
    renamed = {path for path in before if before[path][0] != after[path][0]}
    assert renamed == {JS + "lib/x.js", JS + "components/a.js", JS + "components/b.js", JS + "main.js"}
    # The same input always gives the same names (stable from build to build).
    assert plan(small_site()) == before


def test_the_hash_covers_the_rewritten_content():
    result = plan(small_site())
    for path, (new, content) in result.items():
        assert new.rsplit("/", 1)[-1] == hashed_name(path.rsplit("/", 1)[-1], content)


def test_a_missing_module_or_an_import_cycle_stops_with_a_message():
    with pytest.raises(FingerprintError, match=r"main\.js imports '\./nothing\.js', but there is no assets/javascripts/nothing\.js"):
        plan({JS + "main.js": b'import("./nothing.js")'})
    with pytest.raises(FingerprintError, match="cycle.*a.js -> .*b.js -> .*a.js"):
        plan({JS + "a.js": b'import "./b.js";', JS + "b.js": b'import "./a.js";'})


def test_pages_point_at_the_new_names_relative_or_absolute():
    renamed = {JS + "main.js": JS + "main.0123abcd.js", CSS + "site.css": CSS + "site.89abcdef.css"}
    html = ('<link rel="stylesheet" href="../../assets/stylesheets/site.css">'
            '<script src="../../assets/javascripts/main.js" type="module"></script>'
            '<link rel="stylesheet" href="/help/assets/stylesheets/site.css?v=1">'
            '<a href="../../assets/javascripts/other.js">x</a><a href="https://example.com/assets/stylesheets/site.css">y</a>')
    out = rewrite_page(html, "checklists/one/index.html", renamed, "/help/")
    assert out == ('<link rel="stylesheet" href="../../assets/stylesheets/site.89abcdef.css">'
                   '<script src="../../assets/javascripts/main.0123abcd.js" type="module"></script>'
                   '<link rel="stylesheet" href="/help/assets/stylesheets/site.89abcdef.css?v=1">'
                   '<a href="../../assets/javascripts/other.js">x</a><a href="https://example.com/assets/stylesheets/site.css">y</a>')


def test_fingerprint_site_renames_files_on_disk(tmp_path):
    site = tmp_path / "site"
    for path, content in small_site().items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(content)
    (site / "index.html").write_text('<script src="assets/javascripts/main.js" type="module"></script>')
    renamed = fingerprint_site(site, small_site())
    for old, new in renamed.items():
        assert not (site / old).exists() and (site / new).is_file()
    assert renamed[JS + "main.js"] in (site / "index.html").read_text()


# --- the real build ------------------------------------------------------------------------------

FOLDERS = ("assets/javascripts", "assets/stylesheets")


def test_every_asset_of_ours_is_renamed_and_every_reference_resolves(built_site):
    sources = own_assets(ROOT / "docs", ROOT / "docs", FOLDERS)
    assert any(p.endswith("/main.js") for p in sources) and any(p.endswith("/site.css") for p in sources)
    for source in sources:
        folder, name = source.rsplit("/", 1)
        stem, ext = name.rsplit(".", 1)
        found = [p.name for p in (built_site / folder).glob(f"{stem}.*.{ext}") if re.fullmatch(re.escape(stem) + r"\.[0-9a-f]{8}\." + re.escape(ext), p.name)]
        assert len(found) == 1 and not (built_site / source).exists(), source
        assert FINGERPRINTED.search("/" + folder + "/" + found[0]), found
    # Every href/src of every page and every relative import of every module names a file that exists.
    missing = []
    for url in page_urls(built_site):
        page = page_file(built_site, url)
        for ref in re.findall(r'\s(?:href|src)="([^"#?]+)"', page.read_text(encoding="utf-8")):
            if "/assets/" in "/" + ref and not ref.startswith(("http:", "https:")):
                target = (built_site / ref.lstrip("/")) if ref.startswith("/") else (page.parent / ref)
                if not target.resolve().is_file():
                    missing.append(f"{url}: {ref}")
    for module in (built_site / "assets" / "javascripts").rglob("*.js"):
        for ref in re.findall(r"""(?:\bimport\s*\(\s*|\bfrom\s*|\bimport\s*)["'](\.{1,2}/[^"']+)["']""", module.read_text()):
            if not (module.parent / ref).resolve().is_file():
                missing.append(f"{module.name}: {ref}")
    assert missing == []


# --- comments out -----------------------------------------------------------------------------

def test_minified_js_keeps_strings_templates_and_regular_expressions():
    source = '''// a comment
/* a block
   comment */
export const url = "https://example.com/a//b"; // after code
const quote = 'it\\'s /* not a comment */';
const re = /\\/\\*[/]x/g, half = total / 2 / count;
const t = `line one
    // kept: inside a template ${ { a: 1 }.a + `${"nested // too"}` } /* kept */`;
if (x) { return /a\\/b/.test(s) } /* inline */ const y = 1;
'''
    out = compact("a.js", source.encode()).decode()
    for kept in ('"https://example.com/a//b"', "'it\\'s /* not a comment */'", "/\\/\\*[/]x/g", "total/2/count",
                 "`line one\n    // kept: inside a template ${", '`${"nested // too"}`', "/* kept */`", "/a\\/b/.test(s)"):
        assert kept in out, kept
    assert "// a comment" not in out and "a block" not in out and "/* inline */" not in out and "after code" not in out


def test_minified_css_keeps_strings_and_drops_comments():
    source = '/* head */\n.a {\n  content: "/* kept */";\n  color: red; /* why */\n}\n\n\n.b { background: url(x.svg) }\n'
    assert compact("a.css", source.encode()).decode() == '.a{content:"/* kept */";color:red}.b{background:url(x.svg)}\n'


def test_already_minified_files_are_left_alone():
    assert compact("vendor/x.min.js", b"/* keep */ a  =  1") == b"/* keep */ a  =  1"


def test_compacted_modules_pass_the_javascript_unit_tests(tmp_path):
    """The Node unit tests (tests/js) run against the compacted modules, as the site ships them."""
    node = shutil.which("node")
    if not node:
        pytest.skip("no node")
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "docs" / "assets" / "javascripts", copy / "docs" / "assets" / "javascripts")
    shutil.copy(ROOT / "docs" / "sw.js", copy / "docs" / "sw.js")  # the service worker, minified like them
    shutil.copytree(CHECKOUT / "tests" / "js", copy / "tests" / "js")  # the unit tests are code of this checkout
    for module in (copy / "docs").rglob("*.js"):
        if ".min." not in module.name:
            module.write_bytes(compact(module.name, module.read_bytes()))
    done = subprocess.run([node, "--test", "tests/js/"], cwd=copy, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_every_built_module_parses(built_site):
    node = shutil.which("node")
    if not node:
        pytest.skip("no node")
    modules = [p for p in (built_site / "assets" / "javascripts").rglob("*.js")
               if FINGERPRINTED.search(p.name) and not p.name.startswith(("bundle.", "search."))]
    assert modules
    for module in modules:
        # --check parses without running; .mjs makes Node read it as an ES module.
        checked = subprocess.run([node, "--input-type=module", "--check"], input=module.read_text(), capture_output=True, text=True)
        assert checked.returncode == 0, f"{module.name}: {checked.stderr}"
