"""Web UI: a Gradio chat over a Chatbot, with examples, suggestions, likes, a named /chat API, a log of
the questions asked, and an admin page (adminpage.py).

What people type is shown as they typed it: it is escaped before it reaches the chat (Gradio renders
messages as Markdown with HTML), and kept raw in the session state for follow-ups and feedback.
"""

import html
import os
import re
import warnings

from ..chatbot import Chatbot
from ..rendering import suggestion_line
from ..errors import BusyError, ChatbotError, QuestionError
from ..smalltalk import example_questions as corpus_examples
from .feedback import FeedbackStore, log_asked
from .live import LiveBot

TITLE = "Ask the documents"
EXAMPLE_COUNT = 4
# Questions answered at once. Each waits on the shared encoder (chatbot.batcher), which batches them and
# tells the ones beyond its limit that the bot is busy; Gradio's own queue is only a backstop.
CONCURRENT_QUESTIONS = 64
QUEUE_SIZE = 256
CACHE_SECONDS = 3600
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
# A web address as the renderer links it: up to a space, a quote or a bracket, without the stop after it.
_WEB_ADDRESS = re.compile(r"(\b(?:https?://|www\.)[^\s<>\"'`()\[\]]*[^\s<>\"'`()\[\].,;:!?*_~])")


def option(suggestion: str) -> dict:
    """A suggested question as a button to click. A button shows text, not Markdown: a heading's code
    (`os.cpus()`) shows without its backticks, and is asked as the heading writes it."""
    return {"value": suggestion, "label": re.sub(r"(`+)([^`]+)\1", r"\2", suggestion)}


def example_questions(bot: Chatbot, count: int = EXAMPLE_COUNT) -> list[str]:
    """FAQ questions of the corpus, spread over its documents."""
    return corpus_examples(bot.index.passages, count)


def message_text(content) -> str:
    """Text of a chat message: a string from the API, a list of typed blocks from the browser."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("value") or "")
    if isinstance(content, (list, tuple)):
        return " ".join(message_text(c) for c in content)
    return "" if content is None else str(content)


def as_text(text: str) -> str:
    """Markdown that displays `text` literally: no HTML, no formatting. Quotes need no escape (the renderer
    showed "&#x27;" for an apostrophe), and a web address is left whole as a link: escaped, its "." and "_"
    had kept their backslashes, in the text and in the link."""
    out = []
    for i, part in enumerate(_WEB_ADDRESS.split(text)):  # the pattern's group: every other part is an address
        if i % 2 == 0:
            out.append(_MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(part, quote=False)))
        else:
            # An autolink ("<https://...>") ends where the address does: linked bare, it ran on over what follows
            # it up to a space (`href="https://a.example">`).
            out.append(f"<{part}>" if "://" in part else html.escape(part, quote=False))
    return "".join(out).replace("\n", "  \n")


def placeholder(bot: Chatbot) -> str:
    """What the empty chat says."""
    return (f"**{TITLE}**  \nAnswers come from {len(bot.index.passages)} passages of your documents. "
            "Try one of the examples.")


# On a phone the admin page's table of open questions keeps the width its columns need to be read (its cells had
# wrapped a letter to a line) and scrolls sideways, as a wide table does on a narrow screen.
# (Gradio sets each cell's width inline, as a share of the screen's: hence !important; .body-cell: a row's cell.)
PAGE_CSS = "@media (max-width: 720px) {" + "".join(
    f" #admin-groups :is(th, td, .body-cell):nth-child({n}) {{ width: {w} !important; min-width: {w} !important;"
    f" max-width: {w} !important; flex: 0 0 {w} !important; }}"
    for n, w in enumerate(("64px", "104px", "240px", "240px"), start=1)) + " }"


def page_theme():
    """Gradio's default theme, with its text's bold drawn from the whole Bold face of Source Sans Pro: the
    SemiBold face that Gradio ships (6.31) holds 55 glyphs, "A" and "B" the only letters among them, so every
    heading and button mixed two faces ("Ask the documents" with a thin "A")."""
    import gradio as gr

    return gr.themes.Default(font=[gr.themes.LocalFont("Source Sans Pro", weights=(400, 700)), "ui-sans-serif",
                                   "system-ui", "sans-serif"])


def build_app(bot: Chatbot, store: FeedbackStore, *, login_required: bool = False, live: LiveBot | None = None):
    """The chat at / and the admin page at /admin. `login_required`: the server asks for --auth's login,
    which then also opens the admin page."""
    # Gradio reads this when it is imported: no usage reports leave the machine.
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    from .admin import Admin
    from .adminpage import build_admin_page

    bot.question_log = store
    live = live or LiveBot(bot)  # the admin page swaps in a new bot when the documents change
    logging = bot.settings.log_questions

    def reply(question: str, earlier: list[str]) -> tuple[dict, str | None]:
        """The reply message, and the question's id in the log (None when not logged)."""
        try:
            a = live.current.answer(question, history=earlier)
        except (QuestionError, BusyError) as exc:
            return {"role": "assistant", "content": as_text(str(exc))}, None
        except ChatbotError as exc:
            return {"role": "assistant", "content": as_text(f"Sorry, something went wrong: {exc}")}, None
        message = {"role": "assistant", "content": a.text}
        if a.suggestions:
            # Shown as buttons to click, not also as the list that the text gives for the API and the terminal.
            listed = set(map(suggestion_line, a.suggestions))
            message["content"] = "\n".join(line for line in a.text.split("\n") if line not in listed)
            message["options"] = [option(s) for s in a.suggestions]
        return message, log_asked(store, live.current, question, earlier, a) if logging else None

    def ask(question, history, asked, logged):
        question = message_text(question)
        if not question.strip():
            return "", history, asked, logged
        message, log_id = reply(question, asked)
        return ("", [*history, {"role": "user", "content": as_text(question)}, message], [*asked, question],
                [*logged, log_id])

    def ask_selected(history, asked, logged, event: gr.SelectData):
        """An example or a suggested question was clicked: ask it."""
        _, history, asked, logged = ask(message_text(event.value), history, asked, logged)
        return history, asked, logged

    def record(history, asked, logged, rated, data: gr.LikeData):
        """A like or dislike clicked; clicking it again (Gradio sends "") takes it back, and the other one
        replaces it: each answer keeps one row of feedback at most, kept by its question's place in `rated`."""
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        users = sum(1 for m in history[: index + 1] if m.get("role") == "user")
        if not users or users > len(asked):
            return rated
        question, earlier = asked[users - 1], asked[: users - 1]
        liked = data.liked if isinstance(data.liked, bool) else None
        rated = dict(rated)
        if (earlier_feedback := rated.pop(str(users), None)) is not None:
            store.remove(earlier_feedback)
        if liked is not None:
            try:
                shown = live.current.answer(question, history=earlier)  # deterministic: the answer that was shown
            except ChatbotError:
                shown = None
            rated[str(users)] = store.add(liked=liked, question=question, history=earlier, answer=shown)
        if users <= len(logged) and logged[users - 1]:
            store.set_question_feedback(logged[users - 1], liked)
        gr.Info("Thanks, your feedback was saved." if liked is not None else "Your feedback was taken back.")
        return rated

    def api_chat(message: str, asked: list[str]):
        """The /chat endpoint: one question in, the reply's Markdown out; the session remembers the conversation."""
        return reply(message, asked)[0]["content"], [*asked, message]

    examples = bot.offered_questions(EXAMPLE_COUNT)
    # Gradio keeps a copy of each uploaded document and exported log: an hour is plenty to send it.
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(CACHE_SECONDS, CACHE_SECONDS)) as demo:
        gr.Markdown(f"# {TITLE}\nEach answer names the document and section it comes from and how sure the bot "
                    "is. When the documents do not cover a question, it says so.")
        asked = gr.State([])
        logged = gr.State([])  # the log id of each question in `asked`
        rated = gr.State({})  # the feedback row of each answer liked or disliked, by its question's place
        chatbot = gr.Chatbot(
            label="Answers from the documents",
            feedback_options=("Like", "Dislike"),
            buttons=["copy", "copy_all"],  # not Gradio's "share", which posts to Hugging Face Spaces
            placeholder=placeholder(bot),
            examples=[{"text": q} for q in examples] or None,
            sanitize_html=True,
            render_markdown=True,
            height="68vh",
        )
        with gr.Row():
            box = gr.Textbox(placeholder="Ask a question…", show_label=False, scale=8, autofocus=True,
                             submit_btn="Ask")  # a name a screen reader can say, where the icon had none
        limits = {"concurrency_limit": CONCURRENT_QUESTIONS, "api_visibility": "private"}
        box.submit(ask, [box, chatbot, asked, logged], [box, chatbot, asked, logged], **limits)
        chatbot.example_select(ask_selected, [chatbot, asked, logged], [chatbot, asked, logged], **limits)
        chatbot.option_select(ask_selected, [chatbot, asked, logged], [chatbot, asked, logged], **limits)
        chatbot.clear(lambda: ([], [], {}), None, [asked, logged, rated], api_visibility="private")
        chatbot.like(record, [chatbot, asked, logged, rated], rated, api_visibility="private")
        # The count as it is when the page opens: the admin page's uploads change it.
        demo.load(lambda: gr.update(placeholder=placeholder(live.current)), None, chatbot, api_visibility="private")

        api_question = gr.Textbox(visible=False)
        api_reply = gr.Markdown(visible=False)
        api_memory = gr.State([])
        gr.Button(visible=False).click(api_chat, [api_question, api_memory], [api_reply, api_memory],
                                       api_name="chat", concurrency_limit=CONCURRENT_QUESTIONS)
    build_admin_page(demo, Admin(live, store, login_required=login_required))
    return demo


def serve(bot: Chatbot, *, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None,
          block: bool = True):
    """Start the web UI and the REST API (/api). `auth` is "user:password"; without it (and without
    Settings.api_token) anyone who can reach host:port may use them. Returns the running server."""
    credentials = None
    if auth:
        user, _, password = auth.partition(":")
        if not user or not password:
            raise ChatbotError('--auth takes "user:password".')
        credentials = (user, password)
    store = FeedbackStore(bot.settings.data_dir, bot.settings.database_url,
                          retention_days=bot.settings.log_retention_days)
    bot.warm_up()
    live = LiveBot(bot)
    demo = build_app(bot, store, login_required=credentials is not None, live=live)
    demo.queue(max_size=QUEUE_SIZE)
    demo.max_threads = CONCURRENT_QUESTIONS + 16  # what launch(max_threads=...) sets
    import gradio as gr
    from fastapi import FastAPI

    from .api import build_api
    from .server import WebServer

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    # The API answers with the bot the admin page keeps current, as the chat does.
    app.mount("/api", build_api(lambda: live.current, store, auth=credentials, token=bot.settings.api_token,
                                    log_questions=bot.settings.log_questions))
    with warnings.catch_warnings():  # Gradio warns that SSR is off on a page with an admin page, as asked
        warnings.filterwarnings("ignore", message="SSR mode is not supported", category=UserWarning)
        app = gr.mount_gradio_app(app, demo, path="/", auth=credentials, show_error=True, ssr_mode=False,
                                  max_file_size=bot.settings.max_upload_bytes, theme=page_theme(), css=PAGE_CSS)
    server = WebServer(app, host=host, port=port, blocks=demo)
    if block:
        server.run()
        return server
    return server.start()
