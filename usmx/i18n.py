"""Every user-visible string in two languages (繁體中文 and English), in one catalog.

`t(key, lang, **values)` looks a string up and formats it. The catalog is a flat dict of
key -> {lang: text}; a test checks every key has both languages and the same placeholders.
Every string that counts something is a `Plural` in the languages that inflect (English):
`t()` picks its form by the CLDR plural category of the number (`usmx.locale`), so "1 event"
and "2 events" come from one rule; Chinese needs no plural forms. A sentence with two counts
takes ready-made counted phrases (`count("events", n, lang)` -> "3 events" / "3 個事件").
Dataset text (titles, names) is bilingual in the data itself: see `name()` and `title()`.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

from usmx.locale import join, number, parenthesized, plural_category

LANGS = ("zh-Hant", "en")
DEFAULT_LANG = "zh-Hant"
LANG_LABELS = {"zh-Hant": "繁體中文", "en": "English"}


@dataclass(frozen=True)
class Plural:
    """A string with a form per CLDR plural category, chosen by the number in `count`."""

    count: str  # the placeholder holding the number
    one: str
    other: str

    def form(self, category: str) -> str:
        return self.one if category == "one" else self.other

    @property
    def forms(self) -> tuple[str, str]:
        return (self.one, self.other)


CATALOG: dict[str, dict[str, str | Plural]] = {
    # --- counted nouns, for sentences with more than one number (count()) ---------------------
    "count.events": {"zh-Hant": "{n} 個事件", "en": Plural("n", "{n} event", "{n} events")},
    "count.event_types": {"zh-Hant": "{n} 種類型", "en": Plural("n", "{n} type", "{n} types")},
    "count.places": {"zh-Hant": "{n} 個地點", "en": Plural("n", "{n} place", "{n} places")},
    "count.arcs": {
        "zh-Hant": "{n} 條跨境連線",
        "en": Plural("n", "{n} cross-border arc", "{n} cross-border arcs"),
    },
    "count.quotes": {"zh-Hant": "{n} 則引述", "en": Plural("n", "{n} quote", "{n} quotes")},
    "count.claims": {"zh-Hant": "{n} 項說法", "en": Plural("n", "{n} claim", "{n} claims")},
    "count.records": {"zh-Hant": "{n} 筆紀錄", "en": Plural("n", "{n} record", "{n} records")},
    "count.relations": {
        "zh-Hant": "{n} 條關係",
        "en": Plural("n", "{n} relation", "{n} relations"),
    },
    "count.actors": {"zh-Hant": "{n} 個人物與機構", "en": Plural("n", "{n} actor", "{n} actors")},
    "count.rows": {"zh-Hant": "{n} 列", "en": Plural("n", "{n} row", "{n} rows")},
    "count.states": {"zh-Hant": "{n} 個州", "en": Plural("n", "{n} state", "{n} states")},
    "count.sources": {"zh-Hant": "{n} 個來源", "en": Plural("n", "{n} source", "{n} sources")},
    "count.outlets": {"zh-Hant": "{n} 家媒體", "en": Plural("n", "{n} outlet", "{n} outlets")},
    "count.fatalities": {
        "zh-Hant": "{n} 人死亡",
        "en": Plural("n", "{n} fatality", "{n} fatalities"),
    },
    "count.hexagons": {
        "zh-Hant": "{n} 個六角形",
        "en": Plural("n", "{n} hexagon", "{n} hexagons"),
    },
    "count.candidates": {
        "zh-Hant": "{n} 個候選項目",
        "en": Plural("n", "{n} candidate", "{n} candidates"),
    },
    # --- app and pages -------------------------------------------------------------------------
    "app.title": {"zh-Hant": "美墨安全事件儀表板", "en": "US–Mexico security events"},
    "app.subtitle": {
        "zh-Hant": "每個事件都可追溯到原文的確切字句",
        "en": "Every event traceable to the exact words of its source",
    },
    "page.overview": {"zh-Hant": "總覽", "en": "Overview"},
    "page.timeline": {"zh-Hant": "時間線", "en": "Timeline"},
    "page.map": {"zh-Hant": "地圖", "en": "Map"},
    "page.quotes": {"zh-Hant": "引述", "en": "Quotes"},
    "page.actors": {"zh-Hant": "人物與機構", "en": "Actors"},
    "page.source": {"zh-Hant": "原文", "en": "Source"},
    "page.story": {"zh-Hant": "故事", "en": "Story"},
    "page.review": {"zh-Hant": "審閱", "en": "Review"},
    # --- story mode (pages/story.py) ---------------------------------------------------------
    "story.title": {"zh-Hant": "故事模式：逐一看事件", "en": "Story: one event at a time"},
    "story.intro": {
        "zh-Hant": "按時間順序逐一瀏覽篩選後的事件：用「上一個」「下一個」或鍵盤的 ← → 鍵。"
        "網址記錄目前的步驟，可直接分享。",
        "en": "Step through the filtered events in date order with Previous / Next or the "
        "← → keys. The address holds the step, so a link opens the story here.",
    },
    "story.step": {"zh-Hant": "第 {n} 步，共 {total} 步", "en": "Step {n} of {total}"},
    "story.previous": {"zh-Hant": "上一個", "en": "Previous"},
    "story.next": {"zh-Hant": "下一個", "en": "Next"},
    "story.jump": {"zh-Hant": "跳到事件", "en": "Jump to event"},
    "story.article": {"zh-Hant": "原文中的字句", "en": "The words in the article"},
    "story.quotes": {"zh-Hant": "相關引述", "en": "Quotes"},
    "story.where": {"zh-Hant": "在時間線上的位置", "en": "Where it sits on the timeline"},
    "story.place": {"zh-Hant": "地點", "en": "Where"},
    "story.no_places": {
        "zh-Hant": "原文未說明發生地點。",
        "en": "The article names no place for this event.",
    },
    "story.strip_alt": {
        "zh-Hant": "時間線上的 {total} 個事件，按時間順序；目前是第 {n} 個：{title}。",
        "en": Plural(
            "total",
            "The story's {total} event; the current step is {n}: {title}.",
            "The story's {total} events in date order; the current step is {n}: {title}.",
        ),
    },
    "story.open_timeline": {"zh-Hant": "在時間線查看", "en": "Open in the timeline"},
    "story.open_source": {"zh-Hant": "在原文查看", "en": "Open in the article"},
    "story.filtered_out": {
        "zh-Hant": "連結中的事件不符合目前的篩選，改從第一步開始。",
        "en": "The linked event is not in the filtered story; starting at the first step.",
    },
    "page.network": {"zh-Hant": "關係網絡", "en": "Network"},
    "page.claims": {"zh-Hant": "說法與數據", "en": "Claims"},
    "page.acled": {"zh-Hant": "ACLED 圖層", "en": "ACLED layer"},
    # --- sidebar filter ------------------------------------------------------------------------
    "filter.header": {"zh-Hant": "篩選", "en": "Filter"},
    "filter.language": {"zh-Hant": "語言", "en": "Language"},
    "filter.actor_search": {
        "zh-Hant": "以任何名稱搜尋人物（如 川普、Trump、马杜罗）",
        "en": "Find an actor by any name (e.g. 川普, Trump, 马杜罗)",
    },
    "filter.actor_search_hits": {"zh-Hant": "點選加入篩選", "en": "Click to add to the filter"},
    "filter.actor_search_none": {"zh-Hant": "找不到符合的人物", "en": "No actor matches"},
    "filter.actors": {"zh-Hant": "人物與機構", "en": "Actors"},
    "filter.dates": {"zh-Hant": "日期範圍", "en": "Date range"},
    "filter.types": {"zh-Hant": "事件類型", "en": "Event type"},
    "filter.places": {"zh-Hant": "地點", "en": "Place"},
    "filter.statuses": {"zh-Hant": "狀態", "en": "Status"},
    "filter.clear": {"zh-Hant": "清除篩選", "en": "Clear filter"},
    "filter.placeholder": {"zh-Hant": "全部", "en": "All"},
    "filter.sub_actors_note": {
        "zh-Hant": "選擇機構時包括其下屬（如美國政府包括中情局）。",
        "en": "Choosing a body includes those under it (US government includes the CIA).",
    },
    "caption.events": {
        "zh-Hant": "顯示 {shown} / {total} 個事件{details}",
        "en": Plural(
            "total", "{shown} of {total} event{details}", "{shown} of {total} events{details}"
        ),
    },
    "caption.involving": {"zh-Hant": "，涉及 {names}", "en": " involving {names}"},
    "caption.dates": {"zh-Hant": "，{start} 至 {end}", "en": ", {start} to {end}"},
    "caption.types": {"zh-Hant": "，類型：{types}", "en": ", type: {types}"},
    "caption.places": {"zh-Hant": "，地點：{places}", "en": ", at {places}"},
    "caption.statuses": {"zh-Hant": "，狀態：{statuses}", "en": ", status: {statuses}"},
    "caption.sources": {"zh-Hant": "，來源：{sources}", "en": ", from {sources}"},
    "filter.sources": {"zh-Hant": "來源", "en": "Source"},
    "filter.sources_help": {
        "zh-Hant": "只看有這些來源原文依據的事件、引述與說法。",
        "en": "Only events, quotes and claims backed by the words of these sources.",
    },
    "caption.all_time": {"zh-Hant": "不限", "en": "any time"},
    "notice.unknown": {
        "zh-Hant": "網址參數 {param}={value} 無法識別，已忽略。",
        "en": "URL parameter {param}={value} is not known and was ignored.",
    },
    "notice.bad_date": {
        "zh-Hant": "網址參數 {param}={value} 不是有效日期範圍（應為 EDTF，如 2026-01-01/2026-01-16、"
        "../2026-01-10 或 2026-01），已忽略。",
        "en": "URL parameter {param}={value} is not a valid date range (EDTF, e.g. "
        "2026-01-01/2026-01-16, ../2026-01-10 or 2026-01) and was ignored.",
    },
    "notice.too_many": {
        "zh-Hant": "網址參數 {param} 的值過多，{value} 已忽略。",
        "en": "Too many values for URL parameter {param}; {value} was ignored.",
    },
    "notice.too_long": {
        "zh-Hant": "網址參數 {param} 的值過長，已忽略。",
        "en": "A value of URL parameter {param} is too long and was ignored.",
    },
    "notice.reversed": {
        "zh-Hant": "網址中的日期範圍 {value} 起訖顛倒，已忽略。",
        "en": "The date range {value} in the URL ends before it starts and was ignored.",
    },
    "notice.bad_lang": {
        "zh-Hant": "網址參數 lang={value} 無法識別，已改用預設語言。",
        "en": "URL parameter lang={value} is not known; the default language is used.",
    },
    "error.dataset": {
        "zh-Hant": "資料檔有問題，無法載入：",
        "en": "The dataset file has problems and could not be loaded:",
    },
    "error.dataset_stale": {
        "zh-Hant": "資料檔的新版本有問題，仍顯示上一個有效版本。",
        "en": "The new version of the dataset file has problems; the last good version is shown.",
    },
    # --- labels of the dataset's vocabularies ---------------------------------------------------
    "event_type.military_action": {"zh-Hant": "軍事行動", "en": "Military action"},
    "event_type.security_cooperation": {"zh-Hant": "安全合作", "en": "Security cooperation"},
    "event_type.intelligence": {"zh-Hant": "情報", "en": "Intelligence"},
    "event_type.counternarcotics": {"zh-Hant": "緝毒行動", "en": "Counter-narcotics"},
    "event_type.trafficking": {"zh-Hant": "毒品走私", "en": "Drug trafficking"},
    "event_type.diplomacy": {"zh-Hant": "外交", "en": "Diplomacy"},
    "event_type.policy": {"zh-Hant": "政策", "en": "Policy"},
    "event_type.legislative": {"zh-Hant": "立法", "en": "Legislative"},
    "event_type.political": {"zh-Hant": "政治", "en": "Political"},
    "event_type.statement": {"zh-Hant": "聲明", "en": "Statement"},
    "event_type.media_report": {"zh-Hant": "媒體報道", "en": "Media report"},
    "status.occurred": {"zh-Hant": "已發生", "en": "Occurred"},
    "status.reported": {"zh-Hant": "據報", "en": "Reported"},
    "status.proposed": {"zh-Hant": "已提議", "en": "Proposed"},
    "status.refused": {"zh-Hant": "遭拒絕", "en": "Refused"},
    "status.planned": {"zh-Hant": "計劃中", "en": "Planned"},
    "status.postponed": {"zh-Hant": "已推遲", "en": "Postponed"},
    "status.ongoing": {"zh-Hant": "持續中", "en": "Ongoing"},
    "role.initiator": {"zh-Hant": "發起者", "en": "Initiator"},
    "role.target": {"zh-Hant": "對象", "en": "Target"},
    "role.participant": {"zh-Hant": "參與者", "en": "Participant"},
    "role.supporter": {"zh-Hant": "支援者", "en": "Supporter"},
    "role.opponent": {"zh-Hant": "反對者", "en": "Opponent"},
    "role.source": {"zh-Hant": "消息來源", "en": "Source"},
    "role.subject": {"zh-Hant": "相關方", "en": "Subject"},
    "kind.person": {"zh-Hant": "人物", "en": "Person"},
    "kind.government": {"zh-Hant": "政府", "en": "Government"},
    "kind.military": {"zh-Hant": "軍隊", "en": "Military"},
    "kind.agency": {"zh-Hant": "機構", "en": "Agency"},
    "kind.legislature": {"zh-Hant": "立法機構", "en": "Legislature"},
    "kind.cartel": {"zh-Hant": "販毒集團", "en": "Cartel"},
    "kind.media": {"zh-Hant": "媒體", "en": "Media"},
    "kind.group": {"zh-Hant": "群體", "en": "Group"},
    "kind.country": {"zh-Hant": "國家", "en": "Country"},
    "country.US": {"zh-Hant": "美國", "en": "United States"},
    "country.MX": {"zh-Hant": "墨西哥", "en": "Mexico"},
    "country.VE": {"zh-Hant": "委內瑞拉", "en": "Venezuela"},
    "country.other": {"zh-Hant": "其他", "en": "Other"},
    "place_kind.country": {"zh-Hant": "國家", "en": "Country"},
    "place_kind.state": {"zh-Hant": "州", "en": "State"},
    "place_kind.city": {"zh-Hant": "城市", "en": "City"},
    "place_kind.border": {"zh-Hant": "邊境", "en": "Border"},
    "place_kind.sea_port": {"zh-Hant": "海港", "en": "Seaport"},
    "precision.exact": {"zh-Hant": "確切地點", "en": "Exact place"},
    "precision.region": {"zh-Hant": "地區", "en": "Region"},
    "precision.country": {"zh-Hant": "全國", "en": "Country"},
    "date_precision.day": {"zh-Hant": "日", "en": "Day"},
    "date_precision.week": {"zh-Hant": "週", "en": "Week"},
    "date_precision.month": {"zh-Hant": "月", "en": "Month"},
    "date_precision.year": {"zh-Hant": "年", "en": "Year"},
    "date_precision.range": {"zh-Hant": "期間", "en": "Period"},
    "date_precision.open": {"zh-Hant": "截至", "en": "As of"},
    "occasion.interview": {"zh-Hant": "訪問", "en": "Interview"},
    "occasion.phone_call_remarks": {"zh-Hant": "通話後發言", "en": "Remarks on a phone call"},
    "occasion.statement": {"zh-Hant": "聲明", "en": "Statement"},
    "occasion.remarks": {"zh-Hant": "發言", "en": "Remarks"},
    "occasion.designation": {"zh-Hant": "官方認定", "en": "Official designation"},
    "occasion.accusation": {"zh-Hant": "指責", "en": "Accusation"},
    "occasion.reporting": {"zh-Hant": "報道用語", "en": "Reporting"},
    "quote_kind.direct": {"zh-Hant": "直接引語", "en": "Direct quotation"},
    "quote_kind.term": {"zh-Hant": "引號詞語", "en": "Quoted term"},
    # --- common words ---------------------------------------------------------------------------
    "word.events": {"zh-Hant": "事件", "en": "Events"},
    "word.actors": {"zh-Hant": "人物與機構", "en": "Actors"},
    "word.places": {"zh-Hant": "地點", "en": "Places"},
    "word.quotes": {"zh-Hant": "引述", "en": "Quotes"},
    "word.claims": {"zh-Hant": "說法與數據", "en": "Claims"},
    "word.date": {"zh-Hant": "日期", "en": "Date"},
    "word.as_stated": {"zh-Hant": "原文寫法", "en": "As the article states it"},
    "word.date_basis": {"zh-Hant": "日期依據", "en": "Date basis"},
    "word.evidence": {"zh-Hant": "原文依據", "en": "Evidence"},
    "word.summary": {"zh-Hant": "摘要", "en": "Summary"},
    "word.speaker": {"zh-Hant": "發言者", "en": "Speaker"},
    "word.occasion": {"zh-Hant": "場合", "en": "Occasion"},
    "word.original": {"zh-Hant": "原文", "en": "Original"},
    "word.translation": {"zh-Hant": "英文翻譯", "en": "English translation"},
    "word.unattributed": {"zh-Hant": "原文未註明", "en": "Not attributed in the article"},
    "word.open_in_source": {"zh-Hant": "在原文中查看", "en": "Show in the source"},
    "word.none": {"zh-Hant": "（無）", "en": "(none)"},
    "word.download": {"zh-Hant": "下載", "en": "Download"},
    "word.search": {"zh-Hant": "搜尋", "en": "Search"},
    "word.role": {"zh-Hant": "角色", "en": "Role"},
    "word.country": {"zh-Hant": "國家", "en": "Country"},
    "word.aliases": {"zh-Hant": "別名與譯名", "en": "Names and aliases"},
    "word.part_of": {"zh-Hant": "隸屬", "en": "Part of"},
    "word.status": {"zh-Hant": "狀態", "en": "Status"},
    "word.type": {"zh-Hant": "類型", "en": "Type"},
    "word.title": {"zh-Hant": "標題", "en": "Title"},
    "word.value": {"zh-Hant": "數值", "en": "Value"},
    "word.claimant": {"zh-Hant": "提出者", "en": "Claimant"},
    "word.count": {"zh-Hant": "數量", "en": "Count"},
    "empty.no_match": {
        "zh-Hant": "沒有符合目前篩選條件的資料。",
        "en": "Nothing matches the current filter.",
    },
    # --- source box -----------------------------------------------------------------------------
    "about.header": {"zh-Hant": "關於資料來源", "en": "About the source"},
    "about.body": {
        "zh-Hant": "一篇繁體中文新聞報道，發佈於 {published}，轉述《紐約時報》{reports_date} 的報道。"
        "語言：{language}。SHA-256：`{sha}`",
        "en": "One Traditional-Chinese news article published {published}, relaying The New York "
        "Times of {reports_date}. Language: {language}. SHA-256: `{sha}`",
    },
    "about.link": {"zh-Hant": "閱讀原文與翻譯", "en": "Read the article and its translation"},
    "overview.actors": {"zh-Hant": "涉及的人物與機構", "en": "Actors involved"},
    "overview.actors_caption": {
        "zh-Hant": "按涉及事件數排列，顯示前 {shown} 名（共 {total} 名）。",
        "en": Plural(
            "total",
            "By number of events; the only one.",
            "By number of events; the top {shown} of {total}.",
        ),
    },
    "overview.latest_quotes": {"zh-Hant": "最新引述", "en": "Latest quotes"},
    "overview.all_quotes": {"zh-Hant": "查看全部引述", "en": "See all quotes"},
    "overview.profile": {"zh-Hant": "檔案", "en": "Profile"},
    "overview.open_profile": {"zh-Hant": "查看", "en": "Open"},
    # --- charts and timeline (charts.py, pages/timeline.py) -------------------------------------
    "chart.timeline.title": {"zh-Hant": "事件時間線", "en": "Timeline of events"},
    "chart.timeline.aggregated": {
        "zh-Hant": "共 {n} 個事件，超過 {max} 個，改為顯示每月事件數（每個事件計入其大部分日子所在的月份）；"
        "縮小篩選範圍即可逐一查看。",
        "en": Plural(
            "n",
            "{n} event, more than {max}: drawn as counts per month.",
            "{n} events, more than {max}: drawn as counts per month (an event counts in the "
            "month holding most of its days). Narrow the filter to see each event.",
        ),
    },
    "timeline.pick_capped": {
        "zh-Hant": "清單只列出最早的 {shown} 個事件（共 {total} 個）；請縮小篩選範圍。",
        "en": Plural(
            "total",
            "The list shows the first {shown} of {total} event.",
            "The list shows the first {shown} of {total} events; narrow the filter to see the rest.",
        ),
    },
    "chart.timeline.alt": {
        "zh-Hant": "時間線：{n} 個事件，從 {first} 到 {last}。",
        "en": Plural(
            "n",
            "Timeline of {n} event from {first} to {last}.",
            "Timeline of {n} events from {first} to {last}.",
        ),
    },
    "chart.timeline.window": {
        "zh-Hant": "{first} 至 {last}：此時段內 {shown} 個事件",
        "en": Plural(
            "shown",
            "{first} to {last}: {shown} event in this window",
            "{first} to {last}: {shown} events in this window",
        ),
    },
    "chart.timeline.window_outside": {
        "zh-Hant": "；另有 {n} 個在此時段之外，見上方總覽。",
        "en": Plural(
            "n",
            "; {n} more outside it, in the overview above.",
            "; {n} more outside it, in the overview above.",
        ),
    },
    "chart.timeline.none_in_window": {
        "zh-Hant": "此時段內沒有事件；請在上方總覽選取其他日期。",
        "en": "No event in this window: choose other days in the overview above.",
    },
    "chart.timeline.context_title": {
        "zh-Hant": "全部事件總覽（壓縮時間軸）",
        "en": "All events, on a compressed time scale",
    },
    "chart.timeline.context_hint": {
        "zh-Hant": "越早的年代壓縮得越緊；藍色框是下方詳細顯示的時段。在此橫向拖曳即可選取其他時段。",
        "en": "The further back, the more years per inch; the blue band is the window shown "
        "below. Drag across the strip to show other days.",
    },
    "chart.timeline.context_aggregated": {
        "zh-Hant": "共 {n} 個事件，超過 {max} 個：總覽改為顯示每一小段時間的事件數。",
        "en": Plural(
            "n",
            "{n} event, more than {max}: the strip counts events per stretch of time.",
            "{n} events, more than {max}: the strip counts events per stretch of time.",
        ),
    },
    "chart.timeline.context_export": {
        "zh-Hant": "全部事件總覽（壓縮時間軸，越早越緊湊）；藍色框是下方詳細顯示的時段",
        "en": "All events on a compressed time scale (the further back, the more years per "
        "inch); the blue band is the window below",
    },
    "chart.timeline.detail_heading": {
        "zh-Hant": "{first} 至 {last} 的事件",
        "en": "Events from {first} to {last}",
    },
    "chart.timeline.position_title": {
        "zh-Hant": "在時間線上的位置",
        "en": "Where it sits on the timeline",
    },
    "chart.tickformat.day": {"zh-Hant": "%-m月%-d日", "en": "%b %-d"},
    "chart.legend.title": {"zh-Hant": "圖例", "en": "Legend"},
    "chart.legend.published": {
        "zh-Hant": "原文發佈日（{date}）",
        "en": "Article published ({date})",
    },
    "chart.source_line": {
        "zh-Hant": "資料來源：{published} 的繁體中文新聞報道（英文標題：{title}），"
        "轉述《{outlet}》{date} 的報道",
        "en": "Source: a news article in Traditional Chinese of {published}, relaying {outlet} "
        "of {date} (“{title}”)",
    },
    "chart.events_by_type.title": {"zh-Hant": "各類型事件數", "en": "Events by type"},
    "chart.events_by_type.alt": {
        "zh-Hant": "{events}分屬{types}，最多的是「{top}」（{count} 個）。",
        "en": "{events} of {types}; the most common is {top} ({count}).",
    },
    "chart.actor_involvement.title": {
        "zh-Hant": "參與事件最多的人物與機構",
        "en": "Actors in the most events",
    },
    "chart.actor_involvement.alt": {
        "zh-Hant": "參與事件最多的是{top}（{events}），並按角色區分。",
        "en": "{top} takes part in the most events ({events}), split by role.",
    },
    "chart.network.title": {
        "zh-Hant": "誰對誰做了甚麼：人物與機構關係網絡",
        "en": "Who does what to whom: the actor network",
    },
    "chart.network.alt": {
        "zh-Hant": "{actors}之間有{relations}，最常見的是「{top}」（{count} 條）。",
        "en": "{relations} between {actors}; the most common is {top} ({count}).",
    },
    "chart.network.events": {
        "zh-Hant": "{count} 個事件",
        "en": Plural("count", "{count} event", "{count} events"),
    },
    "chart.network.more": {
        "zh-Hant": "……另有 {count} 個",
        "en": Plural("count", "… and {count} more", "… and {count} more"),
    },
    "chart.network.col.from": {"zh-Hant": "由", "en": "From"},
    "chart.network.col.relation": {"zh-Hant": "關係", "en": "Relation"},
    "chart.network.col.to": {"zh-Hant": "至", "en": "To"},
    "chart.network.col.events": {"zh-Hant": "事件數", "en": "Events"},
    "chart.network.col.event_ids": {"zh-Hant": "事件編號", "en": "Event ids"},
    "relation.pressure": {"zh-Hant": "施壓", "en": "Pressure"},
    "relation.proposal": {"zh-Hant": "提議", "en": "Proposal"},
    "relation.refusal": {"zh-Hant": "拒絕", "en": "Refusal"},
    "relation.cooperation": {"zh-Hant": "合作", "en": "Cooperation"},
    "relation.warning": {"zh-Hant": "警告", "en": "Warning"},
    "relation.designation": {"zh-Hant": "列名定性", "en": "Designation"},
    "relation.statement_about": {"zh-Hant": "發表言論", "en": "Statement about"},
    "relation.action_against": {
        "zh-Hant": "採取行動（武力、打擊）",
        "en": "Action against (force, crackdown)",
    },
    "relation.reports_on": {"zh-Hant": "披露／報道", "en": "Reports on"},
    "chart.events_by_month.title": {
        "zh-Hant": "每月事件數（日期精確到月以內者）",
        "en": "Events per month (dated to the month or better)",
    },
    "chart.events_by_month.longer": {
        "zh-Hant": "另有 {n} 個事件只知年份或較長期間，不按月計算，見時間線。",
        "en": Plural(
            "n",
            "{n} more event is dated only to a year or a longer period: not counted "
            "by month, see the Timeline.",
            "{n} more events are dated only to a year or a longer period: not counted "
            "by month, see the Timeline.",
        ),
    },
    "chart.events_by_month.outside": {
        "zh-Hant": "{n} 個事件在這些月份之外。",
        "en": "Outside these months: {n}.",
    },
    "chart.events_by_month.alt": {
        "zh-Hant": "{first} 至 {last} 每月事件數：{precise}的日期精確到月，{peak}"
        "另有 {longer} 個只知年份或較長期間。",
        "en": "Events per month from {first} to {last}: {precise} dated to the month or "
        "better{peak}; {longer} more dated only to a longer period.",
    },
    "chart.events_by_month.peak": {
        "zh-Hant": "最多在 {peak}（{count} 個）；",
        "en": ", most in {peak} ({count})",
    },
    "chart.col.total": {"zh-Hant": "合計", "en": "Total"},
    "chart.hover.no_date_text": {"zh-Hant": "（原文未寫日期）", "en": "(no date in the article)"},
    "chart.legend.status": {"zh-Hant": "狀態", "en": "Status"},
    "chart.legend.event_type": {"zh-Hant": "事件類型", "en": "Event type"},
    "chart.legend.precision": {"zh-Hant": "日期精確度", "en": "Date precision"},
    "chart.axis.events": {"zh-Hant": "事件數", "en": "Number of events"},
    "chart.axis.month": {"zh-Hant": "月份", "en": "Month"},
    "chart.published": {
        "zh-Hant": "虛線：原文發佈日（{date}）。",
        "en": "The dotted line marks the article's publication day, {date}.",
    },
    "chart.col.precision": {"zh-Hant": "日期精確度", "en": "Date precision"},
    "table.first_rows": {
        "zh-Hant": "只顯示前 {shown} 列（共 {total} 列）；下載 CSV 可取得全部資料。",
        "en": Plural(
            "total",
            "The first {shown} of {total} row; the CSV download has them all.",
            "The first {shown} of {total} rows; the CSV download has them all.",
        ),
    },
    "chart.data_table": {"zh-Hant": "圖表資料（文字版）", "en": "Chart data as a table"},
    "chart.download.png": {"zh-Hant": "PNG 圖片", "en": "PNG"},
    "chart.download.svg": {"zh-Hant": "SVG 向量圖", "en": "SVG"},
    "chart.download.html": {"zh-Hant": "互動 HTML", "en": "HTML"},
    "chart.download.help": {
        "zh-Hant": "下載此圖表（套用目前的篩選條件）",
        "en": "Download this chart as filtered now",
    },
    "timeline.lanes": {"zh-Hant": "分行方式", "en": "Lanes"},
    "timeline.lanes.country": {"zh-Hant": "按發起方國家", "en": "By initiating country"},
    "timeline.lanes.event_type": {"zh-Hant": "按事件類型", "en": "By event type"},
    "timeline.focus": {"zh-Hant": "詳細顯示的日期", "en": "Days shown in detail"},
    "timeline.focus_help": {
        "zh-Hant": "也可以在總覽圖上橫向拖曳選取。",
        "en": "Or drag across the overview strip above the chart.",
    },
    "timeline.focus_reset": {"zh-Hant": "回到原文報道的日子", "en": "Back to the article's days"},
    "chart.timeline.context_alt": {
        "zh-Hant": "全部事件總覽（{first} 至 {last}，壓縮時間軸），藍色框標示下方詳細顯示的時段。",
        "en": "Overview of all events from {first} to {last} on a compressed time scale; a "
        "blue band marks the window shown in detail below.",
    },
    "timeline.pick_event": {"zh-Hant": "查看事件詳情", "en": "Show the details of an event"},
    "timeline.pick_hint": {
        "zh-Hant": "點選時間線上的事件，或在此選擇",
        "en": "Click an event on the timeline, or choose it here",
    },
    "timeline.selected_n": {
        "zh-Hant": "圖中選取了 {n} 個事件；下方顯示第一個，其他可在選單中查看。",
        "en": Plural(
            "n",
            "{n} event selected in the chart.",
            "{n} events selected in the chart; the first is shown, pick the others above.",
        ),
    },
    "timeline.data_header": {"zh-Hant": "下載篩選後的事件", "en": "Download the filtered events"},
    "timeline.download_csv": {"zh-Hant": "事件 CSV", "en": "Events as CSV"},
    "timeline.download_json": {"zh-Hant": "事件 JSON", "en": "Events as JSON"},
    "card.summary_en": {"zh-Hant": "英文摘要", "en": "Summary"},
    "card.edtf": {"zh-Hant": "標準日期（EDTF）", "en": "Standard date (EDTF)"},
    "card.as_of": {"zh-Hant": "截至 {date}，開始時間不詳", "en": "As of {date}; start unknown"},
    "card.days": {"zh-Hant": "{start} 至 {end}", "en": "{start} to {end}"},
    "card.no_places": {"zh-Hant": "原文未提及地點", "en": "No place given in the article"},
    "card.not_found": {
        "zh-Hant": "找不到這個事件（可能已從資料中移除）。",
        "en": "This event was not found (it may have been removed from the data).",
    },
    # --- map (maps.py, pages/map.py) ------------------------------------------------------------
    "map.view": {"zh-Hant": "地圖範圍", "en": "Map view"},
    "map.view.border": {"zh-Hant": "錫那羅亞州與美墨邊境", "en": "Sinaloa and the border"},
    "map.view.wide": {
        "zh-Hant": "大範圍（含華盛頓與卡拉卡斯）",
        "en": "Wide (incl. Washington and Caracas)",
    },
    "map.basemap": {"zh-Hant": "顯示底圖", "en": "Show basemap"},
    "map.basemap_note": {
        "zh-Hant": "底圖由 CARTO 提供，需要網路連線；關閉時地圖只畫內建的邊界，可離線使用。",
        "en": "The basemap comes from CARTO and needs internet; when off, the map draws only "
        "its built-in boundaries and works offline.",
    },
    "map.alt": {
        "zh-Hant": "美墨及委內瑞拉地圖：{places}有事件，{arcs}。"
        "事件最多的地點：{top}。錫那羅亞州以綠色標示，美墨邊境以紫紅粗線標示。",
        "en": "Map of the US, Mexico and Venezuela: {places} with events, {arcs}. Places with most events: {top}. Sinaloa is filled green; the "
        "US–Mexico border is a thick magenta line.",
    },
    "map.precision.exact": {"zh-Hant": "確切地點", "en": "Exact location"},
    "map.precision.region": {
        "zh-Hant": "區域代表點（州或邊境）",
        "en": "Point standing for a region (state or border)",
    },
    "map.precision.country": {
        "zh-Hant": "國家代表點（非確切地點）",
        "en": "Point standing for a whole country (not an exact location)",
    },
    "map.precision.aggregate": {
        "zh-Hant": "鄰近地點合併",
        "en": "Nearby places grouped",
    },
    "map.tooltip.events": {
        "zh-Hant": "{count} 個事件：",
        "en": Plural("count", "{count} event:", "{count} events:"),
    },
    "map.tooltip.more": {
        "zh-Hant": "……另有 {n} 個",
        "en": Plural("n", "… and {n} more", "… and {n} more"),
    },
    "map.tooltip.arc": {
        "zh-Hant": "{source} → {target}：{count} 個跨境行動",
        "en": Plural(
            "count",
            "{source} → {target}: {count} cross-border action",
            "{source} → {target}: {count} cross-border actions",
        ),
    },
    "map.tooltip.cell": {
        "zh-Hant": "{places}，共 {events}",
        "en": "{places}, {events}",
    },
    "map.aggregated": {
        "zh-Hant": "地點超過 {max} 個：地圖將每 {cell}° 方格內的地點合併為一個圓點。下表列出所有地點。",
        "en": "More than {max} places: the map groups the places in each {cell}° grid cell into "
        "one point. The table lists every place.",
    },
    "map.legend.header": {"zh-Hant": "圖例", "en": "Legend"},
    "map.legend.exact": {
        "zh-Hant": "實心圓點：事件的確切地點",
        "en": "Solid dot: the exact place of the events",
    },
    "map.legend.region": {
        "zh-Hant": "粗框半透明圓：代表一個州或邊境的點（非確切地點）",
        "en": "Pale disc in a thick ring: a point standing for a state or the border "
        "(not an exact spot)",
    },
    "map.legend.country": {
        "zh-Hant": "空心圓環：代表整個國家的點（非確切地點）",
        "en": "Empty ring: a point standing for a whole country (not an exact spot)",
    },
    "map.legend.pick": {
        "zh-Hant": "黑色外圈：點選的地點（下方列出該處事件）",
        "en": "Dark ring: the place you picked (its events are listed below the map)",
    },
    "map.pick.hint": {
        "zh-Hant": "點選地圖上的圓點、弧線、錫那羅亞州或邊境線，即可在此列出該處的事件。",
        "en": "Click a point, an arc, Sinaloa or the border line to list the events there.",
    },
    "map.pick.events": {
        "zh-Hant": "此處有 {count} 個符合篩選的事件：",
        "en": Plural(
            "count",
            "{count} event here matches the filter:",
            "{count} events here match the filter:",
        ),
    },
    "map.pick.none": {
        "zh-Hant": "此處沒有符合目前篩選的事件。",
        "en": "No event here matches the current filter.",
    },
    "map.pick.filter": {"zh-Hant": "只看「{place}」的事件", "en": "Filter by {place}"},
    "map.pick.filtered": {
        "zh-Hant": "篩選已包含「{place}」",
        "en": "{place} is in the filter",
    },
    "map.pick.close": {"zh-Hant": "關閉", "en": "Close"},
    "map.pick.cell": {
        "zh-Hant": "這個圓點合併了許多地點：請先用篩選縮小範圍，再點選單一地點。",
        "en": "This point groups many places: narrow the filter, then pick a single place.",
    },
    "map.legend.size": {
        "zh-Hant": "圓點大小：該地點的事件數（面積約與數量成正比）",
        "en": "Circle size: number of events at the place (area about proportional)",
    },
    "map.legend.arc": {
        "zh-Hant": "弧線：跨境行動，由發起者所屬國家（藍）指向事件地點（紅）；越粗代表事件越多",
        "en": "Arc: cross-border action, from the initiator's country (blue) to the event's "
        "place (red); thicker means more events",
    },
    "map.legend.border": {"zh-Hant": "美墨邊境", "en": "US–Mexico border"},
    "map.legend.sinaloa": {"zh-Hant": "錫那羅亞州", "en": "Sinaloa"},
    "map.col.place": {"zh-Hant": "地點", "en": "Place"},
    "map.col.events": {"zh-Hant": "事件數", "en": "Events"},
    "map.col.precision": {"zh-Hant": "位置精確度", "en": "Location precision"},
    "map.col.lat": {"zh-Hant": "緯度", "en": "Latitude"},
    "map.col.lon": {"zh-Hant": "經度", "en": "Longitude"},
    "map.col.point_basis": {"zh-Hant": "座標依據（英文）", "en": "Why the point is there"},
    "map.places_header": {"zh-Hant": "地點與事件數", "en": "Places and their events"},
    "map.download_geojson": {
        "zh-Hant": "下載地點與事件（GeoJSON）",
        "en": "Download places and events (GeoJSON)",
    },
    "map.download_csv": {
        "zh-Hant": "下載篩選後的地點（CSV）",
        "en": "Download the filtered places (CSV)",
    },
    # --- source, quotes and actors pages ---------------------------------------------------------
    "record_type.source": {"zh-Hant": "原文整體", "en": "Source"},
    "record_type.actor": {"zh-Hant": "人物與機構", "en": "Actor"},
    "record_type.place": {"zh-Hant": "地點", "en": "Place"},
    "record_type.event": {"zh-Hant": "事件", "en": "Event"},
    "record_type.quote": {"zh-Hant": "引述", "en": "Quote"},
    "record_type.claim": {"zh-Hant": "說法與數據", "en": "Claim"},
    "source.title": {"zh-Hant": "原文與依據", "en": "The source article"},
    "source.article": {"zh-Hant": "原文", "en": "The article"},
    "source.own_translation": {
        "zh-Hant": "英文為本專案自行翻譯，逐段對應原文；並非原文的一部分。",
        "en": "The English is this project's own translation, paragraph by paragraph; "
        "it is not part of the source.",
    },
    "source.published": {"zh-Hant": "發佈日期", "en": "Published"},
    "source.language": {"zh-Hant": "語言", "en": "Language"},
    "source.reports": {"zh-Hant": "轉述", "en": "Reports"},
    "source.reports_value": {"zh-Hant": "{outlet} {date} 的報道", "en": "{outlet} of {date}"},
    "source.sha": {"zh-Hant": "SHA-256 雜湊", "en": "SHA-256"},
    "source.translation": {"zh-Hant": "英文翻譯", "en": "English"},
    "actors.id": {"zh-Hant": "代號", "en": "ID"},
    "actors.name_en": {"zh-Hant": "英文名稱", "en": "English name"},
    "actors.name_zh": {"zh-Hant": "中文名稱", "en": "Chinese name"},
    "source.view": {"zh-Hant": "顯示方式", "en": "View"},
    "source.view_side": {"zh-Hant": "中英對照", "en": "Side by side with English"},
    "source.view_marked": {"zh-Hant": "標示原文依據", "en": "Highlighted evidence"},
    "source.types": {"zh-Hant": "標示的資料類型", "en": "Highlight record types"},
    "source.filter_note": {
        "zh-Hant": "側欄篩選適用於事件、引述與說法：只標示符合篩選的；人物、地點與原文整體一律標示。"
        "顯示{events}、{quotes}、{claims}的依據。",
        "en": "The sidebar filter applies to events, quotes and claims: only those it keeps are "
        "highlighted; actors, places and the source itself are always highlighted. Showing "
        "the evidence of {events}, {quotes} and {claims}.",
    },
    "source.pick_span": {
        "zh-Hant": "選擇一段原文依據，查看引用它的資料",
        "en": "Pick an evidence span to see which records cite it",
    },
    "source.no_span": {"zh-Hant": "（未選擇）", "en": "(none selected)"},
    "source.cited_by": {"zh-Hant": "引用「{text}」的資料", "en": "Records citing “{text}”"},
    "source.cited_none": {
        "zh-Hant": "沒有資料引用這段文字。",
        "en": "No record cites this passage.",
    },
    "notice.bad_span": {
        "zh-Hant": "網址參數 {param}={value} 不是原文中的有效位置（應為 起點-終點），已忽略。",
        "en": "URL parameter {param}={value} is not a valid place in the article (START-END) "
        "and was ignored.",
    },
    "source.col_zh": {"zh-Hant": "原文（繁體中文）", "en": "Original (Traditional Chinese)"},
    "source.col_en": {"zh-Hant": "英文（本專案翻譯）", "en": "English (project translation)"},
    "source.translation_error": {
        "zh-Hant": "英文翻譯檔與原文對不上，只顯示原文：",
        "en": "The English translation does not line up with the article; showing the "
        "original only:",
    },
    "source.open": {"zh-Hant": "開啟", "en": "Open"},
    "source.more_records": {
        "zh-Hant": "……另有 {n} 筆紀錄",
        "en": Plural("n", "… and {n} more record", "… and {n} more records"),
    },
    "quotes.title": {"zh-Hant": "引述", "en": "Quotes"},
    "quotes.search": {
        "zh-Hant": "搜尋引述（中英文皆可，亦可用發言者的任何名稱）",
        "en": "Search quotes (either language, any name of the speaker)",
    },
    "quotes.speakers": {"zh-Hant": "發言者", "en": "Speakers"},
    "quotes.unattributed": {"zh-Hant": "（未註明發言者）", "en": "(no speaker named)"},
    "quotes.kind": {"zh-Hant": "引述類型", "en": "Kind"},
    "quotes.caption": {
        "zh-Hant": "顯示 {shown} / {total} 則引述",
        "en": Plural("total", "{shown} of {total} quote", "{shown} of {total} quotes"),
    },
    "quotes.single": {
        "zh-Hant": "只顯示一則引述（來自連結）。",
        "en": "Showing one quote (from a link).",
    },
    "quotes.show_all": {"zh-Hant": "顯示全部引述", "en": "Show all quotes"},
    "quotes.dl_csv": {"zh-Hant": "下載 CSV", "en": "Download CSV"},
    "quotes.dl_json": {"zh-Hant": "下載 JSON", "en": "Download JSON"},
    "quotes.attribution": {"zh-Hant": "出處說明", "en": "Attribution"},
    "quotes.event": {"zh-Hant": "相關事件", "en": "Event"},
    "quotes.terms": {"zh-Hant": "引號詞語", "en": "Quoted terms"},
    "quotes.terms_caption": {
        "zh-Hant": "原文加上引號的單一詞語，而非完整的發言。",
        "en": "Single words and phrases the article puts in quotation marks, not whole remarks.",
    },
    "quotes.used_by": {"zh-Hant": "使用者", "en": "Used by"},
    "actors.title": {"zh-Hant": "人物與機構", "en": "Actors"},
    "actors.pick": {"zh-Hant": "選擇人物或機構", "en": "Choose an actor"},
    "actors.kind": {"zh-Hant": "類別", "en": "Kind"},
    "actors.children": {"zh-Hant": "下屬", "en": "Includes"},
    "actors.wikidata": {"zh-Hant": "維基數據", "en": "Wikidata"},
    "actors.introduced": {"zh-Hant": "原文首次提及", "en": "Introduced in the source"},
    "actors.events_caption": {
        "zh-Hant": "此人物或機構共涉及 {total} 個事件，符合側欄篩選的有 {shown} 個。",
        "en": Plural(
            "total",
            "Involved in {total} event; {shown} match the sidebar filter.",
            "Involved in {total} events; {shown} match the sidebar filter.",
        ),
    },
    "actors.none": {"zh-Hant": "（無）", "en": "(none)"},
    "actors.table": {"zh-Hant": "所有人物與機構", "en": "All actors"},
    "actors.table_caption": {
        "zh-Hant": "顯示 {shown} / {total} 個人物與機構：只列出參與目前篩選事件者。",
        "en": Plural(
            "total",
            "{shown} of {total} actor: only those involved in the filtered events.",
            "{shown} of {total} actors: only those involved in the filtered events.",
        ),
    },
    "actors.dl_csv": {"zh-Hant": "下載 CSV", "en": "Download CSV"},
    "actors.name": {"zh-Hant": "名稱", "en": "Name"},
    "actors.open_timeline": {"zh-Hant": "在時間線查看", "en": "Open in timeline"},
    "actors.statement": {"zh-Hant": "說法", "en": "Statement"},
    # --- network page (pages/network.py, usmx/network_events.py) ---------------------------------
    "network.intro": {
        "zh-Hant": "每條線是原文記錄的一種關係，箭頭由行動者指向對象（合作沒有箭頭）；顏色代表關係，圓點越大代表參與的事件越多。"
        "美方在左、墨方在右。點選人物或線條，下方列出相關事件與原文依據。",
        "en": "Each line is a relation the article records, the arrow pointing from who acts to "
        "whom (cooperation has none); colour is the relation, a bigger circle means more events. "
        "The US is on the left, Mexico on the right. Click an actor or a line to list its "
        "events and the article's words below.",
    },
    "network.relations": {"zh-Hant": "顯示的關係", "en": "Relations shown"},
    "network.relations_help": {
        "zh-Hant": "預設不顯示「披露／報道」（誰是消息來源），以免掩蓋兩國之間的關係。",
        "en": "Reports on (who disclosed what) is off by default so it does not hide the "
        "relations between the two countries.",
    },
    "network.pick": {"zh-Hant": "查看以下人物或關係的事件", "en": "Show the events of"},
    "network.pick_hint": {
        "zh-Hant": "點選圖中的人物或線條，或在此選擇",
        "en": "Click an actor or a line in the chart, or choose here",
    },
    "network.pick_gone": {
        "zh-Hant": "連結所選的人物或關係不在目前的篩選結果中。",
        "en": "The actor or relation in the link is not in the network as filtered now.",
    },
    "network.events_of": {"zh-Hant": "{what}：{events}", "en": "{what}: {events}"},
    "network.listed": {
        "zh-Hant": "只列出前 {shown} 個（共 {total} 個）；縮小篩選範圍即可看到其他事件。",
        "en": Plural(
            "total",
            "The first {shown} of {total} event.",
            "The first {shown} of {total} events; narrow the filter to see the others.",
        ),
    },
    "network.open_card": {"zh-Hant": "在時間線查看", "en": "Open in the timeline"},
    "network.empty": {
        "zh-Hant": "沒有符合篩選條件的關係。請放寬側欄篩選或選擇更多關係類型。",
        "en": "No relation matches. Widen the sidebar filter or choose more relations.",
    },
    "notice.bad_edge": {
        "zh-Hant": "網址參數 {param}={value} 不是有效的關係（應為 起點~終點~關係），已忽略。",
        "en": "URL parameter {param}={value} is not a valid relation (FROM~TO~RELATION) "
        "and was ignored.",
    },
    # --- claims page (pages/claims.py, usmx/claims_view.py) ----------------------------------
    "claims.title": {"zh-Hant": "說法與數據追蹤", "en": "Claims tracker"},
    "claims.intro": {
        "zh-Hant": "每項說法：誰提出、何時、原文的確切字句、數值與單位，以及原文中與之相關的其他段落（例如與說法相左的內容）。",
        "en": "Every claim: who makes it, when, the article's exact words, the figure and its "
        "unit, and what else the article says that bears on it (e.g. what weighs against it).",
    },
    "claims.search": {
        "zh-Hant": "搜尋說法（中英文皆可，亦可用提出者的任何名稱）",
        "en": "Search claims (either language, any name of the claimant)",
    },
    "claims.claimants": {"zh-Hant": "提出者", "en": "Claimants"},
    "claims.unattributed": {"zh-Hant": "（原文未註明）", "en": "(not attributed)"},
    "claims.with_figure": {"zh-Hant": "只顯示有數值者", "en": "Only claims with a figure"},
    "claims.sort": {"zh-Hant": "排序", "en": "Sort by"},
    "claims.sort.date": {"zh-Hant": "日期", "en": "Date"},
    "claims.sort.claimant": {"zh-Hant": "提出者", "en": "Claimant"},
    "claims.sort.value": {"zh-Hant": "數值", "en": "Figure"},
    "claims.sort.unit": {"zh-Hant": "單位", "en": "Unit"},
    "claims.sort.id": {"zh-Hant": "代號", "en": "ID"},
    "claims.descending": {"zh-Hant": "倒序", "en": "Descending"},
    "claims.caption": {
        "zh-Hant": "顯示 {shown} / {total} 項說法",
        "en": Plural("total", "{shown} of {total} claim", "{shown} of {total} claims"),
    },
    "claims.dl_csv": {"zh-Hant": "下載 CSV", "en": "Download CSV"},
    "claims.dl_json": {"zh-Hant": "下載 JSON", "en": "Download JSON"},
    "claims.words": {"zh-Hant": "原文字句", "en": "The article's words"},
    "claims.statement": {"zh-Hant": "英文摘要", "en": "Claim"},
    "claims.figure": {"zh-Hant": "數值", "en": "Figure"},
    "claims.no_figure": {"zh-Hant": "（無數值）", "en": "(no figure)"},
    "claims.context": {
        "zh-Hant": "原文中相關的段落",
        "en": "What the article says that bears on it",
    },
    "claims.no_context": {
        "zh-Hant": "原文中沒有其他相關段落。",
        "en": "Nothing else in the article bears on it.",
    },
    "claims.when": {"zh-Hant": "時間", "en": "When"},
    "claims.no_date": {"zh-Hant": "原文未寫日期", "en": "No date in the article"},
    "claims.event": {"zh-Hant": "相關事件", "en": "Event"},
    "claims.sources": {"zh-Hant": "來源", "en": "Sources"},
    "claims.article_source": {
        "zh-Hant": "{outlet} {date} 的報道（{published} 轉述）",
        "en": "{outlet} of {date} (relayed {published})",
    },
    "stance.states": {"zh-Hant": "提出", "en": "states it"},
    "stance.repeats": {"zh-Hant": "轉述", "en": "repeats it"},
    "stance.disputes": {"zh-Hant": "質疑", "en": "disputes it"},
    # --- ACLED layer page (pages/acled.py, usmx/ui/acled_layer.py) ---------------------------
    "acled.title": {"zh-Hant": "ACLED 圖層", "en": "ACLED layer"},
    "acled.terms": {
        "zh-Hant": "ACLED 的使用條款不允許轉發其資料：本應用程式不附帶任何 ACLED 資料。"
        "請使用您自己從 ACLED 下載的檔案；匯入的資料只存放在這台伺服器上，不會進入專案。",
        "en": "ACLED's terms do not allow passing its data on: this app ships none. Use your own "
        "export from ACLED; an import stays on this server and never enters the project.",
    },
    "acled.stored_at": {
        "zh-Hant": "圖層存放於 {path}（由 USMX_DATA_DIR 設定）。",
        "en": "The layer is kept in {path} (set by USMX_DATA_DIR).",
    },
    "acled.stored": {"zh-Hant": "已儲存的圖層", "en": "The stored layer"},
    "acled.none": {
        "zh-Hant": "尚未匯入 ACLED 資料。編輯者可用指令 usmx import-acled FILE.csv 匯入，或在允許上傳時於下方上傳。",
        "en": "No ACLED data imported yet. An editor imports it with usmx import-acled FILE.csv, "
        "or uploads it below when uploads are on.",
    },
    "acled.rows": {"zh-Hant": "列數", "en": "Rows"},
    "acled.span": {"zh-Hant": "日期範圍", "en": "Dates"},
    "acled.span_value": {"zh-Hant": "{first} 至 {last}", "en": "{first} to {last}"},
    "acled.states": {"zh-Hant": "州（admin1）", "en": "States (admin1)"},
    "acled.file": {"zh-Hant": "匯入的檔案", "en": "Imported file"},
    "acled.imported_at": {"zh-Hant": "匯入時間（UTC）", "en": "Imported at (UTC)"},
    "acled.top_states": {"zh-Hant": "事件最多的州", "en": "States with the most events"},
    "acled.top_actors": {
        "zh-Hant": "最常見的行動者（actor1）",
        "en": "Most frequent actors (actor1)",
    },
    "acled.ours": {"zh-Hant": "本資料集中的人物與機構", "en": "Our actors in the layer"},
    "acled.ours_none": {
        "zh-Hant": "圖層中沒有列名本資料集的人物或機構。",
        "en": "No row of the layer names one of our actors.",
    },
    "acled.col.value": {"zh-Hant": "名稱", "en": "Name"},
    "acled.col.events": {"zh-Hant": "事件數", "en": "Events"},
    "acled.col.fatalities": {"zh-Hant": "死亡人數", "en": "Fatalities"},
    "acled.col.actor": {"zh-Hant": "人物或機構", "en": "Actor"},
    "acled.filtered": {
        "zh-Hant": "符合側欄日期與人物篩選的列：{rows}（事件類型、地點與狀態篩選不適用於 ACLED 資料）。",
        "en": "Rows matching the sidebar's dates and actors: {rows} (the type, place and status "
        "filters do not apply to ACLED's rows).",
    },
    "acled.upload_header": {"zh-Hant": "上傳 ACLED 匯出檔", "en": "Upload an ACLED export"},
    "acled.upload": {
        "zh-Hant": "ACLED 匯出的 CSV 檔（最大 {mb} MB）",
        "en": "An ACLED export as CSV (at most {mb} MB)",
    },
    "acled.ready": {
        "zh-Hant": "待匯入：`{file}`（{kb} KB）",
        "en": "Ready to import: `{file}` ({kb} KB)",
    },
    "acled.import": {
        "zh-Hant": "匯入（取代已儲存的圖層）",
        "en": "Import (replaces the stored layer)",
    },
    "acled.too_big": {
        "zh-Hant": "{file} 太大（{mb} MB），上限為 {max} MB；未匯入任何資料。",
        "en": "{file} is too big ({mb} MB; at most {max} MB); nothing was imported.",
    },
    "acled.refused": {
        "zh-Hant": "{file} 無法匯入，原有圖層保持不變：",
        "en": "{file} was not imported; the stored layer is unchanged:",
    },
    "acled.imported": {
        "zh-Hant": "已匯入 {file}：{rows}，{seconds} 秒。",
        "en": "Imported {file}: {rows} in {seconds} s.",
    },
    "acled.ignored_columns": {
        "zh-Hant": "已略過 ACLED 格式以外的欄位：{columns}",
        "en": "Columns outside ACLED's layout were ignored: {columns}",
    },
    "acled.uploads_off": {
        "zh-Hant": "此伺服器未開放上傳（與讀者共用的儀表板不應讓每位訪客寫入資料）。"
        "編輯者可在啟動前設定環境變數 USMX_ALLOW_UPLOADS=1 開啟上傳。",
        "en": "Uploads are off on this server (a dashboard shared with readers must not let "
        "every visitor write). An editor turns them on by starting it with "
        "USMX_ALLOW_UPLOADS=1.",
    },
    "acled.export_header": {
        "zh-Hant": "以 ACLED 格式匯出本資料集的事件",
        "en": "Our events in ACLED's layout",
    },
    "acled.export_caption": {
        "zh-Hant": "篩選後的事件中符合 ACLED 事件類別的：{rows} / {total}。其餘 {skipped} 個列在報告中並說明原因，未強行轉換。",
        "en": "Filtered events that fit ACLED's categories: {rows} of {total}. Left out, each "
        "with its reason in the report rather than forced in: {skipped}.",
    },
    "acled.dl_csv": {"zh-Hant": "ACLED 格式 CSV", "en": "ACLED CSV"},
    "acled.dl_report": {"zh-Hant": "未收錄事件報告（CSV）", "en": "Left-out events (CSV)"},
    # --- adding a source (usmx/intake.py): one message per problem --------------------------
    "intake.not_a_file": {"zh-Hant": "{file}：不是檔案", "en": "{file}: not a file"},
    "intake.too_large": {
        "zh-Hant": "{file}：{mb} MB，作為單一來源太大（上限 {max} MB；一篇新聞報道約 10–100 KB）",
        "en": "{file}: {mb} MB is too large for one source (at most {max} MB; a news report is "
        "10–100 KB)",
    },
    "intake.empty": {"zh-Hant": "{file}：空白檔案（沒有文字）", "en": "{file}: empty (no text)"},
    "intake.utf16": {
        "zh-Hant": "{file}：UTF-16 編碼的文字，請另存為 UTF-8",
        "en": "{file}: UTF-16 text; save it as UTF-8",
    },
    "intake.binary": {
        "zh-Hant": "{file}：二進位檔（含 NUL 位元組），不是文字檔",
        "en": "{file}: a binary file (it holds NUL bytes), not a text",
    },
    "intake.mixed": {
        "zh-Hant": "{file}：混用編碼：到第 {line} 行第 {char} 個字元為止是有效的 UTF-8"
        "（位元組 {byte}）；請把整個檔案轉成 UTF-8",
        "en": "{file}: mixed encodings: valid UTF-8 up to line {line}, character {char} (byte "
        "{byte}); convert the whole file to UTF-8",
    },
    "intake.not_utf8": {
        "zh-Hant": "{file}：不是 UTF-8（可能是 Big5、GB18030 或 Latin-1）：第一個無效位元組在"
        "第 {line} 行第 {char} 個字元（{byte}）；請把整個檔案轉成 UTF-8",
        "en": "{file}: not UTF-8 (perhaps Big5, GB18030 or Latin-1): the first bad byte is at "
        "line {line}, character {char} (byte {byte}); convert the whole file to UTF-8",
    },
    "intake.lossy": {
        "zh-Hant": "{file}：第 {line} 行第 {char} 個字元是 U+FFFD（�）：這份文字是從其他編碼"
        "有損轉換而來，請使用原始檔案",
        "en": "{file}: holds U+FFFD (�) at line {line}, character {char}: it was converted "
        "from another encoding with losses; use the original",
    },
    "intake.control": {
        "zh-Hant": "{file}：第 {line} 行第 {char} 個字元是控制字元 {code}：不是純文字",
        "en": "{file}: control character {code} at line {line}, character {char}: not plain text",
    },
    "intake.in_corpus": {
        "zh-Hant": "{file}：已在語料庫中，即來源 {source}（sha256 相同）",
        "en": "{file}: already in the corpus as source {source} (same sha256)",
    },
    "intake.awaiting_review": {
        "zh-Hant": "{file}：已加入，正以 {source} 等待審閱",
        "en": "{file}: already added, awaiting review as {source}",
    },
    "intake.exists": {
        "zh-Hant": "{path} 已存在；未寫入任何檔案",
        "en": "{path} exists already; nothing was written",
    },
    "intake.no_published": {
        "zh-Hant": "{option}：請填寫刊出日期（YYYY-MM-DD）",
        "en": "{option}: give the day it was published (YYYY-MM-DD)",
    },
    "intake.not_a_date": {
        "zh-Hant": "{option} {value}：不是日期（請寫成 YYYY-MM-DD）",
        "en": "{option} {value}: not a date (write YYYY-MM-DD)",
    },
    "intake.future": {
        "zh-Hant": "{option} {value}：在未來（今天是 {today}）",
        "en": "{option} {value}: in the future (today is {today})",
    },
    "intake.no_outlet": {
        "zh-Hant": "{option}：請填寫刊出這篇文字的媒體",
        "en": "{option}: name the outlet that published the text",
    },
    "intake.bad_lang": {
        "zh-Hant": "{option} {value}：須為 {languages} 之一",
        "en": "{option} {value}: one of {languages}",
    },
    "intake.bad_url": {
        "zh-Hant": "{option} {value}：須為 http(s) 網址",
        "en": "{option} {value}: an http(s) address",
    },
    "intake.relay_outlet": {
        "zh-Hant": "{option} {value}：請填寫所轉述的媒體（媒體[@YYYY-MM-DD]）",
        "en": "{option} {value}: name the outlet it relays (OUTLET[@YYYY-MM-DD])",
    },
    "intake.relay_date": {
        "zh-Hant": "{option} {value}：{date} 不是日期（YYYY-MM-DD）",
        "en": "{option} {value}: {date} is not a date (YYYY-MM-DD)",
    },
    "intake.relay_after": {
        "zh-Hant": "{option} {value}：被轉述的報道不能晚於轉述它的來源（{date} > {published}）",
        "en": "{option} {value}: a relay cannot predate what it relays ({date} > {published})",
    },
    "intake.dataset_broken": {
        "zh-Hant": "{dataset} 無法載入，請先修正：\n{detail}",
        "en": "{dataset} does not load; fix it first:\n{detail}",
    },
    "intake.single_source": {
        "zh-Hant": "{dataset} 是單一來源格式：請先用 scripts/migrate_sources.py 轉換",
        "en": "{dataset} is a single-source file: convert it with scripts/migrate_sources.py first",
    },
    # --- Review page (pages/review.py, usmx/ui/review_*.py) ---------------------------------
    "review.title": {"zh-Hant": "審閱新來源", "en": "Review a new source"},
    "review.intro": {
        "zh-Hant": "上傳一篇報道（.txt），擷取助手會提出事件、引述、人物與地點等候選項目。"
        "逐一接受（可先修改）、併入既有紀錄作為佐證，或拒絕：只有接受或併入的項目才會"
        "經過驗證後寫入資料集。",
        "en": "Upload a report (.txt) and the extraction assistant proposes events, quotes, "
        "actors and places. Accept each (after editing it), merge it into an existing record "
        "as corroboration, or reject it: only what you accept or merge is validated and "
        "written to the dataset.",
    },
    "review.off": {
        "zh-Hant": "此伺服器未開放審閱：與讀者共用的儀表板不應讓每位訪客修改資料集。"
        "編輯者可在啟動伺服器時設定環境變數 USMX_REVIEW=1 開啟審閱頁。",
        "en": "Reviewing is off on this server: a dashboard shared with readers must not let "
        "every visitor edit the dataset. An editor turns it on by starting the server with "
        "USMX_REVIEW=1.",
    },
    "review.single_source": {
        "zh-Hant": "這個資料集是單一來源格式，無法加入新來源。請先用 "
        "scripts/migrate_sources.py 轉換為多來源格式。",
        "en": "This dataset is a single-source file, so no source can be added to it. Convert "
        "it to the several-source format with scripts/migrate_sources.py first.",
    },
    "review.writes_to": {
        "zh-Hant": "寫入的資料集：{path}",
        "en": "Writes to the dataset {path}",
    },
    "review.add_header": {"zh-Hant": "加入一篇來源", "en": "Add a source"},
    "review.file": {
        "zh-Hant": "報道全文，UTF-8 純文字檔（.txt，上限 {mb} MB）",
        "en": "The report, a UTF-8 text file (.txt, at most {mb} MB)",
    },
    "review.lang_auto": {"zh-Hant": "依文字判斷", "en": "Guess from the text"},
    "review.relays_date": {
        "zh-Hant": "所轉述報道的日期（選填）",
        "en": "Date of the report it relays (optional)",
    },
    "review.add": {"zh-Hant": "加入並執行擷取助手", "en": "Add and run the assistant"},
    "review.no_file": {"zh-Hant": "請選擇一個 .txt 檔案", "en": "Choose a .txt file"},
    "review.refused_upload": {
        "zh-Hant": "未加入這篇來源，也未寫入任何檔案：",
        "en": "The source was not added and nothing was written:",
    },
    "review.added": {
        "zh-Hant": "已加入來源 {source}：擷取助手提出 {candidates}。在你接受之前，資料集不會改變。",
        "en": "Added source {source}: the assistant proposes {candidates}. Nothing enters the "
        "dataset until you accept it.",
    },
    "review.none": {
        "zh-Hant": "目前沒有等待審閱的來源：請在上方加入一篇。",
        "en": "No source is awaiting review: add one above.",
    },
    "review.source": {"zh-Hant": "審閱中的來源", "en": "Source under review"},
    "review.state_broken": {
        "zh-Hant": "審閱紀錄檔有問題，無法讀取：",
        "en": "A review file has problems and cannot be read:",
    },
    "review.mentions": {
        "zh-Hant": "也列出提及（人名、日期、資料集已有的地點）",
        "en": "Also list mentions (names, dates, places the dataset has)",
    },
    "review.candidate": {"zh-Hant": "候選項目", "en": "Candidate"},
    "review.all_decided": {
        "zh-Hant": "這篇來源的候選項目都已處理完畢。",
        "en": "Every candidate of this source has been decided.",
    },
    "review.text_caption": {
        "zh-Hant": "顏色標示候選項目的原文位置；數字對應候選清單；加框的是目前審閱的項目；"
        "虛線底線是提及。",
        "en": "Colours mark where each candidate is in the text; numbers are the candidates' "
        "numbers in the list; the framed one is under review; dotted underlines are mentions.",
    },
    "review.legend.event": {"zh-Hant": "事件", "en": "Event"},
    "review.legend.quote": {"zh-Hant": "引述", "en": "Quote"},
    "review.legend.actor": {"zh-Hant": "人物與機構", "en": "Actor"},
    "review.legend.place": {"zh-Hant": "地點", "en": "Place"},
    "review.legend.date": {"zh-Hant": "日期", "en": "Date"},
    "review.kind.event": {"zh-Hant": "事件", "en": "Event"},
    "review.kind.quote": {"zh-Hant": "引述", "en": "Quote"},
    "review.kind.new_actor": {"zh-Hant": "新人物或機構", "en": "New actor"},
    "review.kind.new_alias": {"zh-Hant": "新別名", "en": "New alias"},
    "review.kind.place": {"zh-Hant": "地點", "en": "Place"},
    "review.kind.actor_mention": {"zh-Hant": "提及人物", "en": "Actor mention"},
    "review.kind.date": {"zh-Hant": "日期", "en": "Date"},
    "review.proposed_actor": {"zh-Hant": "建議新增", "en": "proposed"},
    "review.confidence": {"zh-Hant": "信心 {value}", "en": "confidence {value}"},
    "review.rule": {"zh-Hant": "規則：{rule}", "en": "rule: {rule}"},
    "review.corroborates": {
        "zh-Hant": "助手認為這句話佐證既有事件「{title}」。",
        "en": "The assistant reads this as corroboration of the existing event “{title}”.",
    },
    "review.field.title_en": {"zh-Hant": "英文標題", "en": "Title (English)"},
    "review.field.title_zh": {"zh-Hant": "中文標題", "en": "Title (Chinese)"},
    "review.field.summary_en": {"zh-Hant": "英文摘要", "en": "Summary (English)"},
    "review.field.event_type": {"zh-Hant": "類型", "en": "Type"},
    "review.field.status": {"zh-Hant": "狀態", "en": "Status"},
    "review.field.date": {"zh-Hant": "日期（EDTF）", "en": "Date (EDTF)"},
    "review.field.date_text": {"zh-Hant": "原文中的日期說法", "en": "The date in the text's words"},
    "review.field.actors": {"zh-Hant": "人物與機構", "en": "Actors"},
    "review.field.role": {"zh-Hant": "{actor} 的角色", "en": "Role of {actor}"},
    "review.field.place_ids": {"zh-Hant": "地點", "en": "Places"},
    "review.field.note": {
        "zh-Hant": "編碼說明（選填；例如列入句子未提到的人物時，寫出其名稱並說明原因）",
        "en": "Note (optional; e.g. for an actor the sentence does not name: name it, say why)",
    },
    "review.field.action": {"zh-Hant": "動作詞", "en": "Action word"},
    "review.field.quote_kind": {"zh-Hant": "引述種類", "en": "Kind of quote"},
    "review.field.speaker_id": {"zh-Hant": "說話者", "en": "Speaker"},
    "review.field.attribution_note": {
        "zh-Hant": "出處說明（沒有說話者時）",
        "en": "Attribution (when there is no speaker)",
    },
    "review.field.text_en": {"zh-Hant": "英文譯文", "en": "The words in English"},
    "review.field.event_id": {"zh-Hant": "所屬事件", "en": "Event it belongs to"},
    "review.field.cue": {"zh-Hant": "說話動詞", "en": "Speech verb"},
    "review.field.name_en": {"zh-Hant": "拉丁字母名稱", "en": "Name (Latin script)"},
    "review.field.name_zh": {"zh-Hant": "中文名稱", "en": "Name (Chinese)"},
    "review.field.actor_kind": {"zh-Hant": "人物或機構類別", "en": "Kind of actor"},
    "review.field.role_text": {"zh-Hant": "原文中的職銜", "en": "Title in the text"},
    "review.field.alias_of": {"zh-Hant": "對應的人物或機構", "en": "Actor"},
    "review.field.linked_by": {"zh-Hant": "依據的名稱", "en": "Linked by the name"},
    "review.field.place_kind": {"zh-Hant": "地點類別", "en": "Kind of place"},
    "review.field.lat": {"zh-Hant": "緯度", "en": "Latitude"},
    "review.field.lon": {"zh-Hant": "經度", "en": "Longitude"},
    "review.field.precision": {"zh-Hant": "位置精確度", "en": "Precision"},
    "review.field.point": {"zh-Hant": "座標", "en": "Point"},
    "review.field.in_dataset": {"zh-Hant": "資料集中的地點", "en": "In the dataset as"},
    "review.field.record_id": {"zh-Hant": "紀錄代碼", "en": "Record id"},
    "review.field.published": {"zh-Hant": "刊出日期", "en": "Published"},
    "review.field.outlet": {"zh-Hant": "媒體", "en": "Outlet"},
    "review.field.lang": {"zh-Hant": "語言", "en": "Language"},
    "review.field.relays": {
        "zh-Hant": "轉述的媒體（選填）",
        "en": "Outlet it relays (optional)",
    },
    "review.field.url": {"zh-Hant": "網址（選填）", "en": "Address (URL, optional)"},
    "review.field.file": {"zh-Hant": "檔案", "en": "File"},
    "review.choose": {"zh-Hant": "請選擇", "en": "Choose"},
    "review.accept_header": {"zh-Hant": "接受為新紀錄", "en": "Accept as a new record"},
    "review.accept_alias": {
        "zh-Hant": "接受後，這個名稱會加入該人物或機構的別名。",
        "en": "Accepting adds this name to the actor's aliases.",
    },
    "review.accept": {"zh-Hant": "接受並寫入", "en": "Accept and write"},
    "review.new_actor_first": {
        "zh-Hant": "助手找到的 {names} 尚未在資料集中，因此不在下方選項裡：請先把它接受為新人物"
        "或機構，再回來處理這一項。",
        "en": "The assistant found {names}, not in the dataset yet and so not among the choices "
        "below: accept it as a new actor first, then come back to this one.",
    },
    "review.missing": {
        "zh-Hant": "尚未寫入：請先填寫 {fields}。",
        "en": "Not written yet: fill in {fields} first.",
    },
    "review.merge_header": {
        "zh-Hant": "或：作為佐證併入既有紀錄",
        "en": "Or: add it to an existing record as corroboration",
    },
    "review.merge_into": {"zh-Hant": "併入的紀錄", "en": "Record it corroborates"},
    "review.merge": {"zh-Hant": "作為佐證併入", "en": "Add as corroboration"},
    "review.merge_none": {
        "zh-Hant": "資料集中沒有可以併入的同類紀錄。",
        "en": "The dataset has no record of this kind to add it to.",
    },
    "review.reject_header": {"zh-Hant": "或：拒絕", "en": "Or: reject it"},
    "review.reason": {"zh-Hant": "原因（選填）", "en": "Reason (optional)"},
    "review.reject": {"zh-Hant": "拒絕", "en": "Reject"},
    "review.done.accepted": {"zh-Hant": "已接受", "en": "Accepted"},
    "review.done.merged": {"zh-Hant": "已併入", "en": "Merged"},
    "review.done.rejected": {"zh-Hant": "已拒絕", "en": "Rejected"},
    "review.did.accepted": {
        "zh-Hant": "{kind} {number} 已接受為紀錄 {record}，資料集驗證通過並已寫入。",
        "en": "{kind} {number} accepted as record {record}; the dataset validates and was written.",
    },
    "review.did.merged": {
        "zh-Hant": "{kind} {number} 已作為佐證併入紀錄 {record}，資料集驗證通過並已寫入。",
        "en": "{kind} {number} added to record {record} as corroboration; the dataset "
        "validates and was written.",
    },
    "review.did.rejected": {
        "zh-Hant": "{kind} {number} 已拒絕，之後不會再被提出。",
        "en": "{kind} {number} rejected; it will not be proposed again.",
    },
    "review.decided": {"zh-Hant": "已處理的候選項目", "en": "Decided so far"},
    "review.conflict": {
        "zh-Hant": "未寫入：這個頁面顯示之後，資料集已被修改（可能是另一位審閱者）。你的修改仍保留"
        "在下方表單中：請檢查候選項目，再按一次按鈕。",
        "en": "Not written: the dataset changed since this page was drawn (another reviewer?). "
        "Your edit is kept in the form below: check the candidates, then press the button "
        "again.",
    },
    "review.refused": {
        "zh-Hant": "未寫入：這個候選項目無法照此處理。",
        "en": "Not written: the candidate cannot be used this way.",
    },
    "review.invalid": {
        "zh-Hant": "未寫入：加入後資料集無法通過驗證。你的修改仍保留在表單中。",
        "en": "Not written: with this record the dataset would not validate. Your edit is "
        "kept in the form.",
    },
    "review.session_broken": {
        "zh-Hant": "無法開啟這篇來源的審閱：",
        "en": "This source's review cannot be opened:",
    },
    # --- how many sources back an event (issue 11; usmx.sources.support) ---------------------
    "word.backed_by": {"zh-Hant": "佐證", "en": "Backed by"},
    "chart.legend.corroborated": {
        "zh-Hant": "深色外框：有兩家以上獨立媒體佐證",
        "en": "Dark outline: backed by two or more independent outlets",
    },
    "chart.legend.corroborated_short": {
        "zh-Hant": "深色外框：兩家以上獨立媒體",
        "en": "Dark outline: two or more independent outlets",
    },
    # --- the user's ACLED layer beside the article's events (Timeline, Map) -------------------
    "acled.overlay.toggle": {"zh-Hant": "顯示你的 ACLED 圖層", "en": "Show your ACLED layer"},
    "acled.overlay.help": {
        "zh-Hant": "你在 ACLED 頁面匯入的 ACLED 匯出檔，與文章的事件並列；側欄的日期、人物與地點"
        "篩選同樣適用。這些資料不是來自文章。",
        "en": "Your own ACLED export (imported on the ACLED page) beside the article's events, "
        "with the sidebar's dates, actors and places applied. Not from the article.",
    },
    "acled.overlay.caption": {
        "zh-Hant": "你的 ACLED 圖層（{file}，不是來自文章）：{rows}符合側欄的日期、人物與地點"
        "（共 {total} 列）。",
        "en": "Your ACLED layer ({file}; not from the article): {rows} of {total} match the "
        "sidebar's dates, actors and places.",
    },
    "acled.overlay.no_actor": {
        "zh-Hant": "ACLED 沒有「{actors}」使用的名稱：圖層中沒有列符合。",
        "en": "ACLED uses no name for {actors}: no row of the layer matches.",
    },
    "acled.overlay.no_place": {
        "zh-Hant": "ACLED 的州與國家中沒有「{places}」：圖層中沒有列符合。",
        "en": "ACLED's states and countries do not include {places}: no row of the layer matches.",
    },
    "acled.overlay.by_state": {
        "zh-Hant": "「{places}」依所在的州（ACLED 的 admin1）比對，這是雙方共有的最細層級。",
        "en": "{places}: matched by the state (ACLED's admin1), the finest level both share.",
    },
    "acled.overlay.hexagons": {
        "zh-Hant": "ACLED 圖層以邊長 {km} 公里的六角形顯示（{hexagons}）：點選一個即可放大。",
        "en": "The ACLED layer in hexagons of {km} km ({hexagons}): click one to zoom in.",
    },
    "acled.overlay.zoomed": {
        "zh-Hant": "已放大：此處附近 ACLED 圖層的 {rows}，分布在 {places}，每個地點一個灰點。",
        "en": "Zoomed in: {rows} of the ACLED layer near here, at {places}: one grey dot "
        "per place.",
    },
    "acled.overlay.zoomed_capped": {
        "zh-Hant": "已放大：此處附近 ACLED 圖層的 {rows}；地圖顯示事件最多的 {places}。",
        "en": "Zoomed in: {rows} of the ACLED layer near here; the map shows the busiest {places}.",
    },
    "acled.overlay.back": {"zh-Hant": "回到六角形總覽", "en": "Back to hexagons"},
    "acled.unit.day": {"zh-Hant": "每日", "en": "per day"},
    "acled.unit.week": {"zh-Hant": "每週", "en": "per week"},
    "acled.unit.month": {"zh-Hant": "每月", "en": "per month"},
    "chart.acled.title": {
        "zh-Hant": "你的 ACLED 圖層（{file}）：事件數，{unit}",
        "en": "Your ACLED layer ({file}): events {unit}",
    },
    "chart.acled.subtitle": {
        "zh-Hant": "上方時間範圍內共 {rows}，已套用側欄的日期、人物與地點篩選。不是來自文章。",
        "en": "{rows} in the days above, with the sidebar's dates, actors and places. Not "
        "from the article.",
    },
    "chart.acled.alt": {
        "zh-Hant": "你的 ACLED 圖層在 {first} 至 {last} 的事件數長條圖：共 {rows}，最多的是 {peak}"
        "（{most}）。",
        "en": "Bar chart of your ACLED layer's events from {first} to {last}: {rows} in all, "
        "most on {peak} ({most}).",
    },
    "map.acled.tooltip": {"zh-Hant": "你的 ACLED 圖層", "en": "Your ACLED layer"},
    "map.acled.zoom_hint": {
        "zh-Hant": "點選即可放大，逐一顯示這些事件",
        "en": "Click to zoom in and see them one by one",
    },
    "map.acled.newest": {"zh-Hant": "最新：", "en": "Newest: "},
    "map.legend.acled_hex": {
        "zh-Hant": "灰色六角形：你的 ACLED 圖層在該處的事件數（越深越多）；點選即可放大",
        "en": "Grey hexagon: events of your ACLED layer there (darker: more); click one to zoom in",
    },
    "map.legend.acled_point": {
        "zh-Hant": "灰色圓點：ACLED 記錄事件的一個地點，越大事件越多（放大後顯示）",
        "en": "Grey dot: a place where your ACLED layer has events, bigger for more (once "
        "zoomed in)",
    },
    # --- exports and downloads -------------------------------------------------------------------
}


def t(key: str, lang: str, **values: Any) -> str:
    """The string `key` in `lang` (falling back to English), formatted with `values`."""
    entry = CATALOG[key]
    text = entry.get(lang) or entry["en"]
    plural = next((form for form in entry.values() if isinstance(form, Plural)), None)
    if plural is not None:
        n = values[plural.count]
        values = {**values, plural.count: number(n, lang)}  # 12,345 with the language's grouping
        if isinstance(text, Plural):
            text = text.form(plural_category(n, lang))
    assert isinstance(text, str)  # a Plural is always resolved above (its entry has a count)
    return text.format(**values) if values else text


def count(noun: str, n: int, lang: str) -> str:
    """A counted noun phrase: count("events", 3, "en") -> "3 events"; "3 個事件" in Chinese."""
    return t(f"count.{noun}", lang, n=n)


def backed_by(n_sources: int, n_outlets: int, lang: str) -> str:
    """How many sources and independent outlets back a record: "2 sources, 1 outlet"."""
    return join([count("sources", n_sources, lang), count("outlets", n_outlets, lang)], lang)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def normalize_lang(value: str | None) -> str:
    return value if value in LANGS else DEFAULT_LANG


def name(record: Any, lang: str) -> str:
    """Display name of an actor or place in `lang` (Chinese as the article writes it)."""
    return record.name_zh if lang == "zh-Hant" else record.name_en


def title(event: Any, lang: str) -> str:
    return event.title_zh if lang == "zh-Hant" else event.title_en


def in_language(lang: str, *, zh: Any, en: Any) -> Any:
    """The Chinese or the English of something the dataset holds in both (zh for zh-Hant)."""
    return zh if lang == "zh-Hant" else en


def localized(record: Any, field: str, lang: str) -> Any:
    """`record.<field>_zh` in Chinese, `record.<field>_en` otherwise (role, text, …)."""
    return in_language(lang, zh=getattr(record, f"{field}_zh"), en=getattr(record, f"{field}_en"))


def stated_date(event: Any, lang: str) -> str:
    """An event's date as the article states it, with its EDTF value: 「上週」 (2026-01-05/
    2026-01-11); without the article's words, the EDTF value, or "As of …" for an open start."""
    if event.date_text:
        return f"「{event.date_text}」{parenthesized(event.date, lang)}"
    if event.interval.start is None:
        return t("card.as_of", lang, date=event.interval.end.isoformat())
    return event.date


def label(vocabulary: str, value: str, lang: str) -> str:
    """Label of a vocabulary value, e.g. label("status", "refused", "en") -> "Refused"."""
    key = f"{vocabulary}.{value}"
    return t(key, lang) if key in CATALOG else value
