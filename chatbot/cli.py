"""Command line: chatbot build | inspect | ask | eval | serve | feedback export | log export. Errors become one
friendly line here."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from .errors import ChatbotError, IndexCorruptError

# File names of release notes: "CHANGELOG.md", "2013-news.md", "history.rst", "RELEASE_NOTES", "whatsnew".
_RELEASE_NOTES = re.compile(r"(?:^|[\W_])(?:change[\W_]?log|changes|history|news|release[\W_]?notes|whats[\W_]?new)"
                            r"(?:[\W_\d]|$)", re.IGNORECASE)


def _common(parser: argparse.ArgumentParser, *, answers: bool = True) -> None:
    parser.add_argument("--corpus", help="folder of documents (default: CHATBOT_CORPUS, else corpus/ of the "
                        "checkout, or ./corpus)")
    parser.add_argument("--index", help="folder for the built index (default: CHATBOT_INDEX, else index/ of the "
                        "checkout, or ./index)")
    parser.add_argument("--model", help="sentence-transformers model path or name (default: bundled all-MiniLM-L6-v2)")
    parser.add_argument("--no-adapt", dest="adapt", action="store_false", default=None,
                        help="do not fine-tune the model on the corpus's FAQ entries (also CHATBOT_ADAPT=0)")
    if answers:
        parser.add_argument("--threshold", type=float, help="decline below this answerability, from 0 to 1 (also "
                            "CHATBOT_THRESHOLD; default: the fitted point; `chatbot eval` says which would serve "
                            "your questions)")


def _export(actions, help: str) -> None:
    export = actions.add_parser("export", help=help)
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    export.add_argument("--data", help="folder of the feedback database (default: CHATBOT_DATA, else data/ of the "
                        "checkout, or ./data)")
    export.add_argument("--database", metavar="URL", help="read a PostgreSQL database instead (also "
                        "CHATBOT_DATABASE_URL)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chatbot", description="Answer questions from your documents.")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build the index of the corpus if it is missing or stale")
    build.add_argument("--force", action="store_true", help="rebuild even if the index is up to date")
    _common(build, answers=False)

    inspect = sub.add_parser("inspect", help="show the passages one document becomes (kind, section, question, text)")
    inspect.add_argument("file", type=Path)
    inspect.add_argument("--json", action="store_true", help="print one JSON object per passage")
    inspect.add_argument("--corpus", help="corpus folder whose corpus.toml applies (default: the file's folder)")

    ask = sub.add_parser("ask", help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--history", action="append", default=[], metavar="QUESTION",
                     help="an earlier question of the conversation (repeat, oldest first)")
    ask.add_argument("--json", action="store_true", help="print the whole answer as JSON")
    _common(ask)

    ev = sub.add_parser("eval", help="score a JSON Lines question set (Hit@1, Hit@3, declines)")
    ev.add_argument("file", type=Path)
    ev.add_argument("--json", action="store_true", help="print the summary and every case as JSON")
    ev.add_argument("--misses", action="store_true", help="also list the cases the bot got wrong, and what it gave")
    _common(ev)

    serve = sub.add_parser("serve", help="start the web chat UI")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=_port, default=7860, help="port to listen on (default 7860)")
    serve.add_argument("--data", help="folder for the feedback database (default: CHATBOT_DATA, else data/ of the "
                       "checkout, or ./data)")
    serve.add_argument("--auth", metavar="USER:PASSWORD", help="ask for this login (also CHATBOT_AUTH); it also "
                       "opens the admin page at /admin, as CHATBOT_ADMIN_TOKEN does")
    serve.add_argument("--no-log", dest="log", action="store_false",
                       help="do not keep the question log (the questions asked and what became of them)")
    serve.add_argument("--database", metavar="URL",
                       help="keep feedback and the question log in this PostgreSQL database (also "
                            "CHATBOT_DATABASE_URL; default: SQLite in the data folder)")
    _common(serve)

    feedback = sub.add_parser("feedback", help="work with the likes and dislikes people gave")
    _export(feedback.add_subparsers(dest="action", required=True), "write all feedback as CSV")
    log = sub.add_parser("log", help="work with the log of questions asked in the web UI and the REST API")
    _export(log.add_subparsers(dest="action", required=True), "write the question log as CSV")
    return parser


def _settings(args):
    from .settings import Settings

    return Settings.from_env(corpus=getattr(args, "corpus", None), index_dir=getattr(args, "index", None),
                             model=getattr(args, "model", None), adapt_model=getattr(args, "adapt", None),
                             threshold=getattr(args, "threshold", None),
                             data_dir=getattr(args, "data", None),
                             log_questions=getattr(args, "log", None),
                             database_url=getattr(args, "database", None))


def _load(args, *, rebuild: bool = False, warn: bool = True):
    from .chatbot import Chatbot

    bot = Chatbot.load(settings=_settings(args), rebuild=rebuild, progress=sys.stderr.isatty())
    for problem in bot.report.problems if warn else ():
        print(f"warning: {problem}", file=sys.stderr)
    return bot


def _format_files(files) -> str:
    """One line per file: its format and passages by kind, then its problems. Files in formats no reader takes
    and none can be saved as (a site's scripts, styles, fonts and images) are counted by suffix on one line."""
    from collections import Counter

    from .reading.corpus import convertible, tool_file
    from .reading.html import REDIRECT
    from .reading.restructuredtext import AUTODOC

    assets = [f for f in files if f.format == "unsupported" and not convertible(Path(f.name).suffix)]
    left_out = [f.name for f in files if f.format == "left out"]
    # Skipped for a reason a built site or its sources give by the hundred, one line for all: a Sphinx or MkDocs
    # project's API reference (a page for each module, each empty without the build), a site's moved pages.
    skipped_as = {reason: [f.name for f in files if len(f.problems) == 1 and f.problems[0].reason.startswith(reason)]
                  for reason in (AUTODOC, REDIRECT)}
    autodoc, redirects = skipped_as[AUTODOC], skipped_as[REDIRECT]
    files = [f for f in files if f not in assets and f.format != "left out" and f.name not in {*autodoc, *redirects}]
    width = max((len(f.name) for f in files), default=0)
    lines = []
    for f in files:
        counts = ", ".join(f"{n} {kind}" for kind, n in f.counts.items() if n) or "no passages"
        lines.append(f"  {f.name:<{width}}  {f.format:<16} {counts}")
        lines += [f"      problem: {p.reason}" + (f" (line {p.line})" if p.line else "") for p in f.problems]
    if assets:
        # A tool's file is named for what it is ("Makefile", "requirements.txt"), not by its suffix.
        kinds = sorted(Counter(Path(f.name).name if tool_file(Path(f.name)) else Path(f.name).suffix.lower()
                               for f in assets).items(), key=lambda kn: (-kn[1], kn[0]))
        lines.append(f"  {len(assets)} more {'file' if len(assets) == 1 else 'files'} skipped, in formats no reader "
                     f"takes: {', '.join(f'{suffix} ({n})' for suffix, n in kinds)}")
    if autodoc:
        lines.append(f"  {len(autodoc)} {'file holds' if len(autodoc) == 1 else 'files hold'} only an API reference "
                     f"made from the code (Sphinx's autodoc, mkdocstrings), which only the built site has (add its "
                     f"HTML to answer from it), skipped: {_first_names(autodoc)}")
    if redirects:
        one = len(redirects) == 1
        lines.append(f"  {len(redirects)} {'page only redirects' if one else 'pages only redirect'} to another (a "
                     f"site's moved pages), skipped: {_first_names(redirects)}")
    if left_out:
        lines.append(f"  {len(left_out)} {'file' if len(left_out) == 1 else 'files'} left out (corpus.toml's exclude, "
                     f"a built site's copies of its pages, index pages, search index and not-found page): "
                     f"{_first_names(left_out)}")
    notes = [f.name for f in files if f.format != "unsupported" and any(f.counts.values())
             and _RELEASE_NOTES.search(Path(f.name).stem)]
    if notes:
        # Their items name the guide's options and commands, and can outrank it for how-to questions.
        lines.append(f"  Release notes? {_first_names(notes)}: to answer from the guide alone, leave them out in "
                     f'corpus.toml ([files] exclude = ["{notes[0]}"], or a pattern).')
    return "\n".join(lines)


def _first_names(names: list[str], shown: int = 3) -> str:
    """The first few names of a list, and how many more there are."""
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _inspect(args) -> int:
    from .reading.corpus import Corpus
    from .settings import Settings

    path = args.file.resolve()
    if not path.is_file():
        print(f"chatbot: {args.file} is not a file.", file=sys.stderr)
        return 2
    root = Path(args.corpus).resolve() if args.corpus else path.parent
    if not path.is_relative_to(root):
        # Read from its own folder, the file would silently go without that corpus's corpus.toml.
        print(f"chatbot: {args.file} is not inside the corpus folder {args.corpus}, whose corpus.toml would "
              "apply to it. Pass the corpus folder that holds the file, or leave out --corpus.", file=sys.stderr)
        return 2
    passages, problems = Corpus.open(root).read(path, max_chars=Settings().max_passage_chars)
    for p in passages:
        if args.json:
            print(json.dumps(p.to_dict(), ensure_ascii=False))
            continue
        print(f"[{p.kind}] line {p.line or '?'}  section: {p.section or '-'}" +
              (f"  question: {p.question}" if p.question else ""))
        print("\n".join("    " + line for line in p.text.split("\n")))
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    kinds = {k: sum(p.kind == k for p in passages) for k in ("faq", "table", "text")}
    print(f"{len(passages)} passages ({', '.join(f'{n} {k}' for k, n in kinds.items())}), "
          f"{len(problems)} problems", file=sys.stderr)
    return 0 if passages else 1


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a number from 1 to 65535")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except ChatbotError as exc:
        print(f"chatbot: {exc}", file=sys.stderr)
        return 2
    except PermissionError as exc:  # e.g. a replica on a read-only index folder whose index is stale
        print(f"chatbot: cannot write {exc.filename} ({exc.strerror}). Run `chatbot build` as a user that may "
              "write the index folder, then start again.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of the output went away (`chatbot inspect FILE | head`): stop quietly, and keep
        # Python's flush at exit from failing on the same pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _run(args) -> int:
    if args.command == "build":
        try:
            bot = _load(args, rebuild=args.force, warn=False)
        except IndexCorruptError as exc:
            # Building is the fix that the error names: the damaged build is replaced, not read.
            print(f"chatbot: {exc}\nBuilding a new index from the corpus.", file=sys.stderr)
            bot = _load(args, rebuild=True, warn=False)
        r = bot.report
        if r.rebuilt:
            reused = bot.index.manifest["counts"]["views"] - r.embedded
            print(f"Indexed {r.passages} passages from {bot.settings.corpus} into {bot.index.folder} "
                  f"({r.embedded} texts embedded" + (f", {reused} reused from the cache)." if reused else ")."))
            if bot.index.adapted_model is not None:
                print(f"The model is tuned to the FAQ's entries (kept in {bot.index.adapted_model}); "
                      "--no-adapt builds without.")
            files = r.files
        else:
            from .reading.corpus import Corpus

            print(f"The index in {bot.index.folder} is up to date ({r.passages} passages).")
            files = Corpus.open(bot.settings.corpus).load(max_chars=bot.settings.max_passage_chars).files
        print("Files:")
        print(_format_files(files))
        return 0
    if args.command == "inspect":
        return _inspect(args)
    if args.command == "ask":
        from .rendering import plain_text

        bot = _load(args)
        a = bot.answer(args.question, history=args.history)
        # The answer's text is Markdown made safe to render in a page (document text escaped); a terminal
        # renders nothing, so it shows the characters themselves ("<Object>", not "&lt;Object&gt;").
        print(json.dumps(a.to_dict(), ensure_ascii=False, indent=2) if args.json else plain_text(a.text))
        return 0 if a.found else 1
    if args.command == "eval":
        from dataclasses import asdict

        from .evaluation import decline_point, evaluate, load_cases

        cases = load_cases(args.file)  # before the index is loaded or built: a wrong path fails at once
        bot = _load(args)
        summary, results = evaluate(bot, cases)
        point = decline_point(results, bot.decline_below)
        if args.json:
            summary["decline_point"] = asdict(point) if point else None
            print(json.dumps({"summary": summary, "cases": [r.__dict__ for r in results]}, ensure_ascii=False,
                             indent=2))
        else:
            print(_format_summary(summary))
            print(_format_decline_point(point, bot.settings.threshold is not None))
            if args.misses:
                print(_format_misses(results))
        return 0
    if args.command == "serve":
        from .serving.ui import serve

        bot = _load(args)
        serve(bot, host=args.host, port=args.port, auth=args.auth or bot.settings.auth)
        return 0
    if args.command in ("feedback", "log"):
        from .serving.feedback import FeedbackStore

        settings = _settings(args)
        store = FeedbackStore(settings.data_dir, settings.database_url)
        if not settings.database_url and not store.path.exists():
            # An empty export would read as "no feedback yet" where --data names the wrong folder.
            raise ChatbotError(f"There is no feedback database in {settings.data_dir}: `chatbot serve` has stored "
                               "nothing there. Pass --data (or set CHATBOT_DATA to) the folder the server writes to.")
        export, what = ((store.export_csv, "feedback rows") if args.command == "feedback"
                        else (store.export_questions_csv, "logged questions"))
        if args.output:
            try:
                f = open(args.output, "w", encoding="utf-8", newline="")
            except OSError as exc:
                raise ChatbotError(f"Cannot write {args.output} ({exc.strerror}). Give -o a file in a folder that "
                                   "exists and that you may write, or leave it out to write to standard output.") from exc
            with f:
                count = export(f)
            print(f"Wrote {count} {what} to {args.output}.", file=sys.stderr)
        else:
            export(sys.stdout)
        return 0
    raise AssertionError(args.command)


def _format_misses(results) -> str:
    """One line per case that is not a hit at 1: an answerable question declined or answered by the
    wrong passage, or an out-of-scope question answered."""
    lines = ["", "Misses:"]
    for r in results:
        out_of_scope = r.kind == "out_of_scope"
        if (not r.found) if out_of_scope else r.hit_at_1:
            continue
        if out_of_scope:
            got = "answered: " + _one_line(r.top)
        elif not r.found:
            got = "declined" + (" (right passage in the top 3)" if r.hit_at_3 else "")
        else:
            got = ("in the top 3; " if r.hit_at_3 else "") + "gave: " + _one_line(r.top)
        lines.append(f"  {r.id} [{r.kind}] {r.question[:70]!r} -> {got}")
    if len(lines) == 2:
        lines.append("  none")
    return "\n".join(lines)


def _format_decline_point(point, chosen: bool) -> str:
    """The decline point in use and, when another serves the question set better, that one and how to use it."""
    if point is None:
        return ("\nDecline point: add questions the documents do not answer (\"expect\": []) to the set, and "
                "`chatbot eval` says which point serves your questions best.")
    now, best = point.current, point.best

    def rates(r):
        return (f"false declines {r.false_declines:.3f}, out of scope declined {r.out_of_scope_declined:.3f}, "
                f"Hit@1 {r.hit_at_1:.3f}")

    lines = ["", f"Decline point {now.threshold:g} ({'--threshold' if chosen else 'fitted'}): {rates(now)}"]
    asked = f"{point.answerable} answerable and {point.out_of_scope} out-of-scope questions"
    if best.threshold == now.threshold:
        lines.append(f"It serves these {asked} as well as any.")
        return "\n".join(lines)
    lines.append(f"Decline point {best.threshold:g} would serve these questions best: {rates(best)}")
    if point.holds:
        lines.append(f"Chosen on {asked}, and it holds on those left out of its choice in turn. To use it: "
                     f"--threshold {best.threshold:g}, or CHATBOT_THRESHOLD={best.threshold:g}.")
    else:
        lines.append(f"But chosen with some of these {asked} left out in turn, it serves those worse than the "
                     "point in use: it fits these questions, not yet yours. Write more questions of each kind, then "
                     "run this again.")
    return "\n".join(lines)


def _one_line(text: str, limit: int = 100) -> str:
    line = " / ".join(part.strip() for part in text.split("\n") if part.strip())
    return line if len(line) <= limit else line[: limit - 3] + "..."


def _format_summary(s: dict) -> str:
    def pct(x):
        return "n/a" if x is None else f"{x:.3f}"

    lines = [
        f"cases                          {s['cases']}",
        f"Hit@1                          {pct(s['hit_at_1'])}",
        f"Hit@3                          {pct(s['hit_at_3'])}",
        f"decline rate (out of scope)    {pct(s['decline_rate_out_of_scope'])}",
        f"false-decline rate             {pct(s['false_decline_rate'])}",
        "Hit@1 by kind:",
    ]
    lines += [f"  {kind:<28} {pct(v)}" for kind, v in s["hit_at_1_by_kind"].items()]
    return "\n".join(lines)
