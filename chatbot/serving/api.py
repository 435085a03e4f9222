"""REST API: plain JSON over HTTP beside the web UI, on the same server.

    POST /api/answer    {"question": "...", "history": ["earlier question", ...]}  -> the Answer as JSON
    POST /api/feedback  {"question": "...", "history": [...], "liked": true}       -> {"id": 12}
    GET  /api/health                                                                -> {"status": "ok", ...}
    GET  /api/docs      the OpenAPI page (and /api/openapi.json)

The UI's login applies (HTTP basic with the same user and password), and so does a bearer token
(`Authorization: Bearer <CHATBOT_API_TOKEN>`). Errors are JSON {"error": ..., "status": ...}: 400 a bad
question or body, 401 no login, 413 a body over MAX_BODY_BYTES, 429 busy (try again), 503 the index is
not ready.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from typing import Callable

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field, StrictBool
from starlette.exceptions import HTTPException

from ..chatbot import Chatbot
from ..errors import BusyError, ChatbotError, IndexCorruptError, ModelError, QuestionError
from .feedback import FeedbackStore, log_asked, logged_question

MAX_BODY_BYTES = 64 * 1024
# Longer questions are refused; up to this, the engine reads the first Settings.max_question_chars.
MAX_QUESTION_CHARS = 4000
MAX_HISTORY = 20
RETRY_AFTER_SECONDS = "1"


class AnswerRequest(BaseModel):
    question: str = Field(max_length=MAX_QUESTION_CHARS, description="what the person asked")
    history: list[str] = Field(default_factory=list, max_length=MAX_HISTORY,
                               description="earlier questions of the conversation, oldest first")


class FeedbackRequest(AnswerRequest):
    liked: StrictBool = Field(description="true for a like, false for a dislike of the answer to this question")


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


class BodyLimit:
    """ASGI middleware: a body larger than `limit` bytes is refused with 413, and never held whole: it is
    read (up to the limit) before the app sees it, whether or not it declared its length."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        refused = JSONResponse({"error": _too_large_text(self.limit), "status": 413}, status_code=413)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await refused(scope, receive, send)
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                return await refused(scope, receive, send)
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()  # after the body: wait for the disconnect, as the server would
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)


def _problem(error: dict) -> str:
    """One validation error of a request, said so that the caller can fix the request."""
    if error["type"] == "json_invalid":  # its location is ("body", the character where decoding failed)
        reason = error.get("ctx", {}).get("error", error["msg"])
        return f"the body is not valid JSON ({reason} at character {error['loc'][-1]})"
    if tuple(error["loc"]) == ("body",) and error["type"] in ("model_attributes_type", "dict_type"):
        return ('send a JSON object, such as {"question": "..."}, with the header "Content-Type: application/json"')
    return f"{'.'.join(str(p) for p in error['loc'][1:]) or 'body'}: {error['msg']}"


def _too_large_text(limit: int) -> str:
    return f"The request body is larger than {limit // 1024} KiB. Send one question at a time."


class Login:
    """ASGI middleware: a request for one of `paths` (the endpoints) goes through with the login or the token,
    or when neither is set; else it is refused with 401 before its body is read, so that a caller who is not
    logged in learns nothing of what the API accepts (a body that was not JSON had said so, with 400)."""

    def __init__(self, app, auth: tuple[str, str] | None, token: str, paths: set[str]):
        self.app, self.auth, self.token, self.paths = app, auth, token, paths

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and (self.auth or self.token) and _route_path(scope) in self.paths \
                and not self.allowed(dict(scope.get("headers") or []).get(b"authorization", b"")):
            challenge = 'Basic realm="chatbot"' if self.auth else 'Bearer realm="chatbot"'
            refused = JSONResponse({"error": "Log in: HTTP basic with the server's --auth user and password, or "
                                             "\"Authorization: Bearer <CHATBOT_API_TOKEN>\".", "status": 401},
                                   status_code=401, headers={"WWW-Authenticate": challenge})
            return await refused(scope, receive, send)
        return await self.app(scope, receive, send)

    def allowed(self, header: bytes) -> bool:
        scheme, _, value = header.decode("latin-1").partition(" ")
        scheme = scheme.lower()
        if scheme == "bearer" and self.token:
            return secrets.compare_digest(value.strip().encode(), self.token.encode())
        if scheme == "basic" and self.auth:
            try:
                user, _, password = base64.b64decode(value.strip(), validate=True).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                return False
            return secrets.compare_digest(user.encode(), self.auth[0].encode()) & \
                secrets.compare_digest(password.encode(), self.auth[1].encode())
        return False


def _route_path(scope) -> str:
    """The request's path within the app: mounted at /api, the app sees /api/answer with /api as its root."""
    path, root = scope["path"], scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


def build_api(bot: Chatbot | Callable[[], Chatbot | None], store: FeedbackStore, *,
              auth: tuple[str, str] | None = None, token: str = "", log_questions: bool = False) -> FastAPI:
    """The API as an app to mount at /api. `bot` may be a function that returns None while the index loads.
    With `log_questions`, questions and their outcomes go to the question log as the UI's do, so that the
    admin page also shows what a website's users ask through the API."""
    current = bot if callable(bot) and not isinstance(bot, Chatbot) else (lambda: bot)
    # The OpenAPI page's scripts come with the package, so that the page works offline.
    api = FastAPIOffline(title="FAQ chatbot API", version="1", docs_url="/docs", redoc_url=None,
                         openapi_url="/openapi.json",
                         description="Answers questions from your documents and says when they do not hold the "
                                     "answer.")
    api.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)

    def engine() -> Chatbot:
        found = current()
        if found is None:
            raise ApiError(503, "The index is still loading. Try again in a moment.", {"Retry-After": "5"})
        return found

    def answer_of(request: AnswerRequest):
        try:
            return engine().answer(request.question, history=request.history)
        except QuestionError as exc:
            raise ApiError(400, str(exc)) from exc
        except BusyError as exc:
            raise ApiError(429, str(exc), {"Retry-After": RETRY_AFTER_SECONDS}) from exc
        except (IndexCorruptError, ModelError) as exc:
            raise ApiError(503, str(exc)) from exc

    @api.exception_handler(ApiError)
    async def api_error(_request, exc: ApiError):
        return JSONResponse({"error": exc.message, "status": exc.status}, status_code=exc.status, headers=exc.headers)

    @api.exception_handler(RequestValidationError)
    async def bad_request(_request, exc: RequestValidationError):
        where = "; ".join(map(_problem, exc.errors()))
        return JSONResponse({"error": f"Bad request: {where}.", "status": 400}, status_code=400)

    @api.exception_handler(HTTPException)
    async def http_error(_request, exc: HTTPException):
        detail = exc.detail
        if isinstance(exc.__cause__, UnicodeDecodeError):  # FastAPI says only "There was an error parsing the body"
            detail = (f"Bad request: the body is not UTF-8 text (its byte {exc.__cause__.start + 1} is not UTF-8); "
                      "send JSON encoded as UTF-8.")
        return JSONResponse({"error": detail, "status": exc.status_code}, status_code=exc.status_code,
                            headers=exc.headers)  # a 405's Allow

    @api.exception_handler(ChatbotError)
    async def engine_error(_request, exc: ChatbotError):
        return JSONResponse({"error": str(exc), "status": 500}, status_code=500)

    @api.post("/answer", summary="Answer a question", response_class=JSONResponse)
    def post_answer(request: AnswerRequest):
        """The answer, with `found` false when the documents do not answer it, its confidence, its passages
        (best first) and questions to suggest."""
        # Returned as a response, so FastAPI neither re-validates nor re-encodes it: that costs CPU that
        # answers need.
        answer = answer_of(request)
        if log_questions:
            log_asked(store, engine(), request.question, request.history, answer)
        return Response(json.dumps(answer.to_dict(), ensure_ascii=False).encode(), media_type="application/json")

    @api.post("/feedback", status_code=201, summary="Like or dislike the answer to a question")
    def post_feedback(request: FeedbackRequest) -> dict:
        shown = answer_of(request)  # deterministic: the answer the person saw
        row = store.add(liked=request.liked, question=request.question, history=request.history, answer=shown)
        if log_questions:
            store.set_latest_question_feedback(logged_question(request.question, request.history, shown),
                                                  request.liked)
        return {"id": row}

    @api.get("/health", summary="Whether the server can answer")
    def health() -> dict:
        found = engine()
        return {"status": "ok", "passages": len(found.index.passages), "model": found.embedder.name,
                "embedder": type(found.embedder).__name__, "feedback": store.kind}

    # Every endpoint wants the login; the OpenAPI page and schema do not. Added last, so it runs first: the
    # login is checked before the body is read.
    endpoints = {route.path for route in api.routes
                 if getattr(route, "endpoint", None) in (post_answer, post_feedback, health)}
    api.add_middleware(Login, auth=auth, token=token, paths=endpoints)
    return api
