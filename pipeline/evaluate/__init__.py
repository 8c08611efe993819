"""Evaluation: gold files, their checker, the scorer, reports and ``newsclaims eval``.

- :mod:`pipeline.evaluate.gold`: the gold format (a claim without run-only fields) and its readers.
- :mod:`pipeline.evaluate.gold_check`: ``python -m pipeline.evaluate.gold_check GOLD CORPUS``.
- :mod:`pipeline.evaluate.scorer`: matching, scores and errors as an :class:`EvalResult`.
- :mod:`pipeline.evaluate.report`: terminal, Markdown and self-contained HTML reports.
- :mod:`pipeline.evaluate.run`: ``run_eval`` and the ``newsclaims eval`` command.
- :mod:`pipeline.evaluate.browser`: headless Chromium checks and screenshots of a report.
"""
