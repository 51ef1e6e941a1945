OK_FORMAT = True

test = {
    "name": "q2",
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
                    >>> import edition.assignments as _assignments
                    >>> import edition.data as _data
                    >>> _drawn = _assignments.drawn_ids(fig)
                    >>> set(_data.load_events()["id"]) <= _drawn
                    True
                    >>> len(my_later_events) >= 3 and set(my_later_events["id"]) <= _drawn
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "fig must be the timeline with both layers: every event of the article and every one of your later events.",
                },
            ],
        }
    ],
}
