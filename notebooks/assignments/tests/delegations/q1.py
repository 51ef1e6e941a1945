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
                    >>> dict(members_per_delegation) == _data.load("delegation_members").groupby("delegation").size().to_dict()
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "A dict from delegation id to its number of member rows in data/delegation_members.csv (the unnamed group of note 4 is one row).",
                },
            ],
        }
    ],
}
