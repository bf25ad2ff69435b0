"""Models of uitruil."""
