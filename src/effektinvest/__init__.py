"""effektinvest: financing calculator for municipal social impact investments."""

__version__ = "0.1.0"
