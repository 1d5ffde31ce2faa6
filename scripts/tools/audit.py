"""Lighthouse (mobile profile) on one page of each kind, the site served by nginx as it is
deployed: prints the four scores per page. `make audit` runs it; tests/test_audit.py uses
``audit()`` and asserts accessibility, best practices and SEO at 100.

Lighthouse is npm's `lighthouse`, pinned in package.json (npm ci installs it); the browser is
Debian's chromium (CHROME_PATH, or `chromium` on the PATH). By default the site is built
afresh into a temporary folder; --site-dir audits a site already built (its sitemap then
names another address, which only instant navigation would notice).

Usage: python scripts/tools/audit.py [--site-dir DIR] [--page URL-PATH ...] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitegen.project import CHECKOUT, ROOT

LIGHTHOUSE = CHECKOUT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The home page, a guide, a situation, a checklist and a message template.
PAGES = ["", "what-to-do-now/", "situations/missed/", "checklists/missed-interview/", "templates/illness/"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"


class AuditError(RuntimeError):
    pass


def chrome_path() -> str:
    """CHROME_PATH, else Debian's chromium (installed with apt-get when we are root, as the
    browser tests do)."""
    from testkit.system_packages import install_command

    found = os.environ.get("CHROME_PATH") or install_command("chromium", "chromium")
    if not found:
        raise AuditError("No Chromium: apt-get install chromium, or set CHROME_PATH.")
    return found


def page_exists(site: Path, url: str) -> bool:
    return (site / url / "index.html").is_file() if url.endswith("/") or not url else (site / url).is_file()


def lighthouse(url: str) -> dict:
    """One Lighthouse run, mobile (its default: a mid-range phone, simulated slow 4G).
    Returns {category: score 0-100, "audits": [what lost points outside performance]}."""
    if not LIGHTHOUSE.exists():
        raise AuditError("Lighthouse is not installed: npm ci (make test does it too).")
    command = [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    env = dict(os.environ, CHROME_PATH=chrome_path())
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180)
    if done.returncode != 0 and "Please run Lighthouse again" in done.stderr:
        # Lighthouse's own trace recording sometimes misses the navigation (NO_NAVSTART) on a
        # busy machine; it says to run it again, so it gets one more try.
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180)
    if done.returncode != 0 or not done.stdout.strip():
        raise AuditError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    if report.get("runtimeError"):
        raise AuditError(f"lighthouse on {url}: {report['runtimeError']}")
    result = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    lost = []
    for name in CATEGORIES[1:]:
        for ref in report["categories"][name]["auditRefs"]:
            audit_ = report["audits"][ref["id"]]
            if ref["weight"] and audit_["score"] is not None and audit_["score"] < 1:
                lost.append(f"{name}: {ref['id']} ({audit_['title']})")
    result["audits"] = lost
    metrics = report["audits"]
    result["metrics"] = {key: metrics[key].get("displayValue", "") for key in
                         ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
                         if key in metrics}
    return result


def audit(base_url: str, pages: list[str]) -> dict[str, dict]:
    """Lighthouse on each page of ``pages`` (URL paths) under ``base_url``, one run each."""
    return {page: lighthouse(base_url + page) for page in pages}


def table(results: dict[str, dict]) -> str:
    lines = [f"{'page':<32} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5}"]
    for page, scores in results.items():
        lines.append(f"{'/' + page:<32} " + " ".join(f"{scores[c]:>5}" for c in CATEGORIES))
        lines += [f"    {line}" for line in scores["audits"]]
        if scores.get("metrics"):
            lines.append("    " + ", ".join(f"{k}: {v}" for k, v in scores["metrics"].items()))
    return "\n".join(lines)


def build_site(out: Path, site_url: str) -> None:
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, str(ROOT / "scripts" / "tools" / "build.py"), "--site-dir", str(out), "-q"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise AuditError(f"build failed:\n{done.stdout}\n{done.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--page", action="append", help="a URL path to audit (default: one of each kind)")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    args = parser.parse_args(argv)

    from testkit import nginx  # the same nginx setup as the tests

    server = nginx.bind()
    try:
        with tempfile.TemporaryDirectory(prefix="audit-") as temp:
            site = args.site_dir
            if site is None:
                site = Path(temp) / "site"
                build_site(site, server.url)
            pages = args.page or PAGES
            skipped = [page for page in pages if not page_exists(site, page)]
            pages = [page for page in pages if page not in skipped]
            base = server.start(site)
            started = time.monotonic()
            results = audit(base, pages)
            print(table(results))
            for page in skipped:
                print(f"/{page}: not in this site, skipped")
            print(f"Lighthouse {len(pages)} pages in {time.monotonic() - started:.0f} s (mobile profile)")
            if args.json:
                args.json.write_text(json.dumps(results, indent=2))
    except AuditError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        server.stop()
    below = [page for page, scores in results.items() if any(scores[c] < 100 for c in CATEGORIES[1:])]
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
