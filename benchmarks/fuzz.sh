#!/usr/bin/env bash
# The long Hypothesis run (tests/fuzz/README.md): every fuzz-marked property
# with the "fuzz" profile. LAUNCHCHECK_FUZZ_EXAMPLES sets examples per property
# (default 2000: 12,000 in all). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
time .venv/bin/python -m pytest -m fuzz tests/fuzz "$@"
