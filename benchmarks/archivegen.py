"""A deterministic archive of launch stories, for batch benchmarks and tests.

Every story is one invented event (a missile test or a space launch) with a
fixed truth: date, local time, zone, figures. Each of its 3-15 articles is
written by an invented outlet in its own zone, states a subset of the facts
in its own forms (km or miles, hedges, weekday or calendar date, local time
or GMT) and pads itself with invented context to about 2 KB or 8 KB. Some
articles slip (a figure off by a third, the wrong day, a shifted hour), so the
archive holds contradictions as well as agreements that only look different.

The same ``--seed`` always gives the same bytes. All text is our own.

    .venv/bin/python benchmarks/archivegen.py --stories 300 --size 2k -o a.jsonl
    .venv/bin/python benchmarks/archivegen.py --stories 30 --folders DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from collections.abc import Iterator

KM_PER_MILE = 1.609344
SIZES = {"2k": 2048, "8k": 8192}


@dataclass(frozen=True)
class Outlet:
    name: str
    zone: str
    city: str


OUTLETS = (
    Outlet("Han River Courier", "Asia/Seoul", "SEOUL"),
    Outlet("Namsan Wire", "Asia/Seoul", "SEOUL"),
    Outlet("Kanto Evening Post", "Asia/Tokyo", "TOKYO"),
    Outlet("Sapporo Ledger", "Asia/Tokyo", "TOKYO"),
    Outlet("Hudson Morning Star", "America/New_York", "WASHINGTON"),
    Outlet("Potomac Dispatch", "America/New_York", "WASHINGTON"),
    Outlet("Thames Observer Desk", "Europe/London", "LONDON"),
    Outlet("Bay Area Signal", "America/Los_Angeles", "SAN FRANCISCO"),
    Outlet("Bund Business Daily", "Asia/Shanghai", "BEIJING"),
    Outlet("Deccan Space Review", "Asia/Kolkata", "BENGALURU"),
)
ZONE_WORD = {
    "Asia/Seoul": "KST",
    "Asia/Tokyo": "JST",
    "America/New_York": "ET",
    "America/Los_Angeles": "PT",
    "Europe/London": "GMT",
    "Asia/Shanghai": "Beijing time",
    "Asia/Kolkata": "IST",
}
MISSILES = (
    ("ICBM", "intercontinental ballistic missile", "solid"),
    ("ICBM", "ICBM", "liquid"),
    ("IRBM", "intermediate-range ballistic missile", "solid"),
    ("SRBM", "short-range ballistic missile", "solid"),
)
ROCKETS = (
    ("Long March 5", "Asia/Shanghai", "China"),
    ("Long March 7", "Asia/Shanghai", "China"),
    ("H3", "Asia/Tokyo", "Japan"),
    ("H-IIA", "Asia/Tokyo", "Japan"),
    ("PSLV", "Asia/Kolkata", "India"),
    ("LVM3", "Asia/Kolkata", "India"),
)
UP_HEDGES = ("about", "approximately", "around", "roughly", "some", "")
LOW_HEDGES = ("more than", "over")
HIGH_HEDGES = ("nearly", "almost", "up to")
FIRST = (
    "Ahn", "Baek", "Chae", "Doyle", "Endo", "Farrow", "Goh", "Hale", "Ito",
    "Jang", "Kaur", "Lindqvist", "Moon", "Nakamura", "Osei", "Park", "Quinn",
    "Rao", "Sato", "Tran", "Ueda", "Varga", "Wei", "Yoon",
)  # fmt: skip
GIVEN = (
    "Min-ji", "Daniel", "Haruka", "Priya", "Tomas", "Seo-yun", "Grace",
    "Kenji", "Amara", "Jun-ho", "Elena", "Ravi", "Mei", "Oliver",
)  # fmt: skip
INSTITUTES = (
    "the Korea Strategy Forum", "the Pacific Deterrence Lab", "Keio Policy School",
    "the Institute for Northeast Asian Security", "the Orbital Affairs Council",
    "the Centre for Launch Monitoring", "Hallym Defense Seminar",
)  # fmt: skip
FILLER = (
    "Diplomats from {a} and {b} spoke by phone within hours and agreed to share"
    " tracking data more quickly, a step both sides had discussed for years.",
    "{name}, who studies the program at {inst}, said the real test was whether"
    " the crews could repeat the feat on short notice.",
    "Shipping agencies issued navigation warnings for the waters east of the"
    " peninsula, and several fishing boats were told to stay in port.",
    "Markets barely moved: traders have grown used to such events, and the"
    " currency traded in a narrow band for the rest of the session.",
    "Officials in {a} said they would raise the matter at the next meeting of"
    " the Security Council, where earlier efforts to tighten sanctions stalled.",
    '"We knew something was coming when the road traffic near the site picked'
    ' up," said {name} of {inst}. "The satellite pictures were not subtle."',
    "The statement from {a} avoided naming any new measures, which some"
    " lawmakers criticised as too cautious.",
    "Engineers have spent years improving the guidance system, according to"
    " people who follow the program, though little of that work is public.",
    "Residents of coastal towns received phone alerts, and a few train lines"
    " paused service for several minutes as a precaution.",
    "{name} of {inst} cautioned against reading too much into a single flight"
    " and said the next months would show whether the design is mature.",
    "The launch drew a protest from {b}, whose foreign ministry summoned an"
    " envoy and described the event as destabilising.",
    "Analysts compared photographs released afterwards with those of earlier"
    " launches and noted a new paint scheme and a longer transporter.",
    "Satellite operators said they had moved nothing in response, and no"
    " damage to ships or aircraft was reported.",
    "The defence committee of the parliament in {a} met behind closed doors,"
    " and its chair told reporters only that the briefing had been thorough.",
    "Newspapers in {b} ran the story on their front pages, most of them with a"
    " file photograph because no fresh images had been released.",
    "{name}, a former diplomat now at {inst}, said quiet talks were still"
    " possible but that neither side wanted to be seen asking for them.",
    "Insurers covering cargo ships in the region said premiums had not changed,"
    " a sign that the event was seen as routine by the industry.",
    "A retired air force officer, {name}, said the radar tracks matched what"
    " he would expect from a vehicle of that size and class.",
    "Television networks in {a} interrupted their morning programs to show a"
    " map of the flight path drawn by the defence ministry.",
    "Officials declined to say how many ships had tracked the flight or where"
    " they had been positioned, citing operational security.",
    "The opposition in {b} accused the government of learning about the launch"
    " from the news, a charge the ministry rejected within the hour.",
    "Students at {inst} followed the event on a shared screen, said {name},"
    " who used it as the subject of an afternoon seminar.",
    "Weather on the day was clear, which made optical tracking easier than"
    " during the cloudy season, according to a forecaster in {a}.",
    "The foreign ministers of {a} and {b} are due to meet next month, and"
    " the launch is expected to be high on their agenda.",
    "{name} noted that official descriptions tend to grow more detailed over"
    " several days as agencies compare their data.",
    "Some commentators in {b} called for more spending on missile defence,"
    " while others warned against an arms race in the region.",
    "The event was the latest in a series that has kept planners in {a} busy"
    " and led to new drills for emergency services.",
    "A spokesperson for {a} said a fuller account would be published once the"
    " radar data had been reviewed by specialists.",
)
PARTNERS = ("South Korea", "Japan", "the United States", "Australia", "Canada")


def miles(km: float) -> float:
    return km / KM_PER_MILE


def rounded(value: float, rng: random.Random) -> int:
    """Round the way reporters do: to 10, 50 or 100 depending on size."""
    step = rng.choice((10, 50, 100)) if value >= 1000 else rng.choice((1, 5, 10))
    return max(step, int(round(value / step) * step))


def figure(value: int) -> str:
    return f"{value:,}"


@dataclass(frozen=True)
class Event:
    """The truth of one story."""

    key: str
    space: bool
    zone: str
    launch: dt.datetime  # aware, in ``zone``
    label: str  # missile class label or rocket name
    name: str  # how articles name the vehicle
    fuel: str
    country: str
    apogee_km: float
    distance_km: float
    minutes: int
    troops: int
    election: str
    previous_year: int
    previous_km: int


def make_event(key: str, rng: random.Random) -> Event:
    day = dt.date(2022, 1, 3) + dt.timedelta(days=rng.randrange(0, 1250))
    space = rng.random() < 0.3
    if space:
        label, zone, country = rng.choice(ROCKETS)
        name, fuel = label, rng.choice(("solid", "liquid"))
    else:
        label, name, fuel = rng.choice(MISSILES)
        zone, country = "Asia/Pyongyang", "North Korea"
    clock = dt.time(rng.randrange(5, 23), rng.choice((0, 5, 10, 20, 27, 36, 45, 52)))
    launch = dt.datetime.combine(day, clock, tzinfo=ZoneInfo(zone))
    return Event(
        key=key,
        space=space,
        zone=zone,
        launch=launch,
        label=label,
        name=name,
        fuel=fuel,
        country=country,
        apogee_km=rng.uniform(400, 7500),
        distance_km=rng.uniform(300, 1500),
        minutes=rng.randrange(20, 90),
        troops=rng.choice((3000, 8000, 10000, 12000, 15000)),
        election=rng.choice(("presidential", "midterm")),
        previous_year=day.year - rng.choice((1, 2)),
        previous_km=rounded(rng.uniform(300, 6000), rng),
    )


class Writer:
    """One article about ``event`` by ``outlet``; ``slip`` is the error rate."""

    def __init__(
        self, event: Event, outlet: Outlet, rng: random.Random, slip: float
    ) -> None:
        self.event = event
        self.outlet = outlet
        self.rng = rng
        self.slip = slip
        local = event.launch.astimezone(ZoneInfo(outlet.zone))
        self.published = local.date() + dt.timedelta(days=rng.choice((0, 0, 0, 1)))
        self._unused: list[str] = []

    def wrong(self) -> bool:
        return self.rng.random() < self.slip

    def hedged(self, km: float, unit: str) -> str:
        rng = self.rng
        value = km if unit in ("km", "kilometers") else miles(km)
        if self.wrong():
            value *= rng.choice((0.6, 0.7, 1.35, 1.5))
        kind = rng.random()
        if kind < 0.7:
            hedge = rng.choice(UP_HEDGES)
            shown = rounded(value, rng)
        elif kind < 0.85:
            hedge = rng.choice(LOW_HEDGES)
            shown = rounded(value * 0.95, rng)
        else:
            hedge = rng.choice(HIGH_HEDGES)
            shown = rounded(value * 1.04, rng)
        text = f"{figure(shown)} {unit}"
        return f"{hedge} {text}" if hedge else text

    def day_phrase(self) -> str:
        """The launch day as this outlet would write it, relative to its date."""
        rng = self.rng
        local = self.event.launch
        day = local.date()
        if self.wrong():
            day += dt.timedelta(days=rng.choice((-1, 1)))
        weekday = day.strftime("%A")
        month = day.strftime("%B")
        short = day.strftime("%b.") if day.month != 5 else "May"
        choice = rng.randrange(5)
        if choice == 0 and 0 <= (self.published - day).days < 6:
            return f"early {weekday}" if local.hour < 9 else weekday
        if choice == 1:
            return f"{month} {day.day}, {day.year}"
        if choice == 2:
            return f"{weekday}, {short} {day.day}"
        if choice == 3:
            return f"the morning of {month} {day.day}" if local.hour < 12 else weekday
        return f"{short} {day.day}"

    def time_phrase(self) -> str:
        rng = self.rng
        moment = self.event.launch
        if self.wrong():
            moment += dt.timedelta(hours=rng.choice((-2, -1, 1, 3)))
        choice = rng.randrange(3)
        if choice == 0:
            return f"{_clock(moment)} local time"
        if choice == 1:
            utc = moment.astimezone(dt.UTC)
            # a bare clock time is read in the outlet's zone: say whose it is
            local = " local time" if self.outlet.zone != self.event.zone else ""
            return f"{_clock(moment)}{local} ({utc:%H%M} GMT {utc:%A})"
        here = moment.astimezone(ZoneInfo(self.outlet.zone))
        word = ZONE_WORD.get(self.outlet.zone, "GMT")
        if word == "GMT":
            here = moment.astimezone(dt.UTC)
        return f"{_clock(here)} {word} {here:%A}"

    def fact_sentences(self) -> list[str]:
        e, rng = self.event, self.rng
        unit = rng.choice(("km", "kilometers", "kilometers", "miles"))
        maker = e.country if not e.space else f"{e.country}'s space agency"
        out = [
            (
                f"{maker} launched the {e.name} on {self.day_phrase()}, officials said."
                if not e.space
                else f"The {e.name} rocket lifted off on {self.day_phrase()}"
                f" from the coastal launch site."
            ),
            f"It was launched at {self.time_phrase()}, according to the"
            f" {'military' if not e.space else 'launch operator'}.",
        ]
        if not e.space:
            out += [
                f"The missile reached an altitude of {self.hedged(e.apogee_km, unit)}"
                f" and flew for {self._minutes()} before falling into the sea.",
                f"It traveled {self.hedged(e.distance_km, unit)} before splashing"
                " down outside the exclusive economic zone.",
                f"Officials said it was a {e.fuel}-fuel missile, easier to hide"
                " and quicker to prepare.",
                f"Seoul estimates that {self._troops()} troops have been deployed"
                " to Russia.",
                f"The test came weeks before the U.S. {self._election()} election.",
            ]
        else:
            out += [
                f"The payload was released at an altitude of"
                f" {self.hedged(e.apogee_km / 4, unit)}, {self._minutes()}"
                " after liftoff.",
                f"The {e.name} rocket carried a satellite for weather and"
                " communications research.",
            ]
        rng.shuffle(out)
        return out[: rng.randrange(3, len(out) + 1)]

    def background(self) -> str:
        """A figure about the story's previous test: never compared with this one."""
        e = self.event
        km = e.previous_km
        if self.wrong():
            km = rounded(km * self.rng.choice((0.6, 1.5)), self.rng)
        return (
            f"In the previous test in {e.previous_year}, a similar vehicle reached an"
            f" altitude of about {figure(km)} km."
        )

    def _minutes(self) -> str:
        minutes = self.event.minutes
        if self.wrong():
            minutes += self.rng.choice((-12, -7, 9, 15))
        if minutes >= 60 and self.rng.random() < 0.3:
            return f"1 hour and {minutes - 60} minutes"
        hedge = self.rng.choice(("", "about ", "approximately ", "nearly "))
        return f"{hedge}{minutes} minutes"

    def _troops(self) -> str:
        count = self.event.troops
        if self.wrong():
            count = self.rng.choice((2000, 4000, 20000, 30000))
        return f"{self.rng.choice(('about ', 'around ', ''))}{figure(count)}"

    def _election(self) -> str:
        if self.wrong():
            return self.rng.choice(("presidential", "midterm"))
        return self.event.election

    def filler(self) -> str:
        """A context sentence; each template once before any repeats."""
        rng = self.rng
        if not self._unused:
            self._unused = list(FILLER)
            rng.shuffle(self._unused)
        a, b = rng.sample(PARTNERS, 2)
        name = f"{rng.choice(GIVEN)} {rng.choice(FIRST)}"
        inst = rng.choice(INSTITUTES)
        return self._unused.pop().format(a=a, b=b, name=name, inst=inst)

    def article(self, size: int) -> str:
        e = self.event
        head = (
            f"{e.country} {'tests' if not e.space else 'launches'}"
            f" {e.name if not e.space else 'a ' + e.name + ' rocket'}"
        )
        paragraphs = [
            f"{self.outlet.city} — " + " ".join(self.fact_sentences()),
        ]
        if self.rng.random() < 0.4:
            paragraphs.append(self.background())
        body = [self.filler() for _ in range(2)]
        paragraphs.append(" ".join(body))
        while sum(len(p) + 2 for p in paragraphs) + len(head) < size * 0.92:
            if self.rng.random() < 0.15:
                paragraphs.append(" ".join(self.fact_sentences()[:2]))
            else:
                paragraphs.append(" ".join(self.filler() for _ in range(2)))
        return head + "\n\n" + "\n\n".join(paragraphs) + "\n"


def _clock(moment: dt.datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def _html(text: str, published: dt.date, outlet: str) -> str:
    title, *paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{p.strip()}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html>\n<html><head>"
        f'<meta property="article:published_time" content="{published}T09:00:00Z">'
        f'<meta property="og:site_name" content="{outlet}">'
        f"<title>{title}</title></head>\n<body><nav>Home | World | Science</nav>\n"
        f"<h1>{title}</h1>\n{body}\n<footer>All rights reserved.</footer>"
        "</body></html>\n"
    )


def generate(
    stories: int,
    seed: int = 1,
    size: str = "2k",
    slip: float = 0.08,
    max_articles: int = 15,
) -> Iterator[dict[str, str]]:
    """Yield archive records story by story (each story's records together)."""
    rng = random.Random(seed)
    for n in range(stories):
        key = f"story-{seed}-{n:05d}"
        event = make_event(key, rng)
        count = rng.randrange(3, max(3, max_articles) + 1)
        for i in range(count):
            pool = [o for o in OUTLETS if (o.zone == event.zone) or rng.random() < 0.6]
            outlet = rng.choice(pool or OUTLETS)
            writer = Writer(event, outlet, rng, slip)
            target = SIZES[size] if size in SIZES else rng.choice(list(SIZES.values()))
            text = writer.article(target)
            slug = outlet.name.lower().replace(" ", "-")
            html = rng.random() < 0.1
            record: dict[str, str] = {
                "story": key,
                "path": f"{key}/{i:02d}-{slug}.{'html' if html else 'txt'}",
                "text": _html(text, writer.published, outlet.name) if html else text,
            }
            if not html:
                record["published"] = writer.published.isoformat()
                record["outlet"] = outlet.name
                if rng.random() < 0.5:
                    record["timezone"] = outlet.zone
            if i == 0 or rng.random() < 0.3:
                record["event_timezone"] = event.zone
            yield record


def write_folders(records: Iterator[dict[str, str]], root: Path) -> int:
    """Write records as story folders of files with YAML front matter."""
    count = 0
    for record in records:
        path = root / record["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        front = [
            f"{k}: {record[k]}"
            for k in ("published", "outlet", "timezone")
            if k in record
        ]
        text = record["text"]
        if front and path.suffix != ".html":
            text = "---\n" + "\n".join(front) + "\n---\n" + text
        path.write_text(text, encoding="utf-8")
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", choices=("2k", "8k", "mixed"), default="2k")
    parser.add_argument("--slip", type=float, default=0.08, help="error rate")
    parser.add_argument("--max-articles", type=int, default=15, help="per story (>= 3)")
    parser.add_argument("-o", "--output", type=Path, help="JSONL file (default stdout)")
    parser.add_argument("--folders", type=Path, help="write story folders here instead")
    args = parser.parse_args()
    records = generate(args.stories, args.seed, args.size, args.slip, args.max_articles)
    if args.folders:
        write_folders(records, args.folders)
        return
    write_jsonl(
        records, args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    )


def write_jsonl(records: Iterator[dict[str, str]], out: TextIO) -> int:
    """Write one record per line; returns the number of records."""
    count = 0
    with out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


if __name__ == "__main__":
    main()
