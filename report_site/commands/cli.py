"""The ``report-site`` command: build the report site into site/, check it, start a new report, test it.

    report-site                  validate, then build site/ with mkdocs (strict); also `report-site build`
    report-site --check          validate chapters and recommendations.yaml only
    report-site --site-dir public --config mkdocs.yml
    report-site --no-pdf         skip the full-report PDF (faster)
    report-site --update-anchors record the paragraph anchors in anchors.lock
    report-site new DIR          start a new report project in DIR (placeholders to replace)
    report-site import FILE.docx DIR   start a new report project in DIR from a Word file
    report-site citation         rewrite CITATION.cff from the metadata in mkdocs.yml
    report-site test [--fast]    the report's own checks (report_site/checks/)
    report-site requirements     a report project's requirements.txt for this generator

Installed as a console script by the package, so a report project (which has no code of
its own) runs it from its .venv; this repository's ``build_site.py`` is the same command.
Errors are printed one per line as ``file:line:column: message`` and the command
exits 1; the previous site/ is only replaced once a new build has fully succeeded.
"""

from __future__ import annotations

import argparse
import errno
import functools
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from report_site import errors
from report_site.commands import build


class OutputClosed(Exception):
    """Standard output went away (``build_site.py | head``, a closed pipe): said as such."""


def say(text: str) -> None:
    """Print on stdout; a closed stdout is reported for what it is, not as a failed build."""
    try:
        print(text, flush=True)
    except (BrokenPipeError, ValueError, AttributeError, OSError) as exc:
        if (
            isinstance(exc, OSError)
            and not isinstance(exc, BrokenPipeError)
            and exc.errno not in (errno.EPIPE, errno.EBADF)
        ):
            raise
        _silence_stdout()
        raise OutputClosed from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process


def report(lines: list[str], warning: bool = False) -> None:
    """Print problems one per line on stderr; under GitHub Actions also as annotations."""
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for line in lines:
        print(line, file=sys.stderr)
        problem = errors.parse(line)
        if annotate and problem:
            if warning and problem.severity == "error":
                problem = errors.Problem(
                    problem.path, problem.line, problem.message, problem.column, "warning"
                )
            say(problem.annotation())
        elif annotate:
            say(f"::{'warning' if warning else 'error'}::{_one_line(line)}")


def _one_line(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # run the cleanup that removes the half-built staging directory


def run() -> int:
    """The console script ``report-site``: a TERM signal cleans up as an interrupt does."""
    signal.signal(signal.SIGTERM, terminate)
    return main()


def entry(prog: str) -> Callable[..., int]:
    """``main`` under another command name (``build_site.py``), for its messages and usage."""
    return functools.partial(main, prog=prog)


SUBCOMMANDS = """other commands:
  new DIR            start a new report project in DIR (it installs this generator and builds as made)
  import FILE.docx DIR   start a new report project in DIR from a Word file, counting what it wrote
  citation           rewrite CITATION.cff from the metadata in mkdocs.yml (--config to name another file)
  test [--fast]      the report's checks: strict build, links and anchors, anchors.lock, verbatim text,
                     axe-core on every page in Chromium (--fast: no browser); pytest options follow
  requirements       print a report project's requirements.txt for this generator (after upgrading it)

Exit status: 0 on success, 1 on any error in the sources or the build, 2 on bad usage."""


def main(argv: list[str] | None = None, prog: str = "report-site") -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["new"]:
        from report_site.commands import skeleton

        return skeleton.main(argv[1:], prog=f"{prog} new")
    if argv[:1] == ["import"]:
        from report_site import wordimport

        return wordimport.main(argv[1:], prog=f"{prog} import")
    if argv[:1] == ["requirements"]:
        from report_site.commands import skeleton

        return skeleton.requirements_main(argv[1:], prog=f"{prog} requirements")
    if argv[:1] == ["citation"]:
        return _citation(argv[1:], prog=f"{prog} citation")
    if argv[:1] == ["test"]:
        from report_site.checks import runner

        return runner.main(argv[1:], prog=f"{prog} test")
    if argv[:1] == ["build"]:
        argv = argv[1:]
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Build the report website from report/ and recommendations.yaml with mkdocs.",
        epilog=SUBCOMMANDS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--check", action="store_true", help="validate the sources without building (fast; for pre-commit)"
    )
    parser.add_argument(
        "--config", "-f", default="mkdocs.yml", help="mkdocs configuration file (default: mkdocs.yml)"
    )
    parser.add_argument(
        "--site-dir", "-d", default=None, help="output directory (default: site_dir from the config, site/)"
    )
    parser.add_argument(
        "--no-pdf",
        action="store_true",
        help="skip the full-report PDF (faster; the site then has no PDF link)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also fail on warnings such as a recommendation no passage argues for",
    )
    parser.add_argument(
        "--update-anchors",
        action="store_true",
        help="check the sources, then record every paragraph anchor in anchors.lock (the one file this writes)",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="show mkdocs' progress messages")
    args = parser.parse_args(argv)

    build.ensure_source_date_epoch(Path(args.config).resolve().parent)
    started = time.perf_counter()
    done = ""
    try:
        if args.update_anchors:
            from report_site.chapters import anchors

            # never strict: the warnings this command resolves must not stop it (strict_references: true)
            summary = build.check(Path(args.config), strict=False, verbose=args.verbose, guard=False)
            update = anchors.update_lock(Path(args.config))
            done = f"recorded {update.recorded} anchors in {update.path}"
            for address in update.retired:
                say(
                    f"retired {address} (no paragraph of its page has its words; links to it land at the top of the page)"
                )
            say(
                f"OK: recorded {update.recorded} anchors ({update.aliases} old ones kept as aliases"
                + (f", {len(update.retired)} retired" if update.retired else "")
                + f") in {update.path}"
            )
        elif args.check:
            summary = build.check(
                Path(args.config), strict=args.strict or None, verbose=args.verbose, site_dir=args.site_dir
            )
            done = "the check passed"
            report(summary.warnings, warning=True)
            say(f"OK: {summary.describe()} ({time.perf_counter() - started:.2f} s)")
        else:
            summary = build.build(
                Path(args.config),
                site_dir=args.site_dir,
                strict=args.strict or None,
                pdf=not args.no_pdf,
                verbose=args.verbose,
            )
            done = f"the site was built into {summary.site_dir}"
            report(summary.warnings, warning=True)
            for line in summary.wrote:
                say(line)
            say(
                f"Built {summary.describe()} into {summary.site_dir} in {time.perf_counter() - started:.1f} s"
                + (f" (PDF: {summary.pdf})" if summary.pdf else "")
            )
    except build.BuildFailed as exc:
        try:
            report(exc.lines)
        except OutputClosed:
            pass  # the problems are on stderr already
        print(f"{prog}: {exc.summary}", file=sys.stderr)
        return 1
    except OutputClosed:
        print(
            f"{prog}: standard output is closed (broken pipe), so the summary was not printed; {done or 'nothing was built'}",
            file=sys.stderr,
        )
        return 0 if done else 1
    except KeyboardInterrupt:
        print(f"{prog}: interrupted; site/ left unchanged", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.verbose:
            raise
        print(
            f"{prog}: internal error ({type(exc).__name__}: {exc}); site/ left unchanged; rerun with --verbose for details",
            file=sys.stderr,
        )
        return 1
    return 0


def _citation(argv: list[str], prog: str) -> int:
    parser = argparse.ArgumentParser(
        prog=prog, description="Rewrite CITATION.cff from the metadata in mkdocs.yml."
    )
    parser.add_argument(
        "--config", "-f", default="mkdocs.yml", help="mkdocs configuration file (default: mkdocs.yml)"
    )
    args = parser.parse_args(argv)
    from report_site.outputs import cff

    return cff.main(["--write", args.config])


if __name__ == "__main__":
    sys.exit(run())
