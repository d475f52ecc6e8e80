"""Every chart of the dashboard, as pure functions of the dataset's frames (no Streamlit).

- `registry`: the one registry (`CHARTS`) that pages and `usmx export-charts` build from;
- `frames`: the input (frames cut to a filter) and what charts read from a row;
- `style`: template, font, escaping, titles; `frame`: the filter and source lines of files;
- the timeline: `timeline` (figures), `timeline_panels` (plot areas in pixels),
  `timeline_marks` (marks and labels as traces), `timeline_layout` (where labels go, pure),
  `timeline_scale` (the window and the compressed scale), `text_width` (label widths),
  `hover` (hover labels), `timeline_density` (counts past 2,000 events);
- `counts`: events by type, actor involvement, events per month; `count_bars`: the first
  two as light HTML for the page; `describe`: each chart in words and as a data table.
"""
