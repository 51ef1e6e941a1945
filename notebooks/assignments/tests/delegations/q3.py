OK_FORMAT = True

test = {
    "name": "q3",
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
                    >>> _posts = _data.load_delegations()
                    >>> dict(primary_sectors) == _posts[_posts["primary"]].groupby(["delegation", "sector"]).size().to_dict()
                    True
                    """,
                    "hidden": False,
                    "locked": False,
                    "failure_message": "A dict from (delegation, sector) to the number of members whose primary post is in that sector; leave out zeros.",
                },
            ],
        }
    ],
}
