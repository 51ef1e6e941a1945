"""The witness is the supplied file, byte for byte."""
import hashlib

from edition import paths
from edition.text import load_decisions

WITNESS_SHA256 = "c3b54e93b7492a9da0aba4b591590e3b65b32f201d50765445afe287e60a99e8"


def test_witness_sha256_is_pinned():
    witness = paths.DATA / "source" / "000_aac12795dadaeab1.txt"
    assert hashlib.sha256(witness.read_bytes()).hexdigest() == WITNESS_SHA256


def test_decisions_name_the_same_witness():
    decisions = load_decisions()
    assert decisions["witness"]["sha256"] == WITNESS_SHA256
    assert (paths.DATA / decisions["witness"]["path"]).exists()


def test_witness_readme_states_conventions_and_coverage():
    readme = (paths.DATA / "source" / "README.md").read_text(encoding="utf-8")
    for needed in ("351–365", "359", "running head", "hyphen", "bibliography", WITNESS_SHA256):
        assert needed in readme, needed
