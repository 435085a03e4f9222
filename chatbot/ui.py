"""Web UI: a Gradio chat over a Chatbot, with examples, suggestions, likes and a named /chat API."""

import os

from .chatbot import Chatbot
from .errors import BusyError, ChatbotError, QuestionError
from .feedback import FeedbackStore

TITLE = "Ask the documents"
EXAMPLE_COUNT = 4
# Questions answered at once. Each waits on the shared encoder (chatbot.batcher), which batches them and
# tells the ones beyond its limit that the bot is busy; Gradio's own queue is only a backstop.
CONCURRENT_QUESTIONS = 64
QUEUE_SIZE = 256


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


def build_app(bot: Chatbot, store: FeedbackStore):
    # Gradio reads this when it is imported: no usage reports leave the machine.
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    def respond(message, history):
        question = message_text(message)
        earlier = [message_text(m.get("content")) for m in history if m.get("role") == "user"]
        try:
            a = bot.answer(question, history=earlier)
        except (QuestionError, BusyError) as exc:
            return str(exc)
        except ChatbotError as exc:
            return f"Sorry, something went wrong: {exc}"
        if a.suggestions:
            return gr.ChatMessage(content=a.text, options=[{"value": s} for s in a.suggestions])
        return a.text

    def record(history, data: gr.LikeData):
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        users = [(i, message_text(m.get("content"))) for i, m in enumerate(history[: index + 1])
                 if m.get("role") == "user"]
        if not users:
            return
        question = users[-1][1]
        earlier = [text for _, text in users[:-1]]
        try:
            shown = bot.answer(question, history=earlier)  # deterministic: the answer that was shown
        except ChatbotError:
            shown = None
        store.add(liked=bool(data.liked), question=question, history=earlier, answer=shown)
        gr.Info("Thanks, your feedback was saved.")

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        chatbot = gr.Chatbot(
            label="Answers from the documents",
            feedback_options=("Like", "Dislike"),
            placeholder=f"**{TITLE}**<br>Answers come from {len(bot.index.passages)} passages of your documents. "
                        "Try one of the examples below.",
            sanitize_html=True,
            render_markdown=True,
            height=560,
        )
        gr.ChatInterface(
            respond,
            chatbot=chatbot,
            textbox=gr.Textbox(placeholder="Ask a question…", label="Question", show_label=False),
            examples=example_questions(bot) or None,
            title=TITLE,
            description="Each answer names the document and section it comes from and how sure the bot is. "
                        "When the documents do not cover a question, it says so.",
            api_name="chat",
            cache_examples=False,
            concurrency_limit=CONCURRENT_QUESTIONS,
        )
        chatbot.like(record, inputs=[chatbot], outputs=None, api_visibility="private")
    return demo


def serve(bot: Chatbot, *, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None,
          block: bool = True):
    """Start the web UI. `auth` is "user:password"; without it anyone who can reach host:port may use it."""
    store = FeedbackStore(bot.settings.data_dir)
    bot.warm_up()
    demo = build_app(bot, store)
    credentials = None
    if auth:
        user, _, password = auth.partition(":")
        if not user or not password:
            raise ChatbotError('--auth takes "user:password".')
        credentials = (user, password)
    demo.queue(max_size=QUEUE_SIZE)
    demo.launch(server_name=host, server_port=port, auth=credentials, prevent_thread_lock=not block,
                show_error=True, quiet=not block, max_threads=CONCURRENT_QUESTIONS + 16)
    return demo
