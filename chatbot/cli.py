"""Command line: chatbot build | ask | eval | serve | feedback export | log export. Errors become one friendly line here."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import ChatbotError


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", help="folder of documents (default: ./corpus or CHATBOT_CORPUS)")
    parser.add_argument("--index", help="folder for the built index (default: ./index or CHATBOT_INDEX)")
    parser.add_argument("--model", help="sentence-transformers model path or name (default: bundled all-MiniLM-L6-v2)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chatbot", description="Answer questions from your documents.")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build the index of the corpus if it is missing or stale")
    build.add_argument("--force", action="store_true", help="rebuild even if the index is up to date")
    _common(build)

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
    serve.add_argument("--port", type=int, default=7860)
    serve.add_argument("--data", help="folder for the feedback database (default: ./data or CHATBOT_DATA)")
    serve.add_argument("--auth", metavar="USER:PASSWORD", help="ask for this login (also CHATBOT_AUTH); it also "
                       "opens the admin page at /admin, as CHATBOT_ADMIN_TOKEN does")
    serve.add_argument("--no-log", dest="log", action="store_false",
                       help="do not keep the question log (the questions asked and what became of them)")
    serve.add_argument("--database", metavar="URL",
                       help="keep feedback and the question log in this PostgreSQL database (also "
                            "CHATBOT_DATABASE_URL; default: SQLite in the data folder)")
    _common(serve)

    feedback = sub.add_parser("feedback", help="work with the likes and dislikes people gave")
    fsub = feedback.add_subparsers(dest="action", required=True)
    export = fsub.add_parser("export", help="write all feedback as CSV")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    export.add_argument("--data", help="folder of the feedback database (default: ./data or CHATBOT_DATA)")
    export.add_argument("--database", metavar="URL", help="read a PostgreSQL database instead (also "
                        "CHATBOT_DATABASE_URL)")

    log = sub.add_parser("log", help="work with the log of questions asked in the web UI")
    lsub = log.add_subparsers(dest="action", required=True)
    log_export = lsub.add_parser("export", help="write the question log as CSV")
    log_export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    log_export.add_argument("--data", help="folder of the feedback database (default: ./data or CHATBOT_DATA)")
    log_export.add_argument("--database", metavar="URL", help="read a PostgreSQL database instead (also "
                            "CHATBOT_DATABASE_URL)")
    return parser


def _settings(args):
    from .settings import Settings

    return Settings.from_env(corpus=getattr(args, "corpus", None), index_dir=getattr(args, "index", None),
                             model=getattr(args, "model", None), data_dir=getattr(args, "data", None),
                             log_questions=getattr(args, "log", None),
                             database_url=getattr(args, "database", None))


def _load(args, *, rebuild: bool = False):
    from .chatbot import Chatbot

    bot = Chatbot.load(settings=_settings(args), rebuild=rebuild, progress=sys.stderr.isatty())
    for problem in bot.report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return bot


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


def _run(args) -> int:
    if args.command == "build":
        bot = _load(args, rebuild=args.force)
        r = bot.report
        if r.rebuilt:
            print(f"Indexed {r.passages} passages from {bot.settings.corpus} into {bot.index.folder} "
                  f"({r.embedded} texts embedded, the rest reused from the cache).")
        else:
            print(f"The index in {bot.index.folder} is up to date ({r.passages} passages).")
        return 0
    if args.command == "ask":
        bot = _load(args)
        a = bot.answer(args.question, history=args.history)
        print(json.dumps(a.to_dict(), ensure_ascii=False, indent=2) if args.json else a.text)
        return 0 if a.found else 1
    if args.command == "eval":
        from .evaluation import evaluate, load_cases

        bot = _load(args)
        summary, results = evaluate(bot, load_cases(args.file))
        if args.json:
            print(json.dumps({"summary": summary, "cases": [r.__dict__ for r in results]}, ensure_ascii=False,
                             indent=2))
        else:
            print(_format_summary(summary))
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
        export, what = ((store.export_csv, "feedback rows") if args.command == "feedback"
                        else (store.export_questions_csv, "logged questions"))
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as f:
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
