"""Every chart of the dashboard, as pure functions of the dataset's frames.

- `registry`: the one registry (`CHARTS`) pages and `usmx export-charts` build from;
- `frames`: the input (frames cut to a filter) and what charts read from a row;
- `style`: template, font, escaping, titles;
- `timeline`, `timeline_layout`: the timeline and its label placement;
- `counts`: events by type, actor involvement, events per month;
- `describe`: each chart in words (summary) and as a data table.

Nothing here imports Streamlit or kaleido.
"""
