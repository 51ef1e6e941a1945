"""The edition's identity, read from the one place where it is set: _config.yml (edition:, repository:, title, author).

Version, date, editors, licence, the site's address and the print publication are set there
once. Everything that names them is made from this module: the pages' citation metadata and
the citation dialog (edition.sphinxext.citation), CITATION.cff (written by
`python -m edition.identity`), the TEI header (edition.export), the EPUB's and the PDF's
metadata, and the citation on "About this edition".

The repository's address is a placeholder (OWNER) until the edition is published; the site's
address follows from it (GitHub Pages) unless edition: site_url says otherwise.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import paths

CONFIG = paths.ROOT / "_config.yml"
CITATION_CFF = paths.ROOT / "CITATION.cff"
PLACEHOLDER = "OWNER"
LICENCE_URLS = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"}
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


@dataclass(frozen=True)
class Person:
    family: str
    given: str
    name: str = ""  # as the person's name is written in running text, when not "given family" (Ahn Choong-yong)

    @property
    def display(self) -> str:
        return self.name or f"{self.given} {self.family}"

    @property
    def inverted(self) -> str:
        return f"{self.family}, {self.given}"


@dataclass(frozen=True)
class Identity:
    edition_title: str
    version: str
    date: datetime.date
    editors: str
    licence: str
    language: str
    keywords: tuple[str, ...]
    repository: str
    site_url: str  # ends with "/"
    doi: str  # the release's DOI (10.5281/zenodo....), or "" before Zenodo has given one
    title: str  # the article's
    author: Person
    written: str
    book_title: str
    book_editors: tuple[Person, ...]
    chapter: int
    first_page: int
    last_page: int

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS[self.licence]

    @property
    def published(self) -> bool:
        """False while the repository's address is still the placeholder: the site's address is not known."""
        return PLACEHOLDER not in self.repository and PLACEHOLDER not in self.site_url

    @property
    def tag(self) -> str:
        """The release's git tag, and the folder of the site where its copy stays: v1.0.0."""
        return f"v{self.version}"

    @property
    def release_url(self) -> str:
        """The address of this version's own copy of the site, which later releases leave as it is."""
        return f"{self.site_url}{self.tag}/"

    def page_url(self, docname: str, fragment: str = "") -> str:
        """The stable address of a page of this version (and of a paragraph on it, with fragment p-14)."""
        return f"{self.release_url}{docname}.html" + (f"#{fragment}" if fragment else "")

    @property
    def editors_sentence(self) -> str:
        """The editors as the first words of a sentence."""
        return self.editors[:1].upper() + self.editors[1:]


def pages_url(repository: str) -> str:
    """GitHub Pages' address for a repository on github.com: https://github.com/OWNER/NAME -> https://OWNER.github.io/NAME/."""
    m = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)/?", repository)
    if not m:
        raise ValueError(f"_config.yml: repository: url {repository!r} is not on github.com; set edition: site_url")
    return f"https://{m[1].lower()}.github.io/{m[2]}/"


def _author(name: str) -> Person:
    """_config.yml's author ("Alexandre Y. Mansourov"): the family name is the last word."""
    given, _, family = name.strip().rpartition(" ")
    return Person(family=family, given=given)


def from_config(config: dict) -> Identity:
    ed, art, pr = config["edition"], config["edition"]["article"], config["edition"]["print"]
    version = str(ed["version"])
    if not SEMVER.match(version):
        raise ValueError(f"_config.yml: edition: version {version!r} is not a semantic version (1.0.0)")
    if ed["licence"] not in LICENCE_URLS:
        raise ValueError(f"_config.yml: edition: licence {ed['licence']!r} is none of {', '.join(LICENCE_URLS)}")
    repository = config["repository"]["url"].rstrip("/")
    site_url = ed.get("site_url") or pages_url(repository)
    return Identity(
        edition_title=config["title"],
        version=version,
        date=ed["date"] if isinstance(ed["date"], datetime.date) else datetime.date.fromisoformat(ed["date"]),
        editors=ed["editors"],
        licence=ed["licence"],
        language=ed["language"],
        keywords=tuple(ed["keywords"]),
        repository=repository,
        site_url=site_url.rstrip("/") + "/",
        doi=str(ed.get("doi") or ""),
        title=art["title"],
        author=_author(config["author"]),
        written=art["written"],
        book_title=pr["book_title"],
        book_editors=tuple(Person(**p) for p in pr["book_editors"]),
        chapter=int(pr["chapter"]),
        first_page=int(pr["first_page"]),
        last_page=int(pr["last_page"]),
    )


@functools.cache
def load(path: Path = CONFIG) -> Identity:
    return from_config(yaml.safe_load(path.read_text(encoding="utf-8")))


def citation_cff(ident: Identity) -> str:
    """CITATION.cff, which GitHub shows as "Cite this repository" and Zenodo reads for a release's record."""
    record = {
        "cff-version": "1.2.0",
        "message": "To cite the edition (its text, apparatus and data), please use this record; to cite the "
        "article, cite Mansourov, with the print page and the edition's paragraph number (p. 356, ¶ 14).",
        "title": ident.edition_title,
        "type": "dataset",
        "version": ident.version,
        "date-released": ident.date.isoformat(),
        "url": ident.release_url,
        **({"doi": ident.doi} if ident.doi else {}),
        "repository-code": ident.repository,
        "authors": [{"name": ident.editors_sentence}],
        "license": ident.licence,
        "keywords": list(ident.keywords),
        "references": [
            {
                "type": "book-section",
                "title": ident.title,
                "authors": [{"family-names": ident.author.family, "given-names": ident.author.given}],
                "collection-title": ident.book_title,
                "editors": [{"family-names": p.family, "given-names": p.given} for p in ident.book_editors],
                "section": str(ident.chapter),
                "start": ident.first_page,
                "end": ident.last_page,
                "notes": f"Chapter {ident.chapter}, from p. {ident.first_page} (the volume's table of contents); "
                f"the last page, {ident.last_page}, is inferred from the witness. Year of publication and "
                "publisher's imprint not established.",
            }
        ],
    }
    head = "# Generated from _config.yml (edition:, repository:) by python -m edition.identity: do not edit by hand.\n"
    return head + yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=1000)


def main() -> None:
    CITATION_CFF.write_text(citation_cff(load()), encoding="utf-8")
    print(f"wrote {CITATION_CFF.relative_to(paths.ROOT)}")


if __name__ == "__main__":
    main()
