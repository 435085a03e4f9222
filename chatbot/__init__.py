from .answer import Answer
from .chatbot import Chatbot, answer
from .errors import (BusyError, ChatbotError, CorpusError, DocumentError, IndexCorruptError, ModelError, QuestionError,
                     SettingsError)
from .passage import Passage
from .settings import Settings

__all__ = ["answer", "Chatbot", "Answer", "Passage", "Settings", "BusyError", "ChatbotError", "CorpusError",
           "DocumentError", "IndexCorruptError", "ModelError", "QuestionError", "SettingsError"]
