#!/usr/bin/env python3
"""Build the report site into site/ (or just check the sources with --check).

    python build_site.py              validate, then build site/ with mkdocs (strict)
    python build_site.py --check      validate chapters and recommendations.yaml only
    python build_site.py --site-dir public --config mkdocs.yml
    python build_site.py --no-pdf     skip the full-report PDF (faster)
    python build_site.py new DIR      start a new report in DIR (placeholders to replace)

Errors are printed one per line as ``file:line:column: message`` and the command
exits 1; the previous site/ is only replaced once a new build has fully succeeded.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from report_site import build, errors, reproducible  # noqa: E402


def report(lines: list[str], warning: bool = False) -> None:
    """Print problems one per line on stderr; under GitHub Actions also as annotations."""
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for line in lines:
        print(line, file=sys.stderr)
        problem = errors.parse(line)
        if annotate and problem:
            if warning and problem.severity == "error":
                problem = errors.Problem(problem.path, problem.line, problem.message, problem.column, "warning")
            print(problem.annotation(), flush=True)
        elif annotate:
            print(f"::{'warning' if warning else 'error'}::{line}", flush=True)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # run the cleanup that removes the half-built staging directory


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["new"]:
        from report_site import skeleton

        return skeleton.main(argv[1:])
    parser = argparse.ArgumentParser(
        prog="build_site.py",
        description="Build the report website from report/ and recommendations.yaml with mkdocs.",
        epilog="Exit status: 0 on success, 1 on any error in the sources or the build, 2 on bad usage.",
    )
    parser.add_argument("--check", action="store_true", help="validate the sources without building (fast; for pre-commit)")
    parser.add_argument("--config", "-f", default="mkdocs.yml", help="mkdocs configuration file (default: mkdocs.yml)")
    parser.add_argument("--site-dir", "-d", default=None, help="output directory (default: site_dir from the config, site/)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the full-report PDF (faster; the site then has no PDF link)")
    parser.add_argument("--strict", action="store_true", help="also fail on warnings such as a recommendation no passage argues for")
    parser.add_argument("--verbose", "-v", action="store_true", help="show mkdocs' progress messages")
    args = parser.parse_args(argv)

    reproducible.ensure_source_date_epoch(Path(args.config).resolve().parent)
    build.configure_logging(verbose=args.verbose)
    started = time.perf_counter()
    try:
        if args.check:
            summary = build.check(Path(args.config), strict=args.strict)
            report(summary.warnings, warning=True)
            print(f"OK: {summary.describe()} ({time.perf_counter() - started:.2f} s)")
        else:
            summary = build.build(Path(args.config), site_dir=args.site_dir, strict=args.strict, pdf=not args.no_pdf)
            report(summary.warnings, warning=True)
            print(f"Built {summary.describe()} into {summary.site_dir} in {time.perf_counter() - started:.1f} s"
                  + (f" (PDF: {summary.pdf})" if summary.pdf else ""))
    except build.BuildFailed as exc:
        report(exc.lines)
        print(f"build_site.py: {exc.summary}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("build_site.py: interrupted; site/ left unchanged", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug, not bad input: still one line, still exit 1
        if args.verbose:
            raise
        print(f"build_site.py: internal error ({type(exc).__name__}: {exc}); site/ left unchanged; rerun with --verbose for details", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    sys.exit(main())
