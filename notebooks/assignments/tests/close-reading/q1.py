OK_FORMAT = True

test = {
    "name": "q1",
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
                    >>> import edition.data as _data
                    >>> actor in set(_data.load_actors()["id"]) and issue in set(_data.load_issues()["id"])
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "actor and issue must be ids from data/actors.csv and data/issues.csv (e.g. 'RUS', 'six-party-talks').",
                },
                {
                    "code": r"""
                    >>> import edition.assignments as _assignments
                    >>> (actor, issue) in set(_assignments.open_cells().itertuples(index=False, name=None))
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "Choose a cell that data/stances.csv leaves at 'no evidence' (see assignments.open_cells()).",
                },
            ],
        }
    ],
}
