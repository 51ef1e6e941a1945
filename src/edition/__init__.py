"""Shared code of the digital edition of Mansourov, "Russian–North Korean Relations ..."."""

__version__ = "0.1.0"
