"""Reading inputs safely: YAML with a line map, attachments; writing outputs atomically."""
