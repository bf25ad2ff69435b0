"""Core has no models of its own (security log lives in ``core.audit`` when present)."""
