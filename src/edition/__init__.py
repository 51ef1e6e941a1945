"""Shared code of the digital edition of Mansourov, "Russian–North Korean Relations ..."."""

from .identity import load as _identity

__version__ = _identity().version  # the edition's version, set once in _config.yml (edition: version)
