"""Values that cross a stage boundary.

Everything here is a frozen dataclass of plain data (stdlib only), so that the
core stages stay pure, batch workers can pickle results, and neither pint nor
dateparser objects ever leak into comparison or reporting.
"""

from __future__ import annotations

import bisect
import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based position in a file: an article span or a line of a rule file."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        if not self.col:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.col}"


class ArticleRole(enum.Enum):
    """What an article is in a run: all equal (``check``), or drafts against sources."""

    ARTICLE = "article"
    DRAFT = "draft"
    SOURCE = "source"


# Unicode format characters (category Cf) a reader never sees, removed from
# the analysed text of every article (``Article.text`` holds none; load.py and
# htmltext.py remove them): soft hyphen, Arabic letter mark, Mongolian vowel
# separator, zero-width space / non-joiner / joiner, left-to-right and
# right-to-left marks, bidi embeddings, overrides and isolates, word joiner
# and invisible operators, BOM (zero-width no-break space), interlinear
# annotation marks, shorthand format controls, musical beams, language tags.
# The visible Cf "prepended concatenation marks" of Arabic and Syriac stay.
INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]+"
)


@dataclass(frozen=True, slots=True)
class Article:
    """The analysable text of one file and how to map it back to the file.

    ``text`` is what rules run on: the body of a text file (front matter
    excluded) or the visible text of an HTML page. ``anchors`` pairs offsets in
    ``text`` with offsets in the file as read, so every span can be reported at
    its true ``line:col`` in the original file.
    """

    path: str
    text: str
    published: date | None = None
    zone: str | None = None
    outlet: str | None = None
    url: str | None = None
    line_starts: tuple[int, ...] = (0,)
    anchors: tuple[tuple[int, int], ...] = ((0, 0),)
    role: ArticleRole = ArticleRole.ARTICLE

    def source_offset(self, offset: int) -> int:
        """Map an offset in ``text`` to an offset in the file as read."""
        i = max(bisect.bisect_right(self.anchors, offset, key=lambda a: a[0]) - 1, 0)
        text_off, file_off = self.anchors[i]
        return file_off + (offset - text_off)

    def locate(self, offset: int) -> Location:
        """Return the 1-based line and column of a ``text`` offset in the file."""
        src = self.source_offset(offset)
        line = bisect.bisect_right(self.line_starts, src)
        col = src - self.line_starts[line - 1] + 1
        return Location(self.path, line, col)


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` into an article's text."""

    article: str
    start: int
    end: int


class Kind(enum.Enum):
    """What kind of value a rule extracts; decides how it is normalized."""

    QUANTITY = "quantity"
    COUNT = "count"
    DATE = "date"
    TIME = "time"
    CATEGORY = "category"
    NAME = "name"


class EventKind(enum.Enum):
    """Which event a claim speaks of, as decided by the context stage."""

    THIS = "this"  # the launch the story is about
    OTHER = "other"  # another event, named by a cue in the claim's clause
    SIBLING = "sibling"  # the clause names a sibling missile or rocket
    BACKGROUND = "background"  # a date too far from publication to be this launch


class Moment(enum.Enum):
    """Which moment a clock time or date names."""

    LAUNCH = "launch"
    FALL = "fall"
    WARNING = "warning"
    ANNOUNCEMENT = "announcement"
    SEPARATION = "separation"
    WINDOW = "window"  # a launch window's opening or close, not the liftoff
    COUNTDOWN = "countdown"  # the countdown's start or a hold, hours before liftoff
    STAMP = "stamp"  # a page time stamp ("Updated at 9:49 a.m.")
    INSTANT = (
        "instant"  # a figure at one instant: altitude "at separation", "when lost"
    )
    UNKNOWN = "unknown"  # no cue says which moment: never compared as the launch


class Modality(enum.Enum):
    """Whether a figure says what happened, what the thing can do, or a plan.

    ``SUPERSEDED`` is a statement the article itself reports as replaced
    ("officials first said ... a cruise missile"): never compared.
    """

    ACTUAL = "actual"
    CAPABILITY = "capability"
    PLAN = "plan"
    SUPERSEDED = "superseded"


class Basis(enum.Enum):
    """From which words a claim's source was read."""

    NONE = "none"
    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"
    ARTICLE = "article"


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """The typed context of one claim, decided once and never re-parsed.

    ``*_cue`` fields hold the words (as written, shortened) that decided each
    part, so a report can say why a claim was not compared. ``moment`` is
    ``None`` for claims that are not times or dates.
    """

    event: EventKind = EventKind.THIS
    event_cue: str = ""
    moment: Moment | None = None
    moment_cue: str = ""
    rule_moment: Moment | None = None  # the moment the claim's rule reads
    modality: Modality = Modality.ACTUAL
    modality_cue: str = ""
    place_parents: tuple[str, ...] = ()
    source_basis: Basis = Basis.NONE
    # The words that put this moment after the launch ("sirens", "reported
    # the launch", "fell"): its time cannot precede the launch's.
    sequel_cue: str = ""

    @property
    def other_moment(self) -> bool:
        """True for a time or date of some moment other than the launch."""
        return self.moment is not None and self.moment is not self.rule_moment

    def not_compared_because(self) -> str:
        """Why this claim is kept apart from this launch's figures ("" if it is not)."""
        if self.event is not EventKind.THIS:
            return f"{self.event.value} event ('{self.event_cue}')"
        if self.other_moment:
            assert self.moment is not None
            cue = f" ('{self.moment_cue}')" if self.moment_cue else ""
            return f"another moment: {self.moment.value}{cue}"
        if self.modality is not Modality.ACTUAL:
            return f"{self.modality.value}: '{self.modality_cue}'"
        return ""


@dataclass(frozen=True, slots=True)
class Claim:
    """What one sentence says about a fact, before normalization.

    ``scope`` names a place or group the figure is about ("" = the event as a
    whole); ``event`` is non-empty when the figure belongs to another event (an
    earlier test), which is never compared with this one.
    """

    rule: str
    fact: str
    kind: Kind
    span: Span
    location: Location
    text: str
    value: str
    hedge: str = ""
    unit: str = ""
    zone: str = ""
    date: str = ""
    scope: str = ""
    event: str = ""
    source: str = ""
    alt_hedge: str = ""
    alt_value: str = ""
    sentence: str = ""
    clause: str = ""
    clause_start: int = 0
    clause_end: int = (
        0  # where a second clause with its own subject starts (0: unknown)
    )
    context: ClaimContext = ClaimContext()

    @property
    def group(self) -> tuple[str, str, str, str]:
        """What a claim is compared within: event label, moment and modality.

        Claims of the same other event, the same other moment (fall times with
        fall times) or the same capability are compared with each other, never
        with this launch's.
        """
        ctx = self.context
        moment = ctx.moment.value if ctx.other_moment and ctx.moment else ""
        modality = "" if ctx.modality is Modality.ACTUAL else ctx.modality.value
        return (self.scope, self.event, moment, modality)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed range in the base unit of a dimension; open ends are ±inf.

    ``nominal`` is the figure as stated (in base units) and ``per_unit`` how
    many base units one written unit holds, so a reason can quote the other
    side in this side's unit without pint. ``step`` is the rounding step of an
    unhedged figure (0 when hedged), used to recognise truncation.
    ``basis`` says how a value that is a range by nature was read ("Mach 10 =
    2.95–3.43 km/s: the speed of sound runs ..."), for reasons; "" otherwise.
    """

    low: float
    high: float
    nominal: float
    unit: str
    per_unit: float = 1.0
    base_unit: str = ""
    note: str = ""
    step: float = 0.0
    basis: str = ""


@dataclass(frozen=True, slots=True)
class Window:
    """A span of time ``[start, end)`` as aware UTC datetimes.

    ``clock_only`` marks a time of day with no date: such windows are compared
    modulo one day.
    """

    start: datetime
    end: datetime
    zone: str
    precision: str
    clock_only: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Category:
    """A canonical label chosen from a rule's category table (or a name).

    ``note`` records a check against reference data that failed, e.g. a person
    who did not hold the office on the article's date.
    """

    label: str
    note: str = ""


Value = Interval | Window | Category


@dataclass(frozen=True, slots=True)
class Fact:
    """A claim with its normalized value and a short human display of it."""

    claim: Claim
    value: Value
    display: str


class Verdict(enum.Enum):
    """What the comparison of one fact across articles concluded."""

    CONTRADICTION = "contradiction"
    SOURCES_DISAGREE = "sources-disagree"
    SURFACE_ONLY = "surface-only"
    AGREEMENT = "agreement"
    OTHER_SCOPE = "other-scope"
    SINGLE = "single"

    @property
    def is_conflict(self) -> bool:
        """True for verdicts that fail a check (exit code 1)."""
        return self in (Verdict.CONTRADICTION, Verdict.SOURCES_DISAGREE)


class Disposition(enum.Enum):
    """Whether a finding counts: active, or accepted by a person on purpose."""

    ACTIVE = "active"
    SUPPRESSED = "suppressed"  # an inline ``launchcheck: ignore FACT`` in an article
    BASELINE = "baseline"  # recorded in a baseline file of accepted findings


@dataclass(frozen=True, slots=True)
class Stance:
    """How the sources stand towards one draft's claims in a finding (``--against``).

    ``agree`` and ``disagree`` are source article paths; a source with claims on
    both sides is counted as disagreeing.
    """

    draft: str
    agree: tuple[str, ...] = ()
    disagree: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """The verdict on one fact (within one scope and event) across articles.

    ``conflicts`` lists index pairs into ``facts`` whose values cannot both
    hold; it is empty unless the verdict is a conflict.
    """

    fact: str
    rule: str
    verdict: Verdict
    facts: tuple[Fact, ...]
    reason: str
    scope: str = ""
    event: str = ""
    conflicts: tuple[tuple[int, int], ...] = ()
    moment: Moment | None = None  # set when the finding is about another moment
    modality: Modality = Modality.ACTUAL
    disposition: Disposition = Disposition.ACTIVE
    disposition_reason: str = ""
    outlier: str = ""  # the one article path that alone disagrees with the rest
    stances: tuple[Stance, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """Something the run could not use, kept so nothing is dropped silently.

    ``warn`` marks a note a person must see even without ``--verbose`` (a
    rule that gave up on an article): the command line prints it on stderr.
    """

    location: Location
    message: str
    warn: bool = False


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a writer needs; the only input of ``report`` writers."""

    articles: tuple[Article, ...]
    findings: tuple[Finding, ...]
    ruleset_id: str = ""
    notes: tuple[Note, ...] = field(default=())
    fail_on: tuple[Verdict, ...] = (Verdict.CONTRADICTION, Verdict.SOURCES_DISAGREE)

    @property
    def drafts(self) -> frozenset[str]:
        """Paths of the articles checked as drafts (empty in a plain check)."""
        return frozenset(a.path for a in self.articles if a.role is ArticleRole.DRAFT)

    def fails(self, finding: Finding) -> bool:
        """Whether this finding fails the run.

        Active, of a verdict in ``fail_on``, and, when drafts are checked against
        sources, with some source disagreeing with a draft (disagreement among
        the sources alone is context).
        """
        if finding.disposition is not Disposition.ACTIVE:
            return False
        if finding.verdict not in self.fail_on:
            return False
        if self.drafts:
            return any(s.disagree for s in finding.stances)
        return True

    @property
    def failing(self) -> tuple[Finding, ...]:
        """The findings that fail the run, in report order."""
        return tuple(f for f in self.findings if self.fails(f))

    @property
    def has_conflicts(self) -> bool:
        """True when any finding should fail the check (exit code 1)."""
        return bool(self.failing)
