"""scripts/hooks/html.py's own text changes, on small inputs (the built pages are checked by
the HTML checker and the browser tests)."""

from __future__ import annotations

import importlib.util

from sitegen.project import ROOT

_spec = importlib.util.spec_from_file_location("html_hook", ROOT / "scripts" / "hooks" / "html.py")
html_hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(html_hook)


def test_indentation_between_tags_becomes_one_line_break_but_never_where_whitespace_is_content():
    page = ("<div>\n    <p>a <b>b</b> c</p>\n\n  <ul>\n <li>x</li></ul>"
            "<pre>  keep\n    <b>this</b>\n  </pre>\n   <textarea>\n  typed\n  </textarea>"
            "<script>\n  if (a < b) {\n  }\n</script>  <span>a</span> <span>b</span></div>")
    out = html_hook.drop_indentation(page)
    assert out == ("<div>\n<p>a <b>b</b> c</p>\n<ul>\n<li>x</li></ul>"
                   "<pre>  keep\n    <b>this</b>\n  </pre>\n   <textarea>\n  typed\n  </textarea>"
                   "<script>\n  if (a < b) {\n  }\n</script>  <span>a</span> <span>b</span></div>")
