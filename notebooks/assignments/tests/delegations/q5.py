OK_FORMAT = True

test = {
    "name": "q5",
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
                    >>> isinstance(reflection, str) and len(reflection.split()) >= 40 and "note 4" in reflection
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "At least 40 words that cite note 4. The argument is graded by your instructor.",
                },
            ],
        }
    ],
}
