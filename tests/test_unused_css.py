"""The stylesheets' cut (edition.sphinxext.unused_css): what no page or script can use goes, nothing else."""

from __future__ import annotations

from edition.sphinxext.unused_css import cut

SHEET = """@charset "UTF-8";
/* a comment with a { brace */
.used{color:red}
.absent{color:blue}
.used .absent,.used:hover{margin:0}
.used:not(.absent){padding:0}
.absent>.used{border:0}
a[href$=".pdf"]{content:"{"}
#main{width:1px}
#nowhere{width:2px}
.fa-1\\.5x{font-size:1.5em}
.bs-tooltip-top{top:0}
@font-face{font-family:X;src:url(x.woff2)}
@keyframes spin{from{opacity:0}to{opacity:1}}
@media (max-width:10px){.absent{color:red}}
@media (min-width:10px){.used{color:green}.absent{color:red}}
"""


def test_a_rule_goes_only_when_every_selector_needs_a_name_no_page_has():
    out = cut(SHEET, {"used", "main"})
    for kept in (
        '@charset "UTF-8";',
        ".used{color:red}",
        ".used .absent,.used:hover{margin:0}",  # one selector of the two can match
        ".used:not(.absent){padding:0}",  # a name inside :not() is not needed
        'a[href$=".pdf"]{content:"{"}',  # elements and attributes only; a brace in a string
        "#main{width:1px}",
        ".fa-1\\.5x{font-size:1.5em}",  # an escaped name: not one word of the site's, so kept
        ".bs-tooltip-top{top:0}",  # built by Bootstrap's scripts from parts
        "@font-face{font-family:X;src:url(x.woff2)}",
        "@keyframes spin{from{opacity:0}to{opacity:1}}",
        "@media (min-width:10px){.used{color:green}}",
    ):
        assert kept in out, kept
    for gone in (".absent{color:blue}", ".absent>.used", "#nowhere", "@media (max-width:10px)", "color:red}}"):
        assert gone not in out, gone


def test_nothing_is_cut_when_every_name_is_used():
    names = {"used", "absent", "main", "nowhere"}
    assert cut(SHEET, names).count("{") == SHEET.split("*/", 1)[1].count("{")  # every rule, less the comment
