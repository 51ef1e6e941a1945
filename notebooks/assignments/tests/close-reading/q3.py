OK_FORMAT = True

test = {
    "name": "q3",
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
                    >>> {"anchor", "quote"} <= set(evidence.columns) and len(evidence) >= 2
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "evidence must be a DataFrame with columns anchor and quote and at least two rows.",
                },
                {
                    "code": r"""
                    >>> import edition.assignments as _assignments
                    >>> _assignments.stance_problems(actor, issue, stance, summary, evidence)
                    []
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "The edition's check refuses the coding: read each problem (row 2 is the first row of evidence).",
                },
            ],
        }
    ],
}
