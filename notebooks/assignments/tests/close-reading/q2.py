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
                    >>> import edition.vocab as _vocab
                    >>> stance in _vocab.stance_scale()
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "stance must be one of the codebook's five values (vocab.stance_scale()); "
                                       "'no evidence' is not a coding.",
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
