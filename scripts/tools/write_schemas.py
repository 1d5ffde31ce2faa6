"""Write the JSON Schemas in schemas/ from the pydantic models, so editors check data files as you type.

Usage: python scripts/tools/write_schemas.py          (rewrite schemas/*.schema.json)
       python scripts/tools/write_schemas.py --check  (exit 1 if a committed schema is out of date)
"""

from __future__ import annotations

import argparse
import sys

from sitegen import schemas
from sitegen.project import ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if a schema is out of date")
    args = parser.parse_args(argv)
    if args.check:
        stale = schemas.stale()
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python scripts/tools/write_schemas.py", file=sys.stderr)
        return 1 if stale else 0
    for path in schemas.write_all():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
