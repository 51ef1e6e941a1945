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
                    >>> stance in _data.STANCE_SCALE
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "stance must be one of the codebook's five values (data.STANCE_SCALE); 'no evidence' is not a coding.",
                },
                {
                    "code": r"""
                    >>> isinstance(summary, str) and len(summary.split()) >= 10
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "summary must be a one-sentence reason of at least 10 words.",
                },
            ],
        }
    ],
}
