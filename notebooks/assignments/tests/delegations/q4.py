OK_FORMAT = True

test = {
    "name": "q4",
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
                    >>> _posts = _data.load_delegations().drop_duplicates(["delegation", "person", "sector"])
                    >>> dict(any_post_sectors) == _posts.groupby(["delegation", "sector"]).size().to_dict()
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "A dict from (delegation, sector) to the number of members with at least one post in that sector (each member once per sector); leave out zeros.",
                },
            ],
        }
    ],
}
