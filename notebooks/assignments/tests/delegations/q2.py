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
                    >>> import edition.data as _data
                    >>> _delegations_of = _data.load("delegation_members").groupby("person")["delegation"].nunique()
                    >>> set(in_several) == set(_delegations_of[_delegations_of > 1].index)
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "A set of the person ids listed in more than one delegation.",
                },
            ],
        }
    ],
}
