"""The colours of every chart and of the overview's light chart, safe for colour-blind readers.

Okabe & Ito (2008), extended with Paul Tol's muted colours where a vocabulary has more than
seven values; tests/test_a11y.py checks the pairs stay apart under simulated deficiencies.
Pure data: the overview imports it without plotly or pandas.
"""

from __future__ import annotations

from usmx.vocabulary import EventType, Role, Status

# Okabe & Ito (2008), without yellow, which is unreadable on white.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000")
STATUS_COLORS = {
    Status.occurred: "#0072B2",
    Status.reported: "#56B4E9",
    Status.proposed: "#E69F00",
    Status.refused: "#D55E00",
    Status.planned: "#009E73",
    Status.postponed: "#CC79A7",
    Status.ongoing: "#000000",
}
EVENT_TYPE_COLORS = {
    EventType.military_action: "#D55E00",
    EventType.security_cooperation: "#0072B2",
    EventType.intelligence: "#CC79A7",
    EventType.counternarcotics: "#009E73",
    EventType.trafficking: "#882255",
    EventType.diplomacy: "#E69F00",
    EventType.policy: "#56B4E9",
    EventType.legislative: "#999933",
    EventType.political: "#332288",  # Tol indigo: apart from #CC79A7/#009E73 for CVD
    EventType.statement: "#000000",
    EventType.media_report: "#888888",
}
ROLE_COLORS = {
    Role.initiator: "#0072B2",
    Role.target: "#D55E00",
    Role.participant: "#009E73",
    Role.supporter: "#56B4E9",
    Role.opponent: "#CC79A7",
    Role.source: "#E69F00",
    Role.subject: "#888888",
}
PALETTES = {"status": STATUS_COLORS, "event_type": EVENT_TYPE_COLORS}
NEUTRAL = "#555555"
# Evidence highlights on the Source page, one per record type. Paul Tol's "light" scheme:
# designed for colour-blind readers and for black text on top.
RECORD_COLORS = {
    "quote": "#77AADD",
    "claim": "#BBCC33",
    "event": "#EE8866",
    "actor": "#FFAABB",
    "place": "#44BB99",
    "source": "#DDDDDD",
}
# Relations of the actor network (usmx.relations), reusing the event-type colours so the set
# stays one whose pairs were checked apart under colour-vision deficiencies.
RELATION_COLORS = {
    "pressure": "#E69F00",
    "proposal": "#0072B2",
    "refusal": "#D55E00",
    "cooperation": "#009E73",
    "warning": "#882255",
    "designation": "#332288",
    "statement_about": "#56B4E9",
    "action_against": "#000000",
    "reports_on": "#888888",
}
# Actor nodes by side: the two countries of the story, everyone else neutral. Paul Tol's pale
# tints, so no actor shares a colour with a relation's line (orange pressure, blue statements).
SIDE_COLORS = {"US": "#BBCCEE", "MX": "#EEDD88", "other": "#DDDDDD"}
# The network's lines outside the reader's pick: present, but out of the way.
FADED = "#D9D9D9"
