OK_FORMAT = True

test = {
    "name": "q1",
    "points": 2,
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
                    >>> import edition.data as _data
                    >>> len(my_later_events) >= 3 and list(my_later_events.columns) == list(_data.load("later_events").columns)
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "my_later_events needs at least three rows and exactly the columns of data/later_events.csv, in order.",
                },
                {
                    "code": r"""
                    >>> import edition.assignments as _assignments
                    >>> _assignments.check_with(later_events=my_later_events)
                    []
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "The edition's check refuses your rows: read each problem (row 2 is your first row).",
                },
                {
                    "code": r"""
                    >>> all(_s.strip().startswith(("http://", "https://")) for _cell in my_later_events["sources"] for _s in _cell.split(" ; "))
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "Every source must be a URL (http:// or https://); separate several with ' ; '.",
                },
            ],
        }
    ],
}
