"""The admin page (/admin) of the web UI: unanswered questions grouped by meaning, a plot of answered,
declined and disliked questions per day, teaching the bot a question, documents, and the log as CSV.

Every handler checks the login or the admin token itself (the page being hidden is not a lock), and
turns an AdminError or a bad value into a message on the page.
"""

# No `from __future__ import annotations`: Gradio finds gr.Request and gr.SelectData parameters by their
# annotations, which must be the classes, not strings.

import json
import shutil
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from ..chatbot import BuildReport
from ..errors import ChatbotError
from ..reading.upload import check_size, supported_suffixes
from .admin import Admin, QuestionGroup
from .ui import TITLE, as_text

ADMIN_PATH = "/admin"
PLOT_DAYS = 30
GROUP_HEADERS = ["asked", "last asked (UTC)", "questions", "closest FAQ entries"]
# An export of the log holds users' questions: it is kept only until Gradio has sent it (it serves its own copy).
EXPORT_KEEP_SECONDS = 600


class NotChosen(Exception):
    """A button clicked before what it acts on was picked: said as is, not as a request not understood."""


def report_text(report: BuildReport, done: str) -> str:
    lines = [f"{done} The index now holds {_plural(report.passages, 'passage')} "
             f"({_plural(report.embedded, 'text')} embedded, the rest reused); the next question uses it."]
    lines += [f"- warning: {p}" for p in report.problems]
    return "\n".join(lines)


def group_rows(groups: list[QuestionGroup]) -> list[list]:
    return [[g.count, g.last_asked[:16].replace("T", " "), " · ".join(g.questions), " · ".join(g.closest)]
            for g in groups]


def _remove_old_exports(folder: Path) -> None:
    for export in folder.iterdir():
        try:
            old = time.time() - export.stat().st_mtime >= EXPORT_KEEP_SECONDS
        except FileNotFoundError:  # another admin's export removed it
            continue
        if old:
            shutil.rmtree(export, ignore_errors=True)


def build_admin_page(demo, admin: Admin) -> None:
    """Add the admin page to `demo` (call after its `with gr.Blocks()` block)."""
    import gradio as gr
    import pandas as pd

    exports = tempfile.TemporaryDirectory(prefix="chatbot-log-")  # removed with the page, or at exit

    def username(request: gr.Request | None) -> str | None:
        return getattr(request, "username", None) if request is not None else None

    def plot_frame() -> pd.DataFrame:
        days = admin.store.daily_counts(PLOT_DAYS)
        frame = pd.DataFrame([{"day": d["day"], "outcome": outcome, "questions": d[outcome]}
                              for d in days for outcome in ("answered", "declined", "disliked")])
        frame["day"] = pd.to_datetime(frame["day"])  # a time axis labels days sparsely
        return frame

    def show(token, request: gr.Request):
        """Everything the page shows, fresh."""
        try:
            admin.authorize(token, username(request))
            groups = admin.groups()
            entries = admin.faq_entries()
            documents = admin.documents()
        except ChatbotError as exc:
            return (as_text(str(exc)), gr.update(), gr.update(value=[]), [], gr.update(choices=[], value=None),
                    gr.update(choices=[], value=None), gr.update(choices=[], value=None), gr.update(visible=False))
        newest = groups[0] if groups else None
        questions = [q for g in groups for q in g.questions]
        first_entry = newest.closest[0] if newest and newest.closest else (entries[0] if entries else None)
        count = sum(g.count for g in groups)
        status = (f"{_plural(count, 'open question')} in {_plural(len(groups), 'group')}, newest first. Pick a "
                  "question and the FAQ entry it asks for, or type an answer for a new entry."
                  if groups else "No open questions: everything asked was answered and nobody disliked an answer.")
        return (as_text(status), plot_frame(), gr.update(value=group_rows(groups)), groups,
                gr.update(choices=questions, value=newest.questions[0] if newest else None),
                gr.update(choices=_nearest_first(newest.closest if newest else (), entries), value=first_entry),
                gr.update(choices=documents, value=None), gr.update(visible=True))

    def pick_group(groups, event: gr.SelectData):
        """A row of the table was clicked: its newest question and its closest entry are selected."""
        row = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        if not groups or not isinstance(row, int) or not 0 <= row < len(groups):
            return gr.update(), gr.update()
        group = groups[row]
        entries = admin.faq_entries()
        return (gr.update(value=group.questions[0]),
                gr.update(choices=_nearest_first(group.closest, entries),
                          value=group.closest[0] if group.closest else None))

    def guarded(action):
        def run(request: gr.Request, token, *args):  # Gradio puts the request at its parameter's position
            try:
                admin.authorize(token, username(request))
                return as_text(action(*args))
            except (ChatbotError, NotChosen) as exc:
                return as_text(f"Not done: {exc}")
            except (TypeError, ValueError) as exc:
                return as_text(f"Not done: the request was not understood ({exc}).")
        return run

    def add_alternate(question, entry):
        if not question or not entry:
            raise NotChosen("Pick a question and an FAQ entry first.")
        report = admin.add_alternate(question, entry)
        return report_text(report, f"Added {question!r} as another wording of {entry!r}.")

    def add_entry(question, answer):
        if not question:
            raise NotChosen("Pick or type a question first.")
        report = admin.add_entry(question, answer or "")
        return report_text(report, f"Added a new FAQ entry {question!r}.")

    def create_entry(request: gr.Request, token, question_text, answer_text):
        """A new entry; its answer is cleared once the entry is made (clicked again, it had made a second one),
        and kept when it is not."""
        message = guarded(add_entry)(request, token, question_text, answer_text)
        return message, gr.update(value=answer_text if message.startswith("Not done") else "")

    def upload(path):
        if not path:
            raise NotChosen("Choose a file first (a file over the size limit is not taken).")
        source = Path(path)
        check_size(source.name, source.stat().st_size, admin.settings.max_upload_bytes)  # before reading it
        name, passages, report = admin.upload(source.name, source.read_bytes())
        return report_text(report, f"Added {name} ({_plural(passages, 'passage')}).")

    def delete(name):
        if not name:
            raise NotChosen("Pick a document first.")
        return report_text(admin.delete(name), f"Deleted {name}.")

    def ask_to_delete(name):
        if not name:
            return as_text("Not done: Pick a document first."), gr.update(visible=False)
        return as_text(f"Delete {name}? It cannot be undone."), gr.update(visible=True)

    def export(token, request: gr.Request):
        try:
            admin.authorize(token, username(request))
        except ChatbotError as exc:
            return as_text(str(exc)), gr.update(value=None, visible=False)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        _remove_old_exports(Path(exports.name))
        # A folder of its own, so two admins' exports in the same second do not clash.
        path = Path(tempfile.mkdtemp(dir=exports.name)) / f"question-log-{stamp}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            count = admin.store.export_questions_csv(f)
        return as_text(f"{count} logged questions."), gr.update(value=str(path), visible=True)

    private = {"api_visibility": "private"}
    with demo.route("Admin", ADMIN_PATH, show_in_navbar=admin.login_required) as page:
        gr.Markdown("# Admin\nQuestions the bot declined, answered unsure, or whose answer got a dislike, grouped by meaning, and "
                    "the documents it answers from.")
        if not admin.enabled:
            gr.Markdown("**The admin page is off.** Start the server with `--auth USER:PASSWORD`, or set "
                        "`CHATBOT_ADMIN_TOKEN`, to use it.")
        with gr.Row():
            token = gr.Textbox(label="Admin token", type="password", scale=4, visible=not admin.login_required,
                               elem_id="admin-token")
            open_button = gr.Button("Show", variant="primary", scale=1, elem_id="admin-show")
        status = gr.Markdown(elem_id="admin-status")
        with gr.Column(visible=False) as body:
            plot = gr.LinePlot(x="day", y="questions", color="outcome", title=f"Questions per day (last {PLOT_DAYS})",
                               height=260)
            groups_state = gr.State([])
            table = gr.Dataframe(headers=GROUP_HEADERS, interactive=False, wrap=True,
                                 column_widths=["8%", "16%", "38%", "38%"], label="Open questions, "
                                 "grouped by meaning (click a row to pick it)", elem_id="admin-groups")
            with gr.Row():
                question = gr.Dropdown(label="Question", allow_custom_value=False, filterable=True, scale=1,
                                       elem_id="admin-question")
                entry = gr.Dropdown(label="FAQ entry it asks for (nearest first)", allow_custom_value=False,
                                    filterable=True, scale=1, elem_id="admin-entry")
            alternate_button = gr.Button("Add the question as another wording of this entry", variant="primary",
                                         elem_id="admin-add-alternate")
            answer = gr.Textbox(label="Or type an answer for a new FAQ entry with this question", lines=3)
            entry_button = gr.Button("Create a new FAQ entry", elem_id="admin-add-entry")
            teach_result = gr.Markdown(elem_id="admin-teach-result")
            gr.Markdown("## Documents")
            upload_file = gr.File(label=f"Add a document (up to {admin.settings.max_upload_bytes // 1_000_000} MB)",
                                  type="filepath", file_count="single", file_types=supported_suffixes(),
                                  elem_id="admin-upload")
            upload_button = gr.Button("Add the document", elem_id="admin-upload-button")
            with gr.Row():
                documents = gr.Dropdown(label="Document", allow_custom_value=False, filterable=True, scale=3)
                delete_button = gr.Button("Delete the document", scale=1)
            # Asked once more: a document deleted is gone, and _learned.jsonl holds all that was taught.
            with gr.Row(visible=False) as confirm_row:
                confirm_button = gr.Button("Yes, delete it", variant="stop", elem_id="admin-delete-confirm")
                cancel_button = gr.Button("No, keep it")
            documents_result = gr.Markdown(elem_id="admin-documents-result")
            gr.Markdown("## Question log")
            export_button = gr.Button("Export the question log as CSV")
            export_result = gr.Markdown()
            export_file = gr.File(label="Question log", visible=False, interactive=False)

        shown = [status, plot, table, groups_state, question, entry, documents, body]
        open_button.click(show, [token], shown, **private)
        token.submit(show, [token], shown, **private)  # Enter in the token field, as in a login form
        # Gradio gives every page the Blocks' title; a tab of its own tells the admin page from the chat.
        page.load(None, None, None, js=f"() => {{ document.title = {json.dumps('Admin · ' + TITLE)}; }}",
                  **private)
        if admin.login_required:  # the person is logged in: no token to type, so the page opens with all of it
            page.load(show, [token], shown, **private)
        table.select(pick_group, [groups_state], [question, entry], **private)
        alternate_button.click(guarded(add_alternate), [token, question, entry], [teach_result], **private) \
            .then(show, [token], shown, **private)
        entry_button.click(create_entry, [token, question, answer], [teach_result, answer], **private) \
            .then(show, [token], shown, **private)
        upload_button.click(guarded(upload), [token, upload_file], [documents_result], **private) \
            .then(show, [token], shown, **private)
        delete_button.click(ask_to_delete, [documents], [documents_result, confirm_row], **private)
        cancel_button.click(lambda: ("Kept.", gr.update(visible=False)), None, [documents_result, confirm_row],
                            **private)
        # Another document picked: the question asked was about the one before.
        documents.change(lambda: gr.update(visible=False), None, [confirm_row], **private)
        confirm_button.click(guarded(delete), [token, documents], [documents_result], **private) \
            .then(lambda: gr.update(visible=False), None, [confirm_row], **private) \
            .then(show, [token], shown, **private)
        export_button.click(export, [token], [export_result, export_file], **private)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _nearest_first(closest, entries: list[str]) -> list[str]:
    return list(dict.fromkeys([*closest, *entries]))
