"""YAML that is only ever data: the guard shared by rule files and front matter.

The event stream is scanned before composing, so a billion-laughs alias bomb,
a ``!!python/object`` tag or thousands of nested brackets never reach the
(recursive) composer; nothing is ever constructed from a tag.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    import yaml

    from launchcheck.errors import LaunchcheckError
    from launchcheck.model import Location

YAML_TAG = "tag:yaml.org,2002:"
SAFE_TAGS = frozenset(
    YAML_TAG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
MAX_YAML_DEPTH = 32


def guard_events(
    text: str,
    locate: Callable[[yaml.Mark], Location],
    error: type[LaunchcheckError],
    what: str,
) -> None:
    """Raise ``error`` at the first alias, foreign tag or too-deep nesting.

    ``what`` names the kind of file in the message ("rule files", "front
    matter"); YAML syntax errors propagate for the caller to locate.
    """
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        here = locate(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            raise error(here, f"YAML aliases (*name) are not allowed in {what}")
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in SAFE_TAGS:
            shown = tag.replace(YAML_TAG, "!!")
            raise error(here, f"YAML tag {shown!r} is not allowed in {what}")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise error(here, f"YAML nested too deeply in {what}")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
