"""See each component test fail on purpose: for each mutation below, copy docs/assets/ to a
temporary folder, break one thing in the copy, run the tests named by the mutation against it
(MIH_COMPONENT_ASSETS, read by conftest.py) and list which failed. A mutation that fails none
of its tests is reported as such. Nothing in docs/ is touched.

    .venv/bin/python tests/components/break_on_purpose.py [name ...]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "docs" / "assets"
JS = "javascripts/"

# name: (-k expression, [(file under assets/, old text, new text)])
MUTATIONS = {
    "checklist-progress-stuck": ("checklist and not storage", [(JS + "components/checklist.js", "done: tickedIds(list).length", "done: 0")]),
    "checklist-not-restored": ("checklist", [(JS + "components/checklist.js", "box.checked = saved.includes(", "box.checked = false && saved.includes(")]),
    "checklist-reset-keeps-ticks": ("checklist", [(JS + "components/checklist.js", "    untickAll(list);\n    close();", "    close();")]),
    "checklist-silent-when-unsaved": ("checklist or storage", [
        (JS + "components/checklist.js", "if (!local.canWrite()) showUnsaved(list);", ""),
        (JS + "components/checklist.js", "if (!saveTicks(list.key, tickedIds(list))) showUnsaved(list);", "saveTicks(list.key, tickedIds(list));")]),
    "message-words-not-filled": ("message_template or link_builder or storage", [(JS + "components/message-template.js", "element.textContent = run.value || run.blank;", "element.textContent = run.blank;")]),
    "message-values-as-markup": ("message_template", [(JS + "components/message-template.js", "element.textContent = run.value || run.blank;", "element.innerHTML = run.value || run.blank;")]),
    "message-kept-details-dropped": ("message_template or link_builder or storage", [(JS + "components/message-template.js", "    input.value = value;\n    if (input.value) filled += 1;", "    input.value = \"\";")]),
    "message-remember-always-says-on": ("message_template or storage", [(JS + "components/message-template.js", "} else if (writeArea(page, local)) {", "} else if ((writeArea(page, local), true)) {")]),
    "message-clear-keeps-device": ("message_template", [(JS + "components/message-template.js", "function clearAll(page, quiet = false) {", "function clearAll(page, quiet = false) { return;")]),
    "message-remember-off-keeps": ("message_template", [(JS + "components/message-template.js", "  if (!page.remember.checked) {\n    local.remove(STORE);", "  if (!page.remember.checked) {")]),
    "share-copies-fragment": ("share", [(JS + "components/share.js", "navigator.clipboard.writeText(url)", "navigator.clipboard.writeText(location.href)")]),
    "share-copy-failure-says-copied": ("share", [(JS + "components/share.js", 'say(root.getAttribute("data-copy-failed"))', 'say(root.getAttribute("data-copied"))')]),
    "share-sheet-gets-fragment": ("share", [(JS + "components/share.js", "navigator.share({ title, url })", "navigator.share({ title, url: location.href })")]),
    "link-builder-leaks": ("link_builder", [(JS + "components/link-builder.js", "    output.value = link;", "    output.value = link; new Image().src = \"/log?\" + encodeURIComponent(link);")]),
    "link-builder-drops-a-detail": ("link_builder", [(JS + "lib/personal-link.js", "  for (const [name, value] of pairs) {", "  for (const [name, value] of Array.from(pairs).slice(1)) {")]),
    "storage-unguarded": ("storage or checklist or message_template", [
        (JS + "storage.js", "    return globalThis[name] || null;", "    return globalThis[name];"),
        (JS + "storage.js", "  if (!store) return fallback;\n  try {\n    return call(store);\n  } catch (error) {\n    return fallback;\n  }",
         "  return call(store);")]),
    "storage-garbage-thrown": ("storage", [(JS + "storage.js", "getJSON: (key) => guarded(name, null, (store) => JSON.parse(store.getItem(key))),",
                                            "getJSON: (key) => { const s = reach(name); return s ? JSON.parse(s.getItem(key)) : null; },")]),
    "details-device-ignored": ("storage or message_template", [(JS + "details.js", "  const remembered = readArea(local);\n  return remembered ?", "  const remembered = null;\n  return remembered ?")]),
}


def run(name: str) -> list[str]:
    expression, edits = MUTATIONS[name]
    with tempfile.TemporaryDirectory(prefix="mih-broken-") as folder:
        broken = Path(folder) / "assets"
        shutil.copytree(ASSETS, broken)
        for file, old, new in edits:
            path = broken / file
            text = path.read_text(encoding="utf-8")
            if old not in text:
                raise SystemExit(f"{name}: {file} no longer has {old!r}: update this mutation")
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        env = dict(os.environ, MIH_COMPONENT_ASSETS=str(broken))
        result = subprocess.run([sys.executable, "-m", "pytest", "tests/components", "-q", "-p", "no:cacheprovider",
                                 "-p", "no:xdist", "-k", expression, "-rfX", "--timeout=60" if _has_timeout() else "-q"],
                                cwd=ROOT, env=env, capture_output=True, text=True)
    return re.findall(r"^(?:FAILED|XPASS) (\S+)", result.stdout, re.M)


def _has_timeout() -> bool:
    try:
        import pytest_timeout  # noqa: F401
    except ImportError:
        return False
    return True


def main(names: list[str]) -> int:
    silent = []
    for name in names or MUTATIONS:
        failed = run(name)
        print(f"{name}: {len(failed)} failed")
        for test in failed:
            print(f"    {test}")
        if not failed:
            silent.append(name)
    if silent:
        print("no test failed for: " + ", ".join(silent))
    return 1 if silent else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
