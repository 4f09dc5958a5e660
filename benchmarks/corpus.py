"""Precision, recall and every miss on the development corpus (tests/corpus/)."""

from __future__ import annotations

import runpy
from pathlib import Path

if __name__ == "__main__":
    heldout = runpy.run_path(str(Path(__file__).with_name("heldout.py")))
    heldout["main"]("corpus")
