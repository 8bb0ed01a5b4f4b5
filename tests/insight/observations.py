"""Synthetic observations for the insight tests: rows shaped as the tables hold them, so each test names only the
columns it is about (a period, a value, a status, an area's role)."""

from __future__ import annotations

from datetime import date

from insight.areas import HOME_ROLE

Y18 = ("2018/19", date(2018, 4, 1), date(2019, 3, 31))
Y19 = ("2019/20", date(2019, 4, 1), date(2020, 3, 31))
Y21 = ("2021/22", date(2021, 4, 1), date(2022, 3, 31))


def observation(period: str, start: date | None, end: date | None, value: float, **columns) -> dict:
    """One observation of 'Things' (indicator x): a count in the home area, for all, observed, lower better;
    an undated period where `start` is None. `columns` replace or add any column."""
    return {
        "indicator_id": "x",
        "title": "Things",
        "area_code": "H",
        "area_name": "Home",
        "area_role": HOME_ROLE,
        "breakdown": "all",
        "period": period,
        "period_type": "financial_year" if start else "undated",
        "period_start": start,
        "period_end": end,
        "value": value,
        "lower": None,
        "upper": None,
        "unit": "count",
        "unit_label": None,
        "status": "observed",
        "polarity": "lower_is_better",
        "measure": "level",
        **columns,
    }
