"""ACLED's column layout and vocabularies, as its codebook defines them (see docs/acled.md).

Pure data shared by the ACLED export (`usmx.acled_export`) and import (`usmx.acled_import`):
the columns in ACLED's order, the six event types with their sub-event types, the disorder
type of each sub-event type, the inter codes 1–8 (numeric, as in the codebook, and the text
labels ACLED's newer exports use), and the time and geo precision codes.

Sources (ACLED codebook as published with ACLED's R package acledR: the variable list, "Time"
and "Geography" pages, event and sub-event types; ACLED's "Guide to 2023 ACLED column
changes" for disorder_type, civilian_targeting and tags).
"""

from __future__ import annotations

# The export layout, in ACLED's order (the 2023 layout without civilian_targeting, which we
# never know; an import accepts it and the other optional columns).
COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# Columns older or narrower exports may lack (filled with nulls on import).
OPTIONAL_COLUMNS = ("disorder_type", "tags", "civilian_targeting", "admin3", "timestamp")
REQUIRED_COLUMNS = tuple(c for c in COLUMNS if c not in OPTIONAL_COLUMNS)
# Text columns: what a spreadsheet could run as a formula is refused on import.
TEXT_COLUMNS = (
    "event_id_cnty",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "source",
    "source_scale",
    "notes",
    "tags",
    "civilian_targeting",
)

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DEVELOPMENTS = "Strategic developments"

# event type -> sub-event type -> disorder type
EVENT_TYPES: dict[str, dict[str, str]] = {
    "Battles": {
        "Armed clash": POLITICAL_VIOLENCE,
        "Government regains territory": POLITICAL_VIOLENCE,
        "Non-state actor overtakes territory": POLITICAL_VIOLENCE,
    },
    "Explosions/Remote violence": {
        "Chemical weapon": POLITICAL_VIOLENCE,
        "Air/drone strike": POLITICAL_VIOLENCE,
        "Suicide bomb": POLITICAL_VIOLENCE,
        "Shelling/artillery/missile attack": POLITICAL_VIOLENCE,
        "Remote explosive/landmine/IED": POLITICAL_VIOLENCE,
        "Grenade": POLITICAL_VIOLENCE,
    },
    "Violence against civilians": {
        "Sexual violence": POLITICAL_VIOLENCE,
        "Attack": POLITICAL_VIOLENCE,
        "Abduction/forced disappearance": POLITICAL_VIOLENCE,
    },
    "Protests": {
        "Peaceful protest": DEMONSTRATIONS,
        "Protest with intervention": DEMONSTRATIONS,
        "Excessive force against protesters": f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
    },
    "Riots": {
        "Violent demonstration": DEMONSTRATIONS,
        "Mob violence": f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
    },
    "Strategic developments": {
        "Agreement": STRATEGIC_DEVELOPMENTS,
        "Arrests": STRATEGIC_DEVELOPMENTS,
        "Change to group/activity": STRATEGIC_DEVELOPMENTS,
        "Disrupted weapons use": STRATEGIC_DEVELOPMENTS,
        "Headquarters or base established": STRATEGIC_DEVELOPMENTS,
        "Looting/property destruction": STRATEGIC_DEVELOPMENTS,
        "Non-violent transfer of territory": STRATEGIC_DEVELOPMENTS,
        "Other": STRATEGIC_DEVELOPMENTS,
    },
}
# Spellings seen in ACLED's own material for the same sub-event type.
SUB_EVENT_ALIASES = {"Excessive force against protestors": "Excessive force against protesters"}
DISORDER_TYPES = (
    POLITICAL_VIOLENCE,
    DEMONSTRATIONS,
    f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
    STRATEGIC_DEVELOPMENTS,
)

# Actor types: code -> label. Newer exports write the label, older ones the number; 0 is the
# empty second actor of a one-sided event.
INTER_CODES = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
# Label -> code, for the text forms (singular and plural, any case; see docs/acled.md).
INTER_LABELS = {
    **{label.casefold(): code for code, label in INTER_CODES.items()},
    "state forces": 1,
    "rebel groups": 2,
    "political militias": 3,
    "identity militias": 4,
    "communal militia": 4,
    "communal militias": 4,
    "protestors": 6,
    "civilian": 7,
    "external/other force": 8,
    "other": 8,
    "others": 8,
}

TIME_PRECISION = {
    1: "the actual day is known",
    2: "a specific week or weekend is known (coded to its middle)",
    3: "only the month is known (coded to its middle, or to its first or last day when the "
    "source says early or late in the month)",
}
GEO_PRECISION = {
    1: "a particular town, or its outskirts, with coordinates",
    2: "near a known location, or a small part of a region",
    3: "a larger region, a natural location (border area, sea), or a provincial capital "
    "standing for a region",
}
PRECISION_CODES = (1, 2, 3)


def interaction(inter1: int, inter2: int | None) -> int:
    """ACLED's interaction code: the two inter codes, lower first; X0 for a sole actor."""
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high
