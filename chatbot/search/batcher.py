"""EncodeBatcher: questions that arrive together are embedded in one model call, and a full queue says so.

One worker thread batches for the model. Callers put their text on a bounded queue and wait; the worker
takes everything that is waiting (up to `max_batch`) and encodes it in one call, which costs far less
than one call per question on a CPU. When `max_waiting` questions are already waiting, a new one is
refused at once with BusyError instead of letting the queue and the latency grow without bound. A
question that finds the model idle and nobody waiting is encoded in its caller's thread: there is
nothing to batch it with, and handing it to the worker and back costs about as much as the
tokenizer.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future

import numpy as np

from .embedder import Embedder
from ..errors import BusyError


class EncodeBatcher:
    def __init__(self, embedder: Embedder, *, max_batch: int = 32, max_waiting: int = 64):
        self.embedder = embedder
        self.max_batch = max_batch
        self._queue: queue.Queue = queue.Queue(maxsize=max_waiting)
        self._worker: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.batches = 0  # model calls made, for benchmarks and tests
        self._running = 0  # model calls under way (worker or caller)
        self._running_lock = threading.Lock()

    def encode(self, text: str) -> np.ndarray:
        with self._running_lock:
            alone = self._running == 0 and self._queue.empty()
            if alone:
                self._running += 1
        if alone:
            try:
                vector = self.embedder.encode([text])[0]
                self.batches += 1
                return vector
            finally:
                with self._running_lock:
                    self._running -= 1
        future: Future = Future()
        try:
            self._queue.put_nowait((text, future))
        except queue.Full:
            raise BusyError("The bot is busy answering other questions. Please try again in a moment.") from None
        self._ensure_worker()
        return future.result()

    def _ensure_worker(self) -> None:
        if self._worker is None:
            with self._start_lock:
                if self._worker is None:
                    self._worker = threading.Thread(target=self._run, name="chatbot-encoder", daemon=True)
                    self._worker.start()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            with self._running_lock:
                self._running += 1
            while len(batch) < self.max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                vectors = self.embedder.encode([text for text, _ in batch])
                self.batches += 1
            except BaseException as exc:  # noqa: BLE001 - handed to every waiting caller
                for _, future in batch:
                    future.set_exception(exc)
                continue
            finally:
                with self._running_lock:
                    self._running -= 1
            for (_, future), vector in zip(batch, vectors):
                future.set_result(vector)
