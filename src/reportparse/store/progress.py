"""Progress of a batch: a redrawn bar on a terminal, a plain line every few seconds otherwise.

A log file or CI output must not fill with carriage returns, so the bar is drawn only when the
stream is a terminal.
"""

from __future__ import annotations

import shutil
import time
import unicodedata
from typing import TextIO


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Progress:
    def __init__(self, total: int, stream: TextIO, *, interval: float = 5.0, tty: bool | None = None) -> None:
        self.total = total
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.interval = interval
        self.done = 0
        self.failed = 0
        self.started = time.perf_counter()
        self._last_draw = 0.0
        self._last_line = self.started

    def advance(self, status: str) -> None:
        self.done += 1
        if status != "ok":
            self.failed += 1
        now = time.perf_counter()
        if self.tty:
            if now - self._last_draw >= 0.1 or self.done == self.total:
                self._draw(now)
        elif now - self._last_line >= self.interval:
            self._last_line = now
            self.stream.write(self._line(now) + "\n")
            self.stream.flush()

    def _line(self, now: float) -> str:
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        pct = 100 * self.done / self.total if self.total else 100.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        return (
            f"已处理 {self.done}/{self.total}（{pct:.0f}%），失败 {self.failed}，"
            f"{rate:.1f} 个/秒，预计还需 {left:.0f} 秒"
        )

    def _draw(self, now: float) -> None:
        self._last_draw = now
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        pct = 100 * self.done / self.total if self.total else 100.0
        tail = f" {self.done}/{self.total} {pct:3.0f}% 失败{self.failed} {rate:.1f}个/秒 剩{left:.0f}秒"
        # Fit the terminal: a line that wraps cannot be redrawn in place with \r.
        columns = shutil.get_terminal_size((80, 24)).columns
        width = max(10, min(30, columns - 1 - _display_width("入库 []" + tail)))
        filled = width * self.done // self.total if self.total else width
        bar = "█" * filled + "░" * (width - filled)
        self.stream.write(f"\r入库 [{bar}]{tail}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.done:
            self._draw(time.perf_counter())
            self.stream.write("\n")
            self.stream.flush()
