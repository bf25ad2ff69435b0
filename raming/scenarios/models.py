"""Models of scenarios."""
