"""The rule catalog and the checks that produce findings."""
