"""The dashboard's figures, one module per service; each function runs one query."""
