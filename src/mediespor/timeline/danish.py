"""Danish month names and date formats for everything a reader sees ("29. jun. 2017")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from mediespor.danish_dates import MONTH_NAMES, in_copenhagen

MONTHS = MONTH_NAMES
#: Danish abbreviations carry a full stop, except the already short "maj".
SHORT_MONTHS = (
    "jan.", "feb.", "mar.", "apr.", "maj", "jun.",
    "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
)  # fmt: skip
DAYS = ("søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag")
SHORT_DAYS = ("søn.", "man.", "tir.", "ons.", "tor.", "fre.", "lør.")


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def plural(n: int, one: str, many: str) -> str:
    """``n`` and the noun in the right number: ``plural(1, "medie", "medier")`` → "1 medie"."""
    return f"{_number(n)} {one if n == 1 else many}"


#: Singular and plural of what an item is, by kind (coverage of one kind is named by it).
KIND_NOUNS = {
    "article": ("artikel", "artikler"),
    "video": ("tv-indslag", "tv-indslag"),
    "blog": ("blogindlæg", "blogindlæg"),
    "press_release": ("pressemeddelelse", "pressemeddelelser"),
    "agenda": ("dagsorden", "dagsordener"),
}
#: Mixed or unknown kinds: "omtale" is what activists call a piece of coverage.
COVERAGE_NOUN = ("omtale", "omtaler")


def count_items(n: int, kinds: Iterable[str] = ()) -> str:
    """``n`` pieces of coverage in Danish: named by their kind when all share one ("7 tv-indslag",
    "1 artikel"), else "omtale/omtaler"; thousands with a dot."""
    distinct = set(kinds)
    one, many = (
        KIND_NOUNS.get(distinct.pop(), COVERAGE_NOUN) if len(distinct) == 1 else COVERAGE_NOUN
    )
    return plural(n, one, many)


def count_outlets(n: int) -> str:
    """``1 medie`` / ``2 medier``."""
    return plural(n, "medie", "medier")


KIND_LABELS = {
    "article": "artikel",
    "video": "tv-indslag",
    "blog": "blogindlæg",
    "press_release": "pressemeddelelse",
    "agenda": "dagsorden",
    "other": "andet",
}


def format_date(value: dt.date | dt.datetime) -> str:
    """A date as Danish readers write it: ``29. jun. 2017`` (datetimes in Copenhagen time)."""
    if isinstance(value, dt.datetime):
        value = in_copenhagen(value).date()
    return f"{value.day}. {SHORT_MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: dt.datetime, precision: str | None = "time") -> str:
    """Date and, when known to the minute, the Copenhagen time: ``29. jun. 2017 kl. 14.05``.

    Coarser dates show only what is known: ``april 2018`` (month), ``2018`` (year).
    """
    ts = in_copenhagen(value)
    if precision == "year":
        return str(ts.year)
    if precision == "month":
        return f"{MONTHS[ts.month - 1]} {ts.year}"
    if precision != "time":
        return format_date(ts)
    return f"{format_date(ts)} kl. {ts.hour:02d}.{ts.minute:02d}"


def format_month(year: int, month: int) -> str:
    """A month heading: ``jun. 2017``."""
    return f"{SHORT_MONTHS[month - 1]} {year}"


def kind_label(kind: str | None) -> str:
    """The Danish word for an item kind (unknown kinds are shown as they are)."""
    if not kind:
        return KIND_LABELS["other"]
    return KIND_LABELS.get(kind, kind)


def plotly_locale() -> dict:
    """A plotly.js locale module for Danish axis ticks, hover dates and modebar tooltips."""
    return {
        "moduleType": "locale",
        "name": "da",
        "dictionary": {
            "Autoscale": "Autoskalér",
            "Box Select": "Vælg med kasse",
            "Double-click to zoom back out": "Dobbeltklik for at zoome ud igen",
            "Download plot as a png": "Hent som png",
            "Lasso Select": "Vælg med lasso",
            "Pan": "Panorér",
            "Reset axes": "Nulstil akser",
            "Toggle Spike Lines": "Hjælpelinjer til/fra",
            "Zoom": "Zoom",
            "Zoom in": "Zoom ind",
            "Zoom out": "Zoom ud",
            "Show closest data on hover": "Vis nærmeste punkt",
            "Compare data on hover": "Sammenlign punkter",
            "Double-click on legend to isolate one trace": "Dobbeltklik på et medie for kun at vise det",
            "Click to enter Colorscale title": "Klik for at skrive titel",
            "Click to enter Plot title": "Klik for at skrive titel",
            "Click to enter X axis title": "Klik for at skrive titel",
            "Click to enter Y axis title": "Klik for at skrive titel",
            "Download plot": "Hent figuren",
            "Produced with Plotly.js": "Lavet med Plotly.js",
            "Reset": "Nulstil",
            "Reset view": "Nulstil visning",
            "Snapshot succeeded": "Billedet er gemt",
            "Taking snapshot - this may take a few seconds": "Gemmer billede – det kan tage et par sekunder",
            "trace": "serie",
            "new text": "ny tekst",
        },
        "format": {
            "days": list(DAYS),
            "shortDays": list(SHORT_DAYS),
            "months": [m.capitalize() for m in MONTHS],
            "shortMonths": list(SHORT_MONTHS),
            "date": "%d.%m.%Y",
            "decimal": ",",
            "thousands": ".",
        },
    }
