"""Which translated texts need the maintainer, and marking a translation reviewed.

Usage (from the project folder):
  python scripts/tools/translations.py                  # list every Spanish text that is missing or behind
  python scripts/tools/translations.py reviewed FILE... # after updating FILE, record that it matches today's English
  --language es (the default) picks the language.
Exits 1 while anything is listed, so it can stop a script. sitegen/translations.py has the rules.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from sitegen import translations  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", choices=["status", "reviewed"], default="status")
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--language", default="es")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "reviewed":
        if not args.files:
            parser.error("name the translated files to mark reviewed, like data/es/templates/forgot.yml")
        for path in args.files:
            translations.mark_reviewed(root, (path if path.is_absolute() else Path.cwd() / path).resolve(), args.language)
            print(f"reviewed: {path}")
        return 0
    found = translations.gaps(root, args.language)
    for gap in found:
        print(gap)
    print(f"{len(found)} text(s) to look at" if found else f"every '{args.language}' text is in step with the English")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
