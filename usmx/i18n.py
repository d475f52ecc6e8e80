"""Every user-visible string in two languages (繁體中文 and English), in one catalog.

`t(key, lang, **values)` looks a string up and formats it. The catalog is a flat dict of
key -> {lang: text}; a test checks every key has both languages and the same placeholders.
Dataset text (titles, names) is bilingual in the data itself: see `name()` and `title()`.
"""

from __future__ import annotations

import string
from typing import Any

LANGS = ("zh-Hant", "en")
DEFAULT_LANG = "zh-Hant"
LANG_LABELS = {"zh-Hant": "繁體中文", "en": "English"}

CATALOG: dict[str, dict[str, str]] = {
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
        "en": "{shown} of {total} events{details}",
    },
    "caption.involving": {"zh-Hant": "，涉及 {names}", "en": " involving {names}"},
    "caption.dates": {"zh-Hant": "，{start} 至 {end}", "en": ", {start} to {end}"},
    "caption.types": {"zh-Hant": "，類型：{types}", "en": ", type: {types}"},
    "caption.places": {"zh-Hant": "，地點：{places}", "en": ", at {places}"},
    "caption.statuses": {"zh-Hant": "，狀態：{statuses}", "en": ", status: {statuses}"},
    "caption.all_time": {"zh-Hant": "不限", "en": "any time"},
    "notice.unknown": {
        "zh-Hant": "網址參數 {param}={value} 無法識別，已忽略。",
        "en": "URL parameter {param}={value} is not known and was ignored.",
    },
    "notice.bad_date": {
        "zh-Hant": "網址參數 {param}={value} 不是有效日期（應為 YYYY-MM-DD），已忽略。",
        "en": "URL parameter {param}={value} is not a valid date (YYYY-MM-DD) and was ignored.",
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
    # --- charts and timeline (charts.py, pages/timeline.py) -------------------------------------
    # --- map (maps.py, pages/map.py) ------------------------------------------------------------
    # --- source, quotes and actors pages ---------------------------------------------------------
    # --- exports and downloads -------------------------------------------------------------------
}


def t(key: str, lang: str, **values: Any) -> str:
    """The string `key` in `lang` (falling back to English), formatted with `values`."""
    entry = CATALOG[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def normalize_lang(value: str | None) -> str:
    return value if value in LANGS else DEFAULT_LANG


def name(record: Any, lang: str) -> str:
    """Display name of an actor or place in `lang` (Chinese as the article writes it)."""
    return record.name_zh if lang == "zh-Hant" else record.name_en


def title(event: Any, lang: str) -> str:
    return event.title_zh if lang == "zh-Hant" else event.title_en


def label(vocabulary: str, value: str, lang: str) -> str:
    """Label of a vocabulary value, e.g. label("status", "refused", "en") -> "Refused"."""
    key = f"{vocabulary}.{value}"
    return t(key, lang) if key in CATALOG else value
