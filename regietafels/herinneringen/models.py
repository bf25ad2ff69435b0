"""Models of herinneringen."""
