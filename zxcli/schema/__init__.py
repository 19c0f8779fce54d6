"""The JSON Schemas: the store (compiled once), the checks of a document, the export.

`store` needs only bundled files; `check` turns schema errors into coded findings at a
line; `export` writes the schemas for editors. Import the module you need.
"""
