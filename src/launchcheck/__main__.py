"""``python -m launchcheck``."""

from launchcheck.cli import main

main()
