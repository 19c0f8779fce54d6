"""zx: checks, forms and tallies for MIIT's 工业稳增长和转型升级成效明显市（州） selection."""

__version__ = "0.1.0"
