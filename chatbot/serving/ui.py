"""Web UI: a Gradio chat over a Chatbot, with examples, suggestions, likes and a named /chat API.

What people type is shown as they typed it: it is escaped before it reaches the chat (Gradio renders
messages as Markdown with HTML), and kept raw in the session state for follow-ups and feedback.
"""

import html
import os
import re

from ..chatbot import Chatbot
from ..errors import BusyError, ChatbotError, QuestionError
from .feedback import FeedbackStore

TITLE = "Ask the documents"
EXAMPLE_COUNT = 4
# Questions answered at once. Each waits on the shared encoder (chatbot.batcher), which batches them and
# tells the ones beyond its limit that the bot is busy; Gradio's own queue is only a backstop.
CONCURRENT_QUESTIONS = 64
QUEUE_SIZE = 256
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def example_questions(bot: Chatbot, count: int = EXAMPLE_COUNT) -> list[str]:
    """FAQ questions of the corpus, spread over its documents."""
    questions = list(dict.fromkeys(p.question for p in bot.index.passages if p.question))
    if len(questions) <= count:
        return questions
    step = len(questions) / count
    return [questions[int(i * step)] for i in range(count)]


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
    """Markdown that displays `text` literally: no HTML, no formatting."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text)).replace("\n", "  \n")


def build_app(bot: Chatbot, store: FeedbackStore):
    # Gradio reads this when it is imported: no usage reports leave the machine.
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    def reply(question: str, earlier: list[str]) -> dict:
        try:
            a = bot.answer(question, history=earlier)
        except (QuestionError, BusyError) as exc:
            return {"role": "assistant", "content": as_text(str(exc))}
        except ChatbotError as exc:
            return {"role": "assistant", "content": as_text(f"Sorry, something went wrong: {exc}")}
        message = {"role": "assistant", "content": a.text}
        if a.suggestions:
            message["options"] = [{"value": s} for s in a.suggestions]
        return message

    def ask(question, history, asked):
        question = message_text(question)
        if not question.strip():
            return "", history, asked
        message = reply(question, asked)
        return "", [*history, {"role": "user", "content": as_text(question)}, message], [*asked, question]

    def ask_selected(history, asked, event: gr.SelectData):
        """An example or a suggested question was clicked: ask it."""
        _, history, asked = ask(message_text(event.value), history, asked)
        return history, asked

    def record(history, asked, data: gr.LikeData):
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        users = sum(1 for m in history[: index + 1] if m.get("role") == "user")
        if not users or users > len(asked):
            return
        question, earlier = asked[users - 1], asked[: users - 1]
        try:
            shown = bot.answer(question, history=earlier)  # deterministic: the answer that was shown
        except ChatbotError:
            shown = None
        store.add(liked=bool(data.liked), question=question, history=earlier, answer=shown)
        gr.Info("Thanks, your feedback was saved.")

    def api_chat(message: str, asked: list[str]):
        """The /chat endpoint: one question in, the reply's Markdown out; the session remembers the conversation."""
        return reply(message, asked)["content"], [*asked, message]

    examples = example_questions(bot)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"# {TITLE}\nEach answer names the document and section it comes from and how sure the bot "
                    "is. When the documents do not cover a question, it says so.")
        asked = gr.State([])
        chatbot = gr.Chatbot(
            label="Answers from the documents",
            feedback_options=("Like", "Dislike"),
            placeholder=f"**{TITLE}**  \nAnswers come from {len(bot.index.passages)} passages of your documents. "
                        "Try one of the examples.",
            examples=[{"text": q} for q in examples] or None,
            sanitize_html=True,
            render_markdown=True,
            height="68vh",
        )
        with gr.Row():
            box = gr.Textbox(placeholder="Ask a question…", show_label=False, scale=8, autofocus=True,
                             submit_btn=True)
        limits = {"concurrency_limit": CONCURRENT_QUESTIONS, "api_visibility": "private"}
        box.submit(ask, [box, chatbot, asked], [box, chatbot, asked], **limits)
        chatbot.example_select(ask_selected, [chatbot, asked], [chatbot, asked], **limits)
        chatbot.option_select(ask_selected, [chatbot, asked], [chatbot, asked], **limits)
        chatbot.clear(lambda: [], None, asked, api_visibility="private")
        chatbot.like(record, [chatbot, asked], None, api_visibility="private")

        api_question = gr.Textbox(visible=False)
        api_reply = gr.Markdown(visible=False)
        api_memory = gr.State([])
        gr.Button(visible=False).click(api_chat, [api_question, api_memory], [api_reply, api_memory],
                                       api_name="chat", concurrency_limit=CONCURRENT_QUESTIONS)
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
    store = FeedbackStore(bot.settings.data_dir, bot.settings.database_url)
    bot.warm_up()
    demo = build_app(bot, store)
    demo.queue(max_size=QUEUE_SIZE)
    demo.max_threads = CONCURRENT_QUESTIONS + 16  # what launch(max_threads=...) sets
    import gradio as gr
    from fastapi import FastAPI

    from .api import build_api
    from .server import WebServer

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/api", build_api(bot, store, auth=credentials, token=bot.settings.api_token))
    app = gr.mount_gradio_app(app, demo, path="/", auth=credentials, show_error=True)
    server = WebServer(app, host=host, port=port)
    if block:
        server.run()
        return server
    return server.start()
