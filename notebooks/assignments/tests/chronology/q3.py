OK_FORMAT = True

test = {
    "name": "q3",
    "points": 1,
    "all_or_nothing": True,
    "suites": [
        {
            "type": "doctest",
            "scored": True,
            "setup": "",
            "teardown": "",
            "cases": [
                {
                    "code": r"""
                    >>> import edition.apparatus as _apparatus
                    >>> import edition.vocab as _vocab
                    >>> _verdicts = _vocab.enum("forecasts", "verdict")
                    >>> forecast_id in set(_apparatus.load_forecasts()["id"]) and my_verdict in _verdicts
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "forecast_id must be an id of data/forecasts.csv and my_verdict one of its verdicts.",
                },
                {
                    "code": r"""
                    >>> import re as _re
                    >>> import edition.apparatus as _apparatus
                    >>> _n = _apparatus.load_forecasts().set_index("id").loc[forecast_id, "anchor"].removeprefix("p-")
                    >>> isinstance(assessment, str) and len(assessment.split()) >= 80
                    True
                    >>> _re.search(rf"\u00b6\s*{_n}\b", assessment) is not None
                    True
                    >>> any(_id in assessment for _id in my_later_events["id"])
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "The assessment needs at least 80 words, the forecast's paragraph as the edition writes it (\u00b6 N) and the id of at least one of your events. Its argument is graded by your instructor.",
                },
            ],
        }
    ],
}
