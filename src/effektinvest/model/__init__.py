"""The scenario model: what a valid scenario file is (`scenario`), its value types (`values`), what a
validation error says to a user (`errors`), and validation that keeps every part that is valid (`partial`)."""

from effektinvest.model.scenario import FinancingLine, PooledLine, Project, Repay, Scenario, Source, SourceKind, Status

__all__ = ["FinancingLine", "PooledLine", "Project", "Repay", "Scenario", "Source", "SourceKind", "Status"]
